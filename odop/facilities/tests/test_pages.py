"""The pages: list and centre page (public), booking and handling bookings from the page,
the utilisation page (gate, charts, form, upload), the State table, "My work" (issue 15)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.facilities.models import Booking, BookingStatus, UtilisationReport
from odop.facilities.tests.conftest import Place
from odop.facilities.tests.factories import CentreFactory
from odop.workspace.selectors import workspace_blocks

pytestmark = pytest.mark.django_db


def _client(user: object = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def _last_month() -> str:
    first = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


def test_list_and_centre_page_are_public(place: Place) -> None:
    other = CentreFactory.create()
    page = _client().get("/cfcs/", {"district": place.centre.district.lgd_code})
    assert page.status_code == 200
    assert place.centre.name in page.text
    assert other.name not in page.text
    page = _client().get(f"/cfcs/{place.centre.pk}/")
    assert place.machine.name in page.text
    assert "Book a machine" not in page.text
    assert _client().get("/cfcs/999999/").status_code == 404


def test_a_producer_books_on_the_page_and_the_operator_confirms(
    place: Place, monday: dt.datetime
) -> None:
    url = f"/cfcs/{place.centre.pk}/"
    response = _client(place.producer).post(
        url,
        {
            "action": "book",
            "equipment": place.machine.pk,
            "day": monday.date().isoformat(),
            "start": "10:00",
            "end": "12:00",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.start == monday
    # the same slot again: the form says why and nothing is written
    response = _client(place.producer).post(
        url,
        {
            "action": "book",
            "equipment": place.machine.pk,
            "day": monday.date().isoformat(),
            "start": "11:00",
            "end": "12:00",
        },
    )
    assert response.status_code == 200
    assert "already booked" in response.text
    assert Booking.objects.count() == 1
    response = _client(place.operator).post(url, {"action": "confirm", "booking": booking.pk})
    assert response.status_code == 302
    assert Booking.objects.get().status == BookingStatus.CONFIRMED


def test_a_buyer_cannot_post_a_booking(place: Place, monday: dt.datetime) -> None:
    buyer = UserFactory.create(role=Role.BUYER)
    response = _client(buyer).post(
        f"/cfcs/{place.centre.pk}/",
        {
            "action": "book",
            "equipment": place.machine.pk,
            "day": monday.date(),
            "start": "10:00",
            "end": "11:00",
        },
    )
    assert response.status_code == 403
    assert Booking.objects.exists() is False


def test_utilisation_page_is_404_to_others_and_files_a_month(place: Place) -> None:
    url = f"/cfcs/{place.centre.pk}/utilisation/"
    assert _client(UserFactory.create(role=Role.BUYER)).get(url).status_code == 404
    assert _client(UserFactory.create(role=Role.CFC_OPERATOR)).get(url).status_code == 404
    assert _client(place.operator).get(url).status_code == 200
    data = {
        "action": "file",
        "month": _last_month(),
        "users_served": "7",
        "income": "12000",
        "expenses": "8000",
        "note": "",
        f"hours_{place.machine.pk}": "40",
    }
    assert _client(place.operator).post(url, data).status_code == 302
    page = _client(place.operator).get(url)
    assert "<svg" in page.text
    assert 'role="img"' in page.text
    # the same month again: refused with its message, nothing added
    again = _client(place.operator).post(url, data)
    assert again.status_code == 200
    assert "already reported" in again.text
    assert UtilisationReport.objects.count() == 1
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=place.centre.district)
    assert _client(officer).get(url).status_code == 200
    assert _client(officer).post(url, data).status_code == 403


def test_a_bad_upload_shows_the_row_and_writes_nothing(place: Place) -> None:
    url = f"/cfcs/{place.centre.pk}/utilisation/"
    raw = (
        "month,machine,hours_used,users_served,income,expenses\n"
        f"{_last_month()},{place.machine.name},-3,5,100,50\n"
    ).encode()
    response = _client(place.operator).post(
        url, {"action": "upload", "file": SimpleUploadedFile("u.csv", raw, "text/csv")}
    )
    assert response.status_code == 200
    assert "hours cannot be negative" in response.text
    assert UtilisationReport.objects.exists() is False


def test_state_table_for_officers_only(place: Place) -> None:
    UtilisationReport.objects.create(
        centre=place.centre,
        year=timezone.localdate().year,
        month=timezone.localdate().month,
        users_served=1,
        income=0,
        expenses=0,
        capacity_used=Decimal("42.5"),
        reported_by=place.operator,
    )
    officer = UserFactory.create(role=Role.STATE_OFFICER, state=place.centre.district.state)
    page = _client(officer).get("/cfcs/utilisation/")
    assert page.status_code == 200
    assert "42.5" in page.text
    assert _client(place.producer).get("/cfcs/utilisation/").status_code == 404


def test_my_work_shows_overdue_reports_to_operator_and_district_officer(place: Place) -> None:
    place.centre.created_at = timezone.now() - dt.timedelta(days=400)
    place.centre.save()
    now = timezone.now().replace(day=20)
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=place.centre.district)
    for user in (place.operator, officer):
        block = next(b for b in workspace_blocks(user=user, now=now) if b.key == "centres")
        assert block.links[0].count == 1
        assert block.rows[0].label == place.centre.name
    elsewhere = UserFactory.create(
        role=Role.DISTRICT_OFFICER, district=CentreFactory.create().district
    )
    CentreFactory._meta.model.objects.filter(district=elsewhere.district).delete()
    for user in (place.producer, elsewhere):
        assert not [b for b in workspace_blocks(user=user, now=now) if b.key == "centres"]
