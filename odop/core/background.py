"""Plumbing for background jobs (Django's tasks framework): enqueue after commit, retry with
backoff. No domain here; each app's `tasks.py` defines its jobs with these."""

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import Task, TaskContext
from django.utils import timezone

logger = logging.getLogger(__name__)

ATTEMPT_ARGUMENT = "attempt"


def task_enqueue_on_commit(task: Task, /, **kwargs: Any) -> None:
    """Enqueue `task` once the current transaction commits (at once outside a transaction).

    A job enqueued inside a transaction that then rolls back would act on rows that never
    existed, and a worker could pick it up before the rows it needs are visible (Saleor, Zulip).
    """
    transaction.on_commit(lambda: task.enqueue(**kwargs))


def retry_delay(*, attempt: int, backoff: dt.timedelta) -> dt.timedelta:
    """How long to wait after failed attempt number `attempt` (1-based): backoff, then doubled."""
    return backoff * (2 ** (attempt - 1))


def task_retrying(
    *, attempts: int | None = None, backoff: dt.timedelta | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make a job function retry itself with exponential backoff.

    Use it under `@task(takes_context=True)`; the job function itself takes no context.

    django.tasks has no retries. On an error, the wrapper enqueues the same task again with an
    `attempt` keyword one higher, to run after `retry_delay` where the backend can defer
    (`run_after`; the immediate backend runs it at once), and returns a note of the retry. The
    last attempt re-raises, so the queue records the job as failed with its traceback, which
    national admins see on the failed-jobs page. Jobs must be idempotent: a retry repeats
    whatever the failed attempt had done before its error.

    `attempts` and `backoff` default to the ODOP_TASK_RETRIES and ODOP_TASK_BACKOFF_SECONDS
    settings, read when the job runs.
    """

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        def job(context: TaskContext, *args: Any, **kwargs: Any) -> Any:
            attempt = int(kwargs.pop(ATTEMPT_ARGUMENT, 1))
            limit = attempts if attempts is not None else settings.ODOP_TASK_RETRIES
            try:
                return function(*args, **kwargs)
            except Exception as error:
                if attempt >= limit:
                    raise
                delay = retry_delay(
                    attempt=attempt,
                    backoff=backoff or dt.timedelta(seconds=settings.ODOP_TASK_BACKOFF_SECONDS),
                )
                task = context.task_result.task
                if task.get_backend().supports_defer:
                    retry = dataclasses.replace(task, run_after=timezone.now() + delay)
                else:
                    retry = dataclasses.replace(task, run_after=None)
                logger.warning(
                    "Job %s failed (attempt %d of %d), retrying in %s: %r",
                    task.name,
                    attempt,
                    limit,
                    delay,
                    error,
                )
                retry.enqueue(*args, **{ATTEMPT_ARGUMENT: attempt + 1}, **kwargs)
                return {"failed_attempt": attempt, "error": repr(error), "retry_in": str(delay)}

        # Not functools.wraps: the framework reads the signature through __wrapped__ and must
        # see `context` first; the names make the task importable by its module path.
        job.__name__ = function.__name__
        job.__qualname__ = function.__qualname__
        job.__module__ = function.__module__
        job.__doc__ = function.__doc__
        return job

    return decorate
