"""Country names from ISO codes, the world map of Missions' activity, and the Missions' pages
(issue 16): the role matrix, 404s, bad input writing nothing, totals by State and country."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.core.countries import countries, country_name, is_country_code
from odop.events import selectors, services, worldmap
from odop.events.models import Consignment, ConsignmentEvent, Event, Meeting, Outreach
from odop.events.tests.factories import EventFactory
from odop.geography.tests.factories import StateFactory
from odop.registry.tests.factories import DistrictProductFactory

DATA = Path(settings.ODOP_DATA_DIR)


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- Country list and filter ----------------------------------------------------------------


def test_country_list_has_the_iso_codes_and_names() -> None:
    known = countries()
    assert len(known) > 200
    assert all(len(code) == 2 and code.isalpha() and code.isupper() for code in known)
    assert known["AE"].name == "United Arab Emirates"
    assert known["IN"].name_hi == "भारत"
    assert is_country_code("JP") and not is_country_code("ZZ") and not is_country_code("jp")
    assert "AN" not in known  # withdrawn from ISO 3166-1


def test_country_filter_in_english_and_hindi() -> None:
    template = Template("{% load countries %}{{ code|country }}")
    assert template.render(Context({"code": "JP"})) == "Japan"
    assert template.render(Context({"code": ""})) == ""
    with translation.override("hi"):
        assert template.render(Context({"code": "JP"})) == "जापान"
        assert country_name("TW") == "Taiwan"  # no settled Hindi name given: English
    assert country_name("ZZ") == "ZZ"


# --- The world map ------------------------------------------------------------------------


def test_every_natural_earth_country_with_a_code_has_a_shape_keyed_by_it() -> None:
    shapes = worldmap.shapes_load(DATA)
    codes = [shape.code for shape in shapes]
    assert len(codes) == len(set(codes))
    assert all(is_country_code(code) for code in codes)
    with (DATA / worldmap.WORLD_FILE).open(encoding="utf-8") as handle:
        geometries = json.load(handle)["objects"]["countries"]["geometries"]
    expected = set()
    for geometry in geometries:
        raw = (geometry.get("properties") or {}).get("isoA2", "")
        expected.add({"CN-TW": "TW"}.get(raw, raw) or {"250": "FR", "578": "NO"}[geometry["id"]])
    assert expected - set(codes) == {"AQ"}  # only Antarctica, cropped off, has no shape
    assert {"FR", "NO", "TW", "US", "AE", "IN"} <= set(codes)
    assert "AQ" not in codes


def test_india_is_drawn_from_the_indian_states_file() -> None:
    from bharat_choropleth import decode_topology

    shapes = {shape.code: shape for shape in worldmap.shapes_load(DATA)}
    with (DATA / worldmap.INDIA_FILE).open(encoding="utf-8") as handle:
        states = decode_topology(json.load(handle), object_name="states")
    assert shapes["IN"].d == worldmap.rings_path(states)
    assert list(shapes)[-1] == "IN"  # drawn last, over the Natural Earth neighbours


def test_map_shades_by_count_and_names_every_shape() -> None:
    shapes = worldmap.shapes_load(DATA)
    world = worldmap.world_map_render(
        shapes, {"AE": 4, "JP": 1}, title="Outreach", label=lambda code, n: f"{code}={n}"
    )
    assert world.svg.count("<path ") == len(shapes)
    assert world.svg.count('aria-label="') == len(shapes) + 1
    assert f'data-country="AE" d="{next(s.d for s in shapes if s.code == "AE")}" ' in world.svg
    assert 'aria-label="AE=4"' in world.svg and 'aria-label="FR=0"' in world.svg
    assert worldmap.color_for(4, 4) == worldmap.COLORS[-1]
    assert worldmap.color_for(0, 4) == worldmap.EMPTY_COLOR
    assert worldmap.color_for(1, 4) != worldmap.color_for(4, 4)
    assert worldmap.legend(0) == ()
    assert worldmap.legend(4)[0][1] == 1 and worldmap.legend(4)[-1][2] == 4


# --- Pages --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        (Role.BUYER, 403),
        (Role.PRODUCER, 403),
        (Role.DISTRICT_OFFICER, 403),
        (Role.STATE_OFFICER, 403),
        (Role.MISSION_OFFICER, 200),
        (Role.NATIONAL_ADMIN, 200),
    ],
)
def test_world_view_role_matrix(role: str | None, expected: int) -> None:
    user = None
    if role == Role.DISTRICT_OFFICER:
        district = DistrictProductFactory.create().district
        user = UserFactory.create(role=role, district=district)
    elif role == Role.STATE_OFFICER:
        district = DistrictProductFactory.create().district
        user = UserFactory.create(role=role, state=district.state)
    elif role:
        user = UserFactory.create(role=role)
    for url in ("/events/missions/", "/events/missions/outreach/new/"):
        assert _client(user).get(url).status_code == expected


@pytest.mark.django_db
def test_world_view_shows_map_and_table_in_both_languages() -> None:
    mission = UserFactory.create(role=Role.MISSION_OFFICER)
    product = DistrictProductFactory.create()
    services.outreach_record(
        actor=mission,
        kind="odop_wall",
        country="JP",
        held_on=datetime.date(2026, 11, 20),
        products=[product],
        results="Two buyers asked for samples.",
    )
    page = _client(mission).get("/events/missions/").content.decode()
    assert 'data-country="JP"' in page and "Japan: 1 activity" in page
    assert product.name in page and "Two buyers asked for samples." in page
    hindi = _client(mission).get("/hi/events/missions/").content.decode()
    assert "जापान" in hindi


@pytest.mark.django_db
def test_outreach_recorded_from_the_page_and_bad_country_writes_nothing() -> None:
    mission = UserFactory.create(role=Role.MISSION_OFFICER)
    data = {"kind": "showcase", "country": "ZZ", "held_on": "2026-11-20", "results": ""}
    bad = _client(mission).post("/events/missions/outreach/new/", data)
    assert bad.status_code == 200 and Outreach.objects.count() == 0
    good = _client(mission).post("/events/missions/outreach/new/", {**data, "country": "AE"})
    assert good.status_code == 302
    assert Outreach.objects.get().country == "AE"


@pytest.mark.django_db
def test_services_refuse_unknown_country_codes() -> None:
    mission = UserFactory.create(role=Role.MISSION_OFFICER)
    with pytest.raises(Exception, match="country"):
        services.outreach_record(
            actor=mission, kind="showcase", country="XX", held_on=datetime.date(2026, 1, 1)
        )
    api = APIClient()
    api.force_authenticate(mission)
    response = api.post(
        "/api/v1/events/outreach/",
        {"kind": "showcase", "country": "XX", "held_on": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert Outreach.objects.count() == 0


def _consignment_data(product_id: int, country: str = "AE") -> dict[str, str]:
    return {
        "product": str(product_id),
        "destination_city": "Dubai",
        "destination_country": country,
        "quantity": "120",
        "unit": "kg",
        "value": "360000",
        "currency": "INR",
        "partners": "APEDA",
        "documents": "Invoice 17",
    }


@pytest.mark.django_db
def test_consignment_pages_record_move_and_show_history() -> None:
    product = DistrictProductFactory.create()
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=product.district)
    client = _client(officer)
    bad = client.post("/events/consignments/new/", _consignment_data(product.pk, "QQ"))
    assert bad.status_code == 200 and Consignment.objects.count() == 0
    created = client.post("/events/consignments/new/", _consignment_data(product.pk))
    consignment = Consignment.objects.get()
    assert created.status_code == 302 and created["Location"].endswith(f"/{consignment.pk}/")
    url = f"/events/consignments/{consignment.pk}/"
    skip = client.post(url, {"status": "delivered"})
    assert skip.status_code == 400 and ConsignmentEvent.objects.count() == 1
    assert client.post(url, {"status": "dispatched"}).status_code == 302
    assert client.post(url, {"status": "delivered"}).status_code == 302
    page = client.get(url).content.decode()
    assert "United Arab Emirates" in page and "Delivered" in page
    assert [(e.from_status, e.to_status) for e in ConsignmentEvent.objects.order_by("pk")] == [
        ("", "planned"),
        ("planned", "dispatched"),
        ("dispatched", "delivered"),
    ]
    assert "Dubai" in client.get("/events/consignments/").content.decode()


@pytest.mark.django_db
def test_consignments_out_of_sight_are_404_and_others_cannot_record_or_move() -> None:
    product = DistrictProductFactory.create()
    mission = UserFactory.create(role=Role.MISSION_OFFICER)
    _client(mission).post("/events/consignments/new/", _consignment_data(product.pk))
    consignment = Consignment.objects.get()
    other = UserFactory.create(
        role=Role.DISTRICT_OFFICER, district=DistrictProductFactory.create().district
    )
    url = f"/events/consignments/{consignment.pk}/"
    assert _client(other).get(url).status_code == 404
    assert _client(other).post(url, {"status": "dispatched"}).status_code == 404
    assert _client(mission).get("/events/consignments/999999/").status_code == 404
    assert "Dubai" not in _client(other).get("/events/consignments/").content.decode()
    # an officer may only record their own districts' products
    assert (
        _client(other).post("/events/consignments/new/", _consignment_data(product.pk)).status_code
        == 200
    )
    buyer = UserFactory.create(role=Role.BUYER)
    assert _client(buyer).get("/events/consignments/new/").status_code == 403
    assert _client(buyer).get(url).status_code == 404
    assert _client().get(url).status_code == 302
    assert Consignment.objects.count() == 1
    consignment.refresh_from_db()
    assert consignment.status == "planned"


# --- Totals by State and by country ---------------------------------------------------------


@pytest.mark.django_db
def test_event_totals_by_state_and_country_on_the_list_page() -> None:
    state = StateFactory.create()
    home = EventFactory.create(state=state)
    EventFactory.create(state=state)
    abroad = EventFactory.create(country="AE", city="Dubai")
    from odop.events.tests.factories import event_with_slots, verified_producer

    del home, abroad
    event = event_with_slots(1, state=state)
    _user, producer = verified_producer()
    from odop.events.models import Registration

    seller = Registration.objects.create(
        event=event, side="seller", user=_user, producer=producer, max_meetings=2
    )
    buyer = Registration.objects.create(
        event=event, side="buyer", user=UserFactory.create(role=Role.BUYER), max_meetings=2
    )
    Meeting.objects.create(
        event=event, buyer=buyer, seller=seller, held=True, result="lead", value=None
    )
    events = Event.objects.all()
    by_state = selectors.event_totals_by_state(events)
    assert [(row.key, row.events, row.meetings_held, row.leads) for row in by_state] == [
        (state.name, 3, 1, 1)
    ]
    by_country = {row.key: row.events for row in selectors.event_totals_by_country(events)}
    assert by_country == {"AE": 1, "IN": 3}
    page = _client().get("/events/").content.decode()
    assert "Totals by State" in page and "United Arab Emirates" in page


@pytest.mark.django_db
def test_follow_ups_due_are_leads_whose_day_has_come_or_is_unset() -> None:
    from odop.events.models import Registration
    from odop.events.permissions import events_organised_by
    from odop.events.tests.factories import event_with_slots, verified_producer

    organiser = UserFactory.create(role=Role.NATIONAL_ADMIN)
    event = event_with_slots(3, created_by=organiser)
    slots = list(event.slots.all())
    buyers = [
        Registration.objects.create(
            event=event, side="buyer", user=UserFactory.create(role=Role.BUYER), max_meetings=3
        )
        for _ in range(4)
    ]
    user, producer = verified_producer()
    seller = Registration.objects.create(
        event=event, side="seller", user=user, producer=producer, max_meetings=4
    )
    today = datetime.date(2027, 2, 1)
    cases = [  # (result, follow-up day, due?)
        ("lead", None, True),
        ("lead", today, True),
        ("lead", today + datetime.timedelta(days=1), False),
        ("order", None, False),
    ]
    meetings = []
    for position, (buyer, (result, day, _due)) in enumerate(zip(buyers, cases, strict=True)):
        meeting = Meeting.objects.create(
            event=event,
            buyer=buyer,
            seller=seller,
            slot=slots[position % 3],
            table=1 + position // 3,
        )
        services.meeting_outcome_record(
            actor=organiser, meeting=meeting, held=True, result=result, follow_up_on=day
        )
        meetings.append(meeting)
    due = selectors.follow_ups_due(events_organised_by(organiser), today=today)
    assert [m.pk for m in due] == [m.pk for m, case in zip(meetings, cases, strict=True) if case[2]]
    stranger = UserFactory.create(role=Role.STATE_OFFICER, state=producer.district.state)
    assert not selectors.follow_ups_due(events_organised_by(stranger), today=today).exists()
    assert not events_organised_by(UserFactory.create(role=Role.BUYER)).exists()
