"""What the GI matcher needs from the database (the registry by State, every name of every
district and State, the glossary's synonyms), for the import and the officers' GI queue."""

from collections import defaultdict
from dataclasses import dataclass

from odop.geography.models import District, State
from odop.geography.services import (
    state_aliases,
)
from odop.registry.gi_match import (
    GIRecord,
    GIRegistration,
    ProductFacts,
    gi_canonical_ids,
    gi_synonyms,
)
from odop.registry.models import (
    GIEntry,
)
from odop.registry.search import glossary_load
from odop.registry.vocabularies import (
    gi_english_synonyms,
    gi_places,
    state_region_names,
)


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
