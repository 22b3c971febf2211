"""Writes of events (issue 16): create an event, register, approve, schedule, record outcomes.

Every service checks its own permission (a call from a command cannot skip it), validates before
writing (bad HS codes, slots of another event, a cap out of range: a ValidationError, nothing
written) and runs in one transaction; models keep history rows (django-simple-history).
"""

import datetime
import zoneinfo
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.bazaar.models import Order, OrderStatus
from odop.core.countries import is_country_code
from odop.core.errors import field_error, permission_require
from odop.core.models import row_create
from odop.events import permissions
from odop.events.hs_codes import hs_codes_known
from odop.events.matching import Meeting as PlannedMeeting
from odop.events.matching import Participant, Problem, match
from odop.events.matching.spec import HS_CODE_LENGTHS, MEETINGS_CAP_MAX
from odop.events.models import (
    STALL_GRID_MAX,
    STALLS_PER_SELLER_MAX,
    Consignment,
    ConsignmentEvent,
    Event,
    EventOrder,
    EventSlot,
    EventStatus,
    Meeting,
    MeetingResult,
    Outreach,
    Registration,
    RegistrationStatus,
    Side,
    Stall,
)
from odop.events.workflow import CONSIGNMENT_TRANSITIONS
from odop.geography.models import District, State
from odop.producers.models import Producer
from odop.registry.models import DistrictProduct
from odop.schemes.models import Application, ApplicationStatus


def _country_check(field: str, code: str) -> None:
    """A known ISO 3166-1 alpha-2 code, else a ValidationError on `field` (nothing written)."""
    if not is_country_code(code):
        raise field_error(
            field, _("%(code)s is not an ISO 3166 country code.") % {"code": code}, "country"
        )


@transaction.atomic
def event_create(
    *,
    actor: User,
    name: str,
    kind: str,
    organiser_name: str,
    venue: str,
    country: str,
    city: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    time_zone: str,
    tables: int,
    slot_starts: Sequence[datetime.datetime],
    state: State | None = None,
    districts: Sequence[District] = (),
) -> Event:
    """Create an event with its slots (labelled s01, s02, … in time order)."""
    permission_require(permissions.can_create_event(actor))
    _country_check("country", country)
    if time_zone not in zoneinfo.available_timezones():
        raise field_error("time_zone", _("Unknown time zone."), "invalid_time_zone")
    if not slot_starts:
        raise field_error("slot_starts", _("Give at least one meeting slot."), "no_slots")
    if actor.role == "state_officer":
        state = actor.state  # a State officer's events are their State's
    event = row_create(
        Event,
        name=name,
        kind=kind,
        organiser_name=organiser_name,
        created_by=actor,
        venue=venue,
        country=country,
        city=city,
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=time_zone,
        tables=tables,
        state=state,
    )
    event.districts.set(districts)
    for position, starts_at in enumerate(sorted(slot_starts), start=1):
        row_create(
            EventSlot, event=event, label=f"s{position:02d}", starts_at=starts_at, position=position
        )
    return event


def _codes_check(codes: Sequence[str]) -> list[str]:
    known = hs_codes_known()
    clean: list[str] = []
    for code in codes:
        text = str(code).strip()
        if not (text.isascii() and text.isdigit() and len(text) in HS_CODE_LENGTHS):
            raise field_error(
                "hs_codes",
                _("%(code)s is not a 4- or 6-digit HS code.") % {"code": repr(code)},
                "invalid_hs_code",
            )
        if text not in known:
            raise field_error(
                "hs_codes",
                _("%(code)s is not in the HS 2022 nomenclature.") % {"code": text},
                "unknown_hs_code",
            )
        clean.append(text)
    if not clean:
        raise field_error("hs_codes", _("Give at least one HS code."), "no_hs_codes")
    return list(dict.fromkeys(clean))


