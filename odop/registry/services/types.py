"""Canonical product types: merging two types into one without losing what refers to them.

A merge moves every district product, every name and every row of another app that refers to
the merged type (HS decisions, statistics, candidates) to the type that stays, each move saved
with a history record that says why, then deletes the merged type (its history keeps it).

Apps above the registry that need more than "point the row at the other type" (markets: an HS
decision may already exist for the type that stays) register a handler from their
`AppConfig.ready()` with `product_type_merge_handler_register`; the registry imports no app above
it.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from odop.core.imports import Finding, ImportReport, rows_sync
from odop.core.tabular import Table
from odop.core.text import text_clean, text_key
from odop.registry.models import (
    DistrictProduct,
    Problem,
    ProductType,
    ProductTypeName,
    Resolution,
)
from odop.registry.vocabularies import product_name_key, product_type_key, product_type_synonyms


@dataclass
class ProductTypeMergeReport:
    """What one merge moved: counts per related model, and notes for officers."""

    source_name: str
    target_name: str
    moved: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, label: str, number: int = 1) -> None:
        self.moved[label] = self.moved.get(label, 0) + number


# A handler moves one model's rows from `source` to `target` and returns how many it moved.
ProductTypeMergeHandler = Callable[[ProductType, ProductType, str, ProductTypeMergeReport], None]

_HANDLERS: dict[str, ProductTypeMergeHandler] = {}


def product_type_merge_handler_register(
    *, model_label: str, handler: ProductTypeMergeHandler
) -> None:
    """Let the app of `model_label` ("markets.ProductHSCode") move its own rows on a merge.

    Called from `AppConfig.ready()`; registering the same label again replaces the handler.
    """
    _HANDLERS[model_label] = handler


def _row_move(row: models.Model, field_name: str, target: ProductType, reason: str) -> None:
    setattr(row, field_name, target)
    row._change_reason = reason  # type: ignore[attr-defined]
    row.save(update_fields=[field_name, *(["updated_at"] if hasattr(row, "updated_at") else [])])


@transaction.atomic
def product_type_merge(
    *, source: ProductType, target: ProductType, reason: str
) -> ProductTypeMergeReport:
    """Merge `source` into `target`: everything that referred to `source` refers to `target`.

    Refused (ValidationError "merge_conflict", nothing changed) when a district lists both
    types: one district product would have to go, and that is an officer's decision.
    """
    if source.pk == target.pk:
        raise ValidationError(_("A product type cannot be merged into itself."), code="merge_self")
    ProductType.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).exists()
    both = set(
        DistrictProduct.objects.filter(product_type=source).values_list("district_id", flat=True)
    ) & set(
        DistrictProduct.objects.filter(product_type=target).values_list("district_id", flat=True)
    )
    if both:
        names = ", ".join(
            sorted(
                DistrictProduct.objects.filter(product_type=target, district_id__in=both)
                .values_list("district__name", flat=True)
                .distinct()
            )
        )
        raise ValidationError(
            _("%(source)s and %(target)s are both listed by %(districts)s; merge them by hand."),
            code="merge_conflict",
            params={"source": source.name, "target": target.name, "districts": names},
        )
    report = ProductTypeMergeReport(source_name=source.name, target_name=target.name)
    for product in DistrictProduct.objects.filter(product_type=source):
        _row_move(product, "product_type", target, reason)
        report.count("registry.DistrictProduct")
    taken = set(ProductTypeName.objects.filter(product_type=target).values_list("key", flat=True))
    for name in ProductTypeName.objects.filter(product_type=source):
        if name.key in taken:
            continue
        _row_move(name, "product_type", target, reason)
        report.count("registry.ProductTypeName")
    handled = {"registry.DistrictProduct", "registry.ProductTypeName"}
    for label, handler in sorted(_HANDLERS.items()):
        handler(source, target, reason, report)
        handled.add(label)
    # Every other reference (statistics, candidates, ...) is a plain pointer: move it.
    for relation in ProductType._meta.related_objects:
        related = relation.related_model
        if relation.hidden or not relation.one_to_many or related._meta.label in handled:
            continue  # hidden: the history tables, which keep pointing at the merged type
        field_name = relation.field.name
        for row in related._default_manager.filter(**{field_name: source}):
            _row_move(row, field_name, target, reason)
            report.count(related._meta.label)
    source._change_reason = reason  # type: ignore[attr-defined]
    source.delete()
    return report


def product_types_canonicalise(*, table: Table, reason: str) -> list[Finding]:
    """Make the stored product types follow the reviewed synonym table, and report each merge.

    A stored type whose name the table files under another type is merged into that type (its
    district products, HS decisions and every other reference move, with history), or renamed
    to it when that type does not exist yet; a type keeps the table's spelling of its name.
    Returns one TYPE_MERGED finding per name of the file that is another name of a type, so the
    data-quality page shows every merge. A second run changes nothing.
    """
    synonyms = product_type_synonyms()
    canonical_names = {
        text_key(synonym.type_name): synonym.type_name for synonym in synonyms.values()
    }
    types = {product_type.key: product_type for product_type in ProductType.objects.all()}
    for key, product_type in sorted(types.items()):
        synonym = synonyms.get(key)
        if synonym is None or text_key(synonym.type_name) == key:
            continue
        canonical_key = text_key(synonym.type_name)
        why = f"{reason}: “{product_type.name}” is a name of “{synonym.type_name}”"
        target = types.get(canonical_key)
        if target is None:
            product_type.key, product_type.name = canonical_key, synonym.type_name
            product_type._change_reason = why  # type: ignore[attr-defined]
            product_type.full_clean()
            product_type.save(update_fields=["key", "name", "updated_at"])
            types[canonical_key] = product_type
        else:
            product_type_merge(source=product_type, target=target, reason=why)
    for key, name in canonical_names.items():
        named = types.get(key)
        if named is not None and named.name != name:
            named.name = name
            named._change_reason = f"{reason}: the reviewed name of the type"  # type: ignore[attr-defined]
            named.save(update_fields=["name", "updated_at"])

    rows_of: dict[str, list[int]] = defaultdict(list)
    spelling: dict[str, str] = {}
    for number, row in enumerate(table.rows, start=2):
        key = product_name_key(row["Product"])
        rows_of[key].append(number)
        spelling.setdefault(key, text_clean(row["Product"]))
    findings = []
    for key, numbers in rows_of.items():
        synonym = synonyms.get(key)
        if synonym is None or text_key(synonym.type_name) == key:
            continue
        findings.append(
            Finding(
                source=table.name,
                row=numbers[0],
                problem=Problem.TYPE_MERGED,
                resolution=Resolution.NORMALISED,
                value=spelling[key],
                detail=f"One product type with “{synonym.type_name}”: {synonym.reason} "
                f"(rows {', '.join(str(number) for number in numbers[:10])})",
            )
        )
    return findings


def product_type_names_sync(*, table: Table, types: dict[str, ProductType], reason: str) -> None:
    """Keep every name the file lists a type under (the source's own spelling) as a
    `ProductTypeName`, with the reviewed reason when the name is a synonym."""
    synonyms = product_type_synonyms()
    wanted: dict[str, dict[str, object]] = {}
    for row in table.rows:
        name = text_clean(row["Product"])
        key = product_name_key(name)
        if key in wanted:
            continue
        synonym = synonyms.get(key)
        wanted[key] = {
            "product_type": types[product_type_key(name)],
            "name": name,
            "key": key,
            "reason": synonym.reason if synonym else "",
        }
    existing = {name.key: name for name in ProductTypeName.objects.all()}
    rows_sync(
        ProductTypeName,
        wanted=wanted,
        existing=existing,
        report=ImportReport(source=table.name),
        reason=reason,
    )
