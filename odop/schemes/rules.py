"""Scheme rules as typed `rule-engine` expressions, compiled and checked. No ORM, no I/O.

A rule is text such as `$min([plant_machinery_cost * subsidy_rate, benefit_cap])`. It is parsed
by the PyPI package `rule-engine` against a typed context (every name a fact, a parameter or an
earlier step, each with its type), so an unknown name or a type mismatch is refused when the
rule is saved, not when a producer asks. Arithmetic is Decimal throughout.

rule-engine is already a small language with no `eval`, but it can read attributes
(`name.length`), index, slice, run regular expressions and call builtins such as `$random` or
`$now`. Scheme rules need none of that, so `rule_compile` walks the parsed tree and accepts only
an allowlist of node kinds: names, numbers, strings, booleans, arithmetic, comparisons,
`and`/`or`/`not`, `a ? b : c`, and the builtins `$min`, `$max` and `$abs` over a list.
"""

import decimal
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any, Final

import rule_engine
import rule_engine.ast as rule_ast
from django.utils.translation import gettext as _

# Wide enough that no intermediate amount (at most ₹10^13 with paise, times rates) loses a
# digit; the only rounding a benefit sees is the half-up to the paisa at the end.
DECIMAL_CONTEXT: Final = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)

NUMBER: Final = rule_engine.DataType.FLOAT  # rule-engine's number type holds a Decimal
BOOLEAN: Final = rule_engine.DataType.BOOLEAN
TEXT: Final = rule_engine.DataType.STRING

ALLOWED_BUILTINS: Final = frozenset({"min", "max", "abs"})
RULE_MAX: Final = 2_000  # characters: the longest shipped rule is under 200

_ALLOWED_NODES: Final = (
    rule_ast.Statement,
    rule_ast.SymbolExpression,
    rule_ast.FloatExpression,
    rule_ast.StringExpression,
    rule_ast.BooleanExpression,
    rule_ast.ArithmeticExpression,
    rule_ast.AddExpression,
    rule_ast.SubtractExpression,
    rule_ast.ArithmeticComparisonExpression,
    rule_ast.ComparisonExpression,
    rule_ast.LogicExpression,
    rule_ast.UnaryExpression,
    rule_ast.TernaryExpression,
    rule_ast.ArrayExpression,
    rule_ast.FunctionCallExpression,
)
_FORBIDDEN_ARITHMETIC: Final = frozenset({"pow", "fdiv"})  # `**` and `//`: no scheme needs them


class RuleError(ValueError):
    """A rule that cannot be used: `name` is the step or criterion, `code` says why."""

    def __init__(self, message: str, *, name: str, code: str = "rule_invalid") -> None:
        super().__init__(message)
        self.name = name
        self.code = code
        self.message = message


def _children(node: Any) -> Iterator[Any]:
    """Every sub-expression of a parsed node (rule-engine nodes keep them in slots or dicts)."""
    names: set[str] = set(getattr(node, "__dict__", {}))
    for klass in type(node).__mro__:
        names.update(getattr(klass, "__slots__", ()))
    for attribute in sorted(names - {"context", "result_type"}):
        value = getattr(node, attribute, None)
        values = value if isinstance(value, tuple | list) else (value,)
        for each in values:
            if isinstance(each, rule_ast.ExpressionBase | rule_ast.Statement):
                yield each


def _walk(node: Any) -> Iterator[Any]:
    yield node
    for child in _children(node):
        yield from _walk(child)


def _refusal(node: Any) -> str | None:
    """Why a parsed node is not allowed in a scheme rule, or None when it is."""
    # Exact types: rule-engine's regex match (=~) is a subclass of ComparisonExpression.
    if type(node) not in _ALLOWED_NODES:
        if isinstance(node, rule_ast.GetAttributeExpression):
            return _("reading attributes is not allowed")
        return _("this kind of expression is not allowed")
    if (
        isinstance(node, rule_ast.SymbolExpression)
        and node.scope is not None
        and node.name not in ALLOWED_BUILTINS
    ):
        return _("only $min, $max and $abs may be called")
    if isinstance(node, rule_ast.FunctionCallExpression) and not (
        isinstance(node.function, rule_ast.SymbolExpression) and node.function.scope is not None
    ):
        return _("only $min, $max and $abs may be called")
    if isinstance(node, rule_ast.ArithmeticExpression) and node.type in _FORBIDDEN_ARITHMETIC:
        return _("the operators ** and // are not allowed")
    return None


@lru_cache(maxsize=1024)
def _compiled(text: str, types: tuple[tuple[str, str], ...]) -> rule_engine.Rule:
    type_of = {"number": NUMBER, "boolean": BOOLEAN, "text": TEXT}
    context = rule_engine.Context(
        type_resolver=rule_engine.type_resolver_from_dict(
            {name: type_of[kind] for name, kind in types}
        ),
        decimal_context=DECIMAL_CONTEXT,
    )
    return rule_engine.Rule(text, context=context)


def rule_compile(
    *, name: str, text: str, types: Mapping[str, str], result: str
) -> rule_engine.Rule:
    """The compiled rule `text` over the names in `types` ("number", "boolean" or "text").

    Raises RuleError naming `name` for a syntax error, an unknown name, a type mismatch, a
    forbidden construct, or a result of another type than `result`.
    """
    if not text.strip():
        raise RuleError(_("%(name)s: the rule is empty.") % {"name": name}, name=name)
    if len(text) > RULE_MAX:
        raise RuleError(
            _("%(name)s: a rule has at most %(limit)s characters.")
            % {"name": name, "limit": RULE_MAX},
            name=name,
        )
    try:
        rule = _compiled(text, tuple(sorted(types.items())))
    except rule_engine.SymbolResolutionError as error:
        raise RuleError(
            _("%(name)s: unknown name “%(symbol)s”.") % {"name": name, "symbol": error.symbol_name},
            name=name,
        ) from error
    except rule_engine.RuleSyntaxError as error:
        raise RuleError(
            _("%(name)s: the rule cannot be read (%(detail)s).")
            % {"name": name, "detail": error.message},
            name=name,
        ) from error
    except rule_engine.EngineError as error:
        raise RuleError(
            _("%(name)s: the types do not fit together (%(detail)s).")
            % {"name": name, "detail": error.message},
            name=name,
        ) from error
    for node in _walk(rule.statement):
        refusal = _refusal(node)
        if refusal:
            raise RuleError(
                _("%(name)s: %(reason)s.") % {"name": name, "reason": refusal}, name=name
            )
    wanted = {"number": NUMBER, "boolean": BOOLEAN, "text": TEXT}[result]
    if rule.statement.expression.result_type != wanted:
        raise RuleError(
            _("%(name)s: the rule must give a %(kind)s.")
            % {"name": name, "kind": _("number") if result == "number" else _("yes or no")},
            name=name,
        )
    return rule


def rule_names(rule: rule_engine.Rule) -> frozenset[str]:
    """The context names (not builtins) a compiled rule reads."""
    return frozenset(
        node.name
        for node in _walk(rule.statement)
        if isinstance(node, rule_ast.SymbolExpression) and node.scope is None
    )


def rule_evaluate(*, name: str, rule: rule_engine.Rule, values: Mapping[str, Any]) -> Any:
    """The value of a compiled rule; a failure (division by zero) is a RuleError on `name`."""
    try:
        return rule.evaluate(dict(values))
    except (rule_engine.EngineError, ArithmeticError) as error:
        raise RuleError(
            _("%(name)s could not be computed (%(detail)s).")
            % {"name": name, "detail": getattr(error, "message", str(error))},
            name=name,
            code="evaluation_failed",
        ) from error
