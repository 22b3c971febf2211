"""Booking machines: a verified producer books one machine for a time range inside the
centre's opening hours; the operator confirms it, marks it used or a no-show; either side
cancels (the producer only with `rules.CANCEL_NOTICE_HOURS` notice).

No two bookings of one machine that hold its time overlap, whatever the concurrency:
`booking_create` locks the machine's row before it looks for overlaps (PostgreSQL: row lock;
SQLite: every transaction begins IMMEDIATE, so the database's one write lock serialises the
bookings), and on PostgreSQL an exclusion constraint (migration 0002) refuses an overlap even
from code that would skip the lock.
"""

import datetime as dt
from typing import Final

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.errors import field_error, permission_require
from odop.facilities import rules
from odop.facilities.models import (
    BOOKING_HOLDING,
    Booking,
    BookingEvent,
    BookingStatus,
    Equipment,
    EquipmentStatus,
)
from odop.facilities.permissions import (
    can_cancel_own_booking,
    can_operate_booking,
    producer_booking_as,
)
from odop.facilities.selectors import centre_week
from odop.facilities.workflow import AFTER_START, TRANSITIONS

# How far ahead a machine may be booked.
BOOKING_HORIZON_DAYS: Final = 90


def _booking_times_check(*, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> None:
    """Refuse times that are naive, reversed, past or too far ahead (coded errors)."""
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise field_error("start", _("Give times with their UTC offset."), "naive_datetime")
    if end <= start:
        raise field_error("end", _("The booking must end after it starts."), "end_before_start")
    if start <= now:
        raise field_error("start", _("This time has already passed."), "in_past")
    if start > now + dt.timedelta(days=BOOKING_HORIZON_DAYS):
        raise ValidationError(
            {
                "start": ValidationError(
                    _("Machines can be booked at most %(days)d days ahead."),
                    code="too_far_ahead",
                    params={"days": BOOKING_HORIZON_DAYS},
                )
            }
        )


@transaction.atomic
def booking_create(
    *,
    actor: User,
    equipment: Equipment,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime | None = None,
) -> Booking:
    """Book `equipment` for [start, end) for the actor's verified producer.

    Refuses (coded `ValidationError`s, nothing written): `in_past`, `end_before_start`,
    `naive_datetime`, `too_far_ahead`, `under_repair`, `outside_hours`, `slot_taken`.
    Locks the machine's row first, so concurrent bookings of one machine queue here and the
    overlap check sees every booking committed before.
    """
    producer = producer_booking_as(actor)
    permission_require(producer is not None)
    assert producer is not None  # for the type checker: refused above
    now = now or timezone.now()
    _booking_times_check(start=start, end=end, now=now)
    equipment = Equipment.objects.select_for_update().select_related("centre").get(pk=equipment.pk)
    if equipment.status != EquipmentStatus.WORKING:
        raise field_error("equipment", _("This machine is under repair."), "under_repair")
    week = centre_week(centre=equipment.centre)
    if not rules.within_opening_hours(
        start=start, end=end, week=week, zone=timezone.get_current_timezone()
    ):
        raise field_error(
            "start", _("The centre is not open for all of this time."), "outside_hours"
        )
    taken = Booking.objects.filter(
        equipment=equipment, status__in=BOOKING_HOLDING, start__lt=end, end__gt=start
    ).exists()
    if taken:
        raise field_error("start", _("This machine is already booked then."), "slot_taken")
    booking = Booking(
        equipment=equipment,
        producer=producer,
        booked_by=actor,
        start=start,
        end=end,
        hourly_rate=equipment.hourly_rate,
        charge=rules.booking_charge(start=start, end=end, hourly_rate=equipment.hourly_rate),
    )
    booking.full_clean()
    try:
        with transaction.atomic():  # a savepoint: the exclusion constraint's refusal is kept
            booking.save(force_insert=True)
    except IntegrityError as error:
        # Only PostgreSQL's exclusion constraint gets here (the lock makes it unreachable
        # for callers of this service); anything else is a real fault.
        if "facilities_booking_no_overlap" not in str(error):
            raise
        raise field_error(
            "start", _("This machine is already booked then."), "slot_taken"
        ) from error
    BookingEvent.objects.create(booking=booking, status=booking.status, actor=actor)
    return booking


@transaction.atomic
def booking_transition(
    *, actor: User, booking: Booking, to: str, now: dt.datetime | None = None
) -> Booking:
    """Move a booking to `to` (confirmed, used, no-show, cancelled) and record the step.

    The centre's operators make every move; the producer may only cancel, and only until
    `rules.CANCEL_NOTICE_HOURS` before the start (`too_late_to_cancel`). Used and no-show
    are recorded once the booked time has begun (`not_started`). A move not in
    `workflow.TRANSITIONS` is `invalid_transition`. The booking's row is locked first.
    """
    now = now or timezone.now()
    booking = (
        Booking.objects.select_for_update()
        .select_related("equipment__centre", "producer")
        .get(pk=booking.pk)
    )
    operator = can_operate_booking(actor, booking)
    own = to == BookingStatus.CANCELLED and can_cancel_own_booking(actor, booking)
    permission_require(operator or own)
    if to not in TRANSITIONS.get(booking.status, frozenset()):
        raise ValidationError(
            _("A %(status)s booking cannot become %(to)s."),
            code="invalid_transition",
            params={"status": booking.get_status_display(), "to": to},
        )
    if to in AFTER_START and now < booking.start:
        raise ValidationError(_("The booked time has not begun yet."), code="not_started")
    notice = booking.start - now
    if (
        to == BookingStatus.CANCELLED
        and not operator
        and notice < dt.timedelta(hours=rules.CANCEL_NOTICE_HOURS)
    ):
        raise ValidationError(
            _("Bookings can be cancelled until %(hours)d hours before they start."),
            code="too_late_to_cancel",
            params={"hours": rules.CANCEL_NOTICE_HOURS},
        )
    booking.status = to
    booking.save(update_fields=["status", "updated_at"])
    BookingEvent.objects.create(booking=booking, status=to, actor=actor)
    return booking
