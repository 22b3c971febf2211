"""Pure scorecard arithmetic: no database, definitions built in the test."""

import dataclasses
from decimal import Decimal

import pytest

from odop.selection.scoring import (
    CommitteeResult,
    Criterion,
    IndicatorStep,
    Part,
    ScorecardDefinition,
    ScorecardError,
    StarBand,
    committee_result,
    computed_scale_value,
    criterion_points,
    part_totals,
    scorecard_total,
    stars_for_total,
    tier_for_stars,
    tier_may_certify,
    weights_rescale,
)

D = Decimal

OCOP_BANDS = tuple(
    StarBand(stars=stars, min_points=D(minimum))
    for stars, minimum in [(1, "0"), (2, "30"), (3, "50"), (4, "70"), (5, "90")]
)


def _criterion(code: str = "A1", **overrides: object) -> Criterion:
    fields: dict[str, object] = {
        "code": code,
        "part": "A",
        "title": f"Criterion {code}",
        "guidance": "",
        "max_points": D("12.5"),
        "scale_min": D(1),
        "scale_max": D(5),
        "scale_step": D(1),
        "method": "manual",
    }
    fields.update(overrides)
    return Criterion(**fields)  # type: ignore[arg-type]


def _part_criterion(code: str, points: str) -> Criterion:
    return _criterion(
        code,
        part=code,
        max_points=D(points),
        scale_min=D(0),
        scale_max=D(points),
        scale_step=D("0.5"),
    )


def _ocop(
    weights: tuple[str, str, str] = ("40", "25", "35"), **overrides: object
) -> ScorecardDefinition:
    fields: dict[str, object] = {
        "key": "ocop-vietnam",
        "version": "2023",
        "title": "OCOP",
        "source": "Decision 148/QĐ-TTg",
        "total_points": D(100),
        "parts": tuple(
            Part(code=code, title=code, max_points=D(points))
            for code, points in zip("ABC", weights, strict=True)
        ),
        "criteria": tuple(
            _part_criterion(code, points) for code, points in zip("ABC", weights, strict=True)
        ),
        "bands": OCOP_BANDS,
        "tier_max_stars": {"district": 3, "province": 4, "national": 5},
        "certificate_months": 36,
        "certificate_min_stars": 3,
    }
    fields.update(overrides)
    return ScorecardDefinition(**fields)  # type: ignore[arg-type]


LOCATION_QUOTIENT = _criterion(
    "A1",
    method="computed",
    indicator="location_quotient",
    thresholds=tuple(
        IndicatorStep(D(minimum), D(value))
        for minimum, value in [("0", 1), ("0.5", 2), ("1", 3), ("1.5", 4), ("2", 5)]
    ),
)
OTHER_DISTRICTS = _criterion(
    "A3",
    method="computed",
    indicator="districts_with_product_in_state",
    thresholds=tuple(
        IndicatorStep(D(minimum), D(value))
        for minimum, value in [(0, 5), (1, 4), (3, 3), (6, 2), (10, 1)]
    ),
)


def _odop(**overrides: object) -> ScorecardDefinition:
    criteria = [_criterion(f"A{number}") for number in range(1, 9)]
    criteria[0], criteria[2] = LOCATION_QUOTIENT, OTHER_DISTRICTS
    fields: dict[str, object] = {
        "key": "odop-india",
        "version": "1",
        "title": "ODOP",
        "source": "issue #3",
        "total_points": D(100),
        "parts": (Part(code="A", title="Identification", max_points=D(100)),),
        "criteria": tuple(criteria),
    }
    fields.update(overrides)
    return ScorecardDefinition(**fields)  # type: ignore[arg-type]


def _ocop_values(a: str, b: str, c: str) -> dict[str, Decimal]:
    return {"A": D(a), "B": D(b), "C": D(c)}


# --- star bands and tiers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "stars"),
    [
        ("0", 1),
        ("29.99", 1),
        ("30", 2),
        ("49.99", 2),
        ("50", 3),
        ("69.99", 3),
        ("70", 4),
        ("89.99", 4),  # Ref: #3
        ("90", 5),  # Ref: #3
        ("100", 5),
    ],
)
def test_stars_for_total_bands_are_half_open(total, stars):
    assert stars_for_total(_ocop(), D(total)) == stars


