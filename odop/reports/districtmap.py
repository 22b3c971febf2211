"""The district choropleth: pure geometry, joining and SVG, no ORM and no Django.

The 2019 district boundaries (734 shapes, github guneetnarula/indian-district-boundaries) are
decoded once per file version with their arcs simplified (Douglas–Peucker on the decoded
longitude/latitude, shared borders simplified once so neighbours keep touching), joined to LGD
districts, and drawn as one `<path data-lgd="…">` per district with a `<title>` naming it and
its value. The join, in this order:

1. a reviewed exception (data/district_shape_exceptions.csv: the shape, the LGD code or none,
   and why);
2. the Census 2011 district code, for the shapes the file marks as 2011 districts (`year`
   "2011_c"; the file's codes for later districts are inconsistent, see the data README);
3. the district's name within its State, through the platform's district resolver (callers
   hand in a `resolve(state name, district name) -> LGD code | None`).

Districts created after 2019 have no shape: they are counted and named by the caller, never
dropped from the figures.
"""

import csv
import functools
import html
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from bharat_choropleth import DEFAULT_COLORS, EMPTY_COLOR, ColorScale, decode_topology
from bharat_choropleth.topojson import TopoJSONError

from odop.catalogue.maps import LegendStep, legend_steps, path_compact, topology_simplify

DISTRICTS_OBJECT: Final = "india-districts-2019-734"
BOUNDARIES_FILE: Final = Path("boundaries") / "india_districts_2019_734_guneetnarula.topo.json"
EXCEPTIONS_FILE: Final = Path(__file__).parent / "data" / "district_shape_exceptions.csv"
CENSUS_2011_YEAR: Final = "2011_c"
SHAPE_KEY: Final = "_shape"

# A national map 360 px wide spans about 12 px per degree: 0.04° is half a pixel there (paths
# about 115 KB, against 710 KB at 0.01° with one decimal). A State map is zoomed in (Bihar:
# about 55 px per degree), so it keeps ten times the detail.
NATIONAL_TOLERANCE: Final = 0.04
STATE_TOLERANCE: Final = 0.004
DEFAULT_WIDTH: Final = 360

MapError = (OSError, TopoJSONError, ValueError, KeyError, TypeError, IndexError)
"""What loading a boundaries file can raise: callers show "map unavailable" for these."""

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class DistrictShape:
    """One shape of the boundaries file: where it is, what it says it is, its rings."""

    key: int
    name: str
    state_name: str
    census_code: str
    year: str
    rings: tuple[tuple[Point, ...], ...]


@dataclass(frozen=True, slots=True)
class ShapeException:
    """A reviewed join: shape (State, name as in the file) → LGD code (None: no district)."""

    state_name: str
    shape_name: str
    lgd_code: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class MapDistrict:
    """A district to draw: its LGD code, name and value (None: no data)."""

    lgd_code: int
    name: str
    value: float | None
    census_code: str = ""


@dataclass(frozen=True, slots=True)
class DistrictMap:
    """A rendered map: the SVG, its legend, the districts drawn and those with no shape."""

    svg: str
    legend: tuple[LegendStep, ...]
    drawn: tuple[int, ...]
    without_shape: tuple[int, ...]


# --- Loading ------------------------------------------------------------------------------


def shapes_decode(topology: Mapping[str, Any], *, tolerance: float) -> tuple[DistrictShape, ...]:
    """Every district shape of the topology, arcs simplified at `tolerance` degrees."""
    objects = topology["objects"]
    geometries = objects[DISTRICTS_OBJECT]["geometries"]
    keyed = {key: value for key, value in topology.items() if key != "objects"}
    keyed["objects"] = {
        DISTRICTS_OBJECT: {
            "type": "GeometryCollection",
            "geometries": [
                {**geometry, "properties": {**geometry.get("properties", {}), SHAPE_KEY: index}}
                for index, geometry in enumerate(geometries)
            ],
        }
    }
    simplified = topology_simplify(keyed, tolerance=tolerance) if tolerance > 0 else keyed
    features = decode_topology(
        simplified, object_name=DISTRICTS_OBJECT, id_property=SHAPE_KEY, name_property="district"
    )
    return tuple(
        DistrictShape(
            key=int(feature.id),
            name=str(feature.properties.get("district", "")),
            state_name=str(feature.properties.get("st_nm", "")),
            census_code=str(feature.properties.get("dt_code", "")),
            year=str(feature.properties.get("year", "")),
            rings=tuple(tuple((float(x), float(y)) for x, y in ring) for ring in feature.rings),
        )
        for feature in features
    )