@transaction.atomic
def registration_create(
    *,
    actor: User,
    event: Event,
    side: str,
    hs_codes: Sequence[str],
    available: Sequence[str],
    max_meetings: int,
    company: str = "",
    country: str = "IN",
) -> Registration:
    """Register `actor` as a buyer or seller. A seller is a verified producer (their own
    account) and waits for their district officer; a buyer is approved at once. Codes must be
    HS 2022 headings/subheadings, `available` slot labels of this event, the cap 0..200."""
    if event.status != EventStatus.OPEN:
        raise ValidationError(_("Registration is closed."), code="registration_closed")
    _country_check("country", country)
    codes = _codes_check(hs_codes)
    slots = {slot.label: slot for slot in event.slots.all()}
    outside = [label for label in available if label not in slots]
    if outside:
        raise field_error(
            "available",
            _("Not slots of this event: %(slots)s.") % {"slots": ", ".join(map(str, outside))},
            "slot_outside_event",
        )
    if not 0 <= max_meetings <= MEETINGS_CAP_MAX:
        raise field_error(
            "max_meetings",
            _("Give 0 to %(max)s meetings.") % {"max": MEETINGS_CAP_MAX},
            "out_of_range",
        )
    producer: Producer | None = None
    status = RegistrationStatus.APPROVED
    if side == Side.SELLER:
        producer = Producer.objects.filter(user=actor).first()
        if producer is None or not producer.is_verified:
            raise ValidationError(
                _("Only verified producers register as sellers."), code="not_verified_producer"
            )
        status = RegistrationStatus.PENDING
        company = company or producer.name
    elif side != Side.BUYER:
        raise field_error("side", _("Buyer or seller."), "invalid_side")
    elif not company:
        raise field_error("company", _("Give your company's name."), "required")
    if Registration.objects.filter(event=event, user=actor).exists():
        raise ValidationError(_("You are already registered for this event."), code="registered")
    registration = row_create(
        Registration,
        event=event,
        side=side,
        user=actor,
        producer=producer,
        company=company,
        country=country,
        hs_codes=codes,
        max_meetings=max_meetings,
        status=status,
    )
    registration.available.set([slots[label] for label in dict.fromkeys(available)])
    return registration


@transaction.atomic
def registration_decide(*, actor: User, registration: Registration, approve: bool) -> Registration:
    """An officer of the seller's district approves or rejects it (not their own)."""
    permission_require(permissions.can_approve_registration(actor, registration))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        raise ValidationError(_("Already decided."), code="invalid_transition")
    registration.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.REJECTED
    registration.decided_by = actor
    registration.save(update_fields=["status", "decided_by", "updated_at"])
    return registration


def _participant(registration: Registration) -> Participant:
    return Participant(
        registration.label,
        tuple(registration.hs_codes),
        tuple(slot.label for slot in registration.available.all()),
        registration.max_meetings,
    )


@transaction.atomic
def schedule_run(*, actor: User, event: Event) -> list[Meeting]:
    """Run the engine over the approved registrations. Meetings already placed are passed as
    confirmed (kept in their slot and table where possible); the rest are replaced."""
    permission_require(permissions.can_organise_event(actor, event))
    event = Event.objects.select_for_update().get(pk=event.pk)
    slots = list(event.slots.all())
    approved = list(
        event.registrations.filter(status=RegistrationStatus.APPROVED).prefetch_related("available")
    )
    by_label = {r.label: r for r in approved}
    existing = list(event.meetings.select_related("slot", "buyer", "seller"))
    confirmed = tuple(
        PlannedMeeting(m.buyer.label, m.seller.label, m.slot.label, m.table)
        for m in existing
        if m.slot is not None
        and m.table is not None
        and m.buyer.label in by_label
        and m.seller.label in by_label
    )
    problem = Problem(
        slots=tuple(slot.label for slot in slots),
        tables=event.tables,
        buyers=tuple(_participant(r) for r in approved if r.side == Side.BUYER),
        sellers=tuple(_participant(r) for r in approved if r.side == Side.SELLER),
        confirmed=confirmed,
    )
    result = match(problem)
    # Outcomes already recorded stay with their pair.
    outcomes = {(m.buyer_id, m.seller_id): m for m in existing}
    event.meetings.all().delete()
    slot_of = {slot.label: slot for slot in slots}
    rows: list[Meeting] = []
    for planned in result.meetings:
        rows.append(
            _meeting_row(
                event,
                by_label[planned.buyer],
                by_label[planned.seller],
                slot_of[planned.slot],
                planned.table,
                outcomes,
            )
        )
    for buyer, seller in result.waitlist:
        rows.append(_meeting_row(event, by_label[buyer], by_label[seller], None, None, outcomes))
    event.status = EventStatus.SCHEDULED
    event.save(update_fields=["status", "updated_at"])
    return rows


