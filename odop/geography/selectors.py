"""Read-side queries of the place registry."""

import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from odop.accounts.models import Role, User
from odop.core.spreadsheets import SafeDictWriter
from odop.core.tabular import Table
from odop.geography.models import District, DistrictAlias, State
from odop.geography.permissions import districts_visible_to
from odop.geography.resolver import (
    DistrictEntry,
    DistrictIndex,
    Failure,
    MatchKind,
    Resolution,
    StateEntry,
)
from odop.geography.services import state_aliases


def district_index_load(*, exclude_sources: Iterable[str] = ()) -> DistrictIndex:
    """Load every State and district with their known spellings into a resolver index.

    `exclude_sources` leaves out spellings learned from some source: an import of the national
    list must not be helped by what an earlier import of the same list taught, or a second run
    would report differently from the first. Three queries whatever the size of the registry.
    """
    state_extra = state_aliases()
    states = [
        StateEntry(
            code=state.lgd_code,
            name=state.name_lgd or state.name,
            aliases=(state.name, *state_extra.get(state.lgd_code, ())),
        )
        for state in State.objects.all()
    ]
    spellings: dict[int, list[str]] = {}
    aliases = DistrictAlias.objects.exclude(source__in=list(exclude_sources))
    for district_id, name in aliases.values_list("district_id", "name"):
        spellings.setdefault(district_id, []).append(name)
    districts = [
        DistrictEntry(
            code=district.lgd_code,
            state_code=state_code,
            name=district.name_lgd or district.name,
            aliases=tuple(spellings.get(district.pk, ())),
            provisional=district.is_provisional,
        )
        for district, state_code in (
            (district, district.state.lgd_code)
            for district in District.objects.select_related("state")
        )
    ]
    return DistrictIndex(states=states, districts=districts)


@dataclass(frozen=True)
class ResolvedTable:
    """An officer's table with the resolver's answer added to every row."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    counts: dict[str, int]


RESOLVER_COLUMNS = ("lgd_code", "match", "match_note")


def district_table_resolve(
    *, table: Table, state_column: str, district_column: str, index: DistrictIndex | None = None
) -> ResolvedTable:
    """Resolve every row of a table (State and district as the officer's file spells them).

    Adds `lgd_code` (empty when unresolved), `match` (code/exact/alias/fuzzy, or why not:
    ambiguous, no_candidate, unknown_state, empty_name) and `match_note` (the LGD name found, or
    the candidates). Reads only; writes nothing.
    """
    table.require_columns([state_column, district_column])
    index = index or district_index_load()
    rows = []
    counts: dict[str, int] = {}
    for row in table.rows:
        codes = index.state_codes(row.get(state_column, ""))
        if len(codes) == 1:
            answer = index.resolve(state_code=next(iter(codes)), name=row.get(district_column, ""))
        else:
            answer = Resolution(None, MatchKind.UNRESOLVED, failure=Failure.UNKNOWN_STATE)
        if answer.code is not None:
            entry = index.district(answer.code)
            match, note = str(answer.match), entry.name if entry else ""
        else:
            match = str(answer.failure or Failure.NO_CANDIDATE)
            names = [entry.name for entry in map(index.district, answer.candidates) if entry]
            note = (
                "; ".join(names)
                if names
                else (
                    "State not recognised"
                    if answer.failure == Failure.UNKNOWN_STATE and not codes
                    else "Several States named"
                    if answer.failure == Failure.UNKNOWN_STATE
                    else answer.detail
                )
            )
        counts[match] = counts.get(match, 0) + 1
        rows.append(
            {
                **row,
                "lgd_code": "" if answer.code is None else str(answer.code),
                "match": match,
                "match_note": note,
            }
        )
    columns = tuple(column for column in table.columns if column) + tuple(
        column for column in RESOLVER_COLUMNS if column not in table.columns
    )
    return ResolvedTable(columns=columns, rows=tuple(rows), counts=counts)


def resolved_table_csv(resolved: ResolvedTable) -> str:
    """The resolved table as CSV text (UTF-8 when encoded by the caller).

    The rows are the uploader's own cells handed back, so no cell (nor column name) may reach
    a spreadsheet as a formula: `SafeDictWriter` quotes them (issue 10, CSV injection).
    """
    buffer = io.StringIO()
    writer = SafeDictWriter(
        buffer, fieldnames=list(resolved.columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(resolved.rows)
    return buffer.getvalue()


def districts_of_officer(user: User) -> QuerySet[District]:
    """The districts an officer covers, for the district choice of officers' forms (the
    services check the chosen one again): all for a national admin, the State's for a State
    officer, their own for a district officer, none for other roles."""
    districts = District.objects.select_related("state").order_by("state__name", "name")
    if user.is_national_admin:
        return districts
    if user.role == Role.STATE_OFFICER and user.state_id is not None:
        return districts.filter(state_id=user.state_id)
    if user.role == Role.DISTRICT_OFFICER and user.district_id is not None:
        return districts.filter(pk=user.district_id)
    return districts.none()


def district_spellings(*, district: District) -> list[str]:
    """Other known spellings of a district ("Balasore" for BALESHWAR): its aliases without its
    own name and LGD name, one per spelling whatever the case, sorted. One query."""
    own = {district.name.casefold(), district.name_lgd.casefold()}
    spellings: dict[str, str] = {}
    for name in district.aliases.order_by("name").values_list("name", flat=True):
        key = name.strip().casefold()
        if key and key not in own:
            spellings.setdefault(key, name.strip())
    return sorted(spellings.values(), key=str.casefold)


def district_search(*, user: User | AnonymousUser, query: str) -> QuerySet[District]:
    """Districts `user` may see whose name, LGD name or a known spelling contains `query`.

    Each row carries `matched_alias`: a spelling other than its name that matched (or None).
    Exact matches come first, then names starting with `query`, then the rest, by name.
    An empty query matches nothing.
    """
    if not query:
        return District.objects.none()
    aliases = DistrictAlias.objects.filter(district=OuterRef("pk"))
    matching = aliases.filter(name__icontains=query)
    exact = (
        Q(name__iexact=query)
        | Q(name_lgd__iexact=query)
        | Exists(aliases.filter(name__iexact=query))
    )
    prefix = (
        Q(name__istartswith=query)
        | Q(name_lgd__istartswith=query)
        | Exists(aliases.filter(name__istartswith=query))
    )
    return (
        districts_visible_to(user)
        .filter(Q(name__icontains=query) | Q(name_lgd__icontains=query) | Exists(matching))
        .annotate(
            matched_alias=Subquery(
                matching.exclude(name__iexact=OuterRef("name")).order_by("name").values("name")[:1]
            ),
            rank=Case(
                When(exact, then=Value(0)),
                When(prefix, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .order_by("rank", "name", "state__name", "pk")
    )
