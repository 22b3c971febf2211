"""Officers keep the registry (issue 15): register a centre in their area, edit it, add and
edit machines, name operators; a centre outside the area is 404; bad input writes nothing;
history rows. A centre linked to a scheme application; the producer's "My bookings" and
the producer 360 section."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.facilities.models import Booking, BookingStatus, Centre, Equipment, EquipmentStatus
from odop.facilities.producer_sections import booking_rows
from odop.facilities.tests.conftest import Place
from odop.facilities.tests.factories import (
    BookingFactory,
    CentreFactory,
    EquipmentFactory,
    OperatorFactory,
)
from odop.geography.models import District
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.producers.models import Producer
from odop.producers.tests.factories import ProducerFactory
from odop.registry.tests.factories import DistrictProductFactory
from odop.schemes.models import Application, Scheme
from odop.schemes.tests.factories import shipped_schemes_loaded

pytestmark = pytest.mark.django_db

FACTS = {
    "plant_machinery_cost": "700000",
    "civil_work_cost": "300000",
    "workers": 4,
    "applicant_age": 30,
    "education_class": 10,
    "family_already_benefited": False,
}


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _centre_post(district: District, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "action": "centre",
        "name": "Moonj Craft CFC",
        "district": district.pk,
        "category": "B",
        "implementing_agency": "Moonj Craft SPV",
        "sanctioned_cost": "15000000",
        "address": "Industrial Estate, Plot 4",
        "latitude": "25.45",
        "longitude": "81.85",
    }
    for weekday in range(5):
        data[f"opens_{weekday}"] = "09:00"
        data[f"closes_{weekday}"] = "18:00"
    data.update(extra)
    return data


class Area:
    def __init__(self) -> None:
        self.state = StateFactory.create()
        self.district = DistrictFactory.create(state=self.state)
        self.other_district = DistrictFactory.create(state=self.state)
        self.far_district = DistrictFactory.create()
        self.district_officer = UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=self.district
        )
        self.other_officer = UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=self.other_district
        )
        self.state_officer = UserFactory.create(role=Role.STATE_OFFICER, state=self.state)
        self.admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
        self.product = DistrictProductFactory.create(district=self.district)
        self.far_product = DistrictProductFactory.create(district=self.far_district)


@pytest.fixture
def area() -> Area:
    return Area()


def test_a_district_officer_registers_a_centre_with_hours_and_products(area: Area) -> None:
    response = _client(area.district_officer).post(
        "/cfcs/new/", _centre_post(area.district, products=[area.product.pk])
    )
    assert response.status_code == 302
    centre = Centre.objects.get()
    assert response["Location"] == f"/cfcs/{centre.pk}/edit/"
    assert centre.district == area.district and centre.sanctioned_cost == Decimal("15000000")
    assert list(centre.products.all()) == [area.product]
    assert [row.weekday for row in centre.opening_hours.all()] == [0, 1, 2, 3, 4]
    (history,) = centre.history.all()
    assert history.history_type == "+" and history.history_user == area.district_officer


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 302),
        ("buyer", 404),
        ("producer", 404),
        ("cfc_operator", 404),
        ("mission_officer", 404),
        ("district_officer", 200),
        ("state_officer", 200),
        ("national_admin", 200),
    ],
)
def test_who_may_open_the_register_page(area: Area, who: str, status: int) -> None:
    user = {
        "anonymous": None,
        "district_officer": area.district_officer,
        "state_officer": area.state_officer,
        "national_admin": area.admin,
    }.get(who) or (None if who == "anonymous" else UserFactory.create(role=who))
    assert _client(user).get("/cfcs/new/").status_code == status
    assert _client(user).post("/cfcs/new/", _centre_post(area.district)).status_code in (
        status,
        302 if status == 200 else status,
    )
    if status != 200:
        assert not Centre.objects.exists()


def test_an_officer_cannot_register_outside_their_area(area: Area) -> None:
    for officer, district in (
        (area.district_officer, area.other_district),
        (area.state_officer, area.far_district),
    ):
        response = _client(officer).post("/cfcs/new/", _centre_post(district))
        assert response.status_code == 200
        assert "district" in response.context["form"].errors
    # A State officer registers anywhere in their State; a national admin anywhere.
    assert (
        _client(area.state_officer)
        .post("/cfcs/new/", _centre_post(area.other_district))
        .status_code
        == 302
    )
    assert (
        _client(area.admin)
        .post("/cfcs/new/", _centre_post(area.far_district, name="Far CFC"))
        .status_code
        == 302
    )
    assert Centre.objects.count() == 2


@pytest.mark.parametrize(
    "change, field",
    [
        ({"sanctioned_cost": "-1"}, "sanctioned_cost"),
        ({"sanctioned_cost": "99999999999"}, "sanctioned_cost"),
        ({"latitude": "51.5"}, "latitude"),
        ({"category": "Z"}, "category"),
        ({"closes_0": ""}, "closes_0"),
        ({"opens_1": "19:00"}, "closes_1"),
        ({"name": ""}, "name"),
        ({"address": "x" * 5000}, "address"),
    ],
)
def test_bad_centre_input_writes_nothing(area: Area, change: dict[str, str], field: str) -> None:
    response = _client(area.district_officer).post(
        "/cfcs/new/", _centre_post(area.district, **change)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Centre.objects.exists()
    assert not Centre.history.exists()


def test_products_of_another_district_are_refused(area: Area) -> None:
    response = _client(area.admin).post(
        "/cfcs/new/", _centre_post(area.district, products=[area.far_product.pk])
    )
    assert response.status_code == 200 and "products" in response.context["form"].errors
    assert not Centre.objects.exists()


def test_editing_a_centre_outside_the_area_is_404(area: Area) -> None:
    centre = CentreFactory.create(district=area.district)
    machine = EquipmentFactory.create(centre=centre)
    for user in (
        area.other_officer,
        UserFactory.create(role=Role.STATE_OFFICER, state=area.far_district.state),
        UserFactory.create(role=Role.CFC_OPERATOR),
        UserFactory.create(role=Role.PRODUCER),
    ):
        client = _client(user)
        assert client.get(f"/cfcs/{centre.pk}/edit/").status_code == 404
        assert (
            client.post(
                f"/cfcs/{centre.pk}/edit/", _centre_post(area.district, name="Taken")
            ).status_code
            == 404
        )
        assert client.get(f"/cfcs/{centre.pk}/equipment/{machine.pk}/").status_code == 404
    # A missing centre answers the same as one outside the area.
    assert _client(area.district_officer).get("/cfcs/999999/edit/").status_code == 404
    # A machine of another centre is not found under this one.
    elsewhere = EquipmentFactory.create(centre=CentreFactory.create(district=area.district))
    assert (
        _client(area.district_officer)
        .get(f"/cfcs/{centre.pk}/equipment/{elsewhere.pk}/")
        .status_code
        == 404
    )
    centre.refresh_from_db()
    assert centre.name != "Taken"


def test_the_officer_edits_the_centre_and_history_records_it(area: Area) -> None:
    centre = CentreFactory.create(district=area.district)
    response = _client(area.state_officer).post(
        f"/cfcs/{centre.pk}/edit/",
        _centre_post(
            area.district,
            name="Renamed CFC",
            closes_4="",
            opens_4="",
            opens_5="10:00",
            closes_5="14:00",
        ),
    )
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.name == "Renamed CFC" and centre.district == area.district
    assert [row.weekday for row in centre.opening_hours.all()] == [0, 1, 2, 3, 5]
    latest = centre.history.first()
    assert latest is not None and latest.history_type == "~"
    assert latest.history_user == area.state_officer
    # The district cannot be moved by posting another one.
    _client(area.state_officer).post(
        f"/cfcs/{centre.pk}/edit/", _centre_post(area.other_district, name="Moved?")
    )
    centre.refresh_from_db()
    assert centre.district == area.district


def test_machines_are_added_and_put_under_repair(area: Area) -> None:
    centre = CentreFactory.create(district=area.district)
    client = _client(area.district_officer)
    machine = {
        "action": "machine",
        "machine-name": "Moonj dryer",
        "machine-capacity": "40",
        "machine-unit": "kg per hour",
        "machine-hourly_rate": "250",
        "machine-status": "working",
    }
    assert client.post(f"/cfcs/{centre.pk}/edit/", machine).status_code == 302
    added = Equipment.objects.get(centre=centre)
    assert added.name == "Moonj dryer" and added.hourly_rate == Decimal("250")
    for bad in ({"machine-capacity": "0"}, {"machine-hourly_rate": "-5"}, {"machine-status": "x"}):
        response = client.post(f"/cfcs/{centre.pk}/edit/", machine | bad | {"machine-name": "Bad"})
        assert response.status_code == 200 and response.context["machine_form"].errors
    assert Equipment.objects.filter(centre=centre).count() == 1
    url = f"/cfcs/{centre.pk}/equipment/{added.pk}/"
    response = client.post(
        url,
        {
            "name": "Moonj dryer",
            "capacity": "40",
            "unit": "kg per hour",
            "hourly_rate": "275",
            "status": "under_repair",
        },
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.status == EquipmentStatus.UNDER_REPAIR and added.hourly_rate == Decimal("275")
    assert added.history.count() == 2
    assert added.history.first().history_user == area.district_officer  # type: ignore[union-attr]
    response = client.post(
        url,
        {
            "name": "Moonj dryer",
            "capacity": "-3",
            "unit": "kg",
            "hourly_rate": "1",
            "status": "working",
        },
    )
    assert response.status_code == 200
    added.refresh_from_db()
    assert added.capacity == 40 and added.history.count() == 2


def test_operators_are_named_by_username_or_email_and_removed(area: Area) -> None:
    centre = CentreFactory.create(district=area.district)
    operator = OperatorFactory.create(email="op@example.org")
    second = OperatorFactory.create()
    buyer = UserFactory.create(role=Role.BUYER, email="buyer@example.org")
    client = _client(area.district_officer)
    url = f"/cfcs/{centre.pk}/edit/"
    assert (
        client.post(
            url, {"action": "operator_add", "operator-operator": "OP@example.org"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url, {"action": "operator_add", "operator-operator": second.username}
        ).status_code
        == 302
    )
    assert set(centre.operators.all()) == {operator, second}
    for unknown in (buyer.username, "buyer@example.org", "nobody"):
        response = client.post(url, {"action": "operator_add", "operator-operator": unknown})
        assert response.status_code == 200
        assert "operator" in response.context["operator_form"].errors
    assert set(centre.operators.all()) == {operator, second}
    assert client.post(url, {"action": "operator_remove", "user": second.pk}).status_code == 302
    assert list(centre.operators.all()) == [operator]
    # Someone who is not an operator of the centre is not found.
    assert client.post(url, {"action": "operator_remove", "user": buyer.pk}).status_code == 404
    assert centre.history.filter(history_user=area.district_officer).count() >= 3


def _application(district: District) -> Application:
    producer_user = UserFactory.create(role=Role.PRODUCER)
    ProducerFactory.create(district=district, user=producer_user)
    client = APIClient()
    client.force_authenticate(producer_user)
    response = client.post(
        "/api/v1/applications/", {"scheme": "pmfme-individual", "facts": FACTS}, format="json"
    )
    assert response.status_code == 201, response.json()
    return Application.objects.get(pk=response.json()["id"])


def test_a_centre_links_to_a_scheme_application_of_its_district() -> None:
    state = shipped_schemes_loaded()
    district = DistrictFactory.create(state=state)
    other = DistrictFactory.create(state=state)
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=district)
    application = _application(district)
    elsewhere = _application(other)
    scheme = application.scheme
    another_scheme = Scheme.objects.exclude(pk=scheme.pk).first()
    assert another_scheme is not None
    client = _client(officer)
    # An application the officer may not see is not a choice.
    response = client.post(
        "/cfcs/new/", _centre_post(district, scheme=scheme.pk, application=elsewhere.pk)
    )
    assert response.status_code == 200 and "application" in response.context["form"].errors
    # An application under another scheme is refused by the service.
    response = client.post(
        "/cfcs/new/", _centre_post(district, scheme=another_scheme.pk, application=application.pk)
    )
    assert response.status_code == 200 and "application" in response.context["form"].errors
    assert not Centre.objects.exists()
    response = client.post(
        "/cfcs/new/", _centre_post(district, scheme=scheme.pk, application=application.pk)
    )
    assert response.status_code == 302
    centre = Centre.objects.get()
    assert centre.application == application
    page = _client().get(f"/cfcs/{centre.pk}/")
    assert application.number and application.number in page.text
    assert scheme.name in page.text
    assert application.producer.name not in page.text


def test_my_bookings_lists_upcoming_and_past_and_cancels_within_the_rules(
    place: Place, monday: dt.datetime
) -> None:
    producer = Producer.objects.get(user=place.producer)
    upcoming = BookingFactory.create(
        equipment=place.machine,
        producer=producer,
        booked_by=place.producer,
        start=monday,
        end=monday + dt.timedelta(hours=2),
    )
    soon_start = timezone.now() + dt.timedelta(hours=2)
    soon = BookingFactory.create(
        equipment=place.machine,
        producer=producer,
        booked_by=place.producer,
        start=soon_start,
        end=soon_start + dt.timedelta(hours=1),
    )
    past_start = timezone.now() - dt.timedelta(days=3)
    past = BookingFactory.create(
        equipment=place.machine,
        producer=producer,
        booked_by=place.producer,
        start=past_start,
        end=past_start + dt.timedelta(hours=1),
        status=BookingStatus.USED,
    )
    someone_else = BookingFactory.create(
        equipment=place.machine,
        start=monday + dt.timedelta(hours=3),
        end=monday + dt.timedelta(hours=4),
    )
    client = _client(place.producer)
    page = client.get("/cfcs/bookings/")
    assert page.status_code == 200
    assert [b.pk for b in page.context["upcoming"]] == [soon.pk, upcoming.pk]
    assert [b.pk for b in page.context["past"]] == [past.pk]
    assert page.context["cancellable"] == {upcoming.pk}
    # Too late to cancel: refused, nothing changes.
    client.post("/cfcs/bookings/", {"action": "cancel", "booking": soon.pk})
    soon.refresh_from_db()
    assert soon.status == BookingStatus.REQUESTED
    # Another producer's booking is not found.
    assert (
        client.post("/cfcs/bookings/", {"action": "cancel", "booking": someone_else.pk}).status_code
        == 404
    )
    assert (
        client.post("/cfcs/bookings/", {"action": "cancel", "booking": upcoming.pk}).status_code
        == 302
    )
    upcoming.refresh_from_db()
    assert upcoming.status == BookingStatus.CANCELLED
    assert upcoming.events.filter(status=BookingStatus.CANCELLED, actor=place.producer).exists()
    assert _client().get("/cfcs/bookings/").status_code == 302
    # The operator has nothing of their own here.
    assert _client(place.operator).get("/cfcs/bookings/").context["upcoming"] == []


def test_the_producer_360_section_lists_bookings_through_the_gate(
    place: Place, monday: dt.datetime
) -> None:
    producer = Producer.objects.get(user=place.producer)
    BookingFactory.create(
        equipment=place.machine,
        producer=producer,
        booked_by=place.producer,
        start=monday,
        end=monday + dt.timedelta(hours=2),
    )
    (row,) = booking_rows(place.producer, producer)
    assert row["centre"] == place.centre.name and row["machine"] == place.machine.name
    assert len(booking_rows(place.operator, producer)) == 1
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=place.centre.district)
    assert len(booking_rows(officer, producer)) == 1
    assert booking_rows(UserFactory.create(role=Role.BUYER), producer) == []
    far = UserFactory.create(role=Role.DISTRICT_OFFICER, district=DistrictFactory.create())
    assert booking_rows(far, producer) == []
    page = _client(place.producer).get(f"/producers/{producer.pk}/")
    assert page.status_code == 200
    assert "Common Facility Centre bookings" in page.text
    assert Booking.objects.count() == 1
