"""Import of the national ODOP list: placing every row, then upserting it.

Every importer reads and checks its whole file before it writes, so a broken file writes
nothing; it upserts, so a second run of the same file writes nothing either."""

from collections import defaultdict
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from odop.core.imports import (
    Finding,
    ImportReport,
    ProgressCallback,
    RowContext,
    progress_none,
    rows_sync,
)
from odop.core.tabular import table_read
from odop.core.text import text_clean, text_key
from odop.geography.models import AliasSource, District, State
from odop.geography.resolver import DistrictEntry, DistrictIndex
from odop.geography.services import (
    aliases_record,
    district_provisional_create,
)
from odop.registry.gi_match import (
    gi_decide_listed,
)
from odop.registry.models import (
    DistrictProduct,
    GIDecisionAction,
    GILinkDecision,
    Ministry,
    Problem,
    ProductType,
    ProductTypeName,
    Resolution,
)
from odop.registry.services.gi_links import district_product_gi_more_sync
from odop.registry.services.master.gi_inputs import gi_matcher_inputs
from odop.registry.services.master.placement import MASTER_COLUMNS, odop_rows_place
from odop.registry.services.types import product_type_names_sync, product_types_canonicalise
from odop.registry.vocabularies import (
    category_normalise,
    ministry_normalise,
    product_name_key,
    product_type_key,
    product_type_name,
    sector_normalise,
    yes_no_normalise,
)


def _slug_unique(model: type[Ministry] | type[ProductType], text: str, taken: set[str]) -> str:
    base = slugify(text)[:180] or "item"
    slug, number = base, 2
    while slug in taken or model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


# ---------------------------------------------------------------- the national ODOP list


def _photo_url(raw: str, context: RowContext, report: ImportReport) -> str:
    """The photo link if it is a valid http(s) URL; otherwise blank, with a finding."""
    value = text_clean(raw)
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
        if len(value) > 500:
            raise ValidationError("too long")
    except ValidationError:
        report.findings.append(
            Finding(
                **context,
                problem=Problem.VALUE_UNKNOWN,
                resolution=Resolution.SKIPPED,  # type: ignore[arg-type]
                value=value[:255],
                detail="Photo is not a valid web link",
            )
        )
        return ""
    return value


