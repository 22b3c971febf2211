"""Scheme evaluation, pure: a version's rules + the parameters in force + the facts -> decision.

No ORM and no I/O (the house style's "analytics are pure"): `odop.schemes.selectors` loads a
version and its parameter values into the frozen dataclasses of `odop.schemes.spec`, the
services and the API call `evaluate`, and the tests run every golden case through it without a
database.

How a version is evaluated:
1. The facts are checked against their declarations (`facts_check`): each one present, none
   unknown, each of its declared type and within its bounds.
2. The benefit steps run in order; each may read facts, parameters and earlier steps.
3. Each eligibility criterion (a yes/no rule over the same names and every step) is evaluated;
   every failed one contributes its plain-words reason, in English and Hindi.
4. The benefit is the last step's value, rounded half-up to the paisa only now, at the end;
   nothing is paid (0.00) when any criterion fails.
The trace lists every parameter the rules read (with the value used, its effective date and
the reference of the order that set it), then every step and every criterion with its value.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Final

from django.utils.translation import gettext as _

from odop.schemes.rules import RuleError, rule_compile, rule_evaluate, rule_names
from odop.schemes.spec import (
    Criterion,
    Fact,
    FactType,
    ParameterValue,
    Step,
    ValueStatus,
    VersionSpec,
)

PAISA: Final = Decimal("0.01")

_RULE_TYPE: Final = {
    FactType.DECIMAL: "number",
    FactType.INTEGER: "number",
    FactType.BOOLEAN: "boolean",
    FactType.CHOICE: "text",
}


class FactError(ValueError):
    """Facts that do not fit the version: one (fact, code, message) per problem.

    Codes: `missing_fact`, `unknown_fact`, `invalid_fact` (wrong type), `fact_out_of_range`.
    """

    def __init__(self, problems: Sequence[tuple[str, str, str]]) -> None:
        super().__init__("; ".join(message for _fact, _code, message in problems))
        self.problems = tuple(problems)


class ParameterNotSetError(ValueError):
    """A parameter the rules read has no value in force on the date asked about."""

    code = "parameter_not_set"

    def __init__(self, message: str, *, name: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True, slots=True, kw_only=True)
class ParameterUsed:
    """The value of one parameter in force on a date, with where it came from."""

    name: str
    value: Decimal
    effective_from: date
    effective_to: date | None
    reference: str
    status: ValueStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class TraceEntry:
    """One line of an evaluation's trace: a parameter used, a step computed or a criterion."""

    kind: str  # "parameter", "step" or "criterion"
    name: str
    value: str
    rule: str = ""
    effective_from: date | None = None
    reference: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Reason:
    """Why one criterion failed, in the words of the scheme."""

    criterion: str
    en: str
    hi: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """What a scheme gives for these facts on a date."""

    eligible: bool
    benefit: Decimal
    reasons: tuple[Reason, ...]
    trace: tuple[TraceEntry, ...]


def rule_types(*, version: VersionSpec) -> dict[str, str]:
    """The rule type of every fact and parameter a version's rules may read.

    Parameters are numbers (amounts, rates, counts); facts have their declared type.
    """
    types = {fact.name: _RULE_TYPE[fact.type] for fact in version.facts}
    types.update(dict.fromkeys(version.parameters, "number"))
    return types


def version_check(*, version: VersionSpec) -> frozenset[str]:
    """Check every rule of a version; the names of the parameters its rules read.

    Raises RuleError naming the first step or criterion that is wrong, or a name declared
    twice. Steps see facts, parameters and the steps before them; criteria see every step.
    """
    seen: set[str] = set()
    for name in [fact.name for fact in version.facts] + list(version.parameters):
        if name in seen:
            raise RuleError(_("%(name)s is declared twice.") % {"name": name}, name=name)
        seen.add(name)
    if not version.steps:
        raise RuleError(_("A version needs at least one benefit step."), name="steps")
    types = rule_types(version=version)
    read: set[str] = set()
    for step in version.steps:
        if step.name in types or step.name in seen:
            raise RuleError(_("%(name)s is declared twice.") % {"name": step.name}, name=step.name)
        rule = rule_compile(name=step.name, text=step.rule, types=types, result="number")
        read |= rule_names(rule)
        types[step.name] = "number"
        seen.add(step.name)
    for criterion in version.criteria:
        if criterion.name in seen:
            raise RuleError(
                _("%(name)s is declared twice.") % {"name": criterion.name}, name=criterion.name
            )
        seen.add(criterion.name)
        rule = rule_compile(name=criterion.name, text=criterion.rule, types=types, result="boolean")
        read |= rule_names(rule)
    return frozenset(read & set(version.parameters))


