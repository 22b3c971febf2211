"""The grievance pages (issue 14): filing (and refusing bad input, nothing written), my list,
the officer's queue and actions, the filer's rating, 404 for others, and public tracking with
nothing personal, in English and Hindi."""

import pytest
from django.test import Client

from odop.accounts.models import User
from odop.grievances.models import Grievance, GrievanceCategory, GrievanceStatus, Level
from odop.grievances.services import grievance_file
from odop.grievances.tests.factories import Place, place_with_officers

pytestmark = pytest.mark.django_db


@pytest.fixture
def place() -> Place:
    return place_with_officers()


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _filed(place: Place) -> Grievance:
    return grievance_file(
        actor=place.buyer,
        category=GrievanceCategory.objects.get(code="training"),
        subject="Training cancelled",
        description="The course of 10 January was cancelled without notice.",
        district=place.district,
    )


def test_filing_shows_the_number_and_due_date(place: Place) -> None:
    category = GrievanceCategory.objects.get(code="cfc")
    response = _client(place.buyer).post(
        "/grievances/new/",
        {
            "category": category.pk,
            "subject": "CFC closed",
            "description": "Closed on working days.",
            "district": place.district.pk,
        },
        follow=True,
    )
    grievance = Grievance.objects.get()
    page = response.content.decode()
    assert grievance.number in page
    assert "CFC closed" in page
    assert grievance.level == Level.DISTRICT


def test_filing_refuses_an_empty_subject_and_writes_nothing(place: Place) -> None:
    category = GrievanceCategory.objects.get(code="cfc")
    response = _client(place.buyer).post(
        "/grievances/new/",
        {"category": category.pk, "subject": "", "description": "x", "district": place.district.pk},
    )
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()
    assert Grievance.objects.exists() is False


def test_filing_page_in_hindi_names_categories_in_hindi(place: Place) -> None:
    page = _client(place.buyer).get("/hi/grievances/new/").content.decode()
    assert "प्रशिक्षण" in page
    assert "सामान्य सुविधा केंद्र (सीएफसी)" in page


def test_filing_needs_sign_in(place: Place) -> None:
    response = _client().get("/grievances/new/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_officer_queue_lists_and_the_officer_answers(place: Place) -> None:
    grievance = _filed(place)
    queue = _client(place.district_officer).get("/grievances/queue/").content.decode()
    assert grievance.number in queue
    assert place.district.name_lgd in queue

    officer = _client(place.district_officer)
    page = officer.get(f"/grievances/{grievance.pk}/").content.decode()
    assert 'value="reply"' in page
    officer.post(
        f"/grievances/{grievance.pk}/", {"action": "reply", "reply-reply": "Rescheduled to 20th."}
    )
    grievance.refresh_from_db()
    assert grievance.status == GrievanceStatus.ANSWERED

    # the filer rates it poor: an appeal
    _client(place.buyer).post(
        f"/grievances/{grievance.pk}/", {"action": "rate", "rate-rating": "poor", "rate-note": ""}
    )
    grievance.refresh_from_db()
    assert (grievance.status, grievance.level) == (GrievanceStatus.APPEALED, Level.STATE)


def test_an_action_not_yours_is_403_and_an_invisible_grievance_404(place: Place) -> None:
    grievance = _filed(place)
    response = _client(place.state_officer).post(
        f"/grievances/{grievance.pk}/", {"action": "reply", "reply-reply": "x"}
    )
    assert response.status_code == 403
    assert _client(place.producer).get(f"/grievances/{grievance.pk}/").status_code == 404
    assert _client(place.buyer).get("/grievances/queue/").status_code == 403


def test_interim_reply_with_a_bad_date_shows_the_error_and_writes_nothing(place: Place) -> None:
    grievance = _filed(place)
    response = _client(place.district_officer).post(
        f"/grievances/{grievance.pk}/",
        {"action": "interim", "interim-note": "Later.", "interim-expected_by": "2000-01-01"},
    )
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()
    grievance.refresh_from_db()
    assert grievance.expected_by is None


def test_public_tracking_shows_status_and_dates_only(place: Place) -> None:
    grievance = _filed(place)
    response = Client().get("/grievances/track/", {"number": grievance.number})
    assert response.status_code == 302
    page = Client().get(response["Location"]).content.decode()
    assert grievance.number in page
    assert "Training cancelled" not in page
    assert "cancelled without notice" not in page
    assert place.buyer.username not in page
    hindi = Client().get(f"/hi/grievances/track/{grievance.number}/").content.decode()
    assert "प्रशिक्षण" in hindi
    assert Client().get("/grievances/track/GRV202600000000/").status_code == 404
