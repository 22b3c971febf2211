"""The platform figure of training for outcomes (`odop.outcomes.figures`): certificates issued
per district product, registered from `SkillsConfig.ready`."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from odop.outcomes.figures import FigureProvider, figure_provider_register
from odop.registry.models import DistrictProduct
from odop.skills.models import Certificate


def certificates_issued(
    products: QuerySet[DistrictProduct], start: date, end: date
) -> dict[int, Decimal]:
    """Certificates issued in [start, end] and not revoked, counted under each district product
    of the trainee's producer (as producers are counted: once under each of their products)."""
    rows = (
        Certificate.objects.filter(
            application__producer__products__in=products,
            issued_on__gte=start,
            issued_on__lte=end,
            revoked_at__isnull=True,
        )
        .values("application__producer__products")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["application__producer__products"]: Decimal(row["n"]) for row in rows}


def figures_register() -> None:
    figure_provider_register(
        FigureProvider(
            "training_certificates", _("Training certificates issued"), "count", certificates_issued
        )
    )
