"""Stalls of an event (issue 16): bulk layout, allocation to approved sellers (one seller per
stall, at most the event's stalls per seller), the claim that pays, history, who may act (others
get 404 on the page, 403 from the service), the public layout and the read API."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.core.errors import error_code
from odop.events import services
from odop.events.models import Event, Registration, RegistrationStatus, Side, Stall
from odop.events.tests.factories import event_with_slots, verified_producer
from odop.producers.models import Producer
from odop.schemes.models import Application, ApplicationStatus, Scheme, SchemeVersion

pytestmark = pytest.mark.django_db

NINE = Decimal("9.00")


def _seller(event: Event, *, approve: bool = True) -> Registration:
    user, producer = verified_producer()
    registration = services.registration_create(
        actor=user, event=event, side=Side.SELLER, hs_codes=["5701"], available=[], max_meetings=2
    )
    if approve:
        services.registration_decide(
            actor=producer.verified_by, registration=registration, approve=True
        )
        registration.refresh_from_db()
    return registration


def _claim(producer: Producer, status: str = ApplicationStatus.IN_PROGRESS) -> Application:
    scheme = Scheme.objects.create(
        code=f"mda-{Scheme.objects.count() + 1}",
        name="Marketing Development Assistance",
        name_hi="विपणन विकास सहायता",
        sponsor="Ministry of MSME",
        sponsor_hi="एमएसएमई मंत्रालय",
        description="Stall rent at fairs.",
        description_hi="मेलों में स्टॉल का किराया।",
    )
    version = SchemeVersion.objects.create(scheme=scheme, number=1)
    return Application.objects.create(
        scheme=scheme,
        version=version,
        producer=producer,
        district=producer.district,
        applicant=producer.user or UserFactory.create(),
        as_of=datetime.date(2027, 1, 1),
        eligible=True,
        benefit=Decimal("20000.00"),
        status=status,
        stage="district",
        stage_entered_at=timezone.now(),
    )


@pytest.fixture
def admin() -> User:
    return UserFactory.create(role=Role.NATIONAL_ADMIN)


def test_a_block_is_laid_out_row_by_row_and_numbering_goes_on(admin: User) -> None:
    event = event_with_slots(1)
    stalls = services.stalls_lay_out(
        actor=admin, event=event, prefix="A", rows=2, columns=3, area_m2=NINE, hall="1"
    )
    assert [(s.code, s.grid_row, s.grid_column) for s in stalls] == [
        ("A-1", 1, 1),
        ("A-2", 1, 2),
        ("A-3", 1, 3),
        ("A-4", 2, 1),
        ("A-5", 2, 2),
        ("A-6", 2, 3),
    ]
    more = services.stalls_lay_out(
        actor=admin, event=event, prefix="A", rows=1, columns=2, area_m2=NINE, hall="1", first_row=3
    )
    assert [s.code for s in more] == ["A-7", "A-8"]


def test_a_block_over_taken_places_or_off_the_grid_writes_nothing(admin: User) -> None:
    event = event_with_slots(1)
    services.stalls_lay_out(actor=admin, event=event, prefix="A", rows=1, columns=2, area_m2=NINE)
    with pytest.raises(ValidationError) as taken:
        services.stalls_lay_out(
            actor=admin, event=event, prefix="B", rows=2, columns=2, area_m2=NINE
        )
    assert error_code(taken.value) == "stall_place_taken"
    with pytest.raises(ValidationError):
        services.stalls_lay_out(
            actor=admin, event=event, prefix="C", rows=1, columns=61, area_m2=NINE, first_row=5
        )
    with pytest.raises(ValidationError):  # area out of range: the model's check
        services.stalls_lay_out(
            actor=admin, event=event, prefix="D", rows=1, columns=1, area_m2=Decimal("501")
        )
    assert Stall.objects.count() == 2


def test_the_database_refuses_two_stalls_with_one_code() -> None:
    event = event_with_slots(1)
    Stall.objects.create(event=event, code="A-1", grid_row=1, grid_column=1, area_m2=NINE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stall.objects.create(event=event, code="A-1", grid_row=1, grid_column=2, area_m2=NINE)


def test_allocation_rules_and_history(admin: User) -> None:
    event = event_with_slots(1)
    a1, a2, a3 = services.stalls_lay_out(
        actor=admin, event=event, prefix="A", rows=1, columns=3, area_m2=NINE
    )
    first, second = _seller(event), _seller(event)
    pending = _seller(event, approve=False)
    services.stall_allocate(actor=admin, stall=a1, registration=first)
    # One seller per stall: a held stall is freed before it goes to another.
    with pytest.raises(ValidationError, match="already allocated"):
        services.stall_allocate(actor=admin, stall=a1, registration=second)
    # A seller holds one stall unless the organiser allows more.
    with pytest.raises(ValidationError, match="may hold 1"):
        services.stall_allocate(actor=admin, stall=a2, registration=first)
    services.stalls_per_seller_set(actor=admin, event=event, count=2)
    services.stall_allocate(actor=admin, stall=a2, registration=first)
    with pytest.raises(ValidationError, match="already has 2"):
        services.stalls_per_seller_set(actor=admin, event=event, count=1)
    # Only approved sellers of this event.
    with pytest.raises(ValidationError, match="approved seller"):
        services.stall_allocate(actor=admin, stall=a3, registration=pending)
    other_event_seller = _seller(event_with_slots(1))
    with pytest.raises(ValidationError, match="approved seller"):
        services.stall_allocate(actor=admin, stall=a3, registration=other_event_seller)
    # Freeing, then another seller.
    services.stall_allocate(actor=admin, stall=a1, registration=None)
    stall = services.stall_allocate(actor=admin, stall=a1, registration=second)
    assert stall.registration == second and stall.allocated_by == admin
    history = list(Stall.history.filter(id=a1.pk).order_by("history_id"))  # type: ignore[attr-defined]
    assert [h.registration_id for h in history] == [None, first.pk, None, second.pk]


def test_a_claim_must_be_a_live_application_of_the_sellers_producer(admin: User) -> None:
    event = event_with_slots(1)
    (stall,) = services.stalls_lay_out(
        actor=admin, event=event, prefix="A", rows=1, columns=1, area_m2=NINE
    )
    seller, other = _seller(event), _seller(event)
    assert seller.producer is not None and other.producer is not None
    own = _claim(seller.producer)
    with pytest.raises(ValidationError, match="seller's producer"):
        services.stall_allocate(
            actor=admin, stall=stall, registration=seller, claim=_claim(other.producer)
        )
    rejected = _claim(seller.producer, status=ApplicationStatus.REJECTED)
    with pytest.raises(ValidationError, match="seller's producer"):
        services.stall_allocate(actor=admin, stall=stall, registration=seller, claim=rejected)
    services.stall_allocate(actor=admin, stall=stall, registration=seller, claim=own)
    assert Stall.objects.get().claim == own


def test_only_organisers_lay_out_and_allocate() -> None:
    event = event_with_slots(1)
    seller = _seller(event)
    for user in (
        UserFactory.create(role=Role.BUYER),
        UserFactory.create(role=Role.MISSION_OFFICER),  # organises events abroad only
        seller.user,
    ):
        with pytest.raises(PermissionDenied):
            services.stalls_lay_out(
                actor=user, event=event, prefix="A", rows=1, columns=1, area_m2=NINE
            )
        response = Client()
        response.force_login(user)
        assert response.get(f"/events/{event.pk}/stalls/").status_code == 404
        assert (
            response.post(
                f"/events/{event.pk}/stalls/",
                {"action": "layout", "code_prefix": "A", "rows": 1, "columns": 1, "area_m2": "9"},
            ).status_code
            == 404
        )
    assert Stall.objects.count() == 0


def test_the_organisers_page_lays_out_and_allocates(admin: User) -> None:
    event = event_with_slots(1)
    seller = _seller(event)
    client = Client()
    client.force_login(admin)
    url = f"/events/{event.pk}/stalls/"
    response = client.post(
        url,
        {
            "action": "layout",
            "hall": "1",
            "code_prefix": "B",
            "rows": "2",
            "columns": "2",
            "first_row": "1",
            "first_column": "1",
            "area_m2": "12",
        },
    )
    assert response.status_code == 302
    assert sorted(Stall.objects.values_list("code", flat=True)) == ["B-1", "B-2", "B-3", "B-4"]
    stall = Stall.objects.get(code="B-3")
    assert (
        client.post(
            url, {"action": "allocate", "stall": stall.pk, "registration": seller.pk}
        ).status_code
        == 302
    )
    stall.refresh_from_db()
    assert stall.registration == seller
    page = client.get(url).content.decode()
    assert seller.company in page and "B-3" in page and "<svg" in page
    # A stall of another event is not found through this one.
    foreign = services.stalls_lay_out(
        actor=admin, event=event_with_slots(1), prefix="Z", rows=1, columns=1, area_m2=NINE
    )[0]
    assert client.post(url, {"action": "allocate", "stall": foreign.pk}).status_code == 404
    # A scheme application of a producer who is not an approved seller here is not found either
    # (the page never looks it up), while the seller's own is named.
    assert seller.producer is not None
    stranger = _claim(verified_producer()[1])
    allocate = {"action": "allocate", "stall": stall.pk, "registration": seller.pk}
    assert client.post(url, {**allocate, "claim": stranger.pk}).status_code == 404
    own = _claim(seller.producer)
    assert client.post(url, {**allocate, "claim": own.pk}).status_code == 302
    stall.refresh_from_db()
    assert stall.claim == own


def test_public_page_and_api_show_the_layout_with_approved_sellers_only(admin: User) -> None:
    event = event_with_slots(1)
    a1, a2 = services.stalls_lay_out(
        actor=admin, event=event, prefix="A", rows=1, columns=2, area_m2=NINE
    )
    seller = _seller(event)
    assert seller.producer is not None
    services.stall_allocate(
        actor=admin, stall=a1, registration=seller, claim=_claim(seller.producer)
    )
    page = Client().get(f"/events/{event.pk}/").content.decode()
    assert "<svg" in page and f'data-stall="{a1.code}"' in page and seller.company in page
    rows = APIClient().get(f"/api/v1/events/{event.pk}/stalls/").json()
    assert [(r["code"], r["seller"]) for r in rows] == [("A-1", seller.company), ("A-2", None)]
    assert rows[0]["district"] == seller.producer.district.name
    assert "claim" not in rows[0]  # claims are not public
    # A registration no longer approved is not shown (written past the service on purpose).
    Registration.objects.filter(pk=seller.pk).update(status=RegistrationStatus.REJECTED)
    assert APIClient().get(f"/api/v1/events/{event.pk}/stalls/").json()[0]["seller"] is None
    assert a2.registration is None
    assert APIClient().get("/api/v1/events/999999/stalls/").status_code == 404
