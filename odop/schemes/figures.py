"""The platform figures of scheme benefits for outcomes (`odop.outcomes.figures`): applications
that moved past the bank's loan sanction in the period, and the benefit evaluated for them at
submission, per district product of the applicant producer (in the application's district).
Registered from `SchemesConfig.ready`."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, F, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from odop.outcomes.figures import FigureProvider, figure_provider_register
from odop.registry.models import DistrictProduct
from odop.schemes.models import Application, ApplicationEvent, ApplicationEventKind

# The stage whose completion is the sanction (data/stages/application-stages.json).
SANCTION_STAGE = "bank_sanction"
PRODUCT = "producer__products"


def _sanctioned(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> QuerySet[Application]:
    moved = ApplicationEvent.objects.filter(
        kind=ApplicationEventKind.MOVED,
        from_stage=SANCTION_STAGE,
        created_at__date__gte=start,
        created_at__date__lte=end,
    ).values("application_id")
    return Application.objects.filter(
        pk__in=moved,
        producer__products__in=products,
        producer__products__district=F("district"),
    )


def benefits_sanctioned(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    rows = _sanctioned(products, start, end).values(PRODUCT).annotate(n=Count("pk", distinct=True))
    return {row[PRODUCT]: Decimal(row["n"]) for row in rows}


def benefits_sanctioned_value(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    rows = _sanctioned(products, start, end).values(PRODUCT).annotate(n=Sum("benefit"))
    return {row[PRODUCT]: Decimal(row["n"] or 0) for row in rows}


def figures_register() -> None:
    for provider in (
        FigureProvider(
            "scheme_benefits_sanctioned",
            _("Scheme benefits sanctioned"),
            "count",
            benefits_sanctioned,
        ),
        FigureProvider(
            "scheme_benefits_value",
            _("Scheme benefits sanctioned (INR)"),
            "inr",
            benefits_sanctioned_value,
        ),
    ):
        figure_provider_register(provider)
