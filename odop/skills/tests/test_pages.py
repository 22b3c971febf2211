"""The training pages (issue 15): the public check (valid, revoked, unknown), the trainer's
attendance sheet (404 for anyone else, bad days write nothing), selection on the batch page,
the certificate badge on the bazaar profile and the producer 360 section, "My work"."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from odop.accounts.models import User
from odop.skills import services
from odop.skills.models import (
    Application,
    ApplicationStatus,
    Attendance,
    Batch,
    Certificate,
    Programme,
)
from odop.skills.tests.factories import ApplicationFactory, BatchFactory, ProgrammeFactory, cast

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _certified(people):  # type: ignore[no-untyped-def]
    batch = BatchFactory.create(
        programme=ProgrammeFactory.create(duration_days=1),
        district=people.district,
        trainer=people.trainer,
        start_date=TODAY,
        end_date=TODAY,
    )
    trainee = ApplicationFactory.create(batch=batch, producer=people.producer, status="selected")
    services.attendance_mark(actor=people.trainer, batch=batch, day=TODAY, present_ids=[trainee.pk])
    services.assessment_record(actor=people.trainer, application=trainee, score=75)
    return batch, services.certificates_issue(actor=people.district_officer, batch=batch)[0]


def test_the_public_check_shows_the_certificate_and_nothing_per_visitor() -> None:
    people = cast()
    _batch, certificate = _certified(people)
    anonymous = _client().get(f"/skills/verify/{certificate.number}/")
    signed_in = _client(people.buyer).get(f"/skills/verify/{certificate.number}/")
    assert anonymous.status_code == 200
    body = anonymous.content.decode()
    assert certificate.holder_name in body and "Valid" in body
    assert people.producer.phone not in body and people.producer.name not in body
    assert "Revoked" not in body
    assert "csrfmiddlewaretoken" not in body
    assert not anonymous.cookies  # no session, no CSRF cookie: nothing per visitor
    assert signed_in.status_code == 200


def test_a_revoked_certificate_says_so_and_an_unknown_number_is_404() -> None:
    people = cast()
    _batch, certificate = _certified(people)
    response = _client(people.district_officer).post(
        f"/skills/certificates/{certificate.pk}/", {"reason": "Attendance was forged"}
    )
    assert response.status_code == 302
    body = _client().get(f"/skills/verify/{certificate.number}/").content.decode()
    assert "Revoked on" in body
    assert _client().get("/skills/verify/SK-2026-0000000000-G/").status_code == 404
    assert _client().get("/skills/verify/nonsense/").status_code == 404


def test_the_certificate_page_has_a_qr_code_and_is_404_to_strangers() -> None:
    people = cast()
    _batch, certificate = _certified(people)
    page = _client(people.producer_user).get(f"/skills/certificates/{certificate.pk}/")
    assert page.status_code == 200
    assert b"<svg" in page.content and certificate.number.encode() in page.content
    assert b"Revoke the certificate" not in page.content  # the producer does not revoke
    for stranger in (people.other_producer_user, people.other_district_officer, people.buyer):
        assert _client(stranger).get(f"/skills/certificates/{certificate.pk}/").status_code == 404
    assert (
        _client(people.other_producer_user)
        .post(f"/skills/certificates/{certificate.pk}/", {"reason": "x"})
        .status_code
        == 404
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked is False


def test_the_trainer_marks_attendance_on_the_sheet() -> None:
    people = cast()
    batch = BatchFactory.create(
        district=people.district,
        trainer=people.trainer,
        start_date=TODAY - dt.timedelta(days=9),
        end_date=TODAY,
    )
    trainees = ApplicationFactory.create_batch(2, batch=batch, status="selected")
    url = f"/skills/batches/{batch.pk}/attendance/"
    assert _client(people.trainer).get(url).status_code == 200
    response = _client(people.trainer).post(
        url, {"day": TODAY.isoformat(), "present": [trainees[1].pk]}
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("application_id", "present")) == {
        trainees[0].pk: False,
        trainees[1].pk: True,
    }
    # a day after the batch: refused, nothing written
    late = _client(people.trainer).post(
        url, {"day": (TODAY + dt.timedelta(days=1)).isoformat(), "present": []}
    )
    assert late.status_code == 200 and b"error-summary" in late.content
    assert Attendance.objects.count() == 2
    for stranger in (people.other_trainer, people.district_officer, people.producer_user):
        assert _client(stranger).get(url).status_code == 404


def test_the_officer_selects_on_the_batch_page() -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district, seats=1)
    first, second = ApplicationFactory.create_batch(2, batch=batch)
    url = f"/skills/batches/{batch.pk}/"
    assert (
        _client(people.district_officer)
        .post(url, {"action": "decide", "application": first.pk, "status": "selected"})
        .status_code
        == 302
    )
    full = _client(people.district_officer).post(
        url, {"action": "decide", "application": second.pk, "status": "selected"}
    )
    assert full.status_code == 200 and b"Every seat" in full.content
    assert Application.objects.filter(status=ApplicationStatus.SELECTED).count() == 1
    # nobody else may decide (403), an application of another batch is 404
    assert (
        _client(people.trainer)
        .post(url, {"action": "decide", "application": second.pk, "status": "selected"})
        .status_code
        == 403
    )
    other = ApplicationFactory.create(batch=BatchFactory.create(district=people.district))
    assert (
        _client(people.district_officer)
        .post(url, {"action": "decide", "application": other.pk, "status": "rejected"})
        .status_code
        == 404
    )


def test_a_producer_applies_on_the_batch_page() -> None:
    people = cast()
    batch = BatchFactory.create(district=people.district)
    url = f"/skills/batches/{batch.pk}/"
    response = _client(people.producer_user).post(
        url,
        {"action": "apply", "producer": people.producer.pk, "applicant_name": "Asha", "age": "३०"},
    )
    assert response.status_code == 302
    assert Application.objects.get().age == 30


def test_certificates_show_on_the_bazaar_profile_and_the_producer_page() -> None:
    people = cast()
    _batch, certificate = _certified(people)
    profile = _client().get(f"/bazaar/producers/{people.producer.pk}/")
    assert profile.status_code == 200
    assert b"Training certificates" in profile.content
    assert f"/skills/verify/{certificate.number}/".encode() in profile.content
    page = _client(people.producer_user).get(f"/producers/{people.producer.pk}/")
    assert page.status_code == 200
    assert certificate.number.encode() in page.content
    # revoked: the badge goes
    services.certificate_revoke(actor=people.district_officer, certificate=certificate, reason="x")
    assert (
        b"Training certificates"
        not in _client().get(f"/bazaar/producers/{people.producer.pk}/").content
    )


def test_my_work_shows_attendance_to_mark_and_applications_to_select() -> None:
    people = cast()
    running = BatchFactory.create(
        district=people.district,
        trainer=people.trainer,
        start_date=TODAY - dt.timedelta(days=2),
        end_date=TODAY + dt.timedelta(days=7),
    )
    ApplicationFactory.create(batch=running, status="selected")
    ApplicationFactory.create(batch=BatchFactory.create(district=people.district))
    trainer_page = _client(people.trainer).get("/my/").content.decode()
    assert "Attendance to mark today" in trainer_page
    assert f"/skills/batches/{running.pk}/attendance/" in trainer_page
    officer_page = _client(people.district_officer).get("/my/").content.decode()
    assert "Applications to select" in officer_page
    assert Certificate.objects.exists() is False


def test_officers_plan_a_batch_and_add_a_programme_on_the_training_page() -> None:
    # given
    people = cast()
    programme = ProgrammeFactory.create(duration_days=3)
    start = TODAY + dt.timedelta(days=10)
    body = {
        "action": "batch",
        "programme": programme.pk,
        "district": people.district.pk,
        "trainer": people.trainer.pk,
        "start_date": start.isoformat(),
        "end_date": (start + dt.timedelta(days=2)).isoformat(),
        "venue": "DIC hall",
        "seats": "25",
        "age_min": "18",
        "age_max": "45",
    }
    # when a district officer plans it: then the batch exists with its history
    response = _client(people.district_officer).post("/skills/", body)
    assert response.status_code == 302
    batch = Batch.objects.get()
    assert (batch.seats, batch.trainer, batch.created_by) == (
        25,
        people.trainer,
        people.district_officer,
    )
    # another district's officer cannot pick this district (not a choice), nothing written
    refused = _client(people.other_district_officer).post("/skills/", body)
    assert refused.status_code == 200
    assert Batch.objects.count() == 1
    # a trainer or producer has no such action
    assert _client(people.trainer).post("/skills/", body).status_code == 403
    # a State officer adds a programme of their State; a district officer may not
    programme_body = {
        "action": "programme",
        "name": "Design clinic",
        "kind": "design",
        "duration_days": "2",
        "pass_mark": "40",
        "attendance_required_percent": "100",
    }
    assert _client(people.state_officer).post("/skills/", programme_body).status_code == 302
    assert Programme.objects.get(name="Design clinic").state == people.district.state
    assert _client(people.district_officer).post("/skills/", programme_body).status_code == 403


def test_the_certificate_pdf_reads_back_with_its_holder_and_number() -> None:
    # Ref: issue 15 (bonus: a PDF with shaped Devanagari)
    people = cast()
    _batch, certificate = _certified(people)
    response = _client(people.producer_user).get(f"/hi/skills/certificates/{certificate.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert certificate.number in text
    assert certificate.holder_name in text
    assert (
        _client(people.other_producer_user)
        .get(f"/skills/certificates/{certificate.pk}/pdf/")
        .status_code
        == 404
    )