def _meeting_row(
    event: Event,
    buyer: Registration,
    seller: Registration,
    slot: EventSlot | None,
    table: int | None,
    outcomes: dict[tuple[int, int], Meeting],
) -> Meeting:
    before = outcomes.get((buyer.pk, seller.pk))
    return row_create(
        Meeting,
        event=event,
        buyer=buyer,
        seller=seller,
        slot=slot,
        table=table,
        held=before.held if before else None,
        result=before.result if before else MeetingResult.NONE,
        value=before.value if before else None,
        currency=before.currency if before else "",
        follow_up_on=before.follow_up_on if before else None,
        followed_up_at=before.followed_up_at if before else None,
        followed_up_by=before.followed_up_by if before else None,
    )


@transaction.atomic
def meeting_outcome_record(
    *,
    actor: User,
    meeting: Meeting,
    held: bool,
    result: str = MeetingResult.NONE,
    value: Decimal | None = None,
    currency: str = "",
    follow_up_on: datetime.date | None = None,
) -> Meeting:
    """The organiser records whether a meeting was held and what came of it (and, for a lead,
    the day it is to be followed up by)."""
    permission_require(permissions.can_organise_event(actor, meeting.event))
    if meeting.slot_id is None:
        raise ValidationError(_("A waitlisted meeting was not scheduled."), code="waitlisted")
    if not held and (result != MeetingResult.NONE or value is not None):
        raise ValidationError(_("A meeting not held has no result."), code="not_held")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.held, meeting.result, meeting.value, meeting.currency = held, result, value, currency
    meeting.follow_up_on = follow_up_on
    meeting.full_clean()
    meeting.save(
        update_fields=["held", "result", "value", "currency", "follow_up_on", "updated_at"]
    )
    return meeting


@transaction.atomic
def outreach_record(
    *,
    actor: User,
    kind: str,
    country: str,
    held_on: datetime.date,
    products: Sequence[DistrictProduct] = (),
    results: str = "",
) -> Outreach:
    """A Mission records one showcase, exhibition, ODOP wall, gifting or meet abroad."""
    permission_require(permissions.can_record_outreach(actor))
    _country_check("country", country)
    outreach = row_create(
        Outreach, kind=kind, country=country, held_on=held_on, results=results, recorded_by=actor
    )
    outreach.products.set(products)
    return outreach


@transaction.atomic
def consignment_create(
    *,
    actor: User,
    product: DistrictProduct,
    destination_city: str,
    destination_country: str,
    quantity: Decimal,
    unit: str,
    value: Decimal,
    currency: str,
    partners: str = "",
    documents: str = "",
) -> Consignment:
    """Record a planned consignment, with its first history row."""
    permission_require(permissions.can_record_consignment(actor, product))
    _country_check("destination_country", destination_country)
    consignment = row_create(
        Consignment,
        product=product,
        destination_city=destination_city,
        destination_country=destination_country,
        quantity=quantity,
        unit=unit,
        value=value,
        currency=currency,
        partners=partners,
        documents=documents,
        recorded_by=actor,
    )
    ConsignmentEvent.objects.create(
        consignment=consignment, from_status="", to_status=consignment.status, actor=actor
    )
    return consignment


