"""Read-side queries of the place registry."""

from collections.abc import Iterable

from odop.geography.models import District, DistrictAlias, State
from odop.geography.resolver import DistrictEntry, DistrictIndex, StateEntry
from odop.geography.services import state_aliases


def district_index_load(*, exclude_sources: Iterable[str] = ()) -> DistrictIndex:
    """Load every State and district with their known spellings into a resolver index.

    `exclude_sources` leaves out spellings learned from some source: an import of the national
    list must not be helped by what an earlier import of the same list taught, or a second run
    would report differently from the first. Three queries whatever the size of the registry.
    """
    state_extra = state_aliases()
    states = [
        StateEntry(code=state.lgd_code, name=state.name_lgd or state.name,
                   aliases=(state.name, *state_extra.get(state.lgd_code, ())))
        for state in State.objects.all()
    ]
    spellings: dict[int, list[str]] = {}
    aliases = DistrictAlias.objects.exclude(source__in=list(exclude_sources))
    for district_id, name in aliases.values_list("district_id", "name"):
        spellings.setdefault(district_id, []).append(name)
    districts = [
        DistrictEntry(code=district.lgd_code, state_code=state_code,
                      name=district.name_lgd or district.name,
                      aliases=tuple(spellings.get(district.pk, ())),
                      provisional=district.is_provisional)
        for district, state_code in (
            (district, district.state.lgd_code)
            for district in District.objects.select_related("state")
        )
    ]
    return DistrictIndex(states=states, districts=districts)
