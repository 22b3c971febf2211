"""Background jobs of the bazaar: the daily certificate expiry reminders."""

import datetime as dt

from django.tasks import task
from django.utils import timezone

from odop.core.background import task_retrying
from odop.producers.services import REMINDER_DAYS, certification_reminders_send


@task(takes_context=True)
@task_retrying()
def certification_reminders_run(*, day: str | None = None, days: int = REMINDER_DAYS) -> int:
    """Remind producers of certificates expiring within `days` of `day` (ISO date; today if
    empty). Idempotent: each certificate is reminded once (`Certification.reminded_at`), so a
    second run on the same day, or a retry after a failure half-way, sends nothing twice."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    return certification_reminders_send(today=today, days=days)
