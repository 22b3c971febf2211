"""The scorecard definitions shipped with the platform, read from JSON. No ORM.

Each file in `data/scorecards/` is one published version, named `<key>-<version>.json`.
Decimal values are written as strings ("12.5") so that no float ever touches a weight;
plain JSON integers are accepted too. Unknown keys are refused, so a typo cannot silently
drop a rule. `definition_to_dict` writes the same layout back, for callers that
store a version (a JSON field, an export).
"""

import json
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Final

from odop.selection.scoring import (
    Criterion,
    CriterionMethod,
    IndicatorStep,
    Part,
    ScorecardDefinition,
    ScorecardError,
    StarBand,
)

SCORECARD_DIRECTORY: Final = Path(__file__).resolve().parent / "data" / "scorecards"

_DEFINITION_KEYS: Final = {
    "key": True,
    "version": True,
    "title": True,
    "source": True,
    "notes": False,
    "total_points": True,
    "parts": True,
    "criteria": True,
    "star_bands": False,
    "tier_max_stars": False,
    "certificate_months": False,
    "certificate_min_stars": False,
}
_PART_KEYS: Final = {"code": True, "title": True, "max_points": True}
_CRITERION_KEYS: Final = {
    "code": True,
    "part": True,
    "title": True,
    "guidance": True,
    "max_points": True,
    "scale": True,
    "method": True,
    "indicator": False,
    "thresholds": False,
}
_SCALE_KEYS: Final = {"min": True, "max": True, "step": True}
_THRESHOLD_KEYS: Final = {"minimum": True, "value": True}
_BAND_KEYS: Final = {"stars": True, "min_points": True}


def scorecard_definitions() -> tuple[ScorecardDefinition, ...]:
    """Every shipped definition, sorted by key then version; each one validated.

    Read once per process. Raises ScorecardError naming the file if any is malformed or if two
    files claim the same key and version.
    """
    return _shipped_definitions()


def scorecard_definition(key: str, version: str) -> ScorecardDefinition:
    """The shipped definition `key` at `version`; ScorecardError (`unknown_scorecard`) if none."""
    for definition in scorecard_definitions():
        if definition.key == key and definition.version == version:
            return definition
    raise ScorecardError(
        f"No scorecard {key!r} version {version!r} is shipped.", code="unknown_scorecard"
    )


