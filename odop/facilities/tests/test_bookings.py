"""Booking a machine: the codes of every refusal (nothing written), adjacency, cancellation,
the operators' moves and the charge (issue 15)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.errors import error_code
from odop.facilities import rules, services
from odop.facilities.models import Booking, BookingEvent, BookingStatus, EquipmentStatus
from odop.facilities.tests.conftest import Place
from odop.facilities.tests.factories import EquipmentFactory
from odop.producers.models import ProducerStatus
from odop.producers.tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


def _book(place: Place, start: dt.datetime, hours: float = 2, **kwargs: object) -> Booking:
    return services.booking_create(
        actor=kwargs.pop("actor", place.producer),  # type: ignore[arg-type]
        equipment=kwargs.pop("equipment", place.machine),  # type: ignore[arg-type]
        start=start,
        end=start + dt.timedelta(hours=hours),
    )


def _refused(call: object) -> str:
    with pytest.raises(ValidationError) as caught:
        call()  # type: ignore[operator]
    return error_code(caught.value)


def test_a_verified_producer_books_and_the_charge_is_hours_times_rate(
    place: Place, monday: dt.datetime
) -> None:
    booking = _book(place, monday, hours=1.5)
    assert booking.status == BookingStatus.REQUESTED
    assert booking.charge == Decimal("375.00")
    assert booking.producer.user == place.producer
    assert BookingEvent.objects.get(booking=booking).status == BookingStatus.REQUESTED


@pytest.mark.parametrize(
    ("offset_hours", "length", "code"),
    [
        (0, 2, "slot_taken"),  # the same two hours
        (1, 2, "slot_taken"),  # overlaps the second hour
        (-1, 2, "slot_taken"),  # overlaps the first hour
        (-2, 2, None),  # ends when the other starts
        (2, 2, None),  # starts when the other ends
    ],
)
def test_overlaps_are_refused_and_adjacent_bookings_allowed(
    place: Place, monday: dt.datetime, offset_hours: int, length: int, code: str | None
) -> None:
    _book(place, monday.replace(hour=12))
    start = monday.replace(hour=12) + offset_hours * HOUR
    if code is None:
        assert _book(place, start, length).status == BookingStatus.REQUESTED
        assert Booking.objects.count() == 2
    else:
        assert _refused(lambda: _book(place, start, length)) == code
        assert Booking.objects.count() == 1


def test_refusals_write_nothing(place: Place, monday: dt.datetime) -> None:
    now = timezone.now()
    cases = {
        "in_past": (now - HOUR, now),
        "outside_hours": (monday.replace(hour=17), monday.replace(hour=19)),
        "end_before_start": (monday.replace(hour=12), monday.replace(hour=11)),
        "too_far_ahead": (
            monday + dt.timedelta(days=120),
            monday + dt.timedelta(days=120, hours=1),
        ),
    }
    for code, (start, end) in cases.items():
        assert (
            _refused(
                lambda s=start, e=end: services.booking_create(
                    actor=place.producer, equipment=place.machine, start=s, end=e
                )
            )
            == code
        )
    saturday = monday + dt.timedelta(days=5)
    assert _refused(lambda: _book(place, saturday.replace(hour=10))) == "outside_hours"
    assert Booking.objects.exists() is False
    assert BookingEvent.objects.exists() is False


def test_a_machine_under_repair_cannot_be_booked(place: Place, monday: dt.datetime) -> None:
    broken = EquipmentFactory.create(centre=place.centre, status=EquipmentStatus.UNDER_REPAIR)
    assert _refused(lambda: _book(place, monday, equipment=broken)) == "under_repair"


def test_the_same_slot_on_another_machine_is_free(place: Place, monday: dt.datetime) -> None:
    _book(place, monday)
    other = EquipmentFactory.create(centre=place.centre)
    assert _book(place, monday, equipment=other).equipment == other


@pytest.mark.parametrize("role", [Role.BUYER, Role.CFC_OPERATOR, Role.DISTRICT_OFFICER])
def test_only_verified_producers_book(place: Place, monday: dt.datetime, role: str) -> None:
    user = UserFactory.create(role=role, district=place.centre.district)
    with pytest.raises(PermissionDenied):
        _book(place, monday, actor=user)
    pending = UserFactory.create(role=Role.PRODUCER)
    ProducerFactory.create(user=pending, status=ProducerStatus.PENDING)
    with pytest.raises(PermissionDenied):
        _book(place, monday, actor=pending)
    assert Booking.objects.exists() is False


def test_a_cancelled_booking_frees_the_slot(place: Place, monday: dt.datetime) -> None:
    first = _book(place, monday)
    services.booking_transition(actor=place.producer, booking=first, to=BookingStatus.CANCELLED)
    second = _book(place, monday)
    assert second.status == BookingStatus.REQUESTED
    assert Booking.objects.filter(status=BookingStatus.CANCELLED).count() == 1


def test_the_producer_cancels_only_with_notice(place: Place, monday: dt.datetime) -> None:
    booking = _book(place, monday)
    late = booking.start - dt.timedelta(hours=rules.CANCEL_NOTICE_HOURS - 1)
    with pytest.raises(ValidationError) as caught:
        services.booking_transition(
            actor=place.producer, booking=booking, to=BookingStatus.CANCELLED, now=late
        )
    assert error_code(caught.value) == "too_late_to_cancel"
    # the operator still can (the machine may have broken down)
    services.booking_transition(
        actor=place.operator, booking=booking, to=BookingStatus.CANCELLED, now=late
    )
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED


def test_operator_confirms_then_marks_used_once_begun(place: Place, monday: dt.datetime) -> None:
    booking = _book(place, monday)
    services.booking_transition(actor=place.operator, booking=booking, to=BookingStatus.CONFIRMED)
    with pytest.raises(ValidationError) as caught:
        services.booking_transition(actor=place.operator, booking=booking, to=BookingStatus.USED)
    assert error_code(caught.value) == "not_started"
    services.booking_transition(
        actor=place.operator, booking=booking, to=BookingStatus.USED, now=monday + HOUR
    )
    assert list(BookingEvent.objects.filter(booking=booking).values_list("status", flat=True)) == [
        "requested",
        "confirmed",
        "used",
    ]
    with pytest.raises(ValidationError) as caught:
        services.booking_transition(
            actor=place.operator, booking=booking, to=BookingStatus.CANCELLED
        )
    assert error_code(caught.value) == "invalid_transition"


def test_the_producer_cannot_confirm_and_another_operator_cannot_act(
    place: Place, monday: dt.datetime
) -> None:
    booking = _book(place, monday)
    stranger = UserFactory.create(role=Role.CFC_OPERATOR)
    for actor in (place.producer, stranger):
        with pytest.raises(PermissionDenied):
            services.booking_transition(actor=actor, booking=booking, to=BookingStatus.CONFIRMED)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.REQUESTED
