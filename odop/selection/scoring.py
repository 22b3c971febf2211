"""Pure scorecard arithmetic for product selection. No ORM, no I/O: callers load, we compute.

A scorecard definition is data: parts, criteria with their maximum points and scale, star bands
and the highest star rating each tier may certify. `odop.selection.scorecards` reads the shipped
definitions from JSON; this module validates them and does every sum. Points are `Decimal`
throughout, so a total of 89.99 never rounds into the 90-point band.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, Inexact, localcontext
from itertools import pairwise
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

CriterionMethod = Literal["manual", "computed"]
CRITERION_METHODS: Final = ("manual", "computed")
HUNDREDTH: Final = Decimal("0.01")


class ScorecardError(ValueError):
    """A scorecard definition or a score that breaks a rule; `code` names the rule."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class IndicatorStep(NamedTuple):
    """One step of a computed criterion: an indicator of at least `minimum` scores `scale_value`.

    Steps are listed with strictly increasing minimums; the last step whose minimum the indicator
    reaches applies. Scale values may go up or down, so "fewer other districts have it, the
    higher the score" is written as falling scale values.
    """

    minimum: Decimal
    scale_value: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Criterion:
    """One scored question: its weight (`max_points`), the scale it is scored on, and how.

    A scale value v earns max_points × (v − scale_min) / (scale_max − scale_min). `manual`
    criteria are scored by an assessor; `indicator`, if set, names the evidence shown next to
    them. `computed` criteria turn the named indicator into a scale value through `thresholds`.
    """

    code: str
    part: str
    title: str
    guidance: str
    max_points: Decimal
    scale_min: Decimal
    scale_max: Decimal
    scale_step: Decimal
    method: CriterionMethod
    indicator: str = ""
    thresholds: tuple[IndicatorStep, ...] = ()

    def __post_init__(self) -> None:
        where = f"criterion {self.code!r}"
        for name in ("max_points", "scale_min", "scale_max", "scale_step"):
            object.__setattr__(self, name, _decimal(getattr(self, name), f"{where} {name}"))
        object.__setattr__(
            self,
            "thresholds",
            tuple(
                IndicatorStep(
                    _decimal(minimum, f"{where} threshold minimum"),
                    _decimal(scale_value, f"{where} threshold scale value"),
                )
                for minimum, scale_value in self.thresholds
            ),
        )
        _criterion_validate(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """A group of criteria; its maximum is the sum of theirs (OCOP Part A, B, C)."""

    code: str
    title: str
    max_points: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "max_points", _decimal(self.max_points, f"part {self.code!r} max_points")
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class StarBand:
    """Totals from `min_points` up to (not including) the next band's minimum earn `stars`."""

    stars: int
    min_points: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "min_points", _decimal(self.min_points, f"{self.stars}-star band min_points")
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ScorecardDefinition:
    """One published version of a scorecard. Construction validates it; an instance is sound.

    `bands` is empty for scorecards that rank rather than award stars (ODOP India).
    `tier_max_stars` maps a tier ("district", "province", "national") to the highest rating it
    may certify; a tier absent from it certifies nothing. Ratings below `certificate_min_stars`
    get no certificate at any tier.
    """

    key: str
    version: str
    title: str
    source: str
    total_points: Decimal
    parts: tuple[Part, ...]
    criteria: tuple[Criterion, ...]
    bands: tuple[StarBand, ...] = ()
    tier_max_stars: Mapping[str, int] = field(default_factory=dict)
    certificate_months: int | None = None
    certificate_min_stars: int | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_points", _decimal(self.total_points, "total_points"))
        object.__setattr__(self, "parts", tuple(self.parts))
        object.__setattr__(self, "criteria", tuple(self.criteria))
        object.__setattr__(self, "bands", tuple(self.bands))
        # A read-only view, so a shared definition cannot be changed behind a scorer's back.
        object.__setattr__(self, "tier_max_stars", MappingProxyType(dict(self.tier_max_stars)))
        _definition_validate(self)

    def criterion(self, code: str) -> Criterion:
        """The criterion with `code`; ScorecardError if there is none."""
        for criterion in self.criteria:
            if criterion.code == code:
                return criterion
        raise ScorecardError(
            f"{self.key} {self.version} has no criterion {code!r}.", code="unknown_criteria"
        )

    def with_version(self, version: str) -> "ScorecardDefinition":
        """The same definition under another version label (for a derived version)."""
        return replace(self, version=version)

    def part_criteria(self, part_code: str) -> tuple[Criterion, ...]:
        """The criteria of one part, in definition order."""
        return tuple(criterion for criterion in self.criteria if criterion.part == part_code)


@dataclass(frozen=True, slots=True)
class CommitteeResult:
    """What a committee's independent totals come to, each figure to 2 decimal places.

    `mean` is rounded down, so it always falls in the same star band as the exact mean (band
    edges have at most 2 decimals); the other figures are rounded half up.
    """

    count: int
    mean: Decimal
    minimum: Decimal
    maximum: Decimal
    spread: Decimal  # maximum − minimum
    stdev: Decimal  # population standard deviation


# --- scoring -----------------------------------------------------------------------------------


def criterion_points(criterion: Criterion, scale_value: Decimal) -> Decimal:
    """Points earned by `scale_value`, linear from 0 at scale_min to max_points at scale_max.

    Refuses a value outside the scale (`out_of_scale`) or between steps (`off_step`). The result
    is exact: definitions whose points per step do not terminate are refused at construction.
    """
    value = _decimal(scale_value, f"value of criterion {criterion.code!r}", code="invalid_value")
    if not criterion.scale_min <= value <= criterion.scale_max:
        raise ScorecardError(
            f"Criterion {criterion.code!r} is scored from {criterion.scale_min} to "
            f"{criterion.scale_max}; {value} is outside that scale.",
            code="out_of_scale",
        )
    if (value - criterion.scale_min) % criterion.scale_step != 0:
        raise ScorecardError(
            f"Criterion {criterion.code!r} is scored in steps of {criterion.scale_step} from "
            f"{criterion.scale_min}; {value} is between steps.",
            code="off_step",
        )
    steps = (value - criterion.scale_min) / criterion.scale_step
    return steps * _points_per_step(criterion)


def scorecard_total(definition: ScorecardDefinition, values: Mapping[str, Decimal]) -> Decimal:
    """The total points of one assessor's scale values, keyed by criterion code.

    Every criterion must be scored (`missing_criteria`); codes the definition does not have are
    refused (`unknown_criteria`).
    """
    return sum(_criterion_points_by_code(definition, values).values(), Decimal(0))


def part_totals(
    definition: ScorecardDefinition, values: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    """Points per part code, in the definition's part order; same refusals as scorecard_total."""
    points = _criterion_points_by_code(definition, values)
    return {
        part.code: sum(
            (points[criterion.code] for criterion in definition.part_criteria(part.code)),
            Decimal(0),
        )
        for part in definition.parts
    }


def stars_for_total(definition: ScorecardDefinition, total: Decimal) -> int | None:
    """The star rating of `total`, or None for a scorecard without bands (it ranks instead).

    Bands are half-open: OCOP 2023 gives 89.99 four stars and 90 five. A total below 0 or above
    the definition's total points is refused (`total_out_of_range`).
    """
    value = _decimal(total, "total", code="invalid_value")
    if not Decimal(0) <= value <= definition.total_points:
        raise ScorecardError(
            f"A total of {value} is outside 0–{definition.total_points}.",
            code="total_out_of_range",
        )
    for band in reversed(definition.bands):
        if value >= band.min_points:
            return band.stars
    return None


def tier_may_certify(definition: ScorecardDefinition, tier: str, stars: int) -> bool:
    """Whether `tier` may certify a product rated `stars` (an OCOP district: up to 3 stars).

    A tier the definition does not list certifies nothing. Stars that no band awards are
    refused (`unknown_stars`), so a scorecard without bands refuses every rating.
    """
    _stars_check(definition, stars)
    if definition.certificate_min_stars is not None and stars < definition.certificate_min_stars:
        return False
    tier_max = definition.tier_max_stars.get(tier)
    return tier_max is not None and stars <= tier_max


def tier_for_stars(definition: ScorecardDefinition, stars: int) -> str | None:
    """The lowest tier that may certify `stars`, or None when no tier may (too few stars)."""
    _stars_check(definition, stars)
    tiers = [
        tier for tier in definition.tier_max_stars if tier_may_certify(definition, tier, stars)
    ]
    return min(tiers, key=lambda tier: definition.tier_max_stars[tier], default=None)


def computed_scale_value(criterion: Criterion, indicator_value: Decimal | None) -> Decimal | None:
    """The scale value a computed criterion's thresholds give `indicator_value`.

    None when there is no indicator value (no data) or it is below the first step's minimum.
    A yes/no indicator such as `gi_registered` is passed as 1 or 0.
    """
    if criterion.method != "computed":
        raise ScorecardError(
            f"Criterion {criterion.code!r} is scored by hand, not computed.", code="not_computed"
        )
    if indicator_value is None:
        return None
    value = _decimal(indicator_value, f"indicator {criterion.indicator!r}", code="invalid_value")
    reached = [step.scale_value for step in criterion.thresholds if value >= step.minimum]
    return reached[-1] if reached else None


def committee_result(totals: Sequence[Decimal]) -> CommitteeResult:
    """Mean, range and population standard deviation of the assessors' totals.

    Refuses an empty committee (`empty_committee`) and negative totals (`invalid_value`).
    """
    if not totals:
        raise ScorecardError("A committee result needs at least one total.", code="empty_committee")
    values = [_decimal(total, "committee total", code="invalid_value") for total in totals]
    if any(value < 0 for value in values):
        raise ScorecardError("Committee totals cannot be negative.", code="invalid_value")
    with localcontext() as context:
        context.prec = 40
        count = Decimal(len(values))
        mean = sum(values, Decimal(0)) / count
        variance = sum(((value - mean) ** 2 for value in values), Decimal(0)) / count
        stdev = variance.sqrt()
    minimum, maximum = min(values), max(values)
    return CommitteeResult(
        count=len(values),
        mean=mean.quantize(HUNDREDTH, rounding=ROUND_FLOOR),
        minimum=minimum.quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
        maximum=maximum.quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
        spread=(maximum - minimum).quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
        stdev=stdev.quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
    )


def weights_rescale(
    definition: ScorecardDefinition,
    new_max_points: Mapping[str, Decimal],
    *,
    version: str | None = None,
) -> ScorecardDefinition:
    """A new version of `definition` with the given criteria re-weighted (by criterion code).

    Criteria not named keep their weight; part maximums are re-summed; thresholds and bands are
    unchanged. Scales are unchanged too, except that a criterion scored directly in points (scale
    0 to its max_points, as OCOP parts are) keeps being scored in points up to its new maximum.
    The total must stay what it was (`total_changed`) and the result must validate like any
    definition. The version label stays the same unless `version` is given: the caller, who
    stores versions, names them (see also `ScorecardDefinition.with_version`).
    """
    codes = {criterion.code for criterion in definition.criteria}
    unknown = sorted(set(new_max_points) - codes)
    if unknown:
        raise ScorecardError(
            f"{definition.key} {definition.version} has no criteria {unknown}.",
            code="unknown_criteria",
        )
    criteria = tuple(
        _criterion_reweight(criterion, new_max_points[criterion.code])
        if criterion.code in new_max_points
        else criterion
        for criterion in definition.criteria
    )
    parts = tuple(
        replace(
            part,
            max_points=sum(
                (criterion.max_points for criterion in criteria if criterion.part == part.code),
                Decimal(0),
            ),
        )
        for part in definition.parts
    )
    total = sum((part.max_points for part in parts), Decimal(0))
    if total != definition.total_points:
        raise ScorecardError(
            f"The new weights add up to {total}, not {definition.total_points}.",
            code="total_changed",
        )
    return replace(
        definition,
        version=version if version is not None else definition.version,
        parts=parts,
        criteria=criteria,
    )


# --- helpers -----------------------------------------------------------------------------------


def _decimal(value: object, what: str, *, code: str = "invalid_definition") -> Decimal:
    """`value` as a finite Decimal. Floats are refused: they cannot hold 89.99 exactly."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise ScorecardError(f"{what} must be a Decimal, not {value!r}.", code=code)
    try:
        number = Decimal(value)
    except ArithmeticError:
        raise ScorecardError(f"{what} is not a number: {value!r}.", code=code) from None
    if not number.is_finite():
        raise ScorecardError(f"{what} must be a finite number, not {value!r}.", code=code)
    return number


def _criterion_reweight(criterion: Criterion, max_points: Decimal) -> Criterion:
    if criterion.scale_min == 0 and criterion.scale_max == criterion.max_points:
        new_max = _decimal(max_points, f"criterion {criterion.code!r} max_points")
        return replace(criterion, max_points=new_max, scale_max=new_max)
    return replace(criterion, max_points=max_points)


def _points_per_step(criterion: Criterion) -> Decimal:
    """Points one scale step is worth; raises decimal.Inexact if it does not terminate."""
    with localcontext() as context:
        context.prec = 40
        context.traps[Inexact] = True
        return (
            criterion.max_points
            * criterion.scale_step
            / (criterion.scale_max - criterion.scale_min)
        )


def _criterion_points_by_code(
    definition: ScorecardDefinition, values: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    codes = [criterion.code for criterion in definition.criteria]
    missing = [code for code in codes if code not in values]
    if missing:
        raise ScorecardError(f"Criteria not scored: {missing}.", code="missing_criteria")
    unknown = sorted(set(values) - set(codes))
    if unknown:
        raise ScorecardError(
            f"{definition.key} {definition.version} has no criteria {unknown}.",
            code="unknown_criteria",
        )
    return {
        criterion.code: criterion_points(criterion, values[criterion.code])
        for criterion in definition.criteria
    }


def _stars_check(definition: ScorecardDefinition, stars: int) -> None:
    if stars not in {band.stars for band in definition.bands}:
        raise ScorecardError(
            f"{definition.key} {definition.version} awards no {stars}-star rating.",
            code="unknown_stars",
        )


def _criterion_validate(criterion: Criterion) -> None:
    where = f"Criterion {criterion.code!r}"
    if not criterion.code or not criterion.part or not criterion.title:
        raise ScorecardError(f"{where} needs a code, a part and a title.", code="invalid_criterion")
    if criterion.method not in CRITERION_METHODS:
        raise ScorecardError(
            f"{where}: method must be one of {CRITERION_METHODS}, not {criterion.method!r}.",
            code="invalid_criterion",
        )
    if criterion.max_points <= 0:
        raise ScorecardError(f"{where}: max_points must be above 0.", code="invalid_criterion")
    if criterion.scale_step <= 0 or criterion.scale_min >= criterion.scale_max:
        raise ScorecardError(
            f"{where}: the scale needs scale_min < scale_max and a positive step.",
            code="invalid_scale",
        )
    if (criterion.scale_max - criterion.scale_min) % criterion.scale_step != 0:
        raise ScorecardError(
            f"{where}: {criterion.scale_min}–{criterion.scale_max} is not a whole number of "
            f"steps of {criterion.scale_step}.",
            code="invalid_scale",
        )
    try:
        _points_per_step(criterion)
    except Inexact:
        # A third of a point per step would make totals inexact and band edges ambiguous.
        raise ScorecardError(
            f"{where}: {criterion.max_points} points over a scale of "
            f"{criterion.scale_min}–{criterion.scale_max} in steps of {criterion.scale_step} "
            "gives points per step that are not an exact decimal.",
            code="inexact_weight",
        ) from None
    _thresholds_validate(criterion)


def _thresholds_validate(criterion: Criterion) -> None:
    where = f"Criterion {criterion.code!r}"
    if criterion.method == "manual":
        if criterion.thresholds:
            raise ScorecardError(
                f"{where} is scored by hand and cannot have thresholds.", code="invalid_thresholds"
            )
        return
    if not criterion.indicator or not criterion.thresholds:
        raise ScorecardError(
            f"{where} is computed and needs an indicator and thresholds.",
            code="invalid_thresholds",
        )
    minimums = [step.minimum for step in criterion.thresholds]
    if any(lower >= upper for lower, upper in pairwise(minimums)):
        raise ScorecardError(
            f"{where}: threshold minimums must be strictly increasing.", code="invalid_thresholds"
        )
    for step in criterion.thresholds:
        value = step.scale_value
        on_scale = criterion.scale_min <= value <= criterion.scale_max
        if not on_scale or (value - criterion.scale_min) % criterion.scale_step != 0:
            raise ScorecardError(
                f"{where}: threshold scale value {value} is not a value of its scale.",
                code="invalid_thresholds",
            )


def _definition_validate(definition: ScorecardDefinition) -> None:
    where = f"Scorecard {definition.key!r} version {definition.version!r}"
    if not definition.key or not definition.version or not definition.title:
        raise ScorecardError(
            "A scorecard needs a key, a version and a title.", code="invalid_definition"
        )
    if not definition.parts or not definition.criteria:
        raise ScorecardError(f"{where} needs parts and criteria.", code="invalid_definition")
    _codes_unique(where, "part", [part.code for part in definition.parts])
    _codes_unique(where, "criterion", [criterion.code for criterion in definition.criteria])
    part_codes = {part.code for part in definition.parts}
    for criterion in definition.criteria:
        if criterion.part not in part_codes:
            raise ScorecardError(
                f"{where}: criterion {criterion.code!r} names unknown part {criterion.part!r}.",
                code="unknown_part",
            )
    for part in definition.parts:
        criteria_sum = sum(
            (criterion.max_points for criterion in definition.part_criteria(part.code)),
            Decimal(0),
        )
        if criteria_sum != part.max_points:
            raise ScorecardError(
                f"{where}: the criteria of part {part.code!r} add up to {criteria_sum}, "
                f"not its {part.max_points} points.",
                code="criteria_do_not_sum",
            )
    parts_sum = sum((part.max_points for part in definition.parts), Decimal(0))
    if parts_sum != definition.total_points:
        raise ScorecardError(
            f"{where}: the parts add up to {parts_sum}, not {definition.total_points} points.",
            code="parts_do_not_sum",
        )
    _bands_validate(where, definition)
    _certification_validate(where, definition)


def _codes_unique(where: str, what: str, codes: list[str]) -> None:
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ScorecardError(f"{where}: {what} codes repeat: {duplicates}.", code="duplicate_code")
    if not all(codes):
        raise ScorecardError(f"{where}: every {what} needs a code.", code="invalid_definition")


def _bands_validate(where: str, definition: ScorecardDefinition) -> None:
    bands = definition.bands
    if not bands:
        return
    if bands[0].min_points != 0:
        raise ScorecardError(f"{where}: the first star band must start at 0.", code="invalid_bands")
    for lower, upper in pairwise(bands):
        if lower.min_points >= upper.min_points or lower.stars >= upper.stars:
            raise ScorecardError(
                f"{where}: star bands must rise strictly in points and stars.",
                code="invalid_bands",
            )
    if any(band.min_points != band.min_points.quantize(HUNDREDTH) for band in bands):
        # committee_result rounds the mean down to 0.01; finer edges could be crossed by it.
        raise ScorecardError(
            f"{where}: star band edges have at most 2 decimal places.", code="invalid_bands"
        )
    if bands[0].stars < 1 or bands[-1].min_points > definition.total_points:
        raise ScorecardError(
            f"{where}: stars start at 1 and no band may start above the total.",
            code="invalid_bands",
        )


def _certification_validate(where: str, definition: ScorecardDefinition) -> None:
    awarded = {band.stars for band in definition.bands}
    for tier, tier_max in definition.tier_max_stars.items():
        if not tier or isinstance(tier_max, bool) or tier_max not in awarded:
            raise ScorecardError(
                f"{where}: tier {tier!r} certifies up to {tier_max!r} stars, a rating no band "
                "awards.",
                code="invalid_tiers",
            )
    minimum = definition.certificate_min_stars
    if minimum is not None and minimum not in awarded:
        raise ScorecardError(
            f"{where}: certificate_min_stars {minimum!r} is a rating no band awards.",
            code="invalid_tiers",
        )
    months = definition.certificate_months
    if months is not None and (isinstance(months, bool) or months <= 0):
        raise ScorecardError(
            f"{where}: certificate_months must be positive.", code="invalid_definition"
        )