@transaction.atomic
def odop_master_import(
    *, path: Path, index: DistrictIndex, progress: ProgressCallback = progress_none
) -> ImportReport:
    """Import the national ODOP list (.xlsx or .csv, UTF-8 or Windows-1252). Atomic, idempotent.

    Refused whole (nothing written) when a column is missing, the file is empty or unreadable,
    or two rows are the same (State, district, code and product). Row-level disagreements are
    resolved as `odop_rows_place` explains and reported as findings.
    """
    table = table_read(path)
    table.require_columns(MASTER_COLUMNS)
    if not table.rows:
        raise ValidationError(
            _("%(file)s has no rows."), code="empty_file", params={"file": table.name}
        )
    first_seen: dict[tuple[str, ...], int] = {}
    for number, row in enumerate(table.rows, start=2):
        identity = (
            text_key(row["State"]),
            text_key(row["District"]),
            text_clean(row["LGD Code"]),
            product_name_key(row["Product"]),
        )
        if not identity[3]:
            raise ValidationError(
                _("%(file)s row %(row)d has no product name."),
                code="missing_value",
                params={"file": table.name, "row": number},
            )
        if identity in first_seen:
            raise ValidationError(
                _(
                    "%(file)s rows %(first)d and %(second)d are the same product of the same "
                    "district; remove one and import again."
                ),
                code="duplicate_rows",
                params={"file": table.name, "first": first_seen[identity], "second": number},
            )
        first_seen[identity] = number

    placements = odop_rows_place(table, index)
    reason = f"import {table.name}"
    report = ImportReport(source=table.name, rows_read=len(table.rows))
    districts = {
        district.lgd_code: district for district in District.objects.select_related("state")
    }
    states = {state.lgd_code: state for state in State.objects.all()}

    # Provisional districts and spellings first: rows below refer to them.
    learned: list[tuple[District, str, AliasSource]] = []
    for number, row in enumerate(table.rows, start=2):
        placement = placements[number]
        report.findings.extend(placement.findings)
        if placement.district_code is None:
            continue
        district = districts.get(placement.district_code)
        if district is None:  # the code is unknown to LGD: a provisional district
            state_code = next(iter(index.state_codes(row["State"])))
            district = district_provisional_create(
                state=states[state_code],
                code=placement.district_code,
                name=text_clean(row["District"]),
                reason=reason,
            )
            districts[district.lgd_code] = district
            index.add_district(
                DistrictEntry(
                    code=district.lgd_code,
                    state_code=state_code,
                    name=district.name,
                    provisional=True,
                )
            )
        if placement.spelling_to_learn or placement.match.startswith("name:"):
            learned.append((district, row["District"], AliasSource.ODOP_MASTER))
    aliases_record(spellings=learned, reason=reason)

    report.findings.extend(product_types_canonicalise(table=table, reason=reason))
    types = {product_type.key: product_type for product_type in ProductType.objects.all()}
    slugs = set(ProductType.objects.values_list("slug", flat=True))
    new_types: dict[str, dict[str, object]] = {}
    ministries = {ministry.name: ministry for ministry in Ministry.objects.all()}
    ministry_slugs = set(Ministry.objects.values_list("slug", flat=True))
    new_ministries: dict[str, dict[str, object]] = {}
    for row in table.rows:
        name = text_clean(row["Product"])
        key = product_type_key(name)
        if key not in types and key not in new_types:
            new_types[key] = {
                "name": product_type_name(name),
                "key": key,
                "slug": _slug_unique(ProductType, name, slugs),
            }
        ministry_name = ministry_normalise(row["Ministry/ Department"])
        if (
            ministry_name
            and ministry_name not in ministries
            and ministry_name not in new_ministries
        ):
            new_ministries[ministry_name] = {
                "name": ministry_name,
                "slug": _slug_unique(Ministry, ministry_name, ministry_slugs),
            }
    types.update(
        rows_sync(
            ProductType,
            wanted=new_types,
            existing={},
            report=ImportReport(source=table.name),
            reason=reason,
        )
    )
    ministries.update(
        rows_sync(
            Ministry,
            wanted=new_ministries,
            existing={},
            report=ImportReport(source=table.name),
            reason=reason,
        )
    )

    product_type_names_sync(table=table, types=types, reason=reason)

    matcher = gi_matcher_inputs()
    type_names: dict[int, list[str]] = defaultdict(list)
    for type_id, type_name in ProductTypeName.objects.values_list("product_type_id", "name"):
        type_names[type_id].append(type_name)

    existing = {
        (product.district_id, product.product_type_id): product
        for product in DistrictProduct.objects.all()
    }
    # An officer's latest decision on a product's GI link outranks the matcher (issue 13).
    decided: dict[int, GILinkDecision] = {}
    for decision_row in (
        GILinkDecision.objects.select_related("gi_entry")
        .prefetch_related("more_links__gi_entry")
        .order_by("created_at", "pk")
    ):
        decided[decision_row.district_product_id] = decision_row
    wanted: dict[tuple[int, int], dict[str, object]] = {}
    more_wanted: dict[tuple[int, int], list[int]] = {}
    placed: dict[tuple[int, int], int] = {}
    for number, row in enumerate(table.rows, start=2):
        placement = placements[number]
        progress(1)
        if placement.district_code is None:
            continue
        district = districts[placement.district_code]
        context: RowContext = {
            "source": table.name,
            "row": number,
            "state": text_clean(row["State"]),
            "district": text_clean(row["District"]),
            "code": text_clean(row["LGD Code"]),
        }
        name = text_clean(row["Product"])
        product_type = types[product_type_key(name)]
        pair = (district.pk, product_type.pk)
        if pair in placed:
            report.findings.append(
                Finding(
                    **context,
                    problem=Problem.DUPLICATE_ROW,
                    resolution=Resolution.SKIPPED,
                    value=name,
                    detail=f"Row {placed[pair]} already lists {name} for {district.name}",
                )
            )
            continue
        placed[pair] = number
        values: dict[str, object] = {
            "district": district,
            "product_type": product_type,
            "name": name,
            "description": text_clean(row["Description"]),
            "source_row": number,
            "lgd_code_source": context["code"],
            "district_source": context["district"],
            "state_source": context["state"],
            "photo_url": _photo_url(row.get("Photo", ""), context, report),
        }
        for column, normalise, field_name in (
            ("Category", category_normalise, "category"),
            ("Sector", sector_normalise, "sector"),
        ):
            raw = text_clean(row[column])
            value = normalise(raw)
            values[field_name] = value or ""
            values[f"{field_name}_source"] = raw
            if value is None and raw:
                report.findings.append(
                    Finding(
                        **context,
                        problem=Problem.VALUE_UNKNOWN,
                        resolution=Resolution.SKIPPED,
                        value=raw,
                        detail=f"{column} “{raw}” is not a known {column.lower()}",
                    )
                )
        gi_raw = text_clean(row["GI Status"])
        gi = yes_no_normalise(gi_raw)
        if gi is None and gi_raw:
            report.findings.append(
                Finding(
                    **context,
                    problem=Problem.VALUE_UNKNOWN,
                    resolution=Resolution.SKIPPED,
                    value=gi_raw,
                    detail="GI Status is neither yes nor no; read as no",
                )
            )
        values["is_gi"] = bool(gi)
        values["gi_status_source"] = gi_raw
        ministry_name = ministry_normalise(row["Ministry/ Department"])
        values["ministry"] = ministries.get(ministry_name) if ministry_name else None
        values["ministry_source"] = text_clean(row["Ministry/ Department"])
        decision = gi_decide_listed(
            matcher.facts(
                district=district,
                names=(name, product_type.name, *type_names.get(product_type.pk, ())),
                description=values["description"],  # type: ignore[arg-type]
                sector=values["sector"],  # type: ignore[arg-type]
            ),
            matcher.records_by_state.get(district.state_id, []),
            synonyms=matcher.synonyms,
        )
        entry = matcher.gi_by_id[decision.link.id] if decision.link and gi else None
        more = [record.id for record in decision.more] if entry is not None else []
        score = next(
            (c.score for c in decision.candidates if decision.link and c.record == decision.link),
            None,
        )
        candidates = "; ".join(f"{c.record.name} ({c.score:.2f})" for c in decision.candidates)
        previous = existing.get(pair)
        officer = decided.get(previous.pk) if previous is not None else None
        if officer is not None and (gi or officer.gi_entry_id is not None):
            # An officer's confirmation or pick makes a product the list calls non-GI a GI
            # product (the registry holds it); a rejection leaves the list's word.
            values["is_gi"] = gi = True
            # The further GIs the officer stated; else a confirmation of the matcher's
            # primary GI keeps its further GIs, and a pick or a rejection is about one GI only
            # (as `gi_link_decide` applies it).
            if officer.more_stated:
                more = [entry.pk for entry in officer.more_gi_in_order]
            elif not (
                officer.action == GIDecisionAction.CONFIRM
                and entry is not None
                and officer.gi_entry_id == entry.pk
            ):
                more = []
            entry = officer.gi_entry
            score = previous.gi_match_score if previous is not None else None
        # A decided product is neither unlinked nor an open question any more.
        if officer is None and gi and entry is None:
            report.findings.append(
                Finding(
                    **context,
                    problem=Problem.GI_UNLINKED,
                    resolution=Resolution.LEFT_UNLINKED,
                    value=name,
                    detail=(
                        "No registered GI is clearly this product; for an officer to decide. "
                        if decision.queue
                        else "No registered GI of the State fits. "
                    )
                    + f"Best candidates: {candidates or 'none'}",
                )
            )
        elif officer is None and not gi and decision.link is not None:
            held = "”, “".join(record.name for record in decision.links)
            report.findings.append(
                Finding(
                    **context,
                    problem=Problem.GI_NOT_FLAGGED,
                    resolution=Resolution.LEFT_UNLINKED,
                    value=name,
                    detail=f"The list says not GI, but the registry holds "
                    f"“{held}”: for an officer to confirm. "
                    f"Candidates: {candidates}",
                )
            )
        values["gi_entry"] = entry
        values["gi_match_score"] = score
        wanted[pair] = values
        more_wanted[pair] = more
    synced = rows_sync(
        DistrictProduct, wanted=wanted, existing=existing, report=report, reason=reason
    )
    district_product_gi_more_sync(
        links={synced[pair].pk: more for pair, more in more_wanted.items()}, reason=reason
    )

    # Entries of the national list that are no longer in the file leave the registry.
    for pair, product in existing.items():
        if pair not in wanted:
            product._change_reason = reason  # type: ignore[attr-defined]
            product.delete()
    return report
