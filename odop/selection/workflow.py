"""The candidate life cycle, written down as data.

Only `selection.services.candidate_transition` changes a candidate's status, and it refuses
any move not listed here. Who may make each move is `permissions.can_move_candidate`.
"""

from collections.abc import Mapping
from datetime import timedelta
from typing import Final

from odop.selection.models import CandidateStatus as S

TRANSITIONS: Final[Mapping[S, frozenset[S]]] = {
    S.DRAFT: frozenset({S.PROPOSED, S.WITHDRAWN}),
    S.PROPOSED: frozenset({S.SCORING, S.WITHDRAWN}),
    S.SCORING: frozenset({S.SCORED}),
    S.SCORED: frozenset({S.STATE_APPROVED, S.RETURNED, S.REJECTED}),
    S.RETURNED: frozenset({S.PROPOSED, S.WITHDRAWN}),
    S.STATE_APPROVED: frozenset({S.PUBLISHED, S.RETURNED, S.REJECTED}),
    S.PUBLISHED: frozenset({S.EXPIRED}),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.EXPIRED: frozenset(),
}

# The decision moves (State: approve, return, reject; national: publish, return, reject). Who
# proposed or scored a candidate never makes them (`duties.Separation`, issue 12).
DECISIONS: Final[Mapping[S, frozenset[S]]] = {
    S.SCORED: frozenset({S.STATE_APPROVED, S.RETURNED, S.REJECTED}),
    S.STATE_APPROVED: frozenset({S.PUBLISHED, S.RETURNED, S.REJECTED}),
}


def is_decision(from_status: S, to_status: S) -> bool:
    """True for a move that decides on the committee's result."""
    return to_status in DECISIONS.get(from_status, frozenset())


# How long a candidate may wait in a status before it shows on the overdue list.
STAGE_DEADLINES: Final[Mapping[S, timedelta]] = {
    S.DRAFT: timedelta(days=30),
    S.PROPOSED: timedelta(days=14),  # the district forms its committee
    S.SCORING: timedelta(days=21),  # the committee scores
    S.SCORED: timedelta(days=14),  # the State decides
    S.RETURNED: timedelta(days=21),  # the district revises
    S.STATE_APPROVED: timedelta(days=30),  # national review
}

# Statuses in which a candidate is still moving (and can be overdue).
ACTIVE_STATUSES: Final = frozenset(STAGE_DEADLINES)

# A committee needs at least this many assessors before scoring opens.
MIN_COMMITTEE: Final = 3

# Without a certificate period in the scorecard, a selection is reviewed after this long.
DEFAULT_VALIDITY_MONTHS: Final = 36
