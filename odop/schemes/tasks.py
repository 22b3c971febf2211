"""Background jobs of schemes: the daily escalation of overdue applications."""

import datetime as dt

from django.tasks import task

from odop.core.background import task_retrying
from odop.schemes.services import applications_escalate


@task(takes_context=True)
@task_retrying()
def applications_escalate_run(*, day: str | None = None, now: str | None = None) -> int:
    """Escalate the applications overdue at `now` (ISO date-time; the current time if empty;
    `day` is the scheduler's date, not needed: overdue is measured to the minute).
    Idempotent: an escalated application gets a new due date, so a retry does not escalate it
    twice."""
    return applications_escalate(now=dt.datetime.fromisoformat(now) if now else None)
