"""The daily scheduler (issue #10): each job at most once a day, recorded in the database so a
restart or a second scheduler does not enqueue it again."""

import datetime as dt
import zoneinfo
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.tasks import TaskResultStatus
from django.test import override_settings

from odop.operations.models import ScheduledRun
from odop.operations.schedule import SCHEDULE
from odop.operations.services import scheduled_jobs_enqueue

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=KOLKATA)


def _queued() -> list[tuple[str, str]]:
    from django_tasks_db.models import DBTaskResult

    return sorted(
        (row.task_path, row.args_kwargs["kwargs"]["day"]) for row in DBTaskResult.objects.all()
    )


@override_settings(TASKS=DATABASE_QUEUE)
def test_each_job_is_enqueued_once_a_day_from_its_time(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    # when: passes at 00:10, 01:00, 07:00 and 23:00 on one day (local time), then the next day
    with django_capture_on_commit_callbacks(execute=True):
        before_any = scheduled_jobs_enqueue(now=_at(10, 0, 10))
        after_expiry_time = scheduled_jobs_enqueue(now=_at(10, 1))
        after_both = scheduled_jobs_enqueue(now=_at(10, 7))
        again = scheduled_jobs_enqueue(now=_at(10, 23))
        next_day = scheduled_jobs_enqueue(now=_at(11, 7))

    # then
    assert before_any == []
    assert [run.job for run in after_expiry_time] == ["selection_expire"]
    assert sorted(run.job for run in after_both) == [
        "applications_escalate",
        "certification_reminders",
    ]
    assert again == []
    assert sorted(run.job for run in next_day) == [
        "applications_escalate",
        "certification_reminders",
        "selection_expire",
    ]
    assert _queued() == [
        ("odop.bazaar.tasks.certification_reminders_run", "2026-03-10"),
        ("odop.bazaar.tasks.certification_reminders_run", "2026-03-11"),
        ("odop.schemes.tasks.applications_escalate_run", "2026-03-10"),
        ("odop.schemes.tasks.applications_escalate_run", "2026-03-11"),
        ("odop.selection.tasks.selection_expire_run", "2026-03-10"),
        ("odop.selection.tasks.selection_expire_run", "2026-03-11"),
    ]
    assert all(run.task_result_id for run in ScheduledRun.objects.all())


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_restarted_scheduler_does_not_enqueue_again(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    # given: today's jobs were enqueued before a restart (only the database remembers)
    for job in SCHEDULE:
        ScheduledRun.objects.create(job=job.name, day=dt.date(2026, 3, 10))

    # when
    with django_capture_on_commit_callbacks(execute=True):
        started = scheduled_jobs_enqueue(now=_at(10, 12))

    # then
    assert started == []
    assert _queued() == []


def test_the_database_refuses_a_second_run_of_a_job_on_one_day() -> None:
    ScheduledRun.objects.create(job="selection_expire", day=dt.date(2026, 3, 10))
    with pytest.raises(IntegrityError):
        ScheduledRun.objects.create(job="selection_expire", day=dt.date(2026, 3, 10))


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_the_worker_enqueues_the_due_jobs_and_runs_them() -> None:
    from django_tasks_db.models import DBTaskResult

    # when: one batch pass of `odop worker` at noon (scheduler pass, then the queue until empty)
    with mock.patch("odop.operations.services.timezone.now", return_value=_at(10, 12)):
        call_command("worker", batch=True, verbosity=0)
        call_command("scheduler", once=True, verbosity=0)

    # then: both jobs ran from the queue and succeeded; the second pass added nothing
    assert ScheduledRun.objects.count() == 3
    assert sorted(
        DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).values_list(
            "task_path", flat=True
        )
    ) == [
        "odop.bazaar.tasks.certification_reminders_run",
        "odop.schemes.tasks.applications_escalate_run",
        "odop.selection.tasks.selection_expire_run",
    ]
    assert DBTaskResult.objects.count() == 3
