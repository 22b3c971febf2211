"""Event pages (issue 16): public page in English and Hindi, registration errors shown with
nothing written, organiser's schedule and outcomes, the participant's phone page and PDF."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from pypdf import PdfReader

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.events import services
from odop.events.models import Event, Meeting, Registration
from odop.events.tests.factories import event_with_slots, verified_producer

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_public_page_in_both_languages() -> None:
    event = event_with_slots(2)
    for prefix, words in (("", "Sellers and their products"), ("/hi", "")):
        response = _client().get(f"{prefix}/events/{event.pk}/")
        assert response.status_code == 200
        assert event.name in response.content.decode()
        if words:
            assert words in response.content.decode()
    assert _client().get("/events/999999/").status_code == 404


def test_organiser_creates_an_event_from_the_page() -> None:
    officer = UserFactory.create(role=Role.MISSION_OFFICER)
    response = _client(officer).post(
        "/events/new/",
        {
            "name": "ODOP showcase Dubai",
            "kind": "mission_showcase",
            "organiser_name": "Consulate General of India, Dubai",
            "venue": "Expo centre",
            "country": "AE",
            "city": "Dubai",
            "starts_on": "2027-02-10",
            "first_slot": "10:00",
            "slot_minutes": "30",
            "slot_count": "4",
            "tables": "5",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert [s.label for s in event.slots.all()] == ["s01", "s02", "s03", "s04"]
    assert _client(UserFactory.create(role=Role.BUYER)).get("/events/new/").status_code == 403


@pytest.mark.parametrize(
    ("codes", "slots", "cap", "message"),
    [
        ("123456", ["s01"], "2", "not in the HS 2022 nomenclature"),
        ("570110", ["s07"], "2", "Not slots of this event"),
        ("570110", ["s01"], "-1", "greater than or equal to 0"),
    ],
)
def test_bad_registration_shows_the_error_and_writes_nothing(
    codes: str, slots: list[str], cap: str, message: str
) -> None:
    event = event_with_slots(2)
    buyer = UserFactory.create(role=Role.BUYER)
    response = _client(buyer).post(
        f"/events/{event.pk}/",
        {
            "action": "register",
            "side": "buyer",
            "company": "Carpets Ltd",
            "country": "GB",
            "hs_codes": codes,
            "available": slots,
            "max_meetings": cap,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Registration.objects.count() == 0


def test_schedule_outcome_phone_page_and_pdf() -> None:
    admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
    event = event_with_slots(2)
    seller_user, producer = verified_producer()
    buyer = UserFactory.create(role=Role.BUYER)
    registration = services.registration_create(
        actor=seller_user,
        event=event,
        side="seller",
        hs_codes=["630492"],
        available=["s01", "s02"],
        max_meetings=2,
    )
    response = _client(producer.verified_by).post(
        f"/events/{event.pk}/", {"action": "approve", "registration": registration.pk}
    )
    assert response.status_code == 302
    _client(buyer).post(
        f"/events/{event.pk}/",
        {
            "action": "register",
            "side": "buyer",
            "company": "Homes Inc",
            "country": "US",
            "hs_codes": "6304",
            "available": ["s01"],
            "max_meetings": "1",
        },
    )
    assert _client(buyer).post(f"/events/{event.pk}/", {"action": "schedule"}).status_code == 403
    assert _client(admin).post(f"/events/{event.pk}/", {"action": "schedule"}).status_code == 302
    meeting = Meeting.objects.get()
    page = _client(seller_user).get(f"/events/{event.pk}/my-schedule/").content.decode()
    assert "10:00" in page and "Homes Inc" in page
    pdf = _client(seller_user).get(f"/events/{event.pk}/my-schedule.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Homes Inc" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert _client(UserFactory.create()).get(f"/events/{event.pk}/my-schedule/").status_code == 404
    _client(admin).post(
        f"/events/{event.pk}/",
        {
            "action": "outcome",
            "meeting": meeting.pk,
            "held": "on",
            "result": "lead",
            "value": "",
            "currency": "",
        },
    )
    page = _client().get(f"/events/{event.pk}/").content.decode()
    assert 'data-total="held">1<' in page and 'data-total="leads">1<' in page


def test_district_page_shows_its_sellers_event_results() -> None:
    """The catalogue's district page adds the district's meeting results (issue 16)."""
    admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
    event = event_with_slots(1)
    seller_user, producer = verified_producer()
    buyer = UserFactory.create(role=Role.BUYER)
    seller = services.registration_create(
        actor=seller_user,
        event=event,
        side="seller",
        hs_codes=["0902"],
        available=["s01"],
        max_meetings=1,
    )
    services.registration_decide(actor=producer.verified_by, registration=seller, approve=True)
    services.registration_create(
        actor=buyer,
        event=event,
        side="buyer",
        company="Tea Traders",
        hs_codes=["090230"],
        available=["s01"],
        max_meetings=1,
    )
    url = f"/districts/{producer.district.lgd_code}/"
    assert "Buyer-seller meetings" not in _client().get(url).content.decode()
    (meeting,) = services.schedule_run(actor=admin, event=event)
    services.meeting_outcome_record(
        actor=admin,
        meeting=meeting,
        held=True,
        result="order",
        value=Decimal("5000"),
        currency="USD",
    )
    page = _client().get(url).content.decode()
    assert 'data-total="orders">1<' in page


def test_my_work_lists_sellers_awaiting_their_officer() -> None:
    from odop.workspace.selectors import workspace_blocks

    event = event_with_slots(1)
    seller_user, producer = verified_producer()
    services.registration_create(
        actor=seller_user,
        event=event,
        side="seller",
        hs_codes=["0902"],
        available=["s01"],
        max_meetings=1,
    )
    blocks = {b.key: b for b in workspace_blocks(user=producer.verified_by)}
    assert blocks["events"].waiting == 1
    assert blocks["events"].rows[0].label == producer.name
    other_officer = verified_producer()[1].verified_by
    assert "events" not in {b.key for b in workspace_blocks(user=other_officer)}
