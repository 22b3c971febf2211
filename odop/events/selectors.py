"""Reads of events (issue 16): an event's totals and a district's event figures."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum

from odop.events.models import Event, Meeting, MeetingResult, Outreach, Registration
from odop.geography.models import District

ORDER_RESULTS = (MeetingResult.SAMPLE_ORDER, MeetingResult.ORDER)


@dataclass(frozen=True)
class EventTotals:
    """What came of meetings: held, leads, orders and their value by currency."""

    meetings_scheduled: int
    meetings_held: int
    leads: int
    orders: int
    mous: int
    value_by_currency: dict[str, Decimal]


def _totals(meetings: QuerySet[Meeting]) -> EventTotals:
    counts = meetings.aggregate(
        n_scheduled=Count("pk", filter=Q(slot__isnull=False)),
        n_held=Count("pk", filter=Q(held=True)),
        n_leads=Count("pk", filter=Q(held=True, result=MeetingResult.LEAD)),
        n_orders=Count("pk", filter=Q(held=True, result__in=ORDER_RESULTS)),
        n_mous=Count("pk", filter=Q(held=True, result=MeetingResult.MOU)),
    )
    values = (
        meetings.filter(held=True, value__isnull=False)
        .values("currency")
        .annotate(total=Sum("value"))
        .order_by("currency")
        if counts["n_held"]
        else []  # one query fewer where nothing was held (most districts' pages)
    )
    return EventTotals(
        meetings_scheduled=counts["n_scheduled"],
        meetings_held=counts["n_held"],
        leads=counts["n_leads"],
        orders=counts["n_orders"],
        mous=counts["n_mous"],
        value_by_currency={row["currency"]: row["total"] for row in values},
    )


def event_totals(*, event: Event) -> EventTotals:
    """The event's totals (public: counts and sums, no names)."""
    return _totals(Meeting.objects.filter(event=event))


def district_event_totals(*, district: District) -> EventTotals:
    """Totals of meetings whose seller is a producer of `district`, across events."""
    return _totals(Meeting.objects.filter(seller__producer__district=district))


@dataclass(frozen=True)
class Exhibitor:
    """An approved seller on the public page: name, district and its listed products."""

    name: str
    district: str
    products: tuple[str, ...]


def event_exhibitors(*, event: Event) -> list[Exhibitor]:
    """Approved sellers with their district's products from the national registry."""
    from odop.events.models import RegistrationStatus, Side

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


def _grouped(events: QuerySet[Event], field: str) -> list[GroupTotals]:
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
    return [
        GroupTotals(
            key=row[field],
            events=row["n_events"],
            meetings_held=row["n_held"],
            leads=row["n_leads"],
            orders=row["n_orders"],
        )
        for row in rows
        if row[field]
    ]


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
        Meeting.objects.filter(event__in=events, held=True, result=MeetingResult.LEAD)
        .filter(Q(follow_up_on__isnull=True) | Q(follow_up_on__lte=today))
        .select_related("event", "buyer", "seller")
        .order_by(F("follow_up_on").asc(nulls_first=True), "event", "pk")
    )
