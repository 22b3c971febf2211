"""Separation of duties in product selection, as data and one pure rule (issue 12).

A candidate passes through three hands that must stay apart: whoever *proposes* it (creates it
or sends it to "proposed"), the committee that *scores* it, and the officers who *decide* on it
(the State's approve / return / reject, the national publish / return / reject). The walk of
issue 12 found an officer who proposed a candidate, seated himself on its committee and scored
it, and a State officer who proposed, scored and approved the same candidate.

Each `Separation` forbids one pairing of those hands. All are enforced by default; a programme
that cannot staff them (a small State with two officers) may allow a pairing by listing it in
the setting `ODOP_SELECTION_DUTIES_ALLOWED` (environment: comma-separated names). The services
call `permissions.duty_conflict_for`, which reads who the user was on the candidate and asks
`duty_conflict` here: no ORM, no settings, tested alone.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # the lazy-string type exists only in django-stubs
    from django.utils.functional import _StrPromise


class Duty(StrEnum):
    """What a user is about to do to a candidate."""

    SIT = "sit"  # be seated on its committee
    SCORE = "score"  # save or submit an assessment
    DECIDE = "decide"  # a decision move (workflow.DECISIONS)


class Separation(StrEnum):
    """One pairing of hands that must stay apart; the value is also the refusal's code."""

    PROPOSER_ON_COMMITTEE = "proposer_on_committee"
    PROPOSER_SCORES = "proposer_scores"
    PROPOSER_DECIDES = "proposer_decides"
    ASSESSOR_DECIDES = "assessor_decides"


# Every separation, enforced unless the setting allows the pairing.
SEPARATIONS: Final = frozenset(Separation)

_MESSAGES: Final[dict[Separation, "_StrPromise"]] = {
    Separation.PROPOSER_ON_COMMITTEE: _(
        "This person proposed the candidate and cannot sit on its committee."
    ),
    Separation.PROPOSER_SCORES: _(
        "You proposed this candidate, so you cannot score it: the committee scores it."
    ),
    Separation.PROPOSER_DECIDES: _(
        "You proposed this candidate, so you cannot decide on it: another officer decides."
    ),
    Separation.ASSESSOR_DECIDES: _(
        "You sit on this candidate's committee, so you cannot decide on it: another officer "
        "decides."
    ),
}


@dataclass(frozen=True)
class DutyConflict:
    """Why a duty is refused: the separation it breaks (its code) and the message to show."""

    separation: Separation

    @property
    def code(self) -> str:
        return self.separation.value

    @property
    def message(self) -> "_StrPromise":
        return _MESSAGES[self.separation]


def separations_enforced(allowed: Iterable[str]) -> frozenset[Separation]:
    """Every separation except the pairings `allowed` names. An unknown name raises ValueError
    (a typo in the setting must not quietly switch a rule off, nor on)."""
    allowed = set(allowed)
    unknown = sorted(allowed - {separation.value for separation in Separation})
    if unknown:
        raise ValueError(f"Unknown separations of duties: {', '.join(unknown)}")
    return frozenset(s for s in SEPARATIONS if s.value not in allowed)


def duty_conflict(
    *,
    duty: Duty,
    proposed: bool,
    on_committee: bool,
    enforced: frozenset[Separation] = SEPARATIONS,
) -> DutyConflict | None:
    """The separation `duty` would break for someone who `proposed` the candidate and/or sits
    (or sat) `on_committee`, among the `enforced` ones; None when the duty is theirs to do.

    Being proposer is checked first: it is the reason a proposer who also sits is refused.
    """
    checks: list[tuple[bool, Separation]] = {
        Duty.SIT: [(proposed, Separation.PROPOSER_ON_COMMITTEE)],
        Duty.SCORE: [(proposed, Separation.PROPOSER_SCORES)],
        Duty.DECIDE: [
            (proposed, Separation.PROPOSER_DECIDES),
            (on_committee, Separation.ASSESSOR_DECIDES),
        ],
    }[duty]
    for applies, separation in checks:
        if applies and separation in enforced:
            return DutyConflict(separation)
    return None
