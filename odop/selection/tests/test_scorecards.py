"""The shipped scorecard definitions and their JSON reader: no database."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from odop.selection.scorecards import (
    SCORECARD_DIRECTORY,
    definition_from_dict,
    definition_to_dict,
    scorecard_definition,
    scorecard_definition_from_file,
    scorecard_definitions,
)
from odop.selection.scoring import (
    ScorecardError,
    computed_scale_value,
    scorecard_total,
    stars_for_total,
    tier_may_certify,
)

D = Decimal
SHIPPED_FILES = sorted(SCORECARD_DIRECTORY.glob("*.json"))


def _shipped_data(name: str) -> dict:
    return json.loads((SCORECARD_DIRECTORY / name).read_text(encoding="utf-8"))


def _write(directory: Path, data: dict, name: str | None = None) -> Path:
    path = directory / (name or f"{data['key']}-{data['version']}.json")
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_three_definitions_are_shipped():
    identities = [(definition.key, definition.version) for definition in scorecard_definitions()]

    assert identities == [("ocop-vietnam", "2019"), ("ocop-vietnam", "2023"), ("odop-india", "1")]
    assert len(SHIPPED_FILES) == 3


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda path: path.name)
def test_every_shipped_file_loads_validates_and_survives_a_round_trip(path):
    # when
    definition = scorecard_definition_from_file(path)

    # then
    assert definition.total_points == D(100)
    assert sum(part.max_points for part in definition.parts) == D(100)
    assert definition.source
    assert definition.notes
    data = definition_to_dict(definition)
    assert definition_from_dict(json.loads(json.dumps(data))) == definition


def test_both_ocop_versions_coexist_with_their_own_part_weights():
    # Ref: #3 — Decision 148/2023 weighs the parts 40/25/35, Decision 1048/2019 35/25/40.
    current = scorecard_definition("ocop-vietnam", "2023")
    earlier = scorecard_definition("ocop-vietnam", "2019")

    assert [(part.code, part.max_points) for part in current.parts] == [
        ("A", D(40)),
        ("B", D(25)),
        ("C", D(35)),
    ]
    assert [(part.code, part.max_points) for part in earlier.parts] == [
        ("A", D(35)),
        ("B", D(25)),
        ("C", D(40)),
    ]
    assert current.bands == earlier.bands
    assert "148/QĐ-TTg" in current.source
    assert "1048/QĐ-TTg" in earlier.source
    # the same part scores give different totals under the two versions
    values = {"A": D(35), "B": D(25), "C": D(30)}
    assert scorecard_total(current, values) == D(90)
    with pytest.raises(ScorecardError):
        scorecard_total(earlier, {"A": D(40), "B": D(25), "C": D(30)})


def test_ocop_2023_bands_tiers_and_certificate():
    definition = scorecard_definition("ocop-vietnam", "2023")

    assert [(band.stars, band.min_points) for band in definition.bands] == [
        (1, D(0)),
        (2, D(30)),
        (3, D(50)),
        (4, D(70)),
        (5, D(90)),
    ]
    assert dict(definition.tier_max_stars) == {"district": 3, "province": 4, "national": 5}
    assert definition.certificate_months == 36
    assert definition.certificate_min_stars == 3
    assert stars_for_total(definition, D("89.99")) == 4  # Ref: #3
    assert stars_for_total(definition, D(90)) == 5  # Ref: #3
    assert tier_may_certify(definition, "district", 4) is False  # Ref: #3


def test_ocop_2019_is_certified_by_the_province_and_the_centre_only():
    definition = scorecard_definition("ocop-vietnam", "2019")

    assert dict(definition.tier_max_stars) == {"province": 4, "national": 5}
    assert tier_may_certify(definition, "district", 3) is False
    assert tier_may_certify(definition, "province", 3) is True
    assert definition.certificate_months == 36


def test_ocop_is_scored_one_criterion_per_part_in_half_points():
    for version in ("2019", "2023"):
        definition = scorecard_definition("ocop-vietnam", version)

        for part in definition.parts:
            (criterion,) = definition.part_criteria(part.code)
            assert criterion.method == "manual"
            assert (criterion.scale_min, criterion.scale_max) == (D(0), part.max_points)
            assert criterion.scale_step == D("0.5")
        assert "PART level" in definition.notes


def test_odop_india_has_eight_equally_weighted_criteria_and_ranks_instead_of_stars():
    definition = scorecard_definition("odop-india", "1")

    assert [criterion.code for criterion in definition.criteria] == [
        f"A{number}" for number in range(1, 9)
    ]
    assert {criterion.max_points for criterion in definition.criteria} == {D("12.5")}
    assert len(definition.parts) == 1
    assert definition.bands == ()
    assert dict(definition.tier_max_stars) == {}
    assert definition.certificate_months is None
    assert "NOT official" in definition.notes
    assert stars_for_total(definition, D(75)) is None


def test_odop_india_computes_share_of_produce_and_presence_in_other_districts():
    definition = scorecard_definition("odop-india", "1")
    computed = {
        criterion.code: criterion.indicator
        for criterion in definition.criteria
        if criterion.method == "computed"
    }

    assert computed == {"A1": "location_quotient", "A3": "districts_with_product_in_state"}
    assert computed_scale_value(definition.criterion("A1"), D("1.2")) == D(3)
    assert computed_scale_value(definition.criterion("A3"), D(0)) == D(5)
    manual = [criterion for criterion in definition.criteria if criterion.method == "manual"]
    assert {
        (criterion.scale_min, criterion.scale_max, criterion.scale_step) for criterion in manual
    } == {(D(1), D(5), D(1))}


def test_odop_india_scores_a_candidate_exactly():
    definition = scorecard_definition("odop-india", "1")
    values = {f"A{number}": D(value) for number, value in enumerate([4, 2, 5, 3, 3, 4, 2, 1], 1)}

    assert scorecard_total(definition, values) == D("50")


def test_scorecard_definition_refuses_an_unknown_key_or_version():
    for key, version in [("ocop-vietnam", "2021"), ("odop-thailand", "1")]:
        with pytest.raises(ScorecardError) as error:
            scorecard_definition(key, version)

        assert error.value.code == "unknown_scorecard"


def test_a_file_whose_parts_do_not_sum_is_refused(tmp_path):
    # given: Part A raised to 45 points, so the parts add up to 105
    data = _shipped_data("ocop-vietnam-2023.json")
    data["parts"][0]["max_points"] = "45"
    data["criteria"][0]["max_points"] = "45"
    data["criteria"][0]["scale"]["max"] = "45"
    path = _write(tmp_path, data)

    # when
    with pytest.raises(ScorecardError) as error:
        scorecard_definition_from_file(path)

    # then
    assert error.value.code == "parts_do_not_sum"
    assert "ocop-vietnam-2023.json" in str(error.value)


def test_a_file_whose_criteria_do_not_sum_to_their_part_is_refused(tmp_path):
    data = _shipped_data("odop-india-1.json")
    data["criteria"][1]["max_points"] = "10"

    with pytest.raises(ScorecardError) as error:
        scorecard_definition_from_file(_write(tmp_path, data))

    assert error.value.code == "criteria_do_not_sum"


@pytest.mark.parametrize(
    ("_case", "change"),
    [
        ("an unknown top-level key", lambda data: data.update(weights={})),
        ("a missing title", lambda data: data.pop("title")),
        ("a misspelt criterion key", lambda data: data["criteria"][0].update(maxpoints="40")),
        ("a missing scale step", lambda data: data["criteria"][0]["scale"].pop("step")),
        ("an unknown method", lambda data: data["criteria"][0].update(method="voted")),
        (
            "a weight that is not a number",
            lambda data: data["criteria"][0].update(max_points="forty"),
        ),
        ("a weight that is a boolean", lambda data: data["criteria"][0].update(max_points=True)),
        ("stars that are not an integer", lambda data: data["star_bands"][0].update(stars="1")),
        ("parts that are not a list", lambda data: data.update(parts={})),
        ("tiers that are not an object", lambda data: data.update(tier_max_stars=[3, 4, 5])),
    ],
)
def test_malformed_data_is_refused(_case, change):
    data = _shipped_data("ocop-vietnam-2023.json")
    change(data)

    with pytest.raises(ScorecardError) as error:
        definition_from_dict(data)

    assert error.value.code == "malformed_data"


def test_a_python_float_is_refused_but_a_json_number_is_read_exactly(tmp_path):
    # given
    data = _shipped_data("odop-india-1.json")
    for criterion in data["criteria"]:
        criterion["max_points"] = 12.5

    # then: a float in memory is refused…
    with pytest.raises(ScorecardError) as error:
        definition_from_dict(data)
    assert error.value.code == "malformed_data"

    # …while the same JSON number in a file is parsed as a Decimal
    definition = scorecard_definition_from_file(_write(tmp_path, data))
    assert definition.criterion("A1").max_points == D("12.5")


def test_a_file_must_be_named_after_its_key_and_version(tmp_path):
    path = _write(tmp_path, _shipped_data("ocop-vietnam-2023.json"), name="ocop-vietnam-2024.json")

    with pytest.raises(ScorecardError) as error:
        scorecard_definition_from_file(path)

    assert error.value.code == "malformed_data"


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "broken-1.json"
    path.write_text("{not json", encoding="utf-8")

    with pytest.raises(ScorecardError) as error:
        scorecard_definition_from_file(path)

    assert error.value.code == "malformed_data"
