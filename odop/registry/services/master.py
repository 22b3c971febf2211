"""Import of the national ODOP list: placing every row, then upserting it.

Every importer reads and checks its whole file before it writes, so a broken file writes
nothing; it upserts, so a second run of the same file writes nothing either."""

from collections import defaultdict
from dataclasses import dataclass, field
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
from odop.core.tabular import Table, table_read
from odop.core.text import text_clean, text_key
from odop.geography.models import AliasSource, District, State
from odop.geography.resolver import DistrictEntry, DistrictIndex, Failure, MatchKind
from odop.geography.resolver import Resolution as Resolution_
from odop.geography.services import (
    aliases_record,
    district_provisional_create,
    state_aliases,
)
from odop.registry.gi_match import (
    GIRecord,
    GIRegistration,
    ProductFacts,
    gi_canonical_ids,
    gi_decide_listed,
    gi_synonyms,
)
from odop.registry.models import (
    DistrictProduct,
    GIDecisionAction,
    GIEntry,
    GILinkDecision,
    Ministry,
    Problem,
    ProductType,
    ProductTypeName,
    Resolution,
)
from odop.registry.search import glossary_load
from odop.registry.services.gi_links import district_product_gi_more_sync
from odop.registry.services.types import product_type_names_sync, product_types_canonicalise
from odop.registry.vocabularies import (
    category_normalise,
    gi_english_synonyms,
    gi_places,
    ministry_normalise,
    product_name_key,
    product_type_key,
    product_type_name,
    sector_normalise,
    state_region_names,
    yes_no_normalise,
)

MASTER_COLUMNS = (
    "State",
    "Product",
    "District",
    "LGD Code",
    "Category",
    "Sector",
    "Description",
    "GI Status",
    "Ministry/ Department",
)


def _slug_unique(model: type[Ministry] | type[ProductType], text: str, taken: set[str]) -> str:
    base = slugify(text)[:180] or "item"
    slug, number = base, 2
    while slug in taken or model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


# ---------------------------------------------------------------- the national ODOP list


@dataclass
class _Placement:
    """Where one row of the national list goes, and the findings that explain it."""

    district_code: int | None
    match: str
    findings: list[Finding] = field(default_factory=list)
    spelling_to_learn: bool = False


def _code_of(raw: str) -> int | None:
    text = text_clean(raw)
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isdigit() else None


def _name_of(index: DistrictIndex, code: int | None) -> str:
    entry = index.district(code) if code is not None else None
    return entry.name if entry else ""


def _is_provisional(index: DistrictIndex, code: int | None) -> bool:
    entry = index.district(code) if code is not None else None
    return bool(entry and entry.provisional)