@transaction.atomic
def consignment_status_change(*, actor: User, consignment: Consignment, status: str) -> Consignment:
    """Move a consignment along CONSIGNMENT_TRANSITIONS, writing its history row."""
    permission_require(permissions.can_record_consignment(actor, consignment.product))
    consignment = Consignment.objects.select_for_update().get(pk=consignment.pk)
    if status not in CONSIGNMENT_TRANSITIONS[consignment.status]:
        raise field_error(
            "status",
            _("A %(current)s consignment cannot become %(status)s.")
            % {"current": consignment.get_status_display(), "status": status},
            "invalid_transition",
        )
    ConsignmentEvent.objects.create(
        consignment=consignment, from_status=consignment.status, to_status=status, actor=actor
    )
    consignment.status = status
    consignment.save(update_fields=["status", "updated_at"])
    return consignment


@transaction.atomic
def meeting_followed_up(*, actor: User, meeting: Meeting) -> Meeting:
    """The organiser marks a lead followed up (who and when), so it leaves the due list."""
    permission_require(permissions.can_organise_event(actor, meeting.event))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.held or meeting.result != MeetingResult.LEAD:
        raise ValidationError(_("Only a lead is followed up."), code="not_a_lead")
    if meeting.followed_up_at is None:
        meeting.followed_up_at, meeting.followed_up_by = timezone.now(), actor
        meeting.save(update_fields=["followed_up_at", "followed_up_by", "updated_at"])
    return meeting


# --- Stalls ---------------------------------------------------------------------------------


def stall_code(prefix: str, number: int) -> str:
    """A stall's code: the prefix and its number, e.g. A-12."""
    return f"{prefix}-{number}"


@transaction.atomic
def stalls_lay_out(
    *,
    actor: User,
    event: Event,
    prefix: str,
    rows: int,
    columns: int,
    area_m2: Decimal,
    hall: str = "",
    first_row: int = 1,
    first_column: int = 1,
) -> list[Stall]:
    """Lay out a block of `rows` x `columns` stalls in `hall`, numbered prefix-1, prefix-2, … row
    by row from the block's top left place. A code or place already taken, or a block beyond
    the grid, is a ValidationError and writes nothing."""
    permission_require(permissions.can_organise_event(actor, event))
    prefix = prefix.strip()
    if not (prefix and len(prefix) <= 8 and prefix.replace("-", "").isalnum()):
        raise field_error("prefix", _("Give a prefix of 1 to 8 letters or digits."), "invalid")
    for field, start, count in (("rows", first_row, rows), ("columns", first_column, columns)):
        if count < 1 or start < 1 or start + count - 1 > STALL_GRID_MAX:
            raise field_error(
                field,
                _("The layout grid has %(n)s places a side.") % {"n": STALL_GRID_MAX},
                "out_of_range",
            )
    Event.objects.select_for_update().get(pk=event.pk)  # one layout change at a time
    codes = set(event.stalls.values_list("code", flat=True))
    places = set(event.stalls.filter(hall=hall).values_list("grid_row", "grid_column"))
    taken_number = 0
    while stall_code(prefix, taken_number + 1) in codes:
        taken_number += 1  # a second block of the same prefix goes on numbering
    stalls = []
    number = taken_number
    for row in range(first_row, first_row + rows):
        for column in range(first_column, first_column + columns):
            number += 1
            code = stall_code(prefix, number)
            if code in codes:
                raise field_error(
                    "prefix",
                    _("Stall %(code)s already exists.") % {"code": code},
                    "stall_code_taken",
                )
            if (row, column) in places:
                raise field_error(
                    "rows",
                    _("Row %(row)s, column %(column)s already has a stall.")
                    % {"row": row, "column": column},
                    "stall_place_taken",
                )
            stalls.append(
                row_create(
                    Stall,
                    event=event,
                    code=code,
                    hall=hall,
                    grid_row=row,
                    grid_column=column,
                    area_m2=area_m2,
                )
            )
    return stalls


@transaction.atomic
def stalls_per_seller_set(*, actor: User, event: Event, count: int) -> Event:
    """The organiser allows each seller 1 to 10 stalls (not fewer than a seller already has)."""
    permission_require(permissions.can_organise_event(actor, event))
    if not 1 <= count <= STALLS_PER_SELLER_MAX:
        raise field_error(
            "stalls_per_seller",
            _("Give 1 to %(n)s.") % {"n": STALLS_PER_SELLER_MAX},
            "out_of_range",
        )
    event = Event.objects.select_for_update().get(pk=event.pk)
    most = _most_stalls(event)
    if count < most:
        raise field_error(
            "stalls_per_seller",
            _("A seller already has %(n)s stalls.") % {"n": most},
            "below_allocated",
        )
    event.stalls_per_seller = count
    event.full_clean()
    event.save(update_fields=["stalls_per_seller", "updated_at"])
    return event


