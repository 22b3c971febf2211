"""The selection expiry as a background job (issue #10): from the queue, idempotent per day."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import override_settings

from odop.selection import services
from odop.selection.models import Candidate, CandidateStatus
from odop.selection.tasks import selection_expire_run
from odop.selection.tests.test_workflow import ocop, propose, score_ocop, world  # noqa: F401

S = CandidateStatus
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _published(world) -> Candidate:  # type: ignore[no-untyped-def]  # noqa: F811
    candidate = propose(world, scorecard=ocop())
    for assessor in world["assessors"]:
        score_ocop(candidate, assessor, "35", "20", "30")
    services.candidate_transition(
        actor=world["state_officer"], candidate=candidate, to_status=S.STATE_APPROVED
    )
    services.candidate_transition(
        actor=world["national"], candidate=candidate, to_status=S.PUBLISHED
    )
    candidate.refresh_from_db()
    return candidate


@override_settings(TASKS=IMMEDIATE)
def test_the_job_expires_once_however_often_it_runs(world) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # given: a selection whose validity ended yesterday
    candidate = _published(world)
    day = (candidate.valid_until + timedelta(days=1)).isoformat()

    # when: the job runs twice for that day
    first = selection_expire_run.enqueue(day=day)
    second = selection_expire_run.enqueue(day=day)

    # then: one re-evaluation, opened by the first run only
    draft = Candidate.objects.get(previous=candidate)
    assert (first.return_value, second.return_value) == ([draft.pk], [])
    candidate.refresh_from_db()
    assert candidate.status == S.EXPIRED


@override_settings(TASKS=IMMEDIATE)
def test_the_job_leaves_a_selection_still_valid_on_its_day(world) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    candidate = _published(world)
    assert selection_expire_run.enqueue(day=candidate.valid_until.isoformat()).return_value == []
    candidate.refresh_from_db()
    assert candidate.status == S.PUBLISHED


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_command_enqueues_and_the_worker_runs_it(world) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from django_tasks_db.models import DBTaskResult

    call_command("selection_expire", "--enqueue", verbosity=0)
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY
    call_command("worker", batch=True, no_scheduler=True, verbosity=0)
    row = DBTaskResult.objects.get()
    assert (row.task_path, row.status, row.return_value) == (
        "odop.selection.tasks.selection_expire_run",
        TaskResultStatus.SUCCESSFUL,
        [],
    )