@pytest.mark.parametrize("total", ["100.01", "-0.01", "1000"])
def test_stars_for_total_refuses_a_total_outside_the_scorecard(total):
    with pytest.raises(ScorecardError) as error:
        stars_for_total(_ocop(), D(total))

    assert error.value.code == "total_out_of_range"


def test_stars_for_total_is_none_for_a_ranking_scorecard():
    assert stars_for_total(_odop(), D("87.5")) is None


@pytest.mark.parametrize(
    ("_case", "tier", "stars", "may_certify"),
    [
        ("a district certifies 3 stars", "district", 3, True),
        ("a district cannot certify 4 stars", "district", 4, False),  # Ref: #3
        ("a district cannot certify 5 stars", "district", 5, False),
        ("a province certifies 3 stars", "province", 3, True),
        ("a province certifies 4 stars", "province", 4, True),
        ("a province cannot certify 5 stars", "province", 5, False),
        ("the centre certifies 5 stars", "national", 5, True),
        ("the centre certifies 4 stars", "national", 4, True),
        ("no tier certifies 2 stars", "national", 2, False),
        ("no tier certifies 1 star", "district", 1, False),
        ("an unlisted tier certifies nothing", "commune", 3, False),
    ],
)
def test_tier_may_certify(_case, tier, stars, may_certify):
    assert tier_may_certify(_ocop(), tier, stars) is may_certify


@pytest.mark.parametrize(
    ("stars", "tier"), [(1, None), (2, None), (3, "district"), (4, "province"), (5, "national")]
)
def test_tier_for_stars_is_the_lowest_tier_that_may_certify(stars, tier):
    assert tier_for_stars(_ocop(), stars) == tier


@pytest.mark.parametrize(
    ("definition", "stars"), [(_ocop(), 0), (_ocop(), 6), (_odop(), 3)], ids=["0", "6", "odop"]
)
def test_tier_may_certify_refuses_a_rating_no_band_awards(definition, stars):
    with pytest.raises(ScorecardError) as error:
        tier_may_certify(definition, "national", stars)

    assert error.value.code == "unknown_stars"


# --- criterion points and totals ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("criterion", "value", "points"),
    [
        (_criterion("A2"), "1", "0"),
        (_criterion("A2"), "2", "3.125"),
        (_criterion("A2"), "3", "6.25"),
        (_criterion("A2"), "4", "9.375"),
        (_criterion("A2"), "5", "12.5"),
        (_part_criterion("A", "40"), "0", "0"),
        (_part_criterion("A", "40"), "37.5", "37.5"),
        (_part_criterion("A", "40"), "40", "40"),
        (
            _criterion("X", max_points=D(10), scale_min=D(0), scale_max=D(4), scale_step=D(1)),
            "3",
            "7.5",
        ),
    ],
)
def test_criterion_points_are_linear_over_the_scale(criterion, value, points):
    assert criterion_points(criterion, D(value)) == D(points)


@pytest.mark.parametrize(
    ("criterion", "value", "code"),
    [
        (_criterion("A2"), D(0), "out_of_scale"),
        (_criterion("A2"), D(6), "out_of_scale"),
        (_criterion("A2"), D("-1"), "out_of_scale"),
        (_criterion("A2"), D("2.5"), "off_step"),
        (_part_criterion("A", "40"), D("40.5"), "out_of_scale"),
        (_part_criterion("A", "40"), D("12.25"), "off_step"),
        (_criterion("A2"), 3.0, "invalid_value"),
        (_criterion("A2"), D("NaN"), "invalid_value"),
        (_criterion("A2"), True, "invalid_value"),
    ],
)
def test_criterion_points_refuses_values_off_the_scale(criterion, value, code):
    with pytest.raises(ScorecardError) as error:
        criterion_points(criterion, value)

    assert error.value.code == code


@pytest.mark.parametrize(
    ("values", "total", "stars"),
    [
        (_ocop_values("36.5", "22", "31.5"), "90", 5),
        (_ocop_values("36.5", "22", "31"), "89.5", 4),
        (_ocop_values("40", "25", "35"), "100", 5),
        (_ocop_values("0", "0", "0"), "0", 1),
        (_ocop_values("20", "10", "19.5"), "49.5", 2),
    ],
)
def test_scorecard_total_adds_exact_points(values, total, stars):
    definition = _ocop()

    result = scorecard_total(definition, values)

    assert result == D(total)
    assert stars_for_total(definition, result) == stars


