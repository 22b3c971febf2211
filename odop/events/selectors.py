"""Reads of events (issue 16): an event's totals and a district's event figures."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from odop.events.models import Event, Meeting, MeetingResult, Registration
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