def _row_place(
    *,
    source: str,
    number: int,
    row: dict[str, str],
    state_codes: set[int],
    code: int | None,
    index: DistrictIndex,
    shared_codes: set[int],
    rows_by_code: dict[int, set[int]],
) -> _Placement:
    """Place one row of the national list (the rules are in `odop_rows_place`)."""
    context: RowContext = {
        "source": source,
        "row": number,
        "state": text_clean(row["State"]),
        "district": text_clean(row["District"]),
        "code": text_clean(row["LGD Code"]),
    }
    findings: list[Finding] = []
    if not state_codes:
        return _Placement(
            None,
            "unresolved",
            [
                Finding(
                    **context,
                    problem=Problem.STATE_UNKNOWN,
                    resolution=Resolution.SKIPPED,
                    detail="The State cell names no known State or UT",
                )
            ],
        )
    if len(state_codes) > 1:
        return _Placement(
            None,
            "unresolved",
            [
                Finding(
                    **context,
                    problem=Problem.STATE_MULTIPLE,
                    resolution=Resolution.SKIPPED,
                    detail="The State cell names several States or UTs",
                )
            ],
        )
    state_code = next(iter(state_codes))
    if "\n" in str(row["State"]).strip():
        findings.append(
            Finding(
                **context,
                problem=Problem.STATE_MULTIPLE,
                resolution=Resolution.NORMALISED,
                detail="The State cell holds several names on separate lines; all name the "
                "same UT today",
            )
        )
    by_name = index.resolve(state_code=state_code, name=row["District"])
    coded = index.district(code) if code is not None else None
    if code is not None and code in shared_codes:
        others = sorted(rows_by_code[code] - {number})
        findings.append(
            Finding(
                **context,
                problem=Problem.CODE_SHARED,
                resolution=Resolution.PLACED_BY_CODE
                if by_name.code == code
                else Resolution.PLACED_BY_NAME
                if by_name.is_resolved
                else Resolution.PLACED_BY_CODE,
                detail="Rows naming other districts carry this code too (rows "
                + ", ".join(str(other) for other in others[:10])
                + ")",
            )
        )

    def name_decides(problem: str, detail: str) -> _Placement:
        findings.append(
            Finding(**context, problem=problem, resolution=Resolution.PLACED_BY_NAME, detail=detail)
        )
        return _Placement(by_name.code, f"name:{by_name.match}", findings)

    def failure_text() -> str:
        if by_name.failure == Failure.AMBIGUOUS:
            names = ", ".join(
                entry.name for entry in map(index.district, by_name.candidates) if entry
            )
            return f"the name fits several districts ({names})"
        return "the name fits no district of the State"

    if code is None:
        if by_name.is_resolved:
            return name_decides(Problem.CODE_MISSING, "No usable LGD code; placed by name")
        else:
            findings.append(
                Finding(
                    **context,
                    problem=Problem.CODE_MISSING,
                    resolution=Resolution.SKIPPED,
                    detail=f"No usable LGD code and {failure_text()}",
                )
            )
            return _Placement(None, "unresolved", findings)
    if coded is None or coded.provisional:  # a code the LGD snapshot does not have
        if by_name.is_resolved and _is_provisional(index, by_name.code):
            by_name = Resolution_(None, MatchKind.UNRESOLVED, failure=Failure.NO_CANDIDATE)
        if by_name.is_resolved:
            return name_decides(
                Problem.CODE_UNKNOWN,
                f"Code not in the LGD snapshot; the name is {_name_of(index, by_name.code)}",
            )
        else:
            findings.append(
                Finding(
                    **context,
                    problem=Problem.CODE_UNKNOWN,
                    resolution=Resolution.PROVISIONAL,
                    detail=f"Code not in the LGD snapshot and {failure_text()}: a provisional "
                    f"district was created",
                )
            )
            return _Placement(code, "provisional", findings)
    if coded.state_code != state_code:
        if by_name.is_resolved:
            return name_decides(
                Problem.CODE_OTHER_STATE,
                f"Code {code} is {coded.name} in another State; the name is "
                f"{_name_of(index, by_name.code)}",
            )
        else:
            findings.append(
                Finding(
                    **context,
                    problem=Problem.CODE_OTHER_STATE,
                    resolution=Resolution.SKIPPED,
                    detail=f"Code {code} is {coded.name} in another State and {failure_text()}",
                )
            )
            return _Placement(None, "unresolved", findings)
    if by_name.is_resolved and by_name.code != code:
        return name_decides(
            Problem.NAME_OTHER_CODE,
            f"Code {code} is {coded.name}; the name is "
            f"{_name_of(index, by_name.code)} "
            f"({by_name.code})",
        )
    if not by_name.is_resolved:
        findings.append(
            Finding(
                **context,
                problem=Problem.NAME_UNRECOGNISED,
                resolution=Resolution.PLACED_BY_CODE,
                detail=f"{failure_text().capitalize()}; the code names {coded.name} in the "
                f"same State, so the code decides and the spelling is remembered",
            )
        )
        return _Placement(code, "code", findings, spelling_to_learn=True)
    return _Placement(code, "code", findings, spelling_to_learn=by_name.match == MatchKind.FUZZY)


def odop_rows_place(table: Table, index: DistrictIndex) -> dict[int, _Placement]:
    """Decide the district of every row of the national list, without writing anything.

    A row is placed by its LGD code when the code, the State and the name agree. When they
    disagree, the name decides within the row's State only if it names exactly one district;
    otherwise a code of the right State decides; otherwise an unknown code becomes a
    provisional district of the State. Every disagreement becomes a finding.
    """
    source = table.name
    # Which districts does each code stand for in this file (by name)? Used for "shared" codes.
    names_by_code: dict[int, set[int | str]] = defaultdict(set)
    rows_by_code: dict[int, set[int]] = defaultdict(set)
    rows: list[tuple[int, dict[str, str], set[int], int | None]] = []
    for number, row in enumerate(table.rows, start=2):
        state_codes = index.state_codes(row["State"])
        code = _code_of(row["LGD Code"])
        rows.append((number, row, state_codes, code))
        if code is not None:
            rows_by_code[code].add(number)
        if code is not None and len(state_codes) == 1:
            answer = index.resolve(state_code=next(iter(state_codes)), name=row["District"])
            names_by_code[code].add(
                answer.code if answer.code is not None else text_key(row["District"])
            )
    shared_codes = {code for code, names in names_by_code.items() if len(names) > 1}

    placements: dict[int, _Placement] = {}
    for number, row, state_codes, code in rows:
        placements[number] = _row_place(
            source=source,
            number=number,
            row=row,
            state_codes=state_codes,
            code=code,
            index=index,
            shared_codes=shared_codes,
            rows_by_code=rows_by_code,
        )
    return placements


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


def gi_registrations(entries: list[GIEntry]) -> list[GIRegistration]:
    """The grouping rule's view of GI entries (their States prefetched)."""
    return [
        GIRegistration(
            id=entry.pk,
            serial=entry.serial,
            name=entry.name,
            goods_class=entry.goods_class,
            states=frozenset(state.pk for state in entry.states.all()),
        )
        for entry in entries
    ]


