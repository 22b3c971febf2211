"""Operations services: enqueue the daily jobs (the scheduler's one pass). Backups are in
`odop.operations.backup`."""

import datetime as dt
import functools
import logging

from django.db import IntegrityError, transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from odop.operations.models import ScheduledRun
from odop.operations.schedule import SCHEDULE, ScheduledJob

logger = logging.getLogger(__name__)


def _enqueue_and_record(*, task: Task, run_pk: int, day: dt.date) -> None:
    result = task.enqueue(day=day.isoformat())
    ScheduledRun.objects.filter(pk=run_pk).update(task_result_id=str(result.id))


def scheduled_jobs_enqueue(
    *, now: dt.datetime | None = None, schedule: tuple[ScheduledJob, ...] = SCHEDULE
) -> list[ScheduledRun]:
    """Enqueue every scheduled job that is due today (local time) and not yet enqueued today.

    At most once per job and day, across restarts and several schedulers: the `ScheduledRun`
    row (unique job + day) is written first, and the job is enqueued when that row commits. A
    crash between the commit and the enqueue loses that day's run rather than doubling it; the
    jobs catch up the next day because each acts on everything due by its day.
    """
    local_now = timezone.localtime(now or timezone.now())
    today = local_now.date()
    started = []
    for job in schedule:
        if local_now.time() < job.at:
            continue
        if ScheduledRun.objects.filter(job=job.name, day=today).exists():
            continue
        task = import_string(job.task_path)
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, day=today)
                transaction.on_commit(
                    functools.partial(_enqueue_and_record, task=task, run_pk=run.pk, day=today)
                )
        except IntegrityError:
            # Another scheduler recorded it between our check and our insert.
            continue
        logger.info("Enqueued scheduled job %s for %s", job.name, today)
        started.append(run)
    return started
