"""The certificate reminders as a background job (issue #10): run from the queue, idempotent
per day; each message goes through the notifications module (issue 14), whose own job
retries a failed send."""

import datetime as dt
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone

from odop.bazaar import services
from odop.bazaar.tasks import certification_reminders_run
from odop.notifications import services as notification_services
from odop.notifications.models import NotificationLog, Outcome
from odop.notifications.services import consent_give
from odop.producers.models import Certification, CertificationKind

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _certificate_expiring(world: SimpleNamespace, *, in_days: int) -> Certification:
    return services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.FSSAI,
        number="10015042002228",
        valid_until=timezone.localdate() + dt.timedelta(days=in_days),
    )


def _agreed_to_email(world: SimpleNamespace) -> None:
    consent_give(user=world.seller, channel="email", address="seller@example.in", source="form")


@override_settings(TASKS=IMMEDIATE)
def test_the_job_reminds_once_however_often_it_runs(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    # given: one certificate expiring in 20 days, a producer who agreed to email
    _agreed_to_email(world)
    certification = _certificate_expiring(world, in_days=20)
    day = timezone.localdate().isoformat()

    # when: the job runs twice for the same day (a retry, or a second scheduler)
    with django_capture_on_commit_callbacks(execute=True):
        first = certification_reminders_run.enqueue(day=day)
        second = certification_reminders_run.enqueue(day=day)

    # then: one mail, remembered on the certificate
    assert (first.return_value, second.return_value) == (1, 0)
    assert len(mail.outbox) == 1
    certification.refresh_from_db()
    assert certification.reminded_at is not None


@override_settings(TASKS=IMMEDIATE)
def test_the_job_reads_its_day_from_its_arguments(world: SimpleNamespace) -> None:
    _certificate_expiring(world, in_days=45)
    later = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    assert certification_reminders_run.enqueue(day=later).return_value == 1


@override_settings(TASKS=IMMEDIATE, ODOP_TASK_RETRIES=3)
def test_a_mail_server_failure_is_retried_and_nothing_is_sent_twice(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    # given: two certificates due, and a mail server that fails on the second message once
    _agreed_to_email(world)
    _certificate_expiring(world, in_days=5)
    services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.ORGANIC,
        number="NPOP-9",
        valid_until=timezone.localdate() + dt.timedelta(days=6),
    )
    real_send = notification_services.send_mail
    calls = []

    def flaky_send(**kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs["subject"])
        if len(calls) == 2:
            raise ConnectionError("SMTP down")
        return real_send(**kwargs)

    # when
    with (
        mock.patch("odop.notifications.services.send_mail", side_effect=flaky_send),
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = certification_reminders_run.enqueue(day=timezone.localdate().isoformat())

    # then: both certificates reminded once; the failed message was sent on its retry
    assert result.return_value == 2
    assert len(mail.outbox) == 2
    assert not Certification.objects.filter(reminded_at__isnull=True).exists()
    emails = NotificationLog.objects.filter(channel="email").order_by("pk")
    assert [(log.outcome, log.attempts) for log in emails] == [
        (Outcome.SENT, 1),
        (Outcome.SENT, 2),
    ]


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_command_enqueues_and_the_worker_sends(world: SimpleNamespace) -> None:
    from django_tasks_db.models import DBTaskResult

    # given
    _agreed_to_email(world)
    _certificate_expiring(world, in_days=3)

    # when: the command only enqueues; the worker (one pass) runs it, then the message's job
    call_command("certification_reminders", "--enqueue", verbosity=0)
    assert mail.outbox == []
    call_command("worker", batch=True, no_scheduler=True, verbosity=0)

    # then
    assert len(mail.outbox) == 1
    row = DBTaskResult.objects.get(task_path="odop.bazaar.tasks.certification_reminders_run")
    assert DBTaskResult.objects.exclude(pk=row.pk).get().status == TaskResultStatus.SUCCESSFUL
    assert (row.task_path, row.status, row.return_value) == (
        "odop.bazaar.tasks.certification_reminders_run",
        TaskResultStatus.SUCCESSFUL,
        1,
    )
