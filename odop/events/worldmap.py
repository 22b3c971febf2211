"""The world map of Missions' activity (issue 16): pure geometry and SVG, no ORM.

Countries come from Natural Earth's 1:110m world file (keyed here by ISO 3166-1 alpha-2 code);
Natural Earth draws its boundaries in the UN's view, not India's, so its India shape is dropped
and India is drawn instead from the Indian States file (all States as one shape, on top, so
the whole of Jammu and Kashmir and Ladakh is shown as India). The projection is plain
equirectangular, cropped to latitudes 60° S to 84° N (no Antarctica): no tile server and no
script. Shapes are projected once per file version; colours and names are applied per request.
Callers give the counts and the (translated) labels.
"""

import functools
import html
import itertools
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from bharat_choropleth import Feature, decode_topology
from bharat_choropleth.topojson import TopoJSONError

WORLD_FILE: Final = Path("boundaries") / "world_countries_110m_naturalearth.topo.json"
INDIA_FILE: Final = Path("boundaries") / "india_states_datta07_simplified.topo.json"
INDIA: Final = "IN"

# Natural Earth leaves isoA2 out (or non-standard) for three countries; their ISO numeric id
# (the shape's id) or their code there says which they are.
_CODES_BY_NUMERIC: Final[Mapping[str, str]] = {"250": "FR", "578": "NO"}
_CODES_FIXED: Final[Mapping[str, str]] = {"CN-TW": "TW"}
_SKIPPED: Final = frozenset({"AQ"})  # Antarctica: outside the cropped map

WIDTH: Final = 720
LAT_TOP: Final = 84.0
LAT_BOTTOM: Final = -60.0
HEIGHT: Final = round(WIDTH * (LAT_TOP - LAT_BOTTOM) / 360)

# Seven blues from light to dark, and the colour of a country without activity.
COLORS: Final = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c")
EMPTY_COLOR: Final = "#e7e7e7"
STROKE: Final = "#ffffff"

MapError = (OSError, TopoJSONError, ValueError, KeyError, TypeError, IndexError)
"""What loading a boundaries file can raise: callers show "map unavailable" for these."""


@dataclass(frozen=True, slots=True)
class CountryShape:
    """One country's outline as an SVG path in the map's coordinates."""

    code: str
    d: str


@dataclass(frozen=True, slots=True)
class WorldMap:
    svg: str
    legend: tuple[tuple[str, int, int], ...]  # (colour, least count, most count)


def feature_country_code(feature: Feature) -> str | None:
    """The ISO alpha-2 code a Natural Earth shape stands for, None if it has none."""
    raw = str(feature.properties.get("isoA2") or "")
    code = _CODES_FIXED.get(raw, raw)
    if len(code) == 2 and code.isalpha() and code.isupper():
        return code
    return _CODES_BY_NUMERIC.get(str(feature.id))


def _project(lon: float, lat: float) -> tuple[int, int]:
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM) * HEIGHT
    return round(x), round(y)


def _unwrapped(ring: Sequence[tuple[float, float]]) -> Sequence[tuple[float, float]]:
    """A ring that crosses the 180° meridian (eastern Russia, Fiji) kept in one piece: its
    western longitudes are moved past 180°, so that part falls just off the map's right edge
    instead of a line being drawn across the whole world."""
    crosses = any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(ring))
    if not crosses:
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def rings_path(features: Sequence[Feature]) -> str:
    """Every ring of `features` as one compact path: whole-unit coordinates, repeated points
    dropped, rings smaller than a unit left out."""
    parts: list[str] = []
    for feature in features:
        for ring in feature.rings:
            points: list[tuple[int, int]] = []
            for lon, lat in _unwrapped(ring):
                point = _project(lon, lat)
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) > 1 and points[-1] == points[0]:
                points.pop()
            if len(points) < 3:
                continue
            head, *tail = points
            parts.append(f"M{head[0]} {head[1]}L" + " ".join(f"{x} {y}" for x, y in tail) + "Z")
    return "".join(parts)


def shapes_build(world: Mapping[str, Any], india: Mapping[str, Any]) -> tuple[CountryShape, ...]:
    """The countries' shapes from the two TopoJSON documents, India from the Indian file."""
    by_code: dict[str, list[Feature]] = {}
    for feature in decode_topology(
        world, object_name="countries", id_property="id", name_property="name"
    ):
        code = feature_country_code(feature)
        if code is None or code in _SKIPPED or code == INDIA:
            continue
        by_code.setdefault(code, []).append(feature)
    shapes = [CountryShape(code, rings_path(features)) for code, features in by_code.items()]
    india_states = decode_topology(india, object_name="states")
    shapes.append(CountryShape(INDIA, rings_path(india_states)))  # last: drawn on top
    return tuple(shape for shape in shapes if shape.d)


def _load(path: Path) -> Mapping[str, Any]:
    with path.open(encoding="utf-8") as handle:
        document = json.load(handle)
    if not isinstance(document, dict):
        raise TopoJSONError("TopoJSON document must be a JSON object")
    return document


@functools.lru_cache(maxsize=2)
def _shapes_cached(world: str, india: str, versions: tuple[int, int]) -> tuple[CountryShape, ...]:
    return shapes_build(_load(Path(world)), _load(Path(india)))


def shapes_load(data_dir: Path) -> tuple[CountryShape, ...]:
    """The shapes from the data directory's files, built once per file version.

    Raises one of `MapError` when a file is missing or not a usable topology.
    """
    world, india = data_dir / WORLD_FILE, data_dir / INDIA_FILE
    versions = (world.stat().st_mtime_ns, india.stat().st_mtime_ns)
    return _shapes_cached(str(world), str(india), versions)


def color_for(count: int, most: int) -> str:
    """The empty colour for no activity, else one of COLORS by share of the busiest country."""
    if count <= 0 or most <= 0:
        return EMPTY_COLOR
    step = -(-count * len(COLORS) // most) - 1  # ceiling: 1..most maps onto 0..len-1
    return COLORS[min(max(step, 0), len(COLORS) - 1)]


def legend(most: int) -> tuple[tuple[str, int, int], ...]:
    """The count range each colour stands for, as `color_for` assigns them."""
    steps: list[tuple[str, int, int]] = []
    for count in range(1, most + 1):
        color = color_for(count, most)
        if steps and steps[-1][0] == color:
            steps[-1] = (color, steps[-1][1], count)
        else:
            steps.append((color, count, count))
    return tuple(steps)


def world_map_render(
    shapes: Sequence[CountryShape],
    counts: Mapping[str, int],
    *,
    title: str,
    label: Callable[[str, int], str],
) -> WorldMap:
    """An inline SVG: every country shaded by its count, each with an accessible name
    `label(code, count)` (translated by the caller) and `data-country` = its ISO code."""
    most = max(counts.values(), default=0)
    paths = []
    for shape in shapes:
        count = counts.get(shape.code, 0)
        name = html.escape(label(shape.code, count))
        stroke = "none" if shape.code == INDIA else STROKE
        paths.append(
            f'<path data-country="{shape.code}" d="{shape.d}" '
            f'fill="{color_for(count, most)}" stroke="{stroke}" stroke-width="0.5" '
            f'role="img" aria-label="{name}"><title>{name}</title></path>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="group" aria-label="{html.escape(title)}" class="world-map" '
        f'fill-rule="evenodd">' + "".join(paths) + "</svg>"
    )
    return WorldMap(svg=svg, legend=legend(most))
