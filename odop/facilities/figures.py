"""The platform figure of Common Facility Centres for outcomes (`odop.outcomes.figures`):
machine hours used, per district product of the producer who booked, registered from
`FacilitiesConfig.ready`. A booking counts when marked used, in the period it started."""

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from odop.facilities.models import Booking, BookingStatus
from odop.outcomes.figures import FigureProvider, figure_provider_register
from odop.registry.models import DistrictProduct

HOUR = Decimal(3600)


def hours_used(products: QuerySet[DistrictProduct], start: date, end: date) -> dict[int, Decimal]:
    """Hours of bookings marked used (end minus start), to two decimals. Summed here rather
    than in SQL: a duration's sum differs between SQLite and PostgreSQL."""
    rows = Booking.objects.filter(
        producer__products__in=products,
        status=BookingStatus.USED,
        start__date__gte=start,
        start__date__lte=end,
    ).values_list("pk", "producer__products", "start", "end")
    seconds: dict[int, Decimal] = {}
    for _pk, product, began, ended in rows.distinct():
        seconds[product] = seconds.get(product, Decimal(0)) + Decimal(
            int((ended - began).total_seconds())
        )
    return {product: (total / HOUR).quantize(Decimal("0.01")) for product, total in seconds.items()}


def figures_register() -> None:
    figure_provider_register(
        FigureProvider("cfc_hours_used", _("CFC machine hours used"), "count", hours_used)
    )