def test_scorecard_total_of_equal_weights_is_exact_to_the_thousandth():
    # given: 19 steps above the scale minimum in all, at 3.125 points a step
    values = {f"A{number}": D(value) for number, value in enumerate([5, 4, 3, 2, 1, 5, 4, 3], 1)}

    # when
    total = scorecard_total(_odop(), values)

    # then
    assert total == D("59.375")
    assert str(total.normalize()) == "59.375"


def test_part_totals_follow_the_part_order():
    totals = part_totals(_ocop(), _ocop_values("36.5", "22", "31.5"))

    assert totals == {"A": D("36.5"), "B": D(22), "C": D("31.5")}
    assert list(totals) == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"A": D(30), "B": D(20)}, "missing_criteria"),
        ({}, "missing_criteria"),
        ({"A": D(30), "B": D(20), "C": D(30), "D": D(1)}, "unknown_criteria"),
        ({"A": D(30), "B": D(20), "C": D("30.2")}, "off_step"),
        ({"A": D(30), "B": D(26), "C": D(30)}, "out_of_scale"),
    ],
)
def test_scorecard_total_refuses_incomplete_or_invalid_scores(values, code):
    for function in (scorecard_total, part_totals):
        with pytest.raises(ScorecardError) as error:
            function(_ocop(), values)

        assert error.value.code == code


# --- computed criteria --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "scale_value"),
    [
        (None, None),
        (D("-0.1"), None),
        (D(0), D(1)),
        (D("0.49"), D(1)),
        (D("0.5"), D(2)),
        (D("0.99"), D(2)),
        (D(1), D(3)),
        (D("1.5"), D(4)),
        (D(2), D(5)),
        (D("7.3"), D(5)),
    ],
)
def test_computed_scale_value_of_a_location_quotient(indicator, scale_value):
    assert computed_scale_value(LOCATION_QUOTIENT, indicator) == scale_value


@pytest.mark.parametrize(
    ("other_districts", "scale_value"),
    [(0, 5), (1, 4), (2, 4), (3, 3), (5, 3), (6, 2), (9, 2), (10, 1), (38, 1)],
)
def test_computed_scale_value_falls_as_more_districts_have_the_product(
    other_districts, scale_value
):
    assert computed_scale_value(OTHER_DISTRICTS, D(other_districts)) == D(scale_value)


def test_computed_scale_value_refuses_a_manual_criterion():
    with pytest.raises(ScorecardError) as error:
        computed_scale_value(_criterion("A2"), D(1))

    assert error.value.code == "not_computed"


def test_computed_scale_values_score_like_manual_ones():
    scale_value = computed_scale_value(LOCATION_QUOTIENT, D("1.7"))

    assert scale_value is not None
    assert criterion_points(LOCATION_QUOTIENT, scale_value) == D("9.375")


# --- committee ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        (
            ["90", "89", "91"],
            CommitteeResult(3, D("90.00"), D("89.00"), D("91.00"), D("2.00"), D("0.82")),
        ),
        (
            ["80", "85", "90", "95"],
            CommitteeResult(4, D("87.50"), D("80.00"), D("95.00"), D("15.00"), D("5.59")),
        ),
        (["72.5"], CommitteeResult(1, D("72.50"), D("72.50"), D("72.50"), D("0.00"), D("0.00"))),
        (
            ["59.375", "62.5", "50"],
            CommitteeResult(3, D("57.29"), D("50.00"), D("62.50"), D("12.50"), D("5.31")),
        ),
    ],
)
def test_committee_result_figures(totals, expected):
    result = committee_result([D(total) for total in totals])

    assert result == expected
    assert result.mean.as_tuple().exponent == -2
    assert result.stdev.as_tuple().exponent == -2


def test_committee_mean_is_rounded_down_so_it_keeps_the_exact_mean_s_star_band():
    # given: the exact mean is 89.9966…, short of the 5-star edge
    totals = [D("89.99"), D(90), D(90)]

    # when
    result = committee_result(totals)

    # then: rounding half up would have said 90.00 and five stars
    assert result.mean == D("89.99")
    assert stars_for_total(_ocop(), result.mean) == 4


