"""Who may apply to a batch and who earns a certificate: pure rules over plain values.

No ORM and no I/O: `selectors` load the facts, `services` act on the answer. Each refusal is
a code (tested) with a message in the user's language.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the lazy-string type exists only in django-stubs
    from django.utils.functional import _StrPromise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class BatchRules:
    """Who a batch admits. An empty `district_ids` never happens (the batch's own district is
    the default); an empty `product_ids` admits any product."""

    district_ids: frozenset[int]
    product_ids: frozenset[int]
    age_min: int
    age_max: int


@dataclass(frozen=True, slots=True)
class Applicant:
    """The facts about one would-be trainee: their producer's district and products, and age."""

    district_id: int
    product_ids: frozenset[int]
    age: int


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str
    message: "str | _StrPromise"


def application_refusals(rules: BatchRules, applicant: Applicant) -> list[Refusal]:
    """Every reason the applicant may not apply (empty when eligible)."""
    refusals: list[Refusal] = []
    if applicant.district_id not in rules.district_ids:
        refusals.append(Refusal("district_not_eligible", _("This batch is for other districts.")))
    if rules.product_ids and not (applicant.product_ids & rules.product_ids):
        refusals.append(
            Refusal("product_not_eligible", _("This batch is for producers of other products."))
        )
    if not rules.age_min <= applicant.age <= rules.age_max:
        refusals.append(
            Refusal("age_not_eligible", _("The trainee's age is outside the batch's range."))
        )
    return refusals


@dataclass(frozen=True, slots=True)
class Outcome:
    """A selected trainee's record at the end of a batch."""

    score: int | None
    days_present: int
    days_total: int


def attendance_percent(outcome: Outcome) -> int:
    """Days present as a whole percentage of the batch's days, rounded down (never flattering)."""
    if outcome.days_total <= 0:
        return 0
    return outcome.days_present * 100 // outcome.days_total


def certificate_refusal(
    outcome: Outcome, *, pass_mark: int, attendance_required_percent: int
) -> Refusal | None:
    """Why the trainee earns no certificate, or None when they do: assessed, passed, and
    present at least the programme's share of the days."""
    if outcome.score is None:
        return Refusal("not_assessed", _("Not assessed yet."))
    if outcome.score < pass_mark:
        return Refusal("below_pass_mark", _("Below the pass mark."))
    if attendance_percent(outcome) < attendance_required_percent:
        return Refusal("attendance_too_low", _("Attended too few days."))
    return None