def gi_matcher_inputs() -> "GIMatcherInputs":
    """Everything the matcher needs about GIs and places, for the import and the queue."""
    gi_by_id, records_by_state = _gi_records()
    places, districts_of_state, regions = _district_places()
    return GIMatcherInputs(
        gi_by_id, records_by_state, places, districts_of_state, regions, gi_glossary_synonyms()
    )


def gi_glossary_synonyms() -> dict[str, frozenset[str]]:
    """The reviewed bilingual glossary (`data/glossary.csv`) as the GI matcher reads it: each
    romanised or English word of a row -> the row's other words ("pital" -> "brass"), plus the
    reviewed English words without a Hindi headword (`data/gi_english_synonyms.csv`: ceramic =
    pottery)."""
    return gi_synonyms(
        (
            *((*entry.romanised, *entry.english) for entry in glossary_load().entries),
            *gi_english_synonyms(),
        )
    )


@dataclass(frozen=True)
class GIMatcherInputs:
    gi_by_id: dict[int, GIEntry]
    records_by_state: dict[int, list[GIRecord]]
    places: dict[int, tuple[str, ...]]
    districts_of_state: dict[int, list[int]]
    regions: dict[int, tuple[str, ...]]
    synonyms: dict[str, frozenset[str]]

    def facts(
        self,
        *,
        district: District,
        names: tuple[str, ...],
        description: str,
        sector: str,
    ) -> ProductFacts:
        """The matcher's facts about one product of `district`."""
        return ProductFacts(
            names=names,
            description=description,
            sector=sector,
            places=self.places[district.pk],
            other_places=tuple(
                place
                for other in self.districts_of_state[district.state_id]
                if other != district.pk
                for place in self.places[other]
            ),
            region_places=self.regions.get(district.state_id, ()),
        )


def _gi_records() -> tuple[dict[int, GIEntry], dict[int, list[GIRecord]]]:
    """The GI registry by State for the matcher: one record per GI, its first registration
    (the registry repeats some GIs as logo registrations)."""
    by_id: dict[int, GIEntry] = {}
    by_state: dict[int, list[GIRecord]] = defaultdict(list)
    entries = list(GIEntry.objects.prefetch_related("states").order_by("serial", "pk"))
    canonical = gi_canonical_ids(gi_registrations(entries))
    for entry in entries:
        if canonical[entry.pk] != entry.pk:
            continue
        by_id[entry.pk] = entry
        record = GIRecord(id=entry.pk, name=entry.name, goods_class=entry.goods_class)
        for state in entry.states.all():
            by_state[state.pk].append(record)
    return by_id, by_state


def _district_places() -> tuple[
    dict[int, tuple[str, ...]], dict[int, list[int]], dict[int, tuple[str, ...]]
]:
    """Every name of every district (LGD, spellings, HQ town, the reviewed historic and
    regional names of `data/gi_places.csv`), the districts of each State, and the names a GI
    may use for each whole State."""
    extra = gi_places()
    places: dict[int, tuple[str, ...]] = {}
    of_state: dict[int, list[int]] = defaultdict(list)
    for district in District.objects.prefetch_related("aliases"):
        names = (
            district.name,
            district.name_lgd,
            district.hq_name,
            *(alias.name for alias in district.aliases.all()),
            *extra.get(("district", district.lgd_code), ()),
        )
        places[district.pk] = tuple(dict.fromkeys(name for name in names if name))
        of_state[district.state_id].append(district.pk)
    aliases = state_aliases()
    regions = {
        state.pk: state_region_names(
            state.name,
            (*aliases.get(state.lgd_code, ()), *extra.get(("state", state.lgd_code), ())),
        )
        for state in State.objects.all()
    }
    return places, of_state, regions


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

    gi_by_id, records_by_state = _gi_records()
    places, districts_of_state, regions = _district_places()
    synonyms = gi_glossary_synonyms()
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
            ProductFacts(
                names=(name, product_type.name, *type_names.get(product_type.pk, ())),
                description=values["description"],  # type: ignore[arg-type]
                sector=values["sector"],  # type: ignore[arg-type]
                places=places[district.pk],
                other_places=tuple(
                    place
                    for other in districts_of_state[district.state_id]
                    if other != district.pk
                    for place in places[other]
                ),
                region_places=regions.get(district.state_id, ()),
            ),
            records_by_state.get(district.state_id, []),
            synonyms=synonyms,
        )
        entry = gi_by_id[decision.link.id] if decision.link and gi else None
        more = [record.id for record in decision.more] if entry is not None else []
        score = next(
            (c.score for c in decision.candidates if decision.link and c.record == decision.link),
            None,
        )
        candidates = "; ".join(f"{c.record.name} ({c.score:.2f})" for c in decision.candidates)
        previous = existing.get(pair)
        officer = decided.get(previous.pk) if previous is not None else None
        if officer is not None and gi:
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
