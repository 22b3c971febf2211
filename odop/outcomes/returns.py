"""Officers' outcome returns: a CSV or XLSX of figures per district product and period.

Required columns: state, district, product, period, jobs, sales_inr, exports_inr. Optional:
jobs_women_share, jobs_scst_share (percent), producers, production, production_unit,
exports_usd, source.

A file with a structural fault (not a readable .csv/.xlsx, a required column missing, no rows)
is refused whole and writes nothing (ValidationError with a code). Otherwise every row is
checked, and a row that cannot be placed is refused on its own and reported with its line, its
values and why (`RowRefusal.code`): bad_period, unknown_state, district_unresolved,
out_of_scope, unknown_product, ambiguous_product, missing_value, not_a_number, negative_number,
out_of_range, duplicate_row. The other rows are kept.

Districts are resolved by the geography resolver as every import's (names as district offices
write them, headquarters towns, common spellings); products are matched among the resolved
district's registry entries by their listed name, their type's name and every name of the
type (`registry.ProductTypeName`, the reviewed synonym table).

Uploading a period again for a district replaces that district's rows of the period: rows the
new file gives are updated (only if they changed), rows it no longer gives are deleted, and the
history (django-simple-history) keeps what was there. A row the file gives but that was refused
leaves the earlier figure of its product in place.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core import bounds
from odop.core.errors import permission_require
from odop.core.tabular import Table
from odop.core.text import text_key
from odop.geography.models import District
from odop.geography.resolver import DistrictIndex, Failure
from odop.geography.selectors import district_index_load
from odop.outcomes import permissions
from odop.outcomes.models import SHARE_MAX, OutcomeReturn, OutcomeUpload
from odop.outcomes.periods import Period, period_parse
from odop.registry.models import DistrictProduct, ProductTypeName
from odop.registry.vocabularies import product_type_key

REQUIRED_COLUMNS = ("state", "district", "product", "period", "jobs", "sales_inr", "exports_inr")
OPTIONAL_COLUMNS = (
    "jobs_women_share",
    "jobs_scst_share",
    "producers",
    "production",
    "production_unit",
    "exports_usd",
    "source",
)
MAX_ROWS = 20_000
# Figure columns: (column, whole number?, maximum, required?)
_NUMBERS: tuple[tuple[str, bool, Decimal | int, bool], ...] = (
    ("jobs", True, bounds.COUNT_MAX, True),
    ("sales_inr", False, bounds.MONEY_MAX, True),
    ("exports_inr", False, bounds.MONEY_MAX, True),
    ("jobs_women_share", False, SHARE_MAX, False),
    ("jobs_scst_share", False, SHARE_MAX, False),
    ("producers", True, bounds.COUNT_MAX, False),
    ("production", False, bounds.MONEY_MAX, False),
    ("exports_usd", False, bounds.MONEY_MAX, False),
)
_TEXTS = (("production_unit", 40), ("source", 200))
_FIGURES = (*tuple(column for column, *_rest in _NUMBERS), "production_unit", "source")


@dataclass(frozen=True)
class RowRefusal:
    """A row not placed: its line in the file (the header is line 1), values and why."""

    line: int
    values: dict[str, str]
    column: str
    code: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "values": self.values,
            "column": self.column,
            "code": self.code,
            "reason": self.reason,
        }


@dataclass
class ReturnsReport:
    """What an upload did: rows read, placed (created, updated, unchanged), replaced, refused."""

    file: str
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    replaced: int = 0
    periods: list[str] = field(default_factory=list)
    refused: list[RowRefusal] = field(default_factory=list)
    upload_id: int | None = None

    @property
    def placed(self) -> int:
        return self.created + self.updated + self.unchanged


class _Refused(Exception):
    def __init__(self, column: str, code: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.code, self.reason = column, code, reason


@dataclass(frozen=True)
class _Placed:
    line: int
    district: District
    product: DistrictProduct
    period: Period
    figures: dict[str, Any]


def _number(raw: str, *, column: str, whole: bool, maximum: Decimal | int) -> Decimal | int:
    text = raw.replace(",", "").replace("₹", "").replace(" ", "").replace("\u00a0", "")
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise _Refused(column, "not_a_number", _("not a number.")) from error
    if not value.is_finite():
        raise _Refused(column, "not_a_number", _("not a number."))
    if value < 0:
        raise _Refused(column, "negative_number", _("a figure cannot be negative."))
    if value > maximum:
        raise _Refused(column, "out_of_range", _("larger than %(max)s.") % {"max": f"{maximum:,}"})
    if whole:
        if value != value.to_integral_value():
            raise _Refused(column, "not_a_number", _("must be a whole number."))
        return int(value)
    if value != value.quantize(Decimal("0.01")):
        raise _Refused(column, "not_a_number", _("at most two decimal places."))
    return value.quantize(Decimal("0.01"))


def _figures(row: Mapping[str, str]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for column, whole, maximum, required in _NUMBERS:
        raw = (row.get(column) or "").strip()
        if not raw:
            if required:
                raise _Refused(column, "missing_value", _("a value is required."))
            figures[column] = None
            continue
        figures[column] = _number(raw, column=column, whole=whole, maximum=maximum)
    for column, length in _TEXTS:
        value = (row.get(column) or "").strip()
        if len(value) > length:
            raise _Refused(
                column, "out_of_range", _("at most %(max)s characters.") % {"max": length}
            )
        figures[column] = value
    return figures


class _Products:
    """Each district's registry entries, found by any of their names."""

    def __init__(self) -> None:
        self._by_district: dict[int, list[tuple[DistrictProduct, set[str]]]] = {}
        self._type_names: dict[int, set[str]] = {}
        for type_id, key in ProductTypeName.objects.values_list("product_type_id", "key"):
            self._type_names.setdefault(type_id, set()).add(key)

    def _entries(self, district: District) -> list[tuple[DistrictProduct, set[str]]]:
        if district.pk not in self._by_district:
            entries = []
            for product in DistrictProduct.objects.filter(district=district).select_related(
                "product_type"
            ):
                keys = {text_key(product.name), product.product_type.key}
                keys |= {text_key(product.product_type.name)}
                keys |= self._type_names.get(product.product_type_id, set())
                entries.append((product, keys))
            self._by_district[district.pk] = entries
        return self._by_district[district.pk]

    def find(self, district: District, name: str) -> DistrictProduct:
        keys = {text_key(name), product_type_key(name)} - {""}
        if not keys:
            raise _Refused("product", "missing_value", _("a value is required."))
        found = {product.pk: product for product, names in self._entries(district) if keys & names}
        if not found:
            listed = "; ".join(product.name for product, _names in self._entries(district))
            raise _Refused(
                "product",
                "unknown_product",
                _("%(district)s lists no such product (it lists: %(listed)s).")
                % {"district": district.name, "listed": listed or _("none")},
            )
        if len(found) > 1:
            raise _Refused("product", "ambiguous_product", _("several products have this name."))
        return next(iter(found.values()))