@pytest.mark.parametrize(
    ("totals", "code"),
    [([], "empty_committee"), ([D(50), D(-1)], "invalid_value"), ([D(50), 49.5], "invalid_value")],
)
def test_committee_result_refuses_bad_input(totals, code):
    with pytest.raises(ScorecardError) as error:
        committee_result(totals)

    assert error.value.code == code


# --- weights ------------------------------------------------------------------------------------


def test_weights_rescale_makes_a_new_valid_version():
    # given
    original = _odop()

    # when
    rescaled = weights_rescale(original, {"A1": D(20), "A2": D(5)})

    # then
    assert rescaled.version == "1"  # the caller names versions (`version=` or with_version)
    assert rescaled.criterion("A1").max_points == D(20)
    assert rescaled.criterion("A2").max_points == D(5)
    assert rescaled.parts[0].max_points == D(100)
    assert rescaled.total_points == D(100)
    assert criterion_points(rescaled.criterion("A1"), D(5)) == D(20)
    assert criterion_points(rescaled.criterion("A2"), D(3)) == D("2.5")
    assert rescaled.criterion("A1").thresholds == LOCATION_QUOTIENT.thresholds
    assert original.criterion("A1").max_points == D("12.5")  # the old version is untouched


def test_weights_rescale_re_sums_the_parts():
    rescaled = weights_rescale(_ocop(), {"A": D(45), "C": D(30)}, version="2023-national")

    assert rescaled.version == "2023-national"
    assert [part.max_points for part in rescaled.parts] == [D(45), D(25), D(30)]
    # criteria scored in points stay scored in points, up to their new maximum
    assert rescaled.criterion("A").scale_max == D(45)
    assert rescaled.criterion("B").scale_max == D(25)
    assert scorecard_total(rescaled, _ocop_values("45", "25", "30")) == D(100)
    assert scorecard_total(rescaled, _ocop_values("40.5", "22", "27.5")) == D(90)


def test_weights_rescale_refuses_a_points_scale_that_is_not_whole_steps():
    with pytest.raises(ScorecardError) as error:
        weights_rescale(_ocop(), {"A": D("40.25"), "C": D("34.75")})

    assert error.value.code == "invalid_scale"


@pytest.mark.parametrize(
    ("new_max_points", "code"),
    [
        ({"A1": D(20)}, "total_changed"),
        ({"A1": D(20), "A2": D("5.5")}, "total_changed"),
        ({"A9": D(10)}, "unknown_criteria"),
        ({"A1": D(25), "A2": D(0)}, "invalid_criterion"),
        ({"A1": D(30), "A2": D(-5)}, "invalid_criterion"),
        ({"A1": 20.0, "A2": 5.0}, "invalid_definition"),
    ],
)
def test_weights_rescale_refuses_weights_that_break_the_scorecard(new_max_points, code):
    with pytest.raises(ScorecardError) as error:
        weights_rescale(_odop(), new_max_points)

    assert error.value.code == code


# --- definition validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "build", "code"),
    [
        (
            "parts do not sum to the total",
            lambda: _ocop(total_points=D(90)),
            "parts_do_not_sum",
        ),
        (
            "criteria do not sum to their part",
            lambda: _ocop(
                parts=(
                    Part(code="A", title="A", max_points=D(45)),
                    Part(code="B", title="B", max_points=D(25)),
                    Part(code="C", title="C", max_points=D(30)),
                )
            ),
            "criteria_do_not_sum",
        ),
        (
            "criterion codes repeat",
            lambda: _odop(criteria=tuple(_criterion("A1") for _ in range(8))),
            "duplicate_code",
        ),
        (
            "part codes repeat",
            lambda: _odop(
                parts=(
                    Part(code="A", title="A", max_points=D(100)),
                    Part(code="A", title="A", max_points=D(0)),
                )
            ),
            "duplicate_code",
        ),
        (
            "a criterion names an unknown part",
            lambda: _odop(criteria=(*_odop().criteria[:7], _criterion("A8", part="Z"))),
            "unknown_part",
        ),
        (
            "bands do not start at 0",
            lambda: _ocop(bands=OCOP_BANDS[1:]),
            "invalid_bands",
        ),
        (
            "bands do not rise",
            lambda: _ocop(bands=(*OCOP_BANDS[:3], OCOP_BANDS[4], OCOP_BANDS[3])),
            "invalid_bands",
        ),
        (
            "a band starts above the total",
            lambda: _ocop(bands=(*OCOP_BANDS, StarBand(stars=6, min_points=D(101)))),
            "invalid_bands",
        ),
        (
            "a band edge finer than a hundredth",
            lambda: _ocop(bands=(*OCOP_BANDS[:4], StarBand(stars=5, min_points=D("89.995")))),
            "invalid_bands",
        ),
        (
            "a tier certifies a rating no band awards",
            lambda: _ocop(tier_max_stars={"district": 3, "national": 6}),
            "invalid_tiers",
        ),
        (
            "tiers without bands",
            lambda: _odop(tier_max_stars={"district": 3}),
            "invalid_tiers",
        ),
        (
            "a certificate minimum no band awards",
            lambda: _ocop(certificate_min_stars=0),
            "invalid_tiers",
        ),
        (
            "a certificate lasting no time",
            lambda: _ocop(certificate_months=0),
            "invalid_definition",
        ),
        ("no criteria", lambda: _ocop(criteria=()), "invalid_definition"),
        ("a float total", lambda: _ocop(total_points=100.0), "invalid_definition"),
    ],
)
def test_scorecard_definition_refuses_an_unsound_definition(_case, build, code):
    with pytest.raises(ScorecardError) as error:
        build()

    assert error.value.code == code