def parameters_as_of(
    *, values: Sequence[ParameterValue], as_of: date, include_proposed: bool = False
) -> dict[str, ParameterUsed]:
    """For each parameter, the value in force on `as_of`.

    Only approved values count (maker-checker), unless `include_proposed` (a golden case that
    shows what a pending change would give). When several values cover the date, the one that
    took effect last wins (a later order supersedes an earlier one); a proposal wins a tie with
    the approved value it would replace.
    """
    statuses = (
        {ValueStatus.APPROVED, ValueStatus.PROPOSED} if include_proposed else {ValueStatus.APPROVED}
    )
    in_force: dict[str, ParameterValue] = {}
    for value in values:
        if value.status not in statuses or value.effective_from > as_of:
            continue
        if value.effective_to is not None and as_of > value.effective_to:
            continue
        current = in_force.get(value.name)
        if current is None or (value.effective_from, value.status == ValueStatus.PROPOSED) > (
            current.effective_from,
            current.status == ValueStatus.PROPOSED,
        ):
            in_force[value.name] = value
    return {
        name: ParameterUsed(
            name=name,
            value=value.value,
            effective_from=value.effective_from,
            effective_to=value.effective_to,
            reference=value.reference,
            status=value.status,
        )
        for name, value in in_force.items()
    }


def _fact_value(fact: Fact, raw: Any) -> tuple[Any, str | None]:
    """The typed value of one fact, or (None, code) when it has the wrong type."""
    if fact.type == FactType.BOOLEAN:
        if isinstance(raw, bool):
            return raw, None
        if isinstance(raw, str) and raw.lower() in {"true", "false"}:
            return raw.lower() == "true", None
        return None, "invalid_fact"
    if fact.type == FactType.CHOICE:
        if isinstance(raw, str) and raw in fact.choices:
            return raw, None
        return None, "invalid_fact"
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        return None, "invalid_fact"
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        return None, "invalid_fact"
    if not number.is_finite():
        return None, "invalid_fact"
    if fact.type == FactType.INTEGER and number != number.to_integral_value():
        return None, "invalid_fact"
    if fact.type == FactType.DECIMAL and number != number.quantize(PAISA, rounding=ROUND_HALF_UP):
        return None, "invalid_fact"  # an amount in rupees has at most two places (paise)
    return number, None


def facts_check(*, version: VersionSpec, facts: Mapping[str, Any]) -> dict[str, Any]:
    """The facts as typed values (numbers as Decimal); raises FactError listing every problem."""
    problems: list[tuple[str, str, str]] = []
    declared = {fact.name: fact for fact in version.facts}
    for name in facts:
        if name not in declared:
            problems.append(
                (name, "unknown_fact", _("%(fact)s is not a fact of this scheme.") % {"fact": name})
            )
    typed: dict[str, Any] = {}
    for fact in version.facts:
        if fact.name not in facts or facts[fact.name] is None or facts[fact.name] == "":
            problems.append(
                (fact.name, "missing_fact", _("%(fact)s is needed.") % {"fact": fact.name})
            )
            continue
        value, code = _fact_value(fact, facts[fact.name])
        if code:
            problems.append(
                (fact.name, code, _("%(fact)s has the wrong kind of value.") % {"fact": fact.name})
            )
            continue
        if isinstance(value, Decimal) and not (
            (fact.minimum is None or value >= fact.minimum)
            and (fact.maximum is None or value <= fact.maximum)
        ):
            problems.append(
                (
                    fact.name,
                    "fact_out_of_range",
                    _("%(fact)s must be between %(minimum)s and %(maximum)s.")
                    % {"fact": fact.name, "minimum": fact.minimum, "maximum": fact.maximum},
                )
            )
            continue
        typed[fact.name] = value
    if problems:
        raise FactError(problems)
    return typed


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def evaluate(
    *,
    version: VersionSpec,
    parameters: Mapping[str, ParameterUsed],
    facts: Mapping[str, Any],
) -> Decision:
    """Evaluate a version on the facts with the parameter values given (see the module doc).

    Raises FactError for facts that do not fit, ParameterNotSetError when a parameter the rules
    read has no value, RuleError (`evaluation_failed`) when a step cannot be computed.
    """
    typed = facts_check(version=version, facts=facts)
    types = rule_types(version=version)
    compiled_steps = []
    read: set[str] = set()
    step_types = dict(types)
    for step in version.steps:
        rule = rule_compile(name=step.name, text=step.rule, types=step_types, result="number")
        compiled_steps.append((step, rule))
        read |= rule_names(rule)
        step_types[step.name] = "number"
    compiled_criteria = []
    for criterion in version.criteria:
        rule = rule_compile(
            name=criterion.name, text=criterion.rule, types=step_types, result="boolean"
        )
        compiled_criteria.append((criterion, rule))
        read |= rule_names(rule)
    return _run(
        parameters=parameters,
        typed=typed,
        steps=compiled_steps,
        criteria=compiled_criteria,
        read=read,
        declared_facts={fact.name for fact in version.facts},
    )


