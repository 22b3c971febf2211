"""The training API (issue 15): public lists in fixed queries, applying (201, 400 codes,
404 for producers the caller does not act for), the public certificate check."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from odop.accounts.models import User
from odop.producers.models import ProducerMember
from odop.producers.tests.factories import ProducerFactory
from odop.skills.models import Application, Certificate
from odop.skills.tests.factories import ApplicationFactory, BatchFactory, ProgrammeFactory, cast

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_programmes_are_public_in_fixed_queries(django_assert_num_queries: Any) -> None:
    ProgrammeFactory.create_batch(3)
    with django_assert_num_queries(2):  # the count, the page (States joined)
        response = _client().get("/api/v1/trainings/programmes/")
    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert response.json()["results"][0]["duration_days"] == 10


def test_batches_show_public_fields_only_in_fixed_queries(django_assert_num_queries: Any) -> None:
    batches = BatchFactory.create_batch(3)
    ApplicationFactory.create(batch=batches[0], status="selected")
    BatchFactory.create(
        start_date=timezone.localdate() - dt.timedelta(days=30),
        end_date=timezone.localdate() - dt.timedelta(days=21),
    )  # over: not listed
    with django_assert_num_queries(2):
        response = _client().get("/api/v1/trainings/batches/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 3
    assert set(rows[0]) == {
        "id",
        "programme",
        "start_date",
        "end_date",
        "venue",
        "district",
        "seats",
        "seats_taken",
        "age_min",
        "age_max",
    }
    assert {row["seats_taken"] for row in rows} == {0, 1}


def test_a_producer_applies_through_the_api() -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district)
    response = _client(people.producer_user).post(
        f"/api/v1/trainings/batches/{batch.pk}/applications/",
        {"producer": people.producer.pk, "applicant_name": "Asha", "age": 30},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "applied"
    assert Application.objects.get().applicant_name == "Asha"


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        pytest.param({"age": 12}, 400, None, id="age-below-bounds"),
        pytest.param({"age": 61}, 400, "age_not_eligible", id="age-outside-batch"),
        pytest.param({"producer": 2**63}, 400, None, id="id-too-large"),
    ],
)
def test_bad_applications_write_nothing(payload: dict, status: int, code: str | None) -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district)
    body = {"producer": people.producer.pk, "applicant_name": "Asha", "age": 30} | payload
    response = _client(people.producer_user).post(
        f"/api/v1/trainings/batches/{batch.pk}/applications/", body, format="json"
    )
    assert response.status_code == status
    if code:
        assert response.json()["codes"] == {"non_field_errors": [code]}
    assert Application.objects.exists() is False


def test_applying_for_someone_elses_producer_or_an_unknown_batch_is_404() -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district)
    body = {"producer": people.producer.pk, "applicant_name": "A", "age": 30}
    assert (
        _client(people.other_producer_user)
        .post(f"/api/v1/trainings/batches/{batch.pk}/applications/", body, format="json")
        .status_code
        == 404
    )
    assert (
        _client(people.producer_user)
        .post("/api/v1/trainings/batches/999999/applications/", body, format="json")
        .status_code
        == 404
    )
    assert _client().post(
        f"/api/v1/trainings/batches/{batch.pk}/applications/", body, format="json"
    ).status_code in (401, 403)
    assert Application.objects.exists() is False


def test_the_certificate_check_shows_minimal_fields_and_revocation() -> None:
    application = ApplicationFactory.create(status="selected")
    certificate = Certificate.objects.create(
        application=application,
        number="SK-2026-0000000000-G",
        holder_name="Asha Devi",
        programme_name="Skill training",
        start_date=application.batch.start_date,
        end_date=application.batch.end_date,
        issuer="A. Officer (District officer, X)",
        issued_by=application.entered_by,
        issued_on=application.batch.end_date,
    )
    response = _client().get(f"/api/v1/certificates/verify/{certificate.number}/")
    assert response.status_code == 200
    assert response.json() == {
        "number": "SK-2026-0000000000-G",
        "holder_name": "Asha Devi",
        "programme_name": "Skill training",
        "programme_name_hi": "",
        "start_date": application.batch.start_date.isoformat(),
        "end_date": application.batch.end_date.isoformat(),
        "issuer": "A. Officer (District officer, X)",
        "revoked": False,
    }
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_at=timezone.now(), revocation_reason="x"
    )
    assert (
        _client()
        .get(f"/api/v1/certificates/verify/{certificate.number.lower()}/")
        .json()["revoked"]
        is True
    )
    assert _client().get("/api/v1/certificates/verify/SK-2026-0000000001-0/").status_code == 404


def test_a_collective_applies_for_its_member_and_not_for_a_stranger() -> None:
    # given a collective with one member, and another producer's member
    people = cast()
    batch = BatchFactory.create(district=people.district)
    member = ProducerMember.objects.create(
        producer=people.producer, name="Meena Kumari", gender="female", social_category="obc"
    )
    stranger = ProducerMember.objects.create(
        producer=ProducerFactory.create(), name="Other", gender="male", social_category="general"
    )
    url = f"/api/v1/trainings/batches/{batch.pk}/applications/"
    body = {"producer": people.producer.pk, "applicant_name": "ignored", "age": 40}
    # when / then: a stranger's member is refused, nothing written
    refused = _client(people.producer_user).post(url, body | {"member": stranger.pk}, format="json")
    assert refused.status_code == 400
    assert refused.json()["codes"] == {"member": ["not_a_member"]}
    assert Application.objects.exists() is False
    # the collective's own member applies under their own name, once
    response = _client(people.producer_user).post(url, body | {"member": member.pk}, format="json")
    assert response.status_code == 201
    assert Application.objects.get().applicant_name == "Meena Kumari"
    again = _client(people.producer_user).post(url, body | {"member": member.pk}, format="json")
    assert again.json()["codes"] == {"non_field_errors": ["already_applied"]}