def _most_stalls(event: Event) -> int:
    row = (
        event.stalls.filter(registration__isnull=False)
        .values("registration")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return int(row["n"]) if row else 0


@transaction.atomic
def stall_allocate(
    *,
    actor: User,
    stall: Stall,
    registration: Registration | None,
    claim: Application | None = None,
) -> Stall:
    """The organiser allocates a stall to an approved seller of its event (None frees it), and
    may name the seller's producer's scheme application that pays for it. A stall already
    held by another seller must be freed first; a seller holds at most the event's stalls per
    seller. The event row is locked, so two organisers cannot allocate past the rules at once."""
    permission_require(permissions.can_organise_event(actor, stall.event))
    event = Event.objects.select_for_update().get(pk=stall.event_id)
    stall = Stall.objects.select_for_update().get(pk=stall.pk)
    if registration is not None:
        if (
            registration.event_id != event.pk
            or registration.side != Side.SELLER
            or registration.status != RegistrationStatus.APPROVED
        ):
            raise field_error(
                "registration", _("Only an approved seller of this event."), "not_approved_seller"
            )
        if stall.registration_id not in (None, registration.pk):
            raise field_error(
                "registration",
                _("Stall %(code)s is already allocated.") % {"code": stall.code},
                "stall_taken",
            )
        others = event.stalls.filter(registration=registration).exclude(pk=stall.pk).count()
        if others + 1 > event.stalls_per_seller:
            raise field_error(
                "registration",
                _("A seller may hold %(n)s stall(s) at this event.")
                % {"n": event.stalls_per_seller},
                "stalls_per_seller",
            )
    if claim is not None and (
        registration is None
        or registration.producer_id is None
        or claim.producer_id != registration.producer_id
        or claim.status == ApplicationStatus.REJECTED
    ):
        raise field_error(
            "claim",
            _("The claim must be a live scheme application of the seller's producer."),
            "claim_not_sellers",
        )
    if registration is None:
        stall.registration, stall.claim, stall.allocated_by, stall.allocated_at = (
            None,
            None,
            None,
            None,
        )
    else:
        stall.registration, stall.claim = registration, claim
        stall.allocated_by, stall.allocated_at = actor, timezone.now()
    stall.full_clean()
    stall.save()
    return stall


# --- Orders placed through the bazaar after an event ------------------------------------------


@transaction.atomic
def event_order_link(*, actor: User, event: Event, order: Order) -> EventOrder:
    """The buyer says their bazaar order came of this event: they are an approved buyer there
    and the order's seller (the listing's producer) was an approved seller there. An order
    names one event; a cancelled order is not linked."""
    if order.buyer_id != actor.pk:
        raise PermissionDenied
    buyer = event.registrations.filter(
        user=actor, side=Side.BUYER, status=RegistrationStatus.APPROVED
    ).first()
    if buyer is None:
        raise ValidationError(_("You were not a buyer at this event."), code="not_event_buyer")
    seller = event.registrations.filter(
        producer_id=order.listing.producer_id,
        side=Side.SELLER,
        status=RegistrationStatus.APPROVED,
    ).first()
    if seller is None:
        raise ValidationError(
            _("This order's seller was not a seller at this event."), code="not_event_seller"
        )
    if order.status == OrderStatus.CANCELLED:
        raise ValidationError(_("A cancelled order is not linked."), code="order_cancelled")
    if EventOrder.objects.filter(order=order).exists():
        raise ValidationError(_("This order already names an event."), code="order_linked")
    return row_create(
        EventOrder,
        event=event,
        order=order,
        buyer_registration=buyer,
        seller_registration=seller,
        linked_by=actor,
    )
