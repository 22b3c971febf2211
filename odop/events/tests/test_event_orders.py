"""Bazaar orders linked to events and the fuller totals (issue 16): a buyer links an order from a
seller they met; totals count those orders, the export value (buyers from abroad), first-time
exporters among the sellers, follow-ups due (a lead marked followed up leaves them), by event,
district, State and country; country codes are checked against the ISO list."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Listing, Order, OrderStatus
from odop.bazaar.tests.factories import ListingFactory
from odop.events import selectors, services
from odop.events.models import Event, EventOrder, Meeting, MeetingResult, Registration, Side
from odop.events.tests.factories import event_with_slots, verified_producer
from odop.exports.models import ExporterStage
from odop.exports.tests.factories import ExporterCandidateFactory
from odop.geography.tests.factories import StateFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 1, 20)


def _order(listing: Listing, buyer: User, total: str) -> Order:
    return Order.objects.create(
        listing=listing,
        buyer=buyer,
        quantity=1,
        unit_price=Decimal(total),
        total=Decimal(total),
    )


class World:
    def __init__(self) -> None:
        self.admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
        self.event = event_with_slots(2, state=StateFactory.create(name="Meghalaya"))
        seller_user, self.producer = verified_producer()
        self.seller = services.registration_create(
            actor=seller_user,
            event=self.event,
            side=Side.SELLER,
            hs_codes=["0910"],
            available=["s01", "s02"],
            max_meetings=2,
        )
        services.registration_decide(
            actor=self.producer.verified_by, registration=self.seller, approve=True
        )
        self.listing = ListingFactory.create(producer=self.producer)
        self.buyer_abroad = UserFactory.create(role=Role.BUYER)
        self.buyer_home = UserFactory.create(role=Role.BUYER)
        for user, country in ((self.buyer_abroad, "JP"), (self.buyer_home, "IN")):
            services.registration_create(
                actor=user,
                event=self.event,
                side=Side.BUYER,
                hs_codes=["0910"],
                available=["s01", "s02"],
                max_meetings=2,
                company=f"Buyer {country}",
                country=country,
            )
        services.schedule_run(actor=self.admin, event=self.event)


@pytest.fixture
def world() -> World:
    return World()


def test_a_buyer_links_an_order_from_a_seller_they_met(world: World) -> None:
    abroad = _order(world.listing, world.buyer_abroad, "1000.00")
    home = _order(world.listing, world.buyer_home, "300.00")
    services.event_order_link(actor=world.buyer_abroad, event=world.event, order=abroad)
    services.event_order_link(actor=world.buyer_home, event=world.event, order=home)
    with pytest.raises(ValidationError, match="already names"):
        services.event_order_link(actor=world.buyer_home, event=world.event, order=home)
    with pytest.raises(PermissionDenied):  # someone else's order
        services.event_order_link(
            actor=world.buyer_home,
            event=world.event,
            order=_order(world.listing, world.buyer_abroad, "5.00"),
        )
    stranger = UserFactory.create(role=Role.BUYER)
    with pytest.raises(ValidationError, match="not a buyer"):
        services.event_order_link(
            actor=stranger, event=world.event, order=_order(world.listing, stranger, "5.00")
        )
    elsewhere = ListingFactory.create()  # a seller who was not at the event
    with pytest.raises(ValidationError, match="not a seller"):
        services.event_order_link(
            actor=world.buyer_home,
            event=world.event,
            order=_order(elsewhere, world.buyer_home, "5.00"),
        )
    totals = selectors.event_totals(event=world.event, today=TODAY)
    assert (totals.bazaar_orders, totals.bazaar_value) == (2, Decimal("1300.00"))
    assert totals.bazaar_export_value == Decimal("1000.00")
    # A cancelled order leaves the totals.
    Order.objects.filter(pk=home.pk).update(status=OrderStatus.CANCELLED)
    totals = selectors.event_totals(event=world.event, today=TODAY)
    assert (totals.bazaar_orders, totals.bazaar_value) == (1, Decimal("1000.00"))
    by_state = selectors.event_totals_by_state(Event.objects.all())
    assert [(r.key, r.bazaar_orders, r.bazaar_value) for r in by_state] == [
        ("Meghalaya", 1, Decimal("1000.00"))
    ]
    by_district = selectors.event_totals_by_district(Event.objects.all())
    assert [(r.key, r.bazaar_orders) for r in by_district] == [(world.producer.district.name, 1)]
    district = selectors.district_event_totals(
        district=world.producer.district, full=True, today=TODAY
    )
    assert district.bazaar_orders == 1


def test_the_buyer_links_from_the_event_page_and_the_api(world: World) -> None:
    order = _order(world.listing, world.buyer_home, "450.00")
    client = Client()
    client.force_login(world.buyer_home)
    page = client.get(f"/events/{world.event.pk}/").content.decode()
    assert world.listing.title in page  # offered for linking
    response = client.post(
        f"/events/{world.event.pk}/", {"action": "link_order", "order": order.pk}
    )
    assert response.status_code == 302
    assert EventOrder.objects.get().order == order
    other = _order(world.listing, world.buyer_abroad, "20.00")
    api = APIClient()
    api.force_authenticate(world.buyer_home)
    url = f"/api/v1/events/{world.event.pk}/orders/"
    assert api.post(url, {"order": other.pk}, format="json").status_code == 404  # not theirs
    api.force_authenticate(world.buyer_abroad)
    assert api.post(url, {"order": other.pk}, format="json").status_code == 201
    again = api.post(url, {"order": other.pk}, format="json")
    assert again.status_code == 400 and "order_linked" in str(again.json())


def test_export_value_first_time_exporters_and_follow_ups(world: World) -> None:
    meetings = {m.buyer.country: m for m in Meeting.objects.select_related("buyer")}
    abroad, home = meetings["JP"], meetings["IN"]
    services.meeting_outcome_record(
        actor=world.admin,
        meeting=abroad,
        held=True,
        result=MeetingResult.ORDER,
        value=Decimal("5000.00"),
        currency="USD",
    )
    services.meeting_outcome_record(
        actor=world.admin, meeting=home, held=True, result=MeetingResult.LEAD
    )
    ExporterCandidateFactory.create(
        producer=world.producer,
        district=world.producer.district,
        stage=ExporterStage.FIRST_SHIPMENT,
    )
    ExporterCandidateFactory.create(stage=ExporterStage.FIRST_SHIPMENT)  # not at the event
    totals = selectors.event_totals(event=world.event, today=TODAY)
    assert totals.export_value_by_currency == {"USD": Decimal("5000.00")}
    assert totals.first_time_exporters == 1
    assert totals.follow_ups_due == 1
    with pytest.raises(ValidationError, match="Only a lead"):
        services.meeting_followed_up(actor=world.admin, meeting=abroad)
    with pytest.raises(PermissionDenied):
        services.meeting_followed_up(actor=world.buyer_home, meeting=home)
    done = services.meeting_followed_up(actor=world.admin, meeting=home)
    assert done.followed_up_by == world.admin and done.followed_up_at is not None
    assert selectors.event_totals(event=world.event, today=TODAY).follow_ups_due == 0
    assert not selectors.follow_ups_due(Event.objects.all(), today=TODAY).exists()
    # Re-planning keeps the follow-up marker with its pair.
    services.schedule_run(actor=world.admin, event=world.event)
    assert Meeting.objects.get(buyer__country="IN").followed_up_by == world.admin
    public = APIClient().get(f"/api/v1/events/{world.event.pk}/totals/").json()
    assert public["export_value_by_currency"] == {"USD": "5000.00"}
    assert public["first_time_exporters"] == 1


def test_followed_up_from_the_page_and_the_api(world: World) -> None:
    lead = Meeting.objects.filter(slot__isnull=False).first()
    assert lead is not None
    services.meeting_outcome_record(
        actor=world.admin, meeting=lead, held=True, result=MeetingResult.LEAD
    )
    api = APIClient()
    url = f"/api/v1/events/{world.event.pk}/meetings/{lead.pk}/followed-up/"
    api.force_authenticate(UserFactory.create(role=Role.BUYER))
    assert api.post(url).status_code == 404  # not theirs to see
    client = Client()
    client.force_login(world.admin)
    page = client.get(f"/events/{world.event.pk}/").content.decode()
    assert "Mark followed up" in page
    response = client.post(
        f"/events/{world.event.pk}/", {"action": "followed_up", "meeting": lead.pk}
    )
    assert response.status_code == 302
    api.force_authenticate(world.admin)
    assert api.post(url).json()["followed_up_at"] is not None


@pytest.mark.parametrize("code", ["XX", "ZZ", "in"])
def test_country_codes_are_checked_against_the_iso_list(code: str) -> None:
    buyer = UserFactory.create(role=Role.BUYER)
    event = event_with_slots(1)
    api = APIClient()
    api.force_authenticate(buyer)
    response = api.post(
        f"/api/v1/events/{event.pk}/registrations/",
        {
            "side": "buyer",
            "company": "Somewhere Ltd",
            "country": code,
            "hs_codes": ["0910"],
            "available": ["s01"],
            "max_meetings": 1,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "ISO 3166" in str(response.json())
    assert not Registration.objects.exists()
    admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
    api.force_authenticate(admin)
    outreach = api.post(
        "/api/v1/events/outreach/",
        {"kind": "showcase", "country": code, "held_on": "2027-01-01"},
        format="json",
    )
    assert outreach.status_code == 400
