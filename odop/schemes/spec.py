"""A scheme written as data: the frozen dataclasses the engine reads, and their JSON layout.

The shipped schemes live in `odop/schemes/data/<code>.json` (the platform's own configuration,
with the sources each rule comes from); a `SchemeVersion` row stores its facts, steps,
criteria and golden cases in the same layout. `version_from_dict` and `scheme_from_dict` read
that layout and refuse unknown or missing keys, so a typo cannot drop a rule silently. Amounts
and rates are written as strings ("0.35") so no float ever touches money. No ORM, no I/O.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Final

NAME_PATTERN: Final = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


class SpecError(ValueError):
    """A scheme file or stored version that does not follow the layout; `code` names the rule."""

    def __init__(self, message: str, *, code: str = "spec_invalid") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class FactType(StrEnum):
    DECIMAL = "decimal"  # an amount in rupees (at most two places: paise)
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHOICE = "choice"


class ParameterType(StrEnum):
    DECIMAL = "decimal"
    INTEGER = "integer"


class ValueStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """One allowed value of a choice fact, with its label in both languages."""

    value: str
    en: str
    hi: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """A fact an applicant gives: its type and, for numbers, inclusive bounds."""

    name: str
    type: FactType
    en: str
    hi: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: tuple[str, ...] = ()
    choice_labels: tuple[Choice, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """A named benefit step: a number computed from facts, parameters and earlier steps."""

    name: str
    rule: str
    en: str
    hi: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Criterion:
    """An eligibility rule (yes or no) and the plain-words reason shown when it fails."""

    name: str
    rule: str
    reason_en: str
    reason_hi: str
    en: str = ""  # the rule in plain words, for the public page
    hi: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldenCase:
    """Facts on a date and the result a version must give for them before it is published."""

    name: str
    as_of: date
    facts: Mapping[str, Any]
    eligible: bool
    benefit: Decimal
    include_proposed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionSpec:
    """The rules of one scheme version; `parameters` are the scheme's parameter names."""

    number: int
    facts: tuple[Fact, ...]
    steps: tuple[Step, ...]
    criteria: tuple[Criterion, ...]
    golden_cases: tuple[GoldenCase, ...]
    parameters: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ParameterValue:
    """A dated value of a named parameter and the order or guideline that set it."""

    name: str
    value: Decimal
    effective_from: date
    effective_to: date | None
    reference: str
    status: ValueStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class ParameterSpec:
    """A scheme parameter (a rate, a cap, a limit) and its shipped dated values."""

    name: str
    type: ParameterType
    en: str
    hi: str
    values: tuple[ParameterValue, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SchemeSpec:
    """One shipped scheme file: who runs it, its sources, parameters and versions."""

    code: str
    name: Mapping[str, str]
    sponsor: Mapping[str, str]
    description: Mapping[str, str]
    state_lgd_code: int | None
    sources: tuple[Mapping[str, Any], ...]
    parameters: tuple[ParameterSpec, ...]
    versions: tuple[VersionSpec, ...]


def _keys(
    data: Any, where: str, required: set[str], optional: frozenset[str] | set[str] = frozenset()
) -> None:
    if not isinstance(data, Mapping):
        raise SpecError(f"{where}: expected an object.")
    missing = required - set(data)
    unknown = set(data) - required - optional
    if missing or unknown:
        raise SpecError(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}.")


def _name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not NAME_PATTERN.match(value):
        raise SpecError(
            f"{where}: the name {value!r} must be lower-case letters, digits and _ "
            "(starting with a letter)."
        )
    return value


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise SpecError(f'{where}: write numbers as strings ("0.35") or whole numbers.')
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise SpecError(f"{where}: {value!r} is not a number.") from error
    if not number.is_finite():
        raise SpecError(f"{where}: {value!r} is not a number.")
    return number


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise SpecError(f"{where}: {value!r} is not a date (YYYY-MM-DD).") from error


def _words(data: Any, where: str) -> tuple[str, str]:
    _keys(data, where, {"en", "hi"})
    if not all(isinstance(data[key], str) and data[key].strip() for key in ("en", "hi")):
        raise SpecError(f"{where}: English and Hindi words are both needed.")
    return data["en"], data["hi"]


def _fact(data: Any, where: str) -> Fact:
    _keys(data, where, {"name", "type", "label"}, {"minimum", "maximum", "choices"})
    name = _name(data["name"], where)
    try:
        kind = FactType(data["type"])
    except ValueError as error:
        raise SpecError(f"{where}: unknown fact type {data['type']!r}.") from error
    en, hi = _words(data["label"], f"{where}.label")
    minimum = _decimal(data["minimum"], where) if "minimum" in data else None
    maximum = _decimal(data["maximum"], where) if "maximum" in data else None
    if kind in {FactType.DECIMAL, FactType.INTEGER} and (minimum is None or maximum is None):
        raise SpecError(f"{where}: a number fact needs a minimum and a maximum.")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise SpecError(f"{where}: the minimum is above the maximum.")
    labels: list[Choice] = []
    if kind == FactType.CHOICE:
        if not data.get("choices"):
            raise SpecError(f"{where}: a choice fact needs its choices.")
        for index, choice in enumerate(data["choices"]):
            _keys(choice, f"{where}.choices[{index}]", {"value", "en", "hi"})
            labels.append(
                Choice(value=_name(choice["value"], where), en=choice["en"], hi=choice["hi"])
            )
    elif "choices" in data:
        raise SpecError(f"{where}: only a choice fact has choices.")
    return Fact(
        name=name,
        type=kind,
        en=en,
        hi=hi,
        minimum=minimum,
        maximum=maximum,
        choices=tuple(label.value for label in labels),
        choice_labels=tuple(labels),
    )


def _golden(data: Any, where: str) -> GoldenCase:
    _keys(data, where, {"name", "as_of", "facts", "eligible", "benefit"}, {"include_proposed"})
    if not isinstance(data["facts"], Mapping) or not isinstance(data["eligible"], bool):
        raise SpecError(f"{where}: facts must be an object and eligible true or false.")
    return GoldenCase(
        name=str(data["name"]),
        as_of=_date(data["as_of"], where),
        facts=dict(data["facts"]),
        eligible=data["eligible"],
        benefit=_decimal(data["benefit"], where),
        include_proposed=bool(data.get("include_proposed", False)),
    )


def version_from_dict(data: Any, *, parameters: Sequence[str]) -> VersionSpec:
    """Read one version (`number`, `facts`, `steps`, `criteria`, `golden_cases`)."""
    where = "version"
    _keys(data, where, {"number", "facts", "steps", "criteria", "golden_cases"})
    for key in ("facts", "steps", "criteria", "golden_cases"):
        if not isinstance(data[key], list):
            raise SpecError(f"{where}.{key}: expected a list.")
    if not isinstance(data["number"], int) or isinstance(data["number"], bool):
        raise SpecError(f"{where}.number: expected a whole number.")
    steps = []
    for index, step in enumerate(data["steps"]):
        place = f"{where}.steps[{index}]"
        _keys(step, place, {"name", "rule", "label"})
        en, hi = _words(step["label"], f"{place}.label")
        steps.append(Step(name=_name(step["name"], place), rule=str(step["rule"]), en=en, hi=hi))
    criteria = []
    for index, criterion in enumerate(data["criteria"]):
        place = f"{where}.criteria[{index}]"
        _keys(criterion, place, {"name", "rule", "reason"}, {"label"})
        reason_en, reason_hi = _words(criterion["reason"], f"{place}.reason")
        en, hi = _words(criterion["label"], f"{place}.label") if "label" in criterion else ("", "")
        criteria.append(
            Criterion(
                name=_name(criterion["name"], place),
                rule=str(criterion["rule"]),
                reason_en=reason_en,
                reason_hi=reason_hi,
                en=en,
                hi=hi,
            )
        )
    return VersionSpec(
        number=data["number"],
        facts=tuple(_fact(fact, f"{where}.facts[{i}]") for i, fact in enumerate(data["facts"])),
        steps=tuple(steps),
        criteria=tuple(criteria),
        golden_cases=tuple(
            _golden(case, f"{where}.golden_cases[{i}]")
            for i, case in enumerate(data["golden_cases"])
        ),
        parameters=tuple(parameters),
    )


def _parameter(data: Any, where: str) -> ParameterSpec:
    _keys(data, where, {"name", "type", "label", "values"})
    name = _name(data["name"], where)
    try:
        kind = ParameterType(data["type"])
    except ValueError as error:
        raise SpecError(f"{where}: unknown parameter type {data['type']!r}.") from error
    en, hi = _words(data["label"], f"{where}.label")
    values = []
    for index, value in enumerate(data["values"]):
        place = f"{where}.values[{index}]"
        _keys(value, place, {"value", "effective_from", "reference", "status"}, {"effective_to"})
        values.append(
            ParameterValue(
                name=name,
                value=_decimal(value["value"], place),
                effective_from=_date(value["effective_from"], place),
                effective_to=(
                    _date(value["effective_to"], place) if value.get("effective_to") else None
                ),
                reference=str(value["reference"]),
                status=ValueStatus(value["status"]),
            )
        )
    return ParameterSpec(name=name, type=kind, en=en, hi=hi, values=tuple(values))


def scheme_from_dict(data: Any) -> SchemeSpec:
    """Read one shipped scheme file (see the module docstring)."""
    _keys(
        data,
        "scheme",
        {"code", "name", "sponsor", "description", "state", "sources", "parameters", "versions"},
    )
    if not isinstance(data["sources"], list) or not data["sources"]:
        raise SpecError("scheme.sources: every scheme cites at least one source.")
    for index, source in enumerate(data["sources"]):
        _keys(source, f"scheme.sources[{index}]", {"title", "issuer", "year"}, {"note"})
    parameters = tuple(
        _parameter(parameter, f"scheme.parameters[{i}]")
        for i, parameter in enumerate(data["parameters"])
    )
    names = tuple(parameter.name for parameter in parameters)
    return SchemeSpec(
        code=str(data["code"]),
        name=dict(zip(("en", "hi"), _words(data["name"], "scheme.name"), strict=True)),
        sponsor=dict(zip(("en", "hi"), _words(data["sponsor"], "scheme.sponsor"), strict=True)),
        description=dict(
            zip(("en", "hi"), _words(data["description"], "scheme.description"), strict=True)
        ),
        state_lgd_code=data["state"],
        sources=tuple(dict(source) for source in data["sources"]),
        parameters=parameters,
        versions=tuple(version_from_dict(v, parameters=names) for v in data["versions"]),
    )
