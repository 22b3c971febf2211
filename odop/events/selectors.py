"""Reads of events (issue 16): an event's totals and a district's event figures."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from odop.accounts.models import User
from odop.bazaar.models import Order, OrderStatus
from odop.events.models import (
    Event,
    EventOrder,
    Meeting,
    MeetingResult,
    Outreach,
    Registration,
    RegistrationStatus,
    Side,
    Stall,
)
from odop.exports.models import ExporterCandidate, ExporterStage
from odop.geography.models import District
from odop.schemes.models import Application, ApplicationStatus

ORDER_RESULTS = (MeetingResult.SAMPLE_ORDER, MeetingResult.ORDER)


@dataclass(frozen=True)
class EventTotals:
    """What came of meetings: held, leads, orders and their value by currency; the value of
    orders to buyers from abroad (their registration's country is not IN); bazaar orders the
    buyers linked to the event (INR, cancelled ones left out) and those of buyers from abroad;
    first-time exporters among the sellers (their producer's export record reached the first
    shipment); leads whose follow-up is due. A deal recorded both as a meeting's order and as a
    bazaar order shows in both lines: they are kept apart, never added."""

    meetings_scheduled: int
    meetings_held: int
    leads: int
    orders: int
    mous: int
    value_by_currency: dict[str, Decimal]
    export_value_by_currency: dict[str, Decimal] = field(default_factory=dict)
    bazaar_orders: int = 0
    bazaar_value: Decimal = Decimal(0)
    bazaar_export_value: Decimal = Decimal(0)
    first_time_exporters: int = 0
    follow_ups_due: int = 0


def _value_by_currency(meetings: QuerySet[Meeting]) -> dict[str, Decimal]:
    rows = (
        meetings.filter(held=True, value__isnull=False)
        .values("currency")
        .annotate(total=Sum("value"))
        .order_by("currency")
    )
    return {row["currency"]: row["total"] for row in rows}


def _full_totals(
    meetings: QuerySet[Meeting],
    orders: QuerySet[EventOrder],
    sellers: QuerySet[Registration],
    today: datetime.date,
) -> EventTotals:
    base = _totals(meetings)
    live = orders.exclude(order__status=OrderStatus.CANCELLED)
    bazaar = live.aggregate(
        n=Count("pk"),
        value=Sum("order__total"),
        abroad=Sum("order__total", filter=~Q(buyer_registration__country="IN")),
    )
    exporters = (
        ExporterCandidate.objects.filter(
            stage=ExporterStage.FIRST_SHIPMENT,
            producer__in=sellers.filter(
                side=Side.SELLER, status=RegistrationStatus.APPROVED
            ).values("producer"),
        )
        .values("producer")
        .distinct()
        .count()
    )
    abroad = meetings.filter(result__in=ORDER_RESULTS).exclude(buyer__country="IN")
    return EventTotals(
        meetings_scheduled=base.meetings_scheduled,
        meetings_held=base.meetings_held,
        leads=base.leads,
        orders=base.orders,
        mous=base.mous,
        value_by_currency=base.value_by_currency,
        export_value_by_currency=_value_by_currency(abroad) if base.orders else {},
        bazaar_orders=bazaar["n"],
        bazaar_value=bazaar["value"] or Decimal(0),
        bazaar_export_value=bazaar["abroad"] or Decimal(0),
        first_time_exporters=exporters,
        follow_ups_due=_due(meetings, today).count(),
    )


def _totals(meetings: QuerySet[Meeting]) -> EventTotals:
    counts = meetings.aggregate(
        n_scheduled=Count("pk", filter=Q(slot__isnull=False)),
        n_held=Count("pk", filter=Q(held=True)),
        n_leads=Count("pk", filter=Q(held=True, result=MeetingResult.LEAD)),
        n_orders=Count("pk", filter=Q(held=True, result__in=ORDER_RESULTS)),
        n_mous=Count("pk", filter=Q(held=True, result=MeetingResult.MOU)),
    )
    return EventTotals(
        meetings_scheduled=counts["n_scheduled"],
        meetings_held=counts["n_held"],
        leads=counts["n_leads"],
        orders=counts["n_orders"],
        mous=counts["n_mous"],
        # one query fewer where nothing was held (most districts' pages)
        value_by_currency=_value_by_currency(meetings) if counts["n_held"] else {},
    )


def event_totals(*, event: Event, today: datetime.date | None = None) -> EventTotals:
    """The event's totals (public: counts and sums, no names)."""
    return _full_totals(
        Meeting.objects.filter(event=event),
        EventOrder.objects.filter(event=event),
        Registration.objects.filter(event=event),
        today or timezone.localdate(),
    )


def district_event_totals(
    *, district: District, full: bool = False, today: datetime.date | None = None
) -> EventTotals:
    """Totals of meetings whose seller is a producer of `district`, across events, in one query
    (the catalogue's district page keeps a fixed query budget). `full` adds the linked bazaar
    orders, export value, first-time exporters and follow-ups due (four queries more)."""
    meetings = Meeting.objects.filter(seller__producer__district=district)
    if not full:
        return _totals(meetings)
    return _full_totals(
        meetings,
        EventOrder.objects.filter(seller_registration__producer__district=district),
        Registration.objects.filter(producer__district=district),
        today or timezone.localdate(),
    )


@dataclass(frozen=True)
class Exhibitor:
    """An approved seller on the public page: name, district and its listed products."""

    name: str
    district: str
    products: tuple[str, ...]


def event_exhibitors(*, event: Event) -> list[Exhibitor]:
    """Approved sellers with their district's products from the national registry."""
    sellers = (
        event.registrations.filter(side=Side.SELLER, status=RegistrationStatus.APPROVED)
        .select_related("producer__district")
        .prefetch_related("producer__district__products")
        .order_by("company")
    )
    return [
        Exhibitor(
            name=registration.company,
            district=registration.producer.district.name if registration.producer else "",
            products=tuple(p.name for p in registration.producer.district.products.all())
            if registration.producer
            else (),
        )
        for registration in sellers
    ]


def meetings_of_registration(*, registration: Registration) -> QuerySet[Meeting]:
    """One participant's meetings (placed first, by slot), with the other side loaded."""
    return (
        Meeting.objects.filter(Q(buyer=registration) | Q(seller=registration))
        .select_related("slot", "buyer", "seller")
        .order_by("slot__position", "table")
    )


# --- Missions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryActivity:
    """One country's outreach: how many of each kind, the products shown, the results told."""

    country: str
    total: int
    by_kind: tuple[tuple[str, int], ...]  # (kind value, count), kinds with activity only
    products: tuple[str, ...]
    results: tuple[str, ...]


def outreach_by_country(outreach: QuerySet[Outreach]) -> list[CountryActivity]:
    """The given outreach grouped by country, busiest first (then by code)."""
    grouped: dict[str, list[Outreach]] = {}
    for record in outreach.prefetch_related("products").order_by("held_on", "pk"):
        grouped.setdefault(record.country, []).append(record)
    rows = []
    for country, records in grouped.items():
        kinds: dict[str, int] = {}
        products: dict[str, None] = {}
        for record in records:
            kinds[record.kind] = kinds.get(record.kind, 0) + 1
            for product in record.products.all():
                products[product.name] = None
        rows.append(
            CountryActivity(
                country=country,
                total=len(records),
                by_kind=tuple(sorted(kinds.items())),
                products=tuple(products),
                results=tuple(record.results for record in records if record.results),
            )
        )
    return sorted(rows, key=lambda row: (-row.total, row.country))


# --- Events by State and by country ---------------------------------------------------------


@dataclass(frozen=True)
class GroupTotals:
    """Events of one State (key: its name) or one country (key: its ISO code) and their
    meetings' outcomes."""

    key: str
    events: int
    meetings_held: int
    leads: int
    orders: int
    bazaar_orders: int = 0
    bazaar_value: Decimal = Decimal(0)


def _bazaar_by(links: QuerySet[EventOrder], key: str) -> dict[str, tuple[int, Decimal]]:
    rows = (
        links.exclude(order__status=OrderStatus.CANCELLED)
        .values(key)
        .annotate(n=Count("pk"), value=Sum("order__total"))
        .order_by(key)
    )
    return {row[key]: (row["n"], row["value"] or Decimal(0)) for row in rows}


def _group_totals(
    rows: Iterable[dict[str, Any]], key: str, bazaar: dict[str, tuple[int, Decimal]]
) -> list[GroupTotals]:
    """One `GroupTotals` per counted row with a key (meetings' counts `n_*`), with the linked
    bazaar orders of the same key."""
    return [
        GroupTotals(
            key=row[key],
            events=row["n_events"],
            meetings_held=row["n_held"],
            leads=row["n_leads"],
            orders=row["n_orders"],
            bazaar_orders=bazaar.get(row[key], (0, Decimal(0)))[0],
            bazaar_value=bazaar.get(row[key], (0, Decimal(0)))[1],
        )
        for row in rows
        if row[key]
    ]


def _grouped(events: QuerySet[Event], field: str) -> list[GroupTotals]:
    bazaar = _bazaar_by(EventOrder.objects.filter(event__in=events), f"event__{field}")
    rows = (
        events.values(field)
        .annotate(
            n_events=Count("pk", distinct=True),
            n_held=Count("meetings", filter=Q(meetings__held=True)),
            n_leads=Count(
                "meetings", filter=Q(meetings__held=True, meetings__result=MeetingResult.LEAD)
            ),
            n_orders=Count(
                "meetings",
                filter=Q(meetings__held=True, meetings__result__in=ORDER_RESULTS),
            ),
        )
        .order_by(field)
    )
    return _group_totals(rows, field, bazaar)


def event_totals_by_district(events: QuerySet[Event]) -> list[GroupTotals]:
    """Meetings and linked bazaar orders of the given events, grouped by the seller's district
    (its name); `events` counts the events the district's sellers met buyers at."""
    meetings = Meeting.objects.filter(event__in=events, seller__producer__isnull=False)
    key = "seller__producer__district__name"
    rows = (
        meetings.values(key)
        .annotate(
            n_events=Count("event", distinct=True),
            n_held=Count("pk", filter=Q(held=True)),
            n_leads=Count("pk", filter=Q(held=True, result=MeetingResult.LEAD)),
            n_orders=Count("pk", filter=Q(held=True, result__in=ORDER_RESULTS)),
        )
        .order_by(key)
    )
    bazaar = _bazaar_by(
        EventOrder.objects.filter(event__in=events), "seller_registration__producer__district__name"
    )
    return _group_totals(rows, key, bazaar)


def event_totals_by_state(events: QuerySet[Event]) -> list[GroupTotals]:
    """The given events that belong to a State, grouped by State name."""
    return _grouped(events.filter(state__isnull=False), "state__name")


def event_totals_by_country(events: QuerySet[Event]) -> list[GroupTotals]:
    """The given events grouped by the country they are held in."""
    return _grouped(events, "country")


def follow_ups_due(events: QuerySet[Event], *, today: datetime.date) -> QuerySet[Meeting]:
    """Leads of `events` to follow up: held meetings whose result is a lead and whose
    follow-up day is unset or has come, earliest day first (unset first)."""
    return (
        _due(Meeting.objects.filter(event__in=events), today)
        .select_related("event", "buyer", "seller")
        .order_by(F("follow_up_on").asc(nulls_first=True), "event", "pk")
    )


def _due(meetings: QuerySet[Meeting], today: datetime.date) -> QuerySet[Meeting]:
    """Held leads not yet marked followed up whose day is unset or has come."""
    return meetings.filter(
        held=True, result=MeetingResult.LEAD, followed_up_at__isnull=True
    ).filter(Q(follow_up_on__isnull=True) | Q(follow_up_on__lte=today))


# --- Stalls ---------------------------------------------------------------------------------


def event_stalls(*, event: Event) -> QuerySet[Stall]:
    """The event's stalls with their seller, producer and claim loaded (for organisers)."""
    return event.stalls.select_related("registration__producer__district", "claim__scheme")


@dataclass(frozen=True)
class StallCell:
    """One stall as the public layout draws it: its place, code, size and (if allocated) the
    seller's public name and district products."""

    code: str
    row: int
    column: int
    area_m2: Decimal
    seller: str
    products: tuple[str, ...]

    @property
    def x(self) -> int:
        """Left edge in the layout drawing's units (one place is STALL_PLACE wide)."""
        return (self.column - 1) * STALL_PLACE + STALL_GAP

    @property
    def y(self) -> int:
        return (self.row - 1) * STALL_PLACE + STALL_GAP


# The layout drawing: each grid place is 48 units, a stall 44 of them (a 4-unit aisle).
STALL_PLACE = 48
STALL_GAP = 4
STALL_SIDE = STALL_PLACE - STALL_GAP


@dataclass(frozen=True)
class HallLayout:
    """One hall's stalls on its grid (rows and columns used, from 1)."""

    hall: str
    rows: int
    columns: int
    cells: tuple[StallCell, ...]

    @property
    def width(self) -> int:
        return self.columns * STALL_PLACE + STALL_GAP

    @property
    def height(self) -> int:
        return self.rows * STALL_PLACE + STALL_GAP

    @property
    def side(self) -> int:
        return STALL_SIDE


def stall_layout(*, event: Event) -> list[HallLayout]:
    """The event's stalls by hall for the public page. A stall shows its seller only when the
    seller's registration is approved (allocation requires it; checked again here)."""
    stalls = event.stalls.select_related("registration__producer__district").prefetch_related(
        "registration__producer__district__products"
    )
    halls: dict[str, list[StallCell]] = {}
    for stall in stalls:
        registration = stall.registration
        public = (
            registration is not None
            and registration.status == RegistrationStatus.APPROVED
            and registration.producer is not None
        )
        halls.setdefault(stall.hall, []).append(
            StallCell(
                code=stall.code,
                row=stall.grid_row,
                column=stall.grid_column,
                area_m2=stall.area_m2,
                seller=registration.company if public and registration else "",
                products=tuple(p.name for p in registration.producer.district.products.all())
                if public and registration and registration.producer
                else (),
            )
        )
    return [
        HallLayout(
            hall=hall,
            rows=max(cell.row for cell in cells),
            columns=max(cell.column for cell in cells),
            cells=tuple(cells),
        )
        for hall, cells in sorted(halls.items())
    ]


def stall_claims(*, sellers: list[Registration]) -> list[Application]:
    """Live scheme applications (not rejected) of the given sellers' producers: the claims an
    organiser may name on their stalls."""
    return list(
        Application.objects.filter(
            producer__in=[s.producer_id for s in sellers if s.producer_id is not None]
        )
        .exclude(status=ApplicationStatus.REJECTED)
        .select_related("scheme", "producer")
        .order_by("producer__name", "pk")
    )


def stall_claim_get(*, event: Event, pk: int) -> Application | None:
    """The claim `pk` if it is one an organiser of `event` may name (`stall_claims` of the
    event's approved sellers), else None: no other application is looked up by its number."""
    sellers = list(event.registrations.filter(side=Side.SELLER, status=RegistrationStatus.APPROVED))
    return next((claim for claim in stall_claims(sellers=sellers) if claim.pk == pk), None)


# --- Bazaar orders linked to events -----------------------------------------------------------


def orders_linkable(*, user: User | None, event: Event, own: Registration | None) -> list[Order]:
    """The approved buyer's live bazaar orders from this event's approved sellers not yet linked
    to an event (what the buyer may say came of it)."""
    if (
        user is None
        or own is None
        or own.side != Side.BUYER
        or own.status != RegistrationStatus.APPROVED
    ):
        return []
    sellers = event.registrations.filter(
        side=Side.SELLER, status=RegistrationStatus.APPROVED
    ).values("producer")
    return list(
        Order.objects.filter(buyer=user, listing__producer__in=sellers)
        .exclude(status=OrderStatus.CANCELLED)
        .exclude(pk__in=EventOrder.objects.values("order"))
        .select_related("listing")[:50]
    )


def stall_history(*, event: Event, limit: int = 30) -> list[Any]:
    """The latest changes of the event's stalls (allocations, freed stalls, claims): who and
    when, newest first."""
    rows = (
        Stall.history.filter(event_id=event.pk)  # type: ignore[attr-defined]
        .select_related("registration", "allocated_by", "history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    return list(rows)
