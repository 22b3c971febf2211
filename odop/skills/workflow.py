"""The application life cycle as data. Only `services.application_decide` and
`services.application_withdraw` change an application's status, and only along these moves."""

from collections.abc import Mapping
from typing import Final

from odop.skills.models import ApplicationStatus

S = ApplicationStatus

APPLICATION_TRANSITIONS: Final[Mapping[str, frozenset[str]]] = {
    S.APPLIED: frozenset({S.SELECTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN}),
    # A waitlisted applicant takes a seat when one frees up.
    S.WAITLISTED: frozenset({S.SELECTED, S.REJECTED, S.WITHDRAWN}),
    # A selected trainee who drops out frees the seat.
    S.SELECTED: frozenset({S.WITHDRAWN}),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# What an officer may decide (withdrawal is the applicant's).
DECISIONS: Final = frozenset({S.SELECTED, S.WAITLISTED, S.REJECTED})