def _district(
    row: Mapping[str, str], *, index: DistrictIndex, districts: Mapping[int, District]
) -> District:
    codes = index.state_codes(row.get("state", ""))
    if len(codes) != 1:
        raise _Refused("state", "unknown_state", _("no single State or UT has this name."))
    answer = index.resolve(state_code=next(iter(codes)), name=row.get("district", ""))
    if answer.code is None or answer.code not in districts:
        if answer.failure == Failure.AMBIGUOUS:
            names = "; ".join(
                entry.name for entry in map(index.district, answer.candidates) if entry is not None
            )
            raise _Refused(
                "district",
                "district_unresolved",
                _("several districts fit this name: %(names)s.") % {"names": names},
            )
        raise _Refused(
            "district", "district_unresolved", _("no district of the State has this name.")
        )
    return districts[answer.code]


def _district_index(districts: Mapping[int, District]) -> DistrictIndex:
    """The geography resolver's index, with each district's headquarters town ("Motihari",
    "Bettiah") as one more spelling: district offices write their town for their district.
    The resolver's order still holds (an exact LGD name wins over an alias; a town that two
    districts share answers "ambiguous", never a guess)."""
    index = district_index_load()
    entries = []
    for entry in index.districts:
        district = districts.get(entry.code)
        town = district.hq_name if district is not None else ""
        if town and text_key(town) != text_key(entry.name):
            entry = replace(entry, aliases=(*entry.aliases, town))
        entries.append(entry)
    return DistrictIndex(states=index.states, districts=entries)


