"""The sections of the MIS: what each dashboard, XLSX sheet and PDF page shows.

A section provider takes a `MisScope` (the nation, a State or a district) and answers a
`Section` of labelled figures, each with the link to the list behind it, or None when the
section does not apply. This module holds the types and the providers over the first apps;
`sections/__init__.py` holds `SECTION_PROVIDERS`, the one list every output walks, in order.
An app that arrives later gets its own module in this package, written over that app's
selectors (a domain never imports this composition layer).

Every figure is an aggregate (counts and sums): no person, producer or buyer is named, so the
same sections serve the public reports and the officers' dashboards.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from odop.bazaar.models import Listing, ListingStatus, Order, OrderStatus, PaymentStatus
from odop.geography.models import District, State
from odop.producers.models import Producer, ProducerKind, ProducerStatus
from odop.registry.models import Category, DistrictProduct, GIEntry, Sector
from odop.selection.models import Candidate, CandidateStatus

Unit = Literal["count", "inr"]


@dataclass(frozen=True, slots=True)
class MisScope:
    """Where the figures are counted: the nation (both None), a State, or one district."""

    state: State | None = None
    district: District | None = None

    def where(self, district_field: str) -> Q:
        """The rows whose `district_field` (a District foreign key path) lies in the scope."""
        if self.district is not None:
            return Q(**{district_field: self.district.pk})
        if self.state is not None:
            return Q(**{f"{district_field}__state": self.state.pk})
        return Q()

    @property
    def query(self) -> dict[str, int]:
        """The list pages' own filters for this scope (LGD codes)."""
        if self.district is not None:
            return {"district": self.district.lgd_code}
        if self.state is not None:
            return {"state": self.state.lgd_code}
        return {}


