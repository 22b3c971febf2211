"""Operations reads: failed background jobs and the scheduler's record."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.tasks import TaskResultStatus, task_backends

from odop.operations.models import ScheduledRun


@dataclass(frozen=True, kw_only=True)
class TaskFailure:
    """A job that failed for good (after its retries), as a national admin needs to see it."""

    id: str
    task_path: str
    arguments: dict[str, Any]
    enqueued_at: dt.datetime | None
    finished_at: dt.datetime | None
    exception: str
    traceback: str


def _database_failures(*, limit: int) -> list[TaskFailure]:
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")[
        :limit
    ]
    return [
        TaskFailure(
            id=str(row.id),
            task_path=row.task_path,
            arguments=row.args_kwargs,
            enqueued_at=row.enqueued_at,
            finished_at=row.finished_at,
            exception=row.exception_class_path,
            traceback=row.traceback,
        )
        for row in rows
    ]


def _rq_failures(*, queue_names: list[str], limit: int) -> list[TaskFailure]:
    import django_rq
    from rq.registry import FailedJobRegistry

    failures = []
    for queue_name in queue_names:
        queue = django_rq.get_queue(queue_name)
        registry = FailedJobRegistry(queue=queue)
        for job in queue.job_class.fetch_many(registry.get_job_ids(0, limit - 1), queue.connection):
            if job is None:
                continue
            result = job.latest_result()
            failures.append(
                TaskFailure(
                    id=job.id,
                    task_path=job.func_name or "",
                    arguments={"args": list(job.args), "kwargs": job.kwargs},
                    enqueued_at=job.enqueued_at,
                    finished_at=job.ended_at,
                    exception=(job.meta.get("_django_tasks_rq_exceptions") or [""])[-1],
                    traceback=str(result.exc_string or "") if result is not None else "",
                )
            )
    failures.sort(key=lambda failure: failure.finished_at or dt.datetime.min, reverse=True)
    return failures[:limit]


def task_failures_list(*, limit: int = 200) -> list[TaskFailure]:
    """The latest jobs that failed for good, newest first, from whichever queue is configured
    (the database queue's results, or RQ's failed-job registry). Intermediate failures that
    were retried are not here: `task_retrying` only lets the last attempt fail."""
    backend = task_backends["default"]
    path = f"{type(backend).__module__}.{type(backend).__name__}"
    if path.startswith("django_tasks_db."):
        return _database_failures(limit=limit)
    if path.startswith("django_tasks_rq."):
        return _rq_failures(queue_names=list(backend.queues) or ["default"], limit=limit)
    return []


def scheduled_runs_recent(*, limit: int = 30) -> list[ScheduledRun]:
    """The scheduler's latest enqueues (job and day), newest first."""
    return list(ScheduledRun.objects.all()[:limit])
