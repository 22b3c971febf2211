"""The failed-jobs page (issue #10): national admins see jobs that failed after their retries;
nobody else can tell the page exists."""

import pytest
from django.core.management import call_command
from django.tasks import task
from django.test import Client, override_settings
from django.urls import reverse

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.background import task_retrying
from odop.geography.tests.factories import DistrictFactory, StateFactory

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task(takes_context=True)
@task_retrying(attempts=1)
def broken_job(*, district_code: int) -> None:
    raise LookupError(f"district {district_code} has no officer")


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_national_admins_see_a_failed_job_with_its_error() -> None:
    # given: a job that failed in the worker
    broken_job.enqueue(district_code=212)
    call_command("worker", batch=True, no_scheduler=True, verbosity=0)
    client = Client()
    client.force_login(UserFactory.create(role=Role.NATIONAL_ADMIN))

    # when
    response = client.get(reverse("operations:task-failures"))

    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert "odop.operations.tests.test_task_failures.broken_job" in page
    assert "builtins.LookupError" in page
    assert "district 212 has no officer" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    [
        Role.STATE_OFFICER,
        Role.DISTRICT_OFFICER,
        Role.PRODUCER,
        Role.BUYER,
        Role.MISSION_OFFICER,
        Role.ASSESSOR,
    ],
)
def test_everyone_else_gets_not_found(role: Role) -> None:
    district = DistrictFactory.create(state=StateFactory.create())
    user = UserFactory.create(
        role=role,
        state=district.state if role == Role.STATE_OFFICER else None,
        district=district if role == Role.DISTRICT_OFFICER else None,
    )
    client = Client()
    client.force_login(user)
    assert client.get(reverse("operations:task-failures")).status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    response = Client().get(reverse("operations:task-failures"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
