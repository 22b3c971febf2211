"""Read-side queries of district statistics: the officers' list and the evidence indicators
that stand next to a product's score in selection."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.evidence.filters import DistrictStatisticFilter
from odop.evidence.indicators import employment_location_quotient, location_quotient
from odop.evidence.models import DistrictStatistic, StatisticsUpload
from odop.evidence.permissions import statistics_uploads_visible_to, statistics_visible_to
from odop.geography.models import District
from odop.registry.models import DistrictProduct, GIEntry, ProductType


def statistic_list(
    *, user: User | AnonymousUser, filters: dict[str, Any] | None = None
) -> QuerySet[DistrictStatistic]:
    """The statistics `user` may see (filters: `DistrictStatisticFilter`), by State, district,
    newest year first, then subject. Two queries a page: the count and the rows."""
    statistics = statistics_visible_to(user)
    return DistrictStatisticFilter(filters or {}, queryset=statistics).qs.order_by(
        "district__state__name", "district__name", "-year", "subject_name", "pk"
    )


def statistics_upload_list(*, user: User | AnonymousUser) -> QuerySet[StatisticsUpload]:
    """The uploads `user` may see, newest first."""
    return statistics_uploads_visible_to(user).order_by("-created_at", "-pk")


@dataclass(frozen=True)
class Figure:
    """One indicator, with where it comes from (`source`) and how it was computed (`detail`).
    `value` is None when the data to compute it does not exist."""

    value: Decimal | int | bool | None
    source: str
    detail: str = ""


@dataclass(frozen=True)
class Evidence:
    """The indicators of one product type in one district, each with its source."""

    district: District
    product_type: ProductType
    year: int | None  # the statistics' year the quotients use (None: no statistics)
    location_quotient_production: Figure
    location_quotient_workers: Figure
    other_districts_in_state: Figure
    other_districts_in_country: Figure
    gi_registered: Figure
    producers: Figure
    listings: Figure


def _figure_text(value: Decimal | int) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _quotients(
    *, district: District, product_type: ProductType, year: int | None
) -> tuple[int | None, Figure, Figure]:
    """The production and worker location quotients (two queries at most).

    The district's own row of the product gives e_ij; e_j sums the district's rows of the same
    year (production: of the same unit); E_i and E sum the same over every district that
    uploaded statistics. Only like units are compared; figures are never converted.
    """
    statistics = DistrictStatistic.objects.filter(district=district, product_type=product_type)
    if year is not None:
        statistics = statistics.filter(year=year)
    statistic = statistics.order_by("-year").first()
    if statistic is None:
        source = (
            _("No district statistics of this product in %(year)d.") % {"year": year}
            if year is not None
            else _("No district statistics of this product.")
        )
        return year, Figure(None, source), Figure(None, source)

    unit = Q(production_unit=statistic.production_unit)
    totals = DistrictStatistic.objects.filter(year=statistic.year).aggregate(
        local_production=Sum("production", filter=Q(district=district) & unit),
        national_production_subject=Sum("production", filter=Q(product_type=product_type) & unit),
        national_production=Sum("production", filter=unit),
        production_districts=Count(
            "district", distinct=True, filter=unit & Q(production__isnull=False)
        ),
        local_workers=Sum("workers", filter=Q(district=district)),
        national_workers_subject=Sum("workers", filter=Q(product_type=product_type)),
        national_workers=Sum("workers"),
        worker_districts=Count("district", distinct=True, filter=Q(workers__isnull=False)),
    )

    if statistic.production is None:
        by_production = Figure(
            None,
            _("District statistics %(year)d: the district gives no production of this product.")
            % {"year": statistic.year},
        )
    else:
        figures = (
            statistic.production,
            totals["local_production"] or Decimal(0),
            totals["national_production_subject"] or Decimal(0),
            totals["national_production"] or Decimal(0),
        )
        by_production = Figure(
            location_quotient(*figures),
            _(
                "District statistics %(year)d uploaded by officers: production in %(unit)s, "
                "%(districts)d districts reporting."
            )
            % {
                "year": statistic.year,
                "unit": statistic.production_unit,
                "districts": totals["production_districts"],
            },
            _(
                "%(local)s of %(local_total)s %(unit)s in the district; %(national)s of "
                "%(national_total)s %(unit)s in all reporting districts."
            )
            % {
                "local": _figure_text(figures[0]),
                "local_total": _figure_text(figures[1]),
                "national": _figure_text(figures[2]),
                "national_total": _figure_text(figures[3]),
                "unit": statistic.production_unit,
            },
        )

    if statistic.workers is None:
        by_workers = Figure(
            None,
            _("District statistics %(year)d: the district gives no workers of this product.")
            % {"year": statistic.year},
        )
    else:
        workers = (
            statistic.workers,
            totals["local_workers"] or 0,
            totals["national_workers_subject"] or 0,
            totals["national_workers"] or 0,
        )
        by_workers = Figure(
            employment_location_quotient(
                local_workers=workers[0],
                local_workers_total=workers[1],
                national_workers=workers[2],
                national_workers_total=workers[3],
            ),
            _(
                "District statistics %(year)d uploaded by officers: workers, %(districts)d "
                "districts reporting."
            )
            % {"year": statistic.year, "districts": totals["worker_districts"]},
            _(
                "%(local)s of %(local_total)s workers in the district; %(national)s of "
                "%(national_total)s in all reporting districts."
            )
            % {
                "local": workers[0],
                "local_total": workers[1],
                "national": workers[2],
                "national_total": workers[3],
            },
        )
    return statistic.year, by_production, by_workers


def _registry_figures(
    *, district: District, product_type: ProductType
) -> tuple[Figure, Figure, Figure]:
    """Other districts with the product (State, country) and its GI registration (two
    queries: one aggregate over the national list, one look-up in the GI registry). The
    district's own product answers when it is linked, or when an officer decided it is no
    registered GI; else a GI of the State whose name holds the type's name is a hint."""
    others = ~Q(district=district)
    registry = DistrictProduct.objects.filter(product_type=product_type).aggregate(
        in_state=Count(
            "district", distinct=True, filter=others & Q(district__state_id=district.state_id)
        ),
        in_country=Count("district", distinct=True, filter=others),
        linked_gi_entry=Max("gi_entry_id", filter=Q(district=district)),
        # An unlinked product with an officer's GI decision was rejected: a confirmation or a
        # pick links it (issue 13's queue), and every import keeps the decision.
        gi_decisions=Count("gi_decisions", filter=Q(district=district)),
    )
    source = _("National ODOP list (registry).")
    in_state = Figure(
        registry["in_state"],
        source,
        _("Other districts of the same State that list this product type."),
    )
    in_country = Figure(
        registry["in_country"],
        source,
        _("Other districts anywhere in India (this State's included) that list this product type."),
    )

    if registry["linked_gi_entry"] is not None:
        entry = GIEntry.objects.filter(pk=registry["linked_gi_entry"]).first()
        gi_source = _("IP India GI registry: the entry linked to this district's product.")
    elif registry["gi_decisions"]:
        entry = None
        gi_source = _(
            "IP India GI registry: an officer decided that no registered GI is this "
            "district's product."
        )
    else:
        entry = (
            GIEntry.objects.filter(states=district.state_id, name__icontains=product_type.name)
            .order_by("serial", "name")
            .first()
        )
        gi_source = _(
            "IP India GI registry: an entry of the district's State whose name contains "
            "the product type's name."
        )
    gi = Figure(entry is not None, gi_source, entry.name if entry is not None else "")
    return in_state, in_country, gi


def evidence_for(
    *, district: District, product_type: ProductType, year: int | None = None
) -> Evidence:
    """The evidence indicators of `product_type` in `district`, each with its source.

    `year` None uses the latest year for which the district has statistics of the product.
    Four queries whatever the size of the data (three when the district has no statistics of
    the product): the district's statistic, the year's totals, the national list's counts and
    the GI entry. Producers and listings are not yet
    available (the bazaar is not built): their value is None. The caller checks that the
    user may see evidence (`permissions.can_view_evidence`).
    """
    used_year, by_production, by_workers = _quotients(
        district=district, product_type=product_type, year=year
    )
    in_state, in_country, gi = _registry_figures(district=district, product_type=product_type)
    not_yet = _("not yet available (bazaar not built)")
    return Evidence(
        district=district,
        product_type=product_type,
        year=used_year,
        location_quotient_production=by_production,
        location_quotient_workers=by_workers,
        other_districts_in_state=in_state,
        other_districts_in_country=in_country,
        gi_registered=gi,
        producers=Figure(None, not_yet),
        listings=Figure(None, not_yet),
    )