@functools.lru_cache(maxsize=4)
def _shapes_cached(path: str, modified_ns: int, tolerance: float) -> tuple[DistrictShape, ...]:
    with open(path, encoding="utf-8") as handle:
        topology = json.load(handle)
    if not isinstance(topology, dict):
        raise TopoJSONError("TopoJSON document must be a JSON object")
    return shapes_decode(topology, tolerance=tolerance)


def shapes_load(path: Path, *, tolerance: float) -> tuple[DistrictShape, ...]:
    """The simplified district shapes of a TopoJSON file, decoded once per file version."""
    return _shapes_cached(str(path), path.stat().st_mtime_ns, tolerance)


def exceptions_read(path: Path = EXCEPTIONS_FILE) -> tuple[ShapeException, ...]:
    """The reviewed joins. Every row must give a reason; an empty code means "no district"."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    exceptions = []
    for row in rows:
        if not row["reason"].strip():
            raise ValueError(
                f"{path.name}: the exception for {row['shape_district']} has no reason"
            )
        code = row["lgd_code"].strip()
        exceptions.append(
            ShapeException(
                state_name=row["state"].strip(),
                shape_name=row["shape_district"].strip(),
                lgd_code=int(code) if code else None,
                reason=row["reason"].strip(),
            )
        )
    return tuple(exceptions)


# --- Joining ------------------------------------------------------------------------------


def census_code_key(value: str) -> str:
    """A Census code without leading zeros ("066" and "66" are one district); "" for 0."""
    stripped = value.strip().lstrip("0")
    return stripped if stripped.isdigit() else ""


def shapes_join(
    shapes: Iterable[DistrictShape],
    *,
    lgd_by_census: Mapping[str, tuple[int, int]],
    state_of: Callable[[str], int | None],
    resolve: Callable[[int, str], int | None],
    exceptions: Iterable[ShapeException] = (),
) -> dict[int, int | None]:
    """The LGD district code of every shape (by shape key; None: joined to no district).

    `lgd_by_census` maps a Census 2011 code (`census_code_key`) to (LGD district, LGD State);
    a code is trusted only when its district lies in the State the shape names (the file's
    Mizoram shapes carry Nagaland's codes), otherwise the name decides. `state_of` gives the
    LGD State of a State name, `resolve` the LGD district of a name within an LGD State.
    """
    reviewed = {(item.state_name, item.shape_name): item for item in exceptions}
    joined: dict[int, int | None] = {}
    for shape in shapes:
        exception = reviewed.get((shape.state_name, shape.name))
        if exception is not None:
            joined[shape.key] = exception.lgd_code
            continue
        state_code = state_of(shape.state_name)
        if state_code is None:
            joined[shape.key] = None
            continue
        by_code = None
        if shape.year == CENSUS_2011_YEAR:
            by_code = lgd_by_census.get(census_code_key(shape.census_code))
        if by_code is not None and by_code[1] == state_code:
            joined[shape.key] = by_code[0]
        else:
            joined[shape.key] = resolve(state_code, shape.name)
    return joined


# --- Drawing ------------------------------------------------------------------------------


def _bounds(shapes: Sequence[DistrictShape]) -> tuple[float, float, float, float]:
    xs = [x for shape in shapes for ring in shape.rings for x, _y in ring]
    ys = [y for shape in shapes for ring in shape.rings for _x, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _projector(
    shapes: Sequence[DistrictShape], width: int, padding: int
) -> tuple[Callable[[Point], Point], int]:
    """An equirectangular projection scaled by the cosine of the middle latitude (what a reader
    expects of India at this size), fitted to `width`; returns it and the map's height."""
    west, south, east, north = _bounds(shapes)
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * squeeze, 1e-9)
    scale = (width - 2 * padding) / span_x
    height = math.ceil((north - south) * scale + 2 * padding)

    def project(point: Point) -> Point:
        return (
            padding + (point[0] - west) * squeeze * scale,
            padding + (north - point[1]) * scale,
        )

    return project, height


