"""The district maps: boundaries from the data directory, figures from the selectors, the SVG
from the pure `districtmap`, kept in the cache per data version and language.

The join of shapes to LGD districts is computed once per boundaries file and version of the
place registry (it does not depend on the figures); the SVG once per version of the data it
shows. Both are cheap to recompute after a restart (about a second for the join).
"""

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from django.conf import settings
from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from odop.core.page_cache import REPORT_SCOPES, data_version
from odop.geography.models import District, State
from odop.geography.selectors import district_index_load
from odop.reports import districtmap
from odop.reports.selectors import district_indicator_values, districts_for_map

logger = logging.getLogger(__name__)

MAP_CACHE_SECONDS: Final = 24 * 3600


@dataclass(frozen=True, slots=True)
class MapPage:
    """A drawn map and what the page lists beside it."""

    svg: str
    drawn: int
    without_shape: tuple[tuple[int, str, str], ...]  # LGD code, district, State
    indicator: str
    state: State | None


def indicator_label(indicator: str) -> str:
    """The indicator's name, translated."""
    return {
        "products": _("District products"),
        "gi": _("GI-tagged district products"),
        "producers": _("Verified producers"),
        "jobs": _("Jobs (latest period with returns)"),
        "sales": _("Sales in rupees (latest period with returns)"),
        "applications": _("Scheme applications"),
    }[indicator]


def boundaries_path() -> Path:
    """The district boundaries file in the data directory (ODOP_DATA_DIR)."""
    return Path(settings.ODOP_DATA_DIR) / districtmap.BOUNDARIES_FILE


@functools.lru_cache(maxsize=4)
def _joined(path: str, modified_ns: int, places_version: str) -> dict[int, int | None]:
    shapes = districtmap.shapes_load(Path(path), tolerance=districtmap.NATIONAL_TOLERANCE)
    index = district_index_load()
    by_census = {
        key: (lgd_code, state_code)
        for lgd_code, census, state_code in District.objects.values_list(
            "lgd_code", "census_2011_code", "state__lgd_code"
        )
        if (key := districtmap.census_code_key(census))
    }

    def state_of(name: str) -> int | None:
        codes = index.state_codes(name)
        return next(iter(codes)) if len(codes) == 1 else None

    return districtmap.shapes_join(
        shapes,
        lgd_by_census=by_census,
        state_of=state_of,
        resolve=lambda state_code, name: index.resolve(state_code=state_code, name=name).code,
        exceptions=districtmap.exceptions_read(),
    )


def shapes_joined() -> dict[int, int | None]:
    """Shape key → LGD district code for the current boundaries file and place registry.
    Shape keys are the same at every tolerance (the geometry's position in the file)."""
    path = boundaries_path()
    return _joined(str(path), path.stat().st_mtime_ns, data_version(("geography",)))


def district_map(*, indicator: str, state: State | None) -> MapPage:
    """The map of `indicator` nationally or for one State, from the cache when current.
    Raises one of `districtmap.MapError` when the boundaries file is missing or unusable."""
    language = get_language() or settings.LANGUAGE_CODE
    key = ":".join(
        (
            "odop:reports:map",
            data_version(REPORT_SCOPES),
            language,
            str(state.lgd_code if state else 0),
            indicator,
        )
    )
    page = cache.get(key)
    if isinstance(page, MapPage):
        return page
    page = _district_map_draw(indicator=indicator, state=state)
    cache.set(key, page, MAP_CACHE_SECONDS)
    return page


def _count(value: float) -> str:
    return number_format(int(value), force_grouping=True)


def _district_map_draw(*, indicator: str, state: State | None) -> MapPage:
    path = boundaries_path()
    tolerance = districtmap.STATE_TOLERANCE if state else districtmap.NATIONAL_TOLERANCE
    shapes = districtmap.shapes_load(path, tolerance=tolerance)
    values = district_indicator_values(indicator=indicator, state=state)
    districts = districts_for_map(state=state)
    drawn_districts = [
        districtmap.MapDistrict(
            lgd_code=district.lgd_code,
            name=district.name,
            value=float(values.get(district.lgd_code, 0)),
        )
        for district in districts
    ]
    joined = shapes_joined()
    shaped = {code for code in joined.values() if code is not None}
    missing = sum(district.lgd_code not in shaped for district in districts)
    place = state.name if state else _("India")
    rendered = districtmap.district_map_render(
        shapes,
        joined,
        drawn_districts,
        title=_("%(indicator)s by district, %(place)s")
        % {"indicator": indicator_label(indicator), "place": place},
        no_data_label=_("no data"),
        no_shape_note=ngettext(
            "%(count)s district has no shape (created after 2019)",
            "%(count)s districts have no shape (created after 2019)",
            missing,
        )
        % {"count": _count(missing)},
        format_value=_count,
    )
    by_code = {district.lgd_code: district for district in districts}
    return MapPage(
        svg=rendered.svg,
        drawn=len(rendered.drawn),
        without_shape=tuple(
            (code, by_code[code].name, by_code[code].state.name) for code in rendered.without_shape
        ),
        indicator=indicator,
        state=state,
    )