@pytest.mark.parametrize(
    ("_case", "overrides", "code"),
    [
        ("a zero weight", {"max_points": D(0)}, "invalid_criterion"),
        ("an unknown method", {"method": "voted"}, "invalid_criterion"),
        ("an empty code", {"code": ""}, "invalid_criterion"),
        ("an upside-down scale", {"scale_min": D(5), "scale_max": D(1)}, "invalid_scale"),
        ("a zero step", {"scale_step": D(0)}, "invalid_scale"),
        ("a scale that is not whole steps", {"scale_step": D(3)}, "invalid_scale"),
        ("a third of a point a step", {"scale_max": D(4), "max_points": D(10)}, "inexact_weight"),
        (
            "a computed criterion with no thresholds",
            {"method": "computed", "indicator": "x"},
            "invalid_thresholds",
        ),
        (
            "a computed criterion with no indicator",
            {"method": "computed", "thresholds": ((D(0), D(1)),)},
            "invalid_thresholds",
        ),
        (
            "a manual criterion with thresholds",
            {"thresholds": ((D(0), D(1)),)},
            "invalid_thresholds",
        ),
        (
            "threshold minimums that do not rise",
            {"method": "computed", "indicator": "x", "thresholds": ((D(1), D(1)), (D(1), D(2)))},
            "invalid_thresholds",
        ),
        (
            "a threshold value off the scale",
            {"method": "computed", "indicator": "x", "thresholds": ((D(0), D(6)),)},
            "invalid_thresholds",
        ),
        (
            "a threshold value between steps",
            {"method": "computed", "indicator": "x", "thresholds": ((D(0), D("1.5")),)},
            "invalid_thresholds",
        ),
        ("a float weight", {"max_points": 12.5}, "invalid_definition"),
    ],
)
def test_criterion_refuses_an_unsound_definition(_case, overrides, code):
    with pytest.raises(ScorecardError) as error:
        _criterion(**overrides)

    assert error.value.code == code


def test_criterion_accepts_plain_tuples_as_threshold_steps():
    criterion = _criterion("A1", method="computed", indicator="x", thresholds=((0, 1), ("2.5", 5)))

    assert criterion.thresholds == (IndicatorStep(D(0), D(1)), IndicatorStep(D("2.5"), D(5)))


def test_with_version_relabels_a_definition_and_keeps_the_rest():
    original = _ocop()

    derived = original.with_version("2023-national-1")

    assert derived.version == "2023-national-1"
    assert dataclasses.replace(derived, version="2023") == original


def test_with_version_refuses_an_empty_label():
    with pytest.raises(ScorecardError) as error:
        _ocop().with_version("")

    assert error.value.code == "invalid_definition"


def test_scorecard_definition_cannot_be_changed_after_construction():
    definition = _ocop()

    with pytest.raises(dataclasses.FrozenInstanceError):
        definition.version = "2024"  # type: ignore[misc]
    with pytest.raises(TypeError):
        definition.tier_max_stars["district"] = 5  # type: ignore[index]


def test_scorecard_error_is_a_value_error():
    with pytest.raises(ValueError, match="outside that scale"):
        criterion_points(_criterion("A2"), D(9))
