"""Read side of the registry: coverage, products by place and sector, data-quality findings."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import translation
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.geography.models import District, State
from odop.registry.models import (
    Category,
    DataQualityFinding,
    DistrictProduct,
    Problem,
    ProductType,
    Sector,
)
from odop.registry.permissions import district_products_visible_to, findings_visible_to


@dataclass(frozen=True)
class Coverage:
    """How much of a place the national list covers."""

    districts: int
    districts_covered: int
    products: int
    gi_products: int

    @property
    def percent(self) -> float:
        return 100.0 * self.districts_covered / self.districts if self.districts else 0.0


def _covered_districts(districts: QuerySet[District]) -> QuerySet[District]:
    return districts.annotate(
        has_product=Exists(DistrictProduct.objects.filter(district=OuterRef("pk")))
    )


def coverage_national() -> Coverage:
    """National figures: districts (LGD and provisional), those with a product, products, GI."""
    districts = District.objects.aggregate(
        total=Count("pk"),
        covered=Count("pk", filter=Q(pk__in=DistrictProduct.objects.values("district_id"))),
    )
    products = DistrictProduct.objects.aggregate(
        total=Count("pk"), gi=Count("pk", filter=Q(is_gi=True))
    )
    return Coverage(
        districts=districts["total"],
        districts_covered=districts["covered"],
        products=products["total"],
        gi_products=products["gi"],
    )


def coverage_by_state() -> list[tuple[State, Coverage]]:
    """Every State with its coverage, in two queries."""
    covered_ids = DistrictProduct.objects.values("district_id")
    states = State.objects.annotate(
        district_total=Count("districts", distinct=True),
        district_covered=Count("districts", filter=Q(districts__pk__in=covered_ids), distinct=True),
    ).order_by("name")
    products: dict[int, dict[str, int]] = {
        row["district__state_id"]: {"total": row["total"], "gi": row["gi"]}
        for row in DistrictProduct.objects.values("district__state_id").annotate(
            total=Count("pk"), gi=Count("pk", filter=Q(is_gi=True))
        )
    }
    return [
        (
            state,
            Coverage(
                districts=state.district_total,
                districts_covered=state.district_covered,
                products=products.get(state.pk, {}).get("total", 0),
                gi_products=products.get(state.pk, {}).get("gi", 0),
            ),
        )
        for state in states
    ]


def coverage_state(*, state: State) -> Coverage:
    """One State's coverage: districts with at least one product out of all its districts."""
    districts = _covered_districts(state.districts.all())
    counts = districts.aggregate(total=Count("pk"), covered=Count("pk", filter=Q(has_product=True)))
    products = DistrictProduct.objects.filter(district__state=state).aggregate(
        total=Count("pk"), gi=Count("pk", filter=Q(is_gi=True))
    )
    return Coverage(
        districts=counts["total"],
        districts_covered=counts["covered"],
        products=products["total"],
        gi_products=products["gi"],
    )


def products_by_sector(
    *, state: State | None = None, district: District | None = None
) -> list[tuple[str, str, int]]:
    """(sector value, label, count) for every sector with products, largest first."""
    products = DistrictProduct.objects.all()
    if state is not None:
        products = products.filter(district__state=state)
    if district is not None:
        products = products.filter(district=district)
    labels = dict(Sector.choices)
    rows = products.values("sector").annotate(total=Count("pk")).order_by("-total", "sector")
    return [(row["sector"], str(labels.get(row["sector"], "—")), row["total"]) for row in rows]


def districts_of_state(*, state: State) -> QuerySet[District]:
    """A State's districts with their product counts, provisional ones included."""
    return state.districts.annotate(product_count=Count("products")).order_by("name")


def products_of_district(*, district: District) -> QuerySet[DistrictProduct]:
    return district.products.select_related("product_type", "ministry", "gi_entry").order_by("name")


def findings_list(
    *, user: User, source: str | None = None, problem: str | None = None
) -> QuerySet[DataQualityFinding]:
    """The data-quality findings `user` may see, optionally of one source or problem."""
    findings = findings_visible_to(user)
    if source:
        findings = findings.filter(source=source)
    if problem:
        findings = findings.filter(problem=problem)
    return findings.order_by("source", "row", "problem")


def findings_all() -> QuerySet[DataQualityFinding]:
    """Every finding, for the operator's command line (no user scope: shell access is admin)."""
    return DataQualityFinding.objects.order_by("source", "row", "problem")


FINDING_FIELDS = (
    "source",
    "row",
    "state",
    "district",
    "code",
    "value",
    "problem",
    "resolution",
    "detail",
)


def finding_as_dict(finding: DataQualityFinding) -> dict[str, object]:
    return {name: getattr(finding, name) for name in FINDING_FIELDS}


def findings_summary(*, user: User) -> list[tuple[str, str, int]]:
    """(problem, label, count) of the findings `user` may see, most frequent first."""
    labels = dict(Problem.choices)
    rows = (
        findings_visible_to(user)
        .values("problem")
        .annotate(total=Count("pk"))
        .order_by("-total", "problem")
    )
    return [
        (row["problem"], str(labels.get(row["problem"], row["problem"])), row["total"])
        for row in rows
    ]


def vocabulary_normalisations() -> list[tuple[str, str, str, int]]:
    """How the national list's free-text spellings were normalised: (column, as written,
    value, rows), for the spellings that differ from the value's English label.

    The comparison is with the English label (the language of the source file), whatever the
    reader's language; the label shown is translated.
    """
    result: list[tuple[str, str, str, int]] = []
    for column, source_field, value_field, choices in (
        (_("Category"), "category_source", "category", Category),
        (_("Sector"), "sector_source", "sector", Sector),
    ):
        with translation.override("en"):
            english = {value: str(label) for value, label in choices.choices}
        labels = dict(choices.choices)
        rows = (
            DistrictProduct.objects.values(source_field, value_field)
            .annotate(total=Count("pk"))
            .order_by(value_field, source_field)
        )
        for row in rows:
            if row[source_field] != english.get(row[value_field], "—"):
                label = str(labels.get(row[value_field], "—"))
                result.append((str(column), row[source_field], label, row["total"]))
    rows = (
        DistrictProduct.objects.values("gi_status_source", "is_gi")
        .annotate(total=Count("pk"))
        .order_by("is_gi", "gi_status_source")
    )
    for row in rows:
        if row["gi_status_source"] != ("Yes" if row["is_gi"] else "No"):
            label = _("Yes") if row["is_gi"] else _("No")
            result.append((_("GI Status"), row["gi_status_source"], str(label), row["total"]))
    rows = (
        DistrictProduct.objects.values("ministry_source", "ministry__name")
        .annotate(total=Count("pk"))
        .order_by("ministry__name", "ministry_source")
    )
    for row in rows:
        if row["ministry_source"] != row["ministry__name"]:
            result.append(
                (
                    _("Ministry/ Department"),
                    row["ministry_source"],
                    row["ministry__name"] or "—",
                    row["total"],
                )
            )
    return result


def district_products_of_product_type(
    *, user: User | AnonymousUser, product_type: ProductType
) -> QuerySet[DistrictProduct]:
    """Every district's entry for one product type that `user` may see, with district and
    State loaded, ordered by State then district (ready for grouping by State)."""
    return (
        district_products_visible_to(user)
        .filter(product_type=product_type)
        .order_by("district__state__name", "district__name", "pk")
    )
