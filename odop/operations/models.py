"""Operations: the record of scheduled jobs already enqueued (one row per job and day)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from odop.core.models import TimeStampedModel


class ScheduledRun(TimeStampedModel):
    """One scheduled job enqueued for one day. The unique pair is what makes the scheduler
    enqueue each job at most once a day, across restarts and concurrent schedulers."""

    job = models.CharField(_("job"), max_length=100)
    day = models.DateField(_("day"))
    task_result_id = models.CharField(_("task result id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-day", "job"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "day"],
                name="operations_scheduledrun_once_a_day",
                violation_error_message=_("This job was already enqueued for that day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.day.isoformat()}"