def _run(
    *,
    parameters: Mapping[str, ParameterUsed],
    typed: dict[str, Any],
    steps: Sequence[tuple[Step, Any]],
    criteria: Sequence[tuple[Criterion, Any]],
    read: set[str],
    declared_facts: set[str],
) -> Decision:
    trace: list[TraceEntry] = []
    values = dict(typed)
    for name in sorted(read - declared_facts - {step.name for step, _rule in steps}):
        used = parameters.get(name)
        if used is None:
            raise ParameterNotSetError(
                _("%(name)s has no approved value on this date.") % {"name": name}, name=name
            )
        values[name] = used.value
        trace.append(
            TraceEntry(
                kind="parameter",
                name=name,
                value=_shown(used.value),
                effective_from=used.effective_from,
                reference=used.reference,
            )
        )
    for step, rule in steps:
        values[step.name] = rule_evaluate(name=step.name, rule=rule, values=values)
        trace.append(
            TraceEntry(kind="step", name=step.name, value=_shown(values[step.name]), rule=step.rule)
        )
    reasons = []
    for criterion, rule in criteria:
        passed = bool(rule_evaluate(name=criterion.name, rule=rule, values=values))
        trace.append(
            TraceEntry(
                kind="criterion", name=criterion.name, value=_shown(passed), rule=criterion.rule
            )
        )
        if not passed:
            reasons.append(
                Reason(criterion=criterion.name, en=criterion.reason_en, hi=criterion.reason_hi)
            )
    eligible = not reasons
    last = steps[-1][0].name
    benefit = Decimal(values[last]) if eligible else Decimal(0)
    if benefit < 0:
        raise RuleError(
            _("%(name)s gives a negative benefit.") % {"name": last},
            name=last,
            code="evaluation_failed",
        )
    return Decision(
        eligible=eligible,
        benefit=benefit.quantize(PAISA, rounding=ROUND_HALF_UP),
        reasons=tuple(reasons),
        trace=tuple(trace),
    )


def golden_failures(
    *, code: str, version: VersionSpec, values: Sequence[ParameterValue]
) -> list[str]:
    """The golden cases of a version that do not give their expected result (empty: all pass).

    Each case runs with the parameters in force on its `as_of` date among `values` (approved
    only, or approved and proposed when the case says `include_proposed`).
    """
    failures = []
    for case in version.golden_cases:
        parameters = parameters_as_of(
            values=values, as_of=case.as_of, include_proposed=case.include_proposed
        )
        try:
            decision = evaluate(version=version, parameters=parameters, facts=case.facts)
        except (FactError, ParameterNotSetError, RuleError) as error:
            failures.append(f"{code} {case.name}: {error}")
            continue
        if decision.eligible != case.eligible or decision.benefit != case.benefit:
            failures.append(
                f"{code} {case.name}: expected eligible={case.eligible} "
                f"benefit={case.benefit}, got eligible={decision.eligible} "
                f"benefit={decision.benefit}"
            )
    return failures