def returns_check(*, actor: User, table: Table) -> tuple[list[_Placed], list[RowRefusal]]:
    """Every row of `table` placed or refused (nothing written). Structural faults raise."""
    permission_require(permissions.can_upload_returns(actor))
    table.require_columns(REQUIRED_COLUMNS)
    if not table.rows:
        raise ValidationError(_("%(file)s has no rows.") % {"file": table.name}, code="empty_file")
    if len(table.rows) > MAX_ROWS:
        raise ValidationError(
            _("A return holds at most %(max)s rows.") % {"max": MAX_ROWS}, code="too_many_rows"
        )
    districts = District.objects.select_related("state").in_bulk(field_name="lgd_code")
    index = _district_index(districts)
    products = _Products()
    placed: list[_Placed] = []
    refused: list[RowRefusal] = []
    seen: dict[tuple[int, str], int] = {}
    columns = (*REQUIRED_COLUMNS, *(c for c in OPTIONAL_COLUMNS if c in table.columns))
    for line, raw in enumerate(table.rows, start=2):
        values = {column: (raw.get(column) or "").strip() for column in columns}
        try:
            try:
                period = period_parse(values["period"])
            except ValueError as error:
                raise _Refused("period", "bad_period", str(error)) from error
            district = _district(values, index=index, districts=districts)
            if not permissions.can_return_for_district(actor, district):
                raise _Refused(
                    "district",
                    "out_of_scope",
                    _("%(district)s is outside your scope.") % {"district": district.name},
                )
            product = products.find(district, values["product"])
            key = (product.pk, period.text)
            if key in seen:
                raise _Refused(
                    "product",
                    "duplicate_row",
                    _("the same product and period as line %(line)s.") % {"line": seen[key]},
                )
            seen[key] = line
            figures = _figures(values)
        except _Refused as refusal:
            refused.append(
                RowRefusal(
                    line=line,
                    values=values,
                    column=refusal.column,
                    code=refusal.code,
                    reason=refusal.reason,
                )
            )
            continue
        placed.append(
            _Placed(line=line, district=district, product=product, period=period, figures=figures)
        )
    return placed, refused


@transaction.atomic
def returns_upload(*, actor: User, table: Table) -> ReturnsReport:
    """Check a return file and keep every row that can be placed (see the module docstring)."""
    placed, refused = returns_check(actor=actor, table=table)
    report = ReturnsReport(file=table.name, rows_read=len(table.rows), refused=refused)
    upload = OutcomeUpload.objects.create(
        uploaded_by=actor,
        file_name=table.name[:255],
        rows_read=len(table.rows),
        placed=0,
        refused=len(refused),
        replaced=0,
    )
    kept_products: dict[tuple[int, str], set[int]] = {}
    earlier = {
        (row.district_product_id, row.period): row
        for row in OutcomeReturn.objects.filter(
            period__in={row.period.text for row in placed},
            district_product_id__in={row.product.pk for row in placed},
        )
    }
    for row in placed:
        kept_products.setdefault((row.district.pk, row.period.text), set()).add(row.product.pk)
        existing = earlier.get((row.product.pk, row.period.text))
        if existing is None:
            created = OutcomeReturn(
                district_product=row.product,
                district=row.district,
                period=row.period.text,
                period_start=row.period.start,
                period_end=row.period.end,
                upload=upload,
                **row.figures,
            )
            created.full_clean()
            created.save()
            report.created += 1
            continue
        changed = [name for name in _FIGURES if getattr(existing, name) != row.figures[name]]
        if not changed:
            report.unchanged += 1
            continue
        for name in _FIGURES:
            setattr(existing, name, row.figures[name])
        existing.upload = upload
        existing.full_clean()
        existing.save()
        report.updated += 1
    # Products of a replaced (district, period) that the file gave but refused keep their rows.
    for (district_id, period), product_ids in kept_products.items():
        keep = product_ids | _refused_product_ids(refused, district_id, period)
        stale = OutcomeReturn.objects.filter(district_id=district_id, period=period).exclude(
            district_product_id__in=keep
        )
        for stale_row in stale:
            stale_row.delete()  # one by one: each deletion leaves its history row
            report.replaced += 1
    report.periods = sorted({row.period.text for row in placed})
    upload.placed = report.placed
    upload.replaced = report.replaced
    upload.periods = ", ".join(report.periods)[:400]
    upload.report = [refusal.as_dict() for refusal in refused]
    upload.save(update_fields=["placed", "replaced", "periods", "report", "updated_at"])
    report.upload_id = upload.pk
    return report  # each row saved or deleted bumps the page cache's "outcomes" version


def _period_text(value: str) -> str:
    try:
        return period_parse(value).text
    except ValueError:
        return ""


def _refused_product_ids(refused: list[RowRefusal], district_id: int, period: str) -> set[int]:
    """Products of the district named by refused rows of this period (their earlier figures
    stay): matched by name the way placed rows are."""
    names = {
        text_key(refusal.values.get("product", ""))
        for refusal in refused
        if _period_text(refusal.values.get("period", "")) == period
    } - {""}
    if not names:
        return set()
    ids: set[int] = set()
    for product in DistrictProduct.objects.filter(district_id=district_id).select_related(
        "product_type"
    ):
        if names & {text_key(product.name), product.product_type.key}:
            ids.add(product.pk)
    return ids
