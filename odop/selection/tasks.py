"""Background jobs of product selection: the daily expiry of published selections."""

import datetime as dt

from django.tasks import task
from django.utils import timezone

from odop.core.background import task_retrying
from odop.selection.services import candidates_expire


@task(takes_context=True)
@task_retrying()
def selection_expire_run(*, day: str | None = None) -> list[int]:
    """Expire selections whose validity ended before `day` (ISO date; today if empty) and open
    their re-evaluations; returns the drafts' ids. Idempotent: an expired selection is no longer
    published, so a second run finds nothing to do."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    return [draft.pk for draft in candidates_expire(today=today)]
