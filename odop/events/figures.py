"""The platform figures of buyer-seller meets for outcomes (`odop.outcomes.figures`): meetings
held and the value of the orders they led to, per district product of the seller, registered
from `EventsConfig.ready`. A meeting counts in the period its event ended."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from odop.events.models import Meeting, MeetingResult
from odop.outcomes.figures import FigureProvider, figure_provider_register
from odop.registry.models import DistrictProduct

PRODUCT = "seller__producer__products"


def _held(products: QuerySet[DistrictProduct], start: date, end: date) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        **{f"{PRODUCT}__in": products},
        held=True,
        event__ends_on__gte=start,
        event__ends_on__lte=end,
    )


def meetings_held(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    """Meetings marked held, under each district product of the seller."""
    rows = _held(products, start, end).values(PRODUCT).annotate(n=Count("pk", distinct=True))
    return {row[PRODUCT]: Decimal(row["n"]) for row in rows}


def meeting_orders_value(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    """The value of the orders (and sample orders) the held meetings led to, in rupees only:
    a value stated in another currency is left out rather than converted at a guessed rate."""
    rows = (
        _held(products, start, end)
        .filter(
            Q(result=MeetingResult.ORDER) | Q(result=MeetingResult.SAMPLE_ORDER),
            currency="INR",
            value__isnull=False,
        )
        .values(PRODUCT)
        .annotate(n=Sum("value"))
    )
    return {row[PRODUCT]: Decimal(row["n"] or 0) for row in rows}


def figures_register() -> None:
    for provider in (
        FigureProvider("meetings_held", _("Buyer-seller meetings held"), "count", meetings_held),
        FigureProvider(
            "meeting_orders_value",
            _("Buyer-seller meet orders (INR)"),
            "inr",
            meeting_orders_value,
        ),
    ):
        figure_provider_register(provider)
