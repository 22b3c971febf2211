"""The pure rules: eligibility, certificates earned, certificate numbers (no database)."""

import pytest

from odop.skills.certificate_numbers import (
    certificate_number_is_valid,
    certificate_number_new,
    check_character,
)
from odop.skills.eligibility import (
    Applicant,
    BatchRules,
    Outcome,
    application_refusals,
    attendance_percent,
    certificate_refusal,
)

RULES = BatchRules(district_ids=frozenset({1}), product_ids=frozenset({7}), age_min=18, age_max=45)


@pytest.mark.parametrize(
    ("applicant", "codes"),
    [
        pytest.param(Applicant(1, frozenset({7, 8}), 30), [], id="eligible"),
        pytest.param(Applicant(2, frozenset({7}), 30), ["district_not_eligible"], id="district"),
        pytest.param(Applicant(1, frozenset({8}), 30), ["product_not_eligible"], id="product"),
        pytest.param(Applicant(1, frozenset({7}), 17), ["age_not_eligible"], id="too-young"),
        pytest.param(Applicant(1, frozenset({7}), 46), ["age_not_eligible"], id="too-old"),
        pytest.param(Applicant(1, frozenset({7}), 45), [], id="oldest-admitted"),
        pytest.param(
            Applicant(3, frozenset(), 50),
            ["district_not_eligible", "product_not_eligible", "age_not_eligible"],
            id="everything",
        ),
    ],
)
def test_application_refusals_name_every_reason(applicant: Applicant, codes: list[str]) -> None:
    assert [refusal.code for refusal in application_refusals(RULES, applicant)] == codes


def test_no_listed_product_admits_any_product() -> None:
    rules = BatchRules(frozenset({1}), frozenset(), 18, 60)
    assert application_refusals(rules, Applicant(1, frozenset(), 30)) == []


@pytest.mark.parametrize(
    ("outcome", "code"),
    [
        pytest.param(Outcome(80, 8, 10), None, id="passed-80-percent"),
        pytest.param(Outcome(None, 10, 10), "not_assessed", id="not-assessed"),
        pytest.param(Outcome(49, 10, 10), "below_pass_mark", id="below-pass"),
        pytest.param(Outcome(50, 7, 10), "attendance_too_low", id="70-percent"),
        pytest.param(Outcome(50, 7, 9), "attendance_too_low", id="77-percent-rounds-down"),
    ],
)
def test_certificate_refusal(outcome: Outcome, code: str | None) -> None:
    refusal = certificate_refusal(outcome, pass_mark=50, attendance_required_percent=80)
    assert (refusal.code if refusal else None) == code


def test_attendance_percent_of_no_days_is_zero() -> None:
    assert attendance_percent(Outcome(90, 0, 0)) == 0


def test_a_new_number_is_valid_and_random() -> None:
    numbers = {certificate_number_new(2026) for _ in range(50)}
    assert len(numbers) == 50
    assert all(certificate_number_is_valid(number) for number in numbers)
    assert all(number.startswith("SK-2026-") and len(number) == 20 for number in numbers)


def test_one_changed_character_fails_the_check() -> None:
    number = certificate_number_new(2026, random_part="ABCDEFGHJK")
    assert number == f"SK-2026-ABCDEFGHJK-{check_character('2026ABCDEFGHJK')}"
    changed = number[:10] + ("B" if number[10] != "B" else "C") + number[11:]
    assert certificate_number_is_valid(changed) is False


def test_swapped_neighbours_fail_the_check() -> None:
    number = certificate_number_new(2026, random_part="0123456789")
    swapped = number.replace("01234", "10234")
    assert certificate_number_is_valid(swapped) is False


def test_lower_case_and_look_alikes_are_read_as_written() -> None:
    number = certificate_number_new(2026, random_part="1000000000")
    assert certificate_number_is_valid(number.lower().replace("1", "l").replace("0", "o"))


@pytest.mark.parametrize("value", ["", "SK-2026", "XX-2026-ABCDEFGHJK-0", "SK-2026-ABCDEFGHJU-0"])
def test_other_shapes_are_not_numbers(value: str) -> None:
    assert certificate_number_is_valid(value) is False
