"""Background job plumbing (issue #10): enqueue on commit, retry with exponential backoff,
the last failure recorded by the queue."""

import datetime as dt

import pytest
from django.db import transaction
from django.tasks import TaskResultStatus, default_task_backend, task
from django.test import override_settings
from django.utils import timezone

from odop.core.background import retry_delay, task_enqueue_on_commit, task_retrying

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

CALLS: list[str] = []


@task(takes_context=True)
@task_retrying(attempts=3, backoff=dt.timedelta(minutes=2))
def failing_job(*, label: str, failures: int) -> str:
    """Fails its first `failures` calls (counted in CALLS), then succeeds."""
    CALLS.append(label)
    if len(CALLS) <= failures:
        raise RuntimeError(f"failure {len(CALLS)}")
    return f"done after {len(CALLS)}"


@task
def plain_job(*, label: str) -> str:
    return label


@pytest.fixture(autouse=True)
def calls_reset() -> None:
    CALLS.clear()


def test_retry_delay_doubles_from_the_backoff() -> None:
    backoff = dt.timedelta(seconds=30)
    assert [retry_delay(attempt=n, backoff=backoff).total_seconds() for n in (1, 2, 3)] == [
        30,
        60,
        120,
    ]


@override_settings(TASKS=IMMEDIATE)
def test_a_job_that_fails_then_succeeds_is_retried() -> None:
    # when: the immediate backend runs each retry at once
    result = failing_job.enqueue(label="x", failures=2)

    # then: three calls, the first attempt's result notes the retry, nothing failed
    assert CALLS == ["x", "x", "x"]
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["failed_attempt"] == 1


@override_settings(TASKS=IMMEDIATE)
def test_a_job_failing_every_attempt_fails_on_the_last() -> None:
    result = failing_job.enqueue(label="x", failures=99)

    # the first attempt hands over to the retries; only the third (last) attempt may fail
    assert CALLS == ["x", "x", "x"]
    assert result.status == TaskResultStatus.SUCCESSFUL
    # and the last attempt raises instead of retrying
    CALLS.clear()
    with pytest.raises(RuntimeError):
        failing_job.call(None, label="y", failures=99, attempt=3)
    assert CALLS == ["y"]


@pytest.mark.django_db(transaction=True)  # the worker commits, as in its own process
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_retry_is_deferred_by_the_backoff_on_a_queue_that_can_wait() -> None:
    from django_tasks_db.models import DBTaskResult

    # given: a queued job whose first attempt fails
    first = failing_job.enqueue(label="x", failures=1)
    before = timezone.now()

    # when: the worker runs it once
    from django.core.management import call_command

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    # then: the retry waits in the queue with attempt 2, two minutes on, not yet run
    after = timezone.now()
    retry = DBTaskResult.objects.exclude(pk=first.id).get()
    assert retry.args_kwargs["kwargs"] == {"label": "x", "failures": 1, "attempt": 2}
    assert before + dt.timedelta(minutes=2) <= retry.run_after <= after + dt.timedelta(minutes=2)
    assert retry.status == TaskResultStatus.READY
    assert CALLS == ["x"]


@pytest.mark.django_db(transaction=True)  # the worker commits, as in its own process
@override_settings(TASKS=DATABASE_QUEUE)
def test_the_last_attempt_is_recorded_as_failed_with_its_traceback() -> None:
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    failing_job.enqueue(label="x", failures=99, attempt=3)
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    row = DBTaskResult.objects.get()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "builtins.RuntimeError"
    assert "failure 1" in row.traceback
    assert DBTaskResult.objects.count() == 1  # no retry after the last attempt


@pytest.mark.django_db
@override_settings(TASKS=DUMMY)
def test_enqueue_on_commit_waits_for_the_commit(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    backend = default_task_backend
    backend.clear()  # type: ignore[attr-defined]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        task_enqueue_on_commit(plain_job, label="kept")
        assert backend.results == []  # type: ignore[attr-defined]
    assert [result.kwargs for result in backend.results] == [{"label": "kept"}]  # type: ignore[attr-defined]


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DUMMY)
def test_enqueue_on_commit_drops_the_job_when_the_transaction_rolls_back() -> None:
    backend = default_task_backend
    backend.clear()  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError), transaction.atomic():
        task_enqueue_on_commit(plain_job, label="lost")
        raise RuntimeError("rolled back")
    task_enqueue_on_commit(plain_job, label="outside")  # no transaction: at once
    assert [result.kwargs for result in backend.results] == [{"label": "outside"}]  # type: ignore[attr-defined]
