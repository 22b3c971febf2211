"""Scheme applications (issue 14): submission with the stored evaluation, the permission
matrix (404 to those who may not see), documents checked by content, stages moved by their
owners and never by the applicant, escalation of overdue stages with a notification, the
public tracking by number, and officers' counts."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import District, State
from odop.geography.tests.factories import DistrictFactory
from odop.notifications.models import NotificationLog
from odop.producers.models import Producer
from odop.producers.tests.factories import ProducerFactory
from odop.schemes.models import Application, ApplicationEvent, ApplicationStatus
from odop.schemes.numbers import application_number, application_number_is_valid
from odop.schemes.services import applications_escalate
from odop.schemes.tests.factories import shipped_schemes_loaded

pytestmark = pytest.mark.django_db

API = "/api/v1/applications"
FACTS = {
    "plant_machinery_cost": "700000",
    "civil_work_cost": "300000",
    "workers": 4,
    "applicant_age": 30,
    "education_class": 10,
    "family_already_benefited": False,
}
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


class World:
    def __init__(self) -> None:
        self.state: State = shipped_schemes_loaded()
        self.district: District = DistrictFactory.create(state=self.state)
        self.other_district: District = DistrictFactory.create(state=self.state)
        self.producer_user = UserFactory.create(role=Role.PRODUCER)
        self.producer: Producer = ProducerFactory.create(
            district=self.district, user=self.producer_user
        )
        self.district_officer = UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=self.district
        )
        self.committee = UserFactory.create(role=Role.DISTRICT_OFFICER, district=self.district)
        self.other_officer = UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=self.other_district
        )
        self.state_officer = UserFactory.create(role=Role.STATE_OFFICER, state=self.state)
        self.bank = UserFactory.create(role=Role.BANK_OFFICER, district=self.district)
        self.other_bank = UserFactory.create(role=Role.BANK_OFFICER, district=self.other_district)
        self.buyer = UserFactory.create(role=Role.BUYER)


@pytest.fixture
def world() -> World:
    return World()


def _apply(world: World, scheme: str = "pmfme-individual", facts: Any = None) -> Any:
    return _client(world.producer_user).post(
        f"{API}/", {"scheme": scheme, "facts": facts or FACTS}, format="json"
    )


def _attach(user: User, application_id: int, kind: str, content: bytes = PDF) -> Any:
    return _client(user).post(
        f"{API}/{application_id}/documents/",
        {"kind": kind, "file": SimpleUploadedFile(f"{kind}.pdf", content)},
        format="multipart",
    )


def _move(user: User, application_id: int, approve: bool = True, note: str = "") -> Any:
    return _client(user).post(
        f"{API}/{application_id}/move/", {"approve": approve, "note": note}, format="json"
    )


def test_numbers_carry_a_check_digit() -> None:
    number = application_number(year=2026, serial=123)
    assert number.startswith("ODOP-APP-2026-000123-") and application_number_is_valid(number)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not application_number_is_valid(wrong)
    assert not application_number_is_valid("ODOP-APP-2026-001323-" + number[-1])


def test_a_producer_applies_and_the_evaluation_is_stored(world: World) -> None:
    response = _apply(world)
    assert response.status_code == 201, response.json()
    body = response.json()
    application = Application.objects.get(pk=body["id"])
    assert body["number"] == application.number and application_number_is_valid(body["number"])
    assert application.eligible and application.benefit == 350000
    assert any(entry["kind"] == "parameter" for entry in application.evaluation["trace"])
    assert application.stage == "drp_review" and application.stage_due_by is not None
    (event,) = ApplicationEvent.objects.filter(application=application)
    assert event.kind == "submitted" and event.actor == world.producer_user
    # The producer is told (no consent yet: logged as skipped, never sent).
    assert NotificationLog.objects.filter(user=world.producer_user).exists()


def test_an_ineligible_application_writes_nothing(world: World) -> None:
    response = _apply(world, facts={**FACTS, "workers": 12})
    assert response.status_code == 400
    assert "not_eligible" in str(response.json()["codes"])
    assert not Application.objects.exists()


def test_a_missing_fact_writes_nothing(world: World) -> None:
    facts = dict(FACTS)
    del facts["workers"]
    response = _apply(world, facts=facts)
    assert response.status_code == 400 and response.json()["codes"] == {"facts": ["missing_fact"]}
    assert not Application.objects.exists()


@pytest.mark.parametrize("who", ["buyer", "bank", "anonymous"])
def test_other_roles_cannot_apply(world: World, who: str) -> None:
    user = None if who == "anonymous" else getattr(world, who)
    response = _client(user).post(
        f"{API}/", {"scheme": "pmfme-individual", "facts": FACTS}, format="json"
    )
    assert response.status_code in (401, 403)
    assert not Application.objects.exists()


def test_an_officer_applies_on_behalf_only_with_consent(world: World) -> None:
    body = {"scheme": "pmfme-individual", "facts": FACTS, "producer": world.producer.pk}
    client = _client(world.district_officer)
    refused = client.post(f"{API}/", body, format="json")
    assert refused.status_code == 400
    assert refused.json()["codes"] == {"consent_reference": ["consent_required"]}
    response = client.post(
        f"{API}/", {**body, "consent_reference": "Paper form 17/2026"}, format="json"
    )
    assert response.status_code == 201
    application = Application.objects.get()
    assert application.applicant == world.district_officer
    assert application.consent_reference == "Paper form 17/2026"
    # The officer who applied does not move it on.
    assert _move(world.district_officer, application.pk).status_code == 403


def test_an_officer_of_another_district_cannot_apply_on_behalf(world: World) -> None:
    response = _client(world.other_officer).post(
        f"{API}/",
        {
            "scheme": "pmfme-individual",
            "facts": FACTS,
            "producer": world.producer.pk,
            "consent_reference": "x",
        },
        format="json",
    )
    assert response.status_code in (403, 404)
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("producer_user", 200),
        ("district_officer", 200),
        ("state_officer", 200),
        ("bank", 200),
        ("other_officer", 404),
        ("other_bank", 404),
        ("buyer", 404),
    ],
)
def test_detail_answers_those_who_may_see_it_and_404_to_others(
    world: World, who: str, status: int
) -> None:
    application_id = _apply(world).json()["id"]
    response = _client(getattr(world, who)).get(f"{API}/{application_id}/")
    assert response.status_code == status
    if status == 200:
        assert response.json()["trace"]


def test_detail_of_no_such_application_is_404(world: World) -> None:
    assert _client(world.district_officer).get(f"{API}/999999/").status_code == 404


def test_documents_are_checked_by_content(world: World) -> None:
    application_id = _apply(world).json()["id"]
    fake = _attach(world.producer_user, application_id, "project_report", b"MZ\x90\x00 not a pdf")
    assert fake.status_code == 400 and fake.json()["codes"] == {"file": ["document_type"]}
    unknown = _attach(world.producer_user, application_id, "passport")
    assert unknown.status_code == 400
    assert _attach(world.buyer, application_id, "project_report").status_code == 404
    assert _attach(world.producer_user, application_id, "quotation", PNG).status_code == 201
    application = Application.objects.get()
    assert list(application.documents.values_list("content_type", flat=True)) == ["image/png"]


def test_a_document_over_the_cap_is_refused(world: World, settings: Any) -> None:
    application_id = _apply(world).json()["id"]
    big = PDF + b"0" * (5 * 1024 * 1024)
    response = _attach(world.producer_user, application_id, "project_report", big)
    assert response.status_code == 400
    assert response.json()["codes"] == {"file": ["document_too_large"]}


def test_the_stages_move_by_their_owners_and_the_tracking_shows_each(world: World) -> None:
    created = _apply(world).json()
    application_id, number = created["id"], created["number"]
    # The producer never moves their own application.
    assert _move(world.producer_user, application_id).status_code == 403
    # The first stage waits for its documents.
    waiting = _move(world.district_officer, application_id)
    assert waiting.status_code == 400
    assert waiting.json()["codes"] == {"non_field_errors": ["documents_missing"]}
    assert _attach(world.producer_user, application_id, "project_report").status_code == 201
    assert _attach(world.producer_user, application_id, "quotation").status_code == 201
    # The bank officer does not own the district's review.
    assert _move(world.bank, application_id).status_code == 403
    assert _move(world.district_officer, application_id).status_code == 200
    assert _move(world.committee, application_id).status_code == 200
    assert _move(world.other_bank, application_id).status_code == 404
    assert _move(world.bank, application_id).json()["stage"] == "disbursement"
    assert _attach(world.buyer, application_id, "sanction_letter").status_code == 404
    assert _attach(world.bank, application_id, "sanction_letter").status_code == 201
    final = _move(world.bank, application_id).json()
    assert final["status"] == ApplicationStatus.APPROVED and final["stage"] == "approved"

    track = _client().get(f"{API}/track/{number}/")
    assert track.status_code == 200
    body = track.json()
    assert set(body) == {"number", "scheme", "status", "stage", "stage_due_by", "history"}
    assert [event["to_stage"] for event in body["history"] if event["kind"] != "document"] == [
        "drp_review",
        "district_committee",
        "bank_sanction",
        "disbursement",
        "approved",
    ]
    text = track.content.decode()
    assert world.producer.name not in text and "benefit" not in text


def test_a_refusal_needs_a_reason(world: World) -> None:
    application_id = _apply(world).json()["id"]
    assert _move(world.district_officer, application_id, approve=False).status_code == 400
    response = _move(world.district_officer, application_id, approve=False, note="Incomplete")
    assert response.json()["status"] == ApplicationStatus.REJECTED


@pytest.mark.parametrize("number", ["ODOP-APP-2026-000001-0", "nonsense", "ODOP-APP-2026-1-1"])
def test_tracking_an_unknown_or_malformed_number_is_404(world: World, number: str) -> None:
    assert _client().get(f"{API}/track/{number}/").status_code == 404


def test_overdue_stages_escalate_to_the_state_and_notify(world: World) -> None:
    application_id = _apply(
        world, scheme="up-odop-margin-money", facts={"project_cost": "1000000"}
    ).json()["id"]
    _attach(world.producer_user, application_id, "project_report")
    _attach(world.producer_user, application_id, "quotation")
    application = Application.objects.get(pk=application_id)
    assert application.stage_due_by is not None
    # Before the deadline: nothing. After it: one level up, once.
    assert applications_escalate(now=application.stage_due_by - dt.timedelta(minutes=1)) == 0
    later = application.stage_due_by + dt.timedelta(days=1)
    assert applications_escalate(now=later) == 1
    assert applications_escalate(now=later) == 0
    application.refresh_from_db()
    assert application.escalation_level == 1 and application.stage_due_by > later
    assert ApplicationEvent.objects.filter(application=application, kind="escalated").exists()
    assert NotificationLog.objects.filter(
        user=world.state_officer, event="schemes.application_escalated"
    ).exists()
    # The State officer may now act on it.
    assert _move(world.state_officer, application_id).status_code == 200


def test_a_stage_waiting_for_documents_does_not_escalate(world: World) -> None:
    application_id = _apply(world).json()["id"]
    application = Application.objects.get(pk=application_id)
    assert applications_escalate(now=application.stage_due_by + dt.timedelta(days=1)) == 0


def test_counts_by_district_and_scheme_for_officers(world: World) -> None:
    first = _apply(world).json()["id"]
    _apply(world, scheme="pmfme-seed-capital", facts={"shg_members": 3})
    _move(world.district_officer, first, approve=False, note="Incomplete")
    response = _client(world.district_officer).get(f"{API}/counts/")
    assert response.status_code == 200
    rows = {row["scheme"]: row for row in response.json()}
    assert rows["pmfme-individual"]["received"] == 1 and rows["pmfme-individual"]["pending"] == 0
    assert rows["pmfme-seed-capital"]["pending"] == 1
    assert _client(world.other_officer).get(f"{API}/counts/").json() == []
    assert _client(world.buyer).get(f"{API}/counts/").status_code == 403
    later = timezone.now() + dt.timedelta(days=400)
    from odop.schemes.selectors import application_counts

    (overdue,) = [r for r in application_counts(user=world.state_officer, now=later) if r.pending]
    assert overdue.overdue == 1
