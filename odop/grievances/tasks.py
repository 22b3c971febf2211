"""Background jobs of grievances: the daily escalation of overdue grievances."""

import datetime as dt

from django.tasks import task
from django.utils import timezone

from odop.core.background import task_retrying
from odop.grievances.services import grievances_escalate_overdue


@task(takes_context=True)
@task_retrying()
def grievances_escalate_run(*, day: str | None = None) -> list[int]:
    """Escalate every grievance overdue on `day` (ISO date; today if empty) one level up;
    returns their ids. Idempotent: an escalated grievance is due again a full period later, so
    a second run on the same day finds nothing to do."""
    now = timezone.now()
    if day:
        start = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12, 0))
        now = timezone.make_aware(start)
    return grievances_escalate_overdue(now=now)