def _path_of(rings: Iterable[Sequence[Point]], project: Callable[[Point], Point]) -> str:
    """The rings as a compact path in whole pixels; a district smaller than that (Mahe,
    Chandigarh on a national map) keeps one or two decimals so it is still drawn."""
    raw = "".join(
        "M" + "L".join(f"{x:.2f} {y:.2f}" for x, y in map(project, ring)) + "Z"
        for ring in rings
        if len(ring) >= 3
    )
    for decimals in (0, 1, 2):
        if compact := path_compact(raw, decimals=decimals):
            return compact
    return raw


def district_map_render(
    shapes: Sequence[DistrictShape],
    joined: Mapping[int, int | None],
    districts: Sequence[MapDistrict],
    *,
    title: str,
    no_data_label: str,
    no_shape_note: str,
    format_value: Callable[[float], str],
    colors: Sequence[str] = DEFAULT_COLORS,
    width: int = DEFAULT_WIDTH,
) -> DistrictMap:
    """An SVG choropleth of `districts` (a whole country or one State).

    Only shapes joined to one of `districts` are drawn (a State map shows that State); a
    district joined to several shapes (a shape the file split further) gets one path holding
    all its rings. Colours run from 0 to the largest value. `no_shape_note` is the sentence
    (already translated, count included) said on the map about the districts with no shape.
    """
    by_code = {district.lgd_code: district for district in districts}
    rings_by_code: dict[int, list[tuple[Point, ...]]] = {}
    for shape in shapes:
        code = joined.get(shape.key)
        if code is not None and code in by_code:
            rings_by_code.setdefault(code, []).extend(shape.rings)
    drawn = tuple(district.lgd_code for district in districts if district.lgd_code in rings_by_code)
    without_shape = tuple(
        district.lgd_code for district in districts if district.lgd_code not in rings_by_code
    )
    values = [district.value for district in districts if district.value is not None]
    maximum = float(max(values, default=0.0)) or 1.0
    scale = ColorScale(colors=tuple(colors), empty=EMPTY_COLOR)
    legend = legend_steps(minimum=0.0, maximum=maximum, colors=colors)
    padding = 4
    drawn_shapes = [
        DistrictShape(code, "", "", "", "", tuple(rings)) for code, rings in rings_by_code.items()
    ]
    legend_height = 16 * (len(legend) + 2) + 8
    parts: list[str] = []
    if drawn_shapes:
        project, map_height = _projector(drawn_shapes, width, padding)
    else:
        project, map_height = (lambda point: point), 2 * padding
    height = map_height + legend_height
    parts.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="district-map-title">'
        f'<title id="district-map-title">{html.escape(title)}</title>'
        f'<g stroke="#ffffff" stroke-width="0.3" fill-rule="evenodd">'
    )
    for code in drawn:
        district = by_code[code]
        value = district.value
        label = f"{district.name}, {format_value(value) if value is not None else no_data_label}"
        parts.append(
            f'<path data-lgd="{code}" d="{_path_of(rings_by_code[code], project)}" '
            f'fill="{scale.color_for(value, 0.0, maximum)}"><title>{html.escape(label)}</title>'
            "</path>"
        )
    parts.append("</g>")
    y = map_height + 12
    for step in legend:
        parts.append(
            f'<rect x="{padding}" y="{y - 10}" width="12" height="12" fill="{step.color}"/>'
            f'<text x="{padding + 18}" y="{y}" font-size="11" fill="#1f2937">'
            f"{html.escape(format_value(step.low))} – {html.escape(format_value(step.high))}"
            "</text>"
        )
        y += 16
    parts.append(
        f'<rect x="{padding}" y="{y - 10}" width="12" height="12" fill="{EMPTY_COLOR}"/>'
        f'<text x="{padding + 18}" y="{y}" font-size="11" fill="#1f2937">'
        f"{html.escape(no_data_label)}</text>"
    )
    y += 16
    parts.append(
        f'<text x="{padding}" y="{y}" font-size="11" fill="#1f2937" data-no-shape='
        f'"{len(without_shape)}">{html.escape(no_shape_note)}</text></svg>'
    )
    return DistrictMap(svg="".join(parts), legend=legend, drawn=drawn, without_shape=without_shape)