@dataclass(frozen=True, slots=True)
class Figure:
    """One number of a section, and the list behind it (None: no list to show)."""

    label: str
    value: int | Decimal
    unit: Unit = "count"
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of figures: one block of a dashboard, one sheet, one PDF part."""

    key: str
    title: str
    figures: tuple[Figure, ...]
    note: str = ""
    chart: bool = field(default=False)


SectionProvider = Callable[[MisScope], Section | None]


def _link(name: str, **query: object) -> str:
    """A URL with its query string (empty values left out)."""
    pairs = {key: value for key, value in query.items() if value not in (None, "")}
    return reverse(name) + (f"?{urlencode(pairs)}" if pairs else "")


def _products(scope: MisScope) -> QuerySet[DistrictProduct]:
    return DistrictProduct.objects.filter(scope.where("district"))


def _districts(scope: MisScope) -> QuerySet[District]:
    if scope.district is not None:
        return District.objects.filter(pk=scope.district.pk)
    if scope.state is not None:
        return District.objects.filter(state=scope.state.pk)
    return District.objects.all()


def coverage_section(scope: MisScope) -> Section:
    """Districts, how many have a product, the products and the GI-tagged ones."""
    districts = _districts(scope)
    covered = districts.filter(pk__in=DistrictProduct.objects.values("district_id")).count()
    products = _products(scope).aggregate(total=Count("pk"), gi=Count("pk", filter=Q(is_gi=True)))
    return Section(
        key="coverage",
        title=_("Coverage"),
        figures=(
            Figure(_("Districts"), districts.count()),
            Figure(_("Districts with at least one product"), covered),
            Figure(_("District products"), products["total"], link=_link(PRODUCTS, **scope.query)),
            Figure(
                _("GI-tagged district products"),
                products["gi"],
                link=_link(PRODUCTS, gi="true", **scope.query),
            ),
        ),
    )


def _choice_counts(
    rows: QuerySet[DistrictProduct],
    field_name: str,
    choices: Sequence[tuple[str, object]],
    scope: MisScope,
) -> tuple[Figure, ...]:
    counts = dict(
        rows.values_list(field_name).annotate(total=Count("pk")).values_list(field_name, "total")
    )
    figures = [
        Figure(
            str(label),
            counts.get(value, 0),
            link=_link(PRODUCTS, **{field_name: value}, **scope.query),
        )
        for value, label in choices
    ]
    if counts.get("", 0):
        figures.append(Figure(_("Not stated"), counts[""]))
    return tuple(figures)


def sectors_section(scope: MisScope) -> Section:
    """District products by sector (every sector listed, zeros included)."""
    return Section(
        key="sectors",
        title=_("Products by sector"),
        figures=_choice_counts(_products(scope), "sector", Sector.choices, scope),
        chart=True,
    )


def categories_section(scope: MisScope) -> Section:
    """District products by economic category."""
    return Section(
        key="categories",
        title=_("Products by category"),
        figures=_choice_counts(_products(scope), "category", Category.choices, scope),
        chart=True,
    )


def gi_section(scope: MisScope) -> Section:
    """GI-tagged products, those linked to their registry entry, and the registered GIs."""
    products = _products(scope).aggregate(
        gi=Count("pk", filter=Q(is_gi=True)),
        linked=Count("pk", filter=Q(is_gi=True, gi_entry__isnull=False)),
    )
    entries = GIEntry.objects.filter(is_foreign=False)
    if scope.district is not None:
        entries = entries.filter(states=scope.district.state_id)
    elif scope.state is not None:
        entries = entries.filter(states=scope.state.pk)
    state_query = {"state": scope.state.lgd_code} if scope.state is not None else {}
    return Section(
        key="gi",
        title=_("Geographical Indications"),
        figures=(
            Figure(
                _("GI-tagged district products"),
                products["gi"],
                link=_link(PRODUCTS, gi="true", **scope.query),
            ),
            Figure(_("GI-tagged products linked to their registry entry"), products["linked"]),
            Figure(
                _("Registered Indian GIs of the place"),
                entries.distinct().count(),
                link=_link("gi-list", foreign="false", **state_query),
            ),
        ),
    )


def selection_section(scope: MisScope) -> Section:
    """Selection candidates by stage of the workflow."""
    counts = dict(
        Candidate.objects.filter(scope.where("district"))
        .values_list("status")
        .annotate(total=Count("pk"))
        .values_list("status", "total")
    )
    return Section(
        key="selection",
        title=_("Selection pipeline"),
        figures=tuple(
            Figure(
                str(label), counts.get(value, 0), link=_link("selection:candidates", status=value)
            )
            for value, label in CandidateStatus.choices
        ),
    )


def producers_section(scope: MisScope) -> Section:
    """Producers registered, by status and by kind."""
    producers = Producer.objects.filter(scope.where("district"))
    by_status = dict(
        producers.values_list("status").annotate(total=Count("pk")).values_list("status", "total")
    )
    by_kind = dict(
        producers.values_list("kind").annotate(total=Count("pk")).values_list("kind", "total")
    )
    figures = [
        Figure(_("Producers registered"), sum(by_status.values()), link=_link("producers:list"))
    ]
    figures += [
        Figure(str(label), by_status.get(value, 0), link=_link("producers:list", status=value))
        for value, label in ProducerStatus.choices
    ]
    figures += [Figure(str(label), by_kind.get(value, 0)) for value, label in ProducerKind.choices]
    return Section(key="producers", title=_("Producers"), figures=tuple(figures))


def trade_section(scope: MisScope) -> Section:
    """The bazaar: published listings, orders (cancelled ones apart) and their value."""
    listings = Listing.objects.filter(scope.where("district"), status=ListingStatus.PUBLISHED)
    orders = Order.objects.filter(scope.where("listing__district"))
    live = ~Q(status=OrderStatus.CANCELLED)
    totals = orders.aggregate(
        placed=Count("pk", filter=live),
        value=Sum("total", filter=live),
        paid=Count("pk", filter=live & Q(payment_status=PaymentStatus.PAID)),
        received=Count("pk", filter=Q(status=OrderStatus.RECEIVED)),
        cancelled=Count("pk", filter=Q(status=OrderStatus.CANCELLED)),
    )
    storefront = _link("bazaar:storefront")
    officer = _link("bazaar:officer")
    return Section(
        key="trade",
        title=_("Bazaar trade"),
        figures=(
            Figure(_("Published listings"), listings.count(), link=storefront),
            Figure(_("Orders (not cancelled)"), totals["placed"], link=officer),
            Figure(_("Order value"), totals["value"] or Decimal("0.00"), unit="inr", link=officer),
            Figure(_("Orders paid"), totals["paid"], link=officer),
            Figure(_("Orders received by the buyer"), totals["received"], link=officer),
            Figure(_("Orders cancelled"), totals["cancelled"], link=officer),
        ),
    )


PRODUCTS: Final = "product-list"