def scorecard_definition_from_file(path: Path) -> ScorecardDefinition:
    """Read and validate one definition file, which must be named `<key>-<version>.json`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, ValueError) as error:
        raise ScorecardError(
            f"{path.name}: cannot read JSON: {error}", code="malformed_data"
        ) from None
    try:
        definition = definition_from_dict(data)
    except ScorecardError as error:
        raise ScorecardError(f"{path.name}: {error}", code=error.code) from None
    expected_name = f"{definition.key}-{definition.version}.json"
    if path.name != expected_name:
        raise ScorecardError(
            f"{path.name} holds {definition.key} {definition.version}; name it {expected_name}.",
            code="malformed_data",
        )
    return definition


def definition_from_dict(data: Any) -> ScorecardDefinition:
    """Build and validate a definition from its JSON layout (see the module docstring)."""
    fields = _fields(data, _DEFINITION_KEYS, "definition")
    return ScorecardDefinition(
        key=_text(fields["key"], "key"),
        version=_text(fields["version"], "version"),
        title=_text(fields["title"], "title"),
        source=_text(fields["source"], "source"),
        notes=_text(fields.get("notes", ""), "notes"),
        total_points=_number(fields["total_points"], "total_points"),
        parts=tuple(
            _part(item, f"parts[{index}]")
            for index, item in enumerate(_list(fields["parts"], "parts"))
        ),
        criteria=tuple(
            _criterion(item, f"criteria[{index}]")
            for index, item in enumerate(_list(fields["criteria"], "criteria"))
        ),
        bands=tuple(
            _band(item, f"star_bands[{index}]")
            for index, item in enumerate(_list(fields.get("star_bands", []), "star_bands"))
        ),
        tier_max_stars={
            _text(tier, "tier_max_stars key"): _integer(stars, f"tier_max_stars.{tier}")
            for tier, stars in _mapping(fields.get("tier_max_stars", {}), "tier_max_stars").items()
        },
        certificate_months=_optional_integer(
            fields.get("certificate_months"), "certificate_months"
        ),
        certificate_min_stars=_optional_integer(
            fields.get("certificate_min_stars"), "certificate_min_stars"
        ),
    )


def definition_to_dict(definition: ScorecardDefinition) -> dict[str, Any]:
    """The JSON layout of `definition`, decimals as strings; reading it back gives an equal one."""
    return {
        "key": definition.key,
        "version": definition.version,
        "title": definition.title,
        "source": definition.source,
        "notes": definition.notes,
        "total_points": str(definition.total_points),
        "parts": [
            {"code": part.code, "title": part.title, "max_points": str(part.max_points)}
            for part in definition.parts
        ],
        "criteria": [_criterion_data(criterion) for criterion in definition.criteria],
        "star_bands": [
            {"stars": band.stars, "min_points": str(band.min_points)} for band in definition.bands
        ],
        "tier_max_stars": dict(definition.tier_max_stars),
        "certificate_months": definition.certificate_months,
        "certificate_min_stars": definition.certificate_min_stars,
    }


# --- reading -----------------------------------------------------------------------------------


@cache
def _shipped_definitions() -> tuple[ScorecardDefinition, ...]:
    definitions = [
        scorecard_definition_from_file(path) for path in sorted(SCORECARD_DIRECTORY.glob("*.json"))
    ]
    seen: set[tuple[str, str]] = set()
    for definition in definitions:
        identity = (definition.key, definition.version)
        if identity in seen:
            raise ScorecardError(
                f"Two files define {definition.key} version {definition.version}.",
                code="duplicate_code",
            )
        seen.add(identity)
    return tuple(sorted(definitions, key=lambda definition: (definition.key, definition.version)))


def _part(data: Any, where: str) -> Part:
    fields = _fields(data, _PART_KEYS, where)
    return Part(
        code=_text(fields["code"], f"{where}.code"),
        title=_text(fields["title"], f"{where}.title"),
        max_points=_number(fields["max_points"], f"{where}.max_points"),
    )


def _criterion(data: Any, where: str) -> Criterion:
    fields = _fields(data, _CRITERION_KEYS, where)
    scale = _fields(fields["scale"], _SCALE_KEYS, f"{where}.scale")
    thresholds = []
    for index, item in enumerate(_list(fields.get("thresholds", []), f"{where}.thresholds")):
        step = _fields(item, _THRESHOLD_KEYS, f"{where}.thresholds[{index}]")
        thresholds.append(
            IndicatorStep(
                minimum=_number(step["minimum"], f"{where}.thresholds[{index}].minimum"),
                scale_value=_number(step["value"], f"{where}.thresholds[{index}].value"),
            )
        )
    return Criterion(
        code=_text(fields["code"], f"{where}.code"),
        part=_text(fields["part"], f"{where}.part"),
        title=_text(fields["title"], f"{where}.title"),
        guidance=_text(fields["guidance"], f"{where}.guidance"),
        max_points=_number(fields["max_points"], f"{where}.max_points"),
        scale_min=_number(scale["min"], f"{where}.scale.min"),
        scale_max=_number(scale["max"], f"{where}.scale.max"),
        scale_step=_number(scale["step"], f"{where}.scale.step"),
        method=_method(fields["method"], f"{where}.method"),
        indicator=_text(fields.get("indicator", ""), f"{where}.indicator"),
        thresholds=tuple(thresholds),
    )


def _band(data: Any, where: str) -> StarBand:
    fields = _fields(data, _BAND_KEYS, where)
    return StarBand(
        stars=_integer(fields["stars"], f"{where}.stars"),
        min_points=_number(fields["min_points"], f"{where}.min_points"),
    )


def _criterion_data(criterion: Criterion) -> dict[str, Any]:
    return {
        "code": criterion.code,
        "part": criterion.part,
        "title": criterion.title,
        "guidance": criterion.guidance,
        "max_points": str(criterion.max_points),
        "scale": {
            "min": str(criterion.scale_min),
            "max": str(criterion.scale_max),
            "step": str(criterion.scale_step),
        },
        "method": criterion.method,
        "indicator": criterion.indicator,
        "thresholds": [
            {"minimum": str(step.minimum), "value": str(step.scale_value)}
            for step in criterion.thresholds
        ],
    }


def _method(data: Any, where: str) -> CriterionMethod:
    if data == "manual":
        return "manual"
    if data == "computed":
        return "computed"
    raise ScorecardError(
        f"{where} must be 'manual' or 'computed', not {data!r}.", code="malformed_data"
    )


def _fields(data: Any, keys: Mapping[str, bool], where: str) -> Mapping[str, Any]:
    """`data` as a mapping holding every required key of `keys` and nothing else."""
    fields = _mapping(data, where)
    missing = [key for key, required in keys.items() if required and key not in fields]
    unknown = sorted(set(fields) - set(keys))
    if missing or unknown:
        raise ScorecardError(
            f"{where}: missing keys {missing}, unknown keys {unknown}.", code="malformed_data"
        )
    return fields


def _mapping(data: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ScorecardError(f"{where} must be a JSON object.", code="malformed_data")
    return data


def _list(data: Any, where: str) -> list[Any]:
    if not isinstance(data, list):
        raise ScorecardError(f"{where} must be a JSON list.", code="malformed_data")
    return data


def _text(data: Any, where: str) -> str:
    if not isinstance(data, str):
        raise ScorecardError(f"{where} must be a string.", code="malformed_data")
    return data


def _number(data: Any, where: str) -> Decimal:
    """A decimal written as a string ("12.5"), an integer, or a JSON number read as Decimal."""
    if isinstance(data, bool) or not isinstance(data, str | int | Decimal):
        raise ScorecardError(
            f"{where} must be a decimal string or an integer.", code="malformed_data"
        )
    try:
        number = Decimal(data)
    except ArithmeticError:
        raise ScorecardError(f"{where} is not a number: {data!r}.", code="malformed_data") from None
    if not number.is_finite():
        raise ScorecardError(f"{where} must be finite.", code="malformed_data")
    return number


def _integer(data: Any, where: str) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise ScorecardError(f"{where} must be an integer.", code="malformed_data")
    return data


def _optional_integer(data: Any, where: str) -> int | None:
    return None if data is None else _integer(data, where)
