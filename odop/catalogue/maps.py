"""The State map of the catalogue: pure geometry and SVG, no ORM and no Django.

The boundaries file is decoded once per file version, simplified for a phone-sized inline SVG
(the whole home page must stay under 150 KB), coloured by one value per LGD State code on a
fixed scale, and every shape is linked to a URL the caller chooses. Callers load the figures
and the labels (translated) and hand them in; nothing here reads the database.
"""

import functools
import html
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from bharat_choropleth import (
    DEFAULT_COLORS,
    EMPTY_COLOR,
    ColorScale,
    Feature,
    decode_topology,
    render_svg,
)
from bharat_choropleth.topojson import TopoJSONError

STATES_OBJECT: Final = "states"
STATE_CODE_PROPERTY: Final = "State_LGD"
STATE_NAME_PROPERTY: Final = "STNAME_SH"

# The boundaries predate the 2020 merger of the two UTs: Daman & Diu (25) and Dadra & Nagar
# Haveli (26) are still two shapes, but the LGD knows one UT, code 38. Both shapes show it.
SHAPE_STATE_CODES: Final[Mapping[int, int]] = {25: 38, 26: 38}

# A 360 × 400 map spans about 13 pixels per degree: 0.04° is half a pixel, so simplifying at
# this tolerance changes nothing a reader can see and drops about nine points in ten.
DEFAULT_TOLERANCE: Final = 0.04
DEFAULT_WIDTH: Final = 360
DEFAULT_HEIGHT: Final = 400

MapError = (OSError, TopoJSONError, ValueError, KeyError, TypeError, IndexError)
"""What loading a boundaries file can raise: callers show "map unavailable" for these."""

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class LegendStep:
    """One colour of the map and the range of values it stands for."""

    color: str
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class StateMap:
    """A rendered map: the inline SVG, its legend, and the States that have no shape on it."""

    svg: str
    legend: tuple[LegendStep, ...]
    states_without_shape: tuple[int, ...]


# --- Geometry -----------------------------------------------------------------------------


def _distance_to_segment(point: Point, start: Point, end: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    along = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + along * dx), y - (y1 + along * dy))


def line_simplify(points: Sequence[Point], *, tolerance: float) -> list[Point]:
    """Douglas–Peucker: keep the first and last point and every point that strays more than
    `tolerance` from the simplified line. A closed line (first = last) is split at its farthest
    point first, and always keeps at least a triangle, so small islands do not vanish."""
    if len(points) < 3:
        return list(points)
    if points[0] == points[-1]:
        farthest = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        if farthest in (0, len(points) - 1):
            return [points[0], points[-1]]
        head = _douglas_peucker(points[: farthest + 1], tolerance)
        tail = _douglas_peucker(points[farthest:], tolerance)
        if len(head) + len(tail) - 1 < 4 and farthest > 1:
            # Keep the point farthest from the chord so the ring keeps an area.
            apex = max(
                range(1, farthest),
                key=lambda i: _distance_to_segment(points[i], points[0], points[farthest]),
            )
            head = [points[0], points[apex], points[farthest]]
        return head + tail[1:]
    return _douglas_peucker(points, tolerance)


def _douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        index, distance = max(
            (
                (i, _distance_to_segment(points[i], points[first], points[last]))
                for i in range(first + 1, last)
            ),
            key=lambda item: item[1],
        )
        if distance > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def topology_simplify(topology: Mapping[str, Any], *, tolerance: float) -> dict[str, Any]:
    """The same topology with every arc simplified, in plain longitude/latitude.

    Arcs, not rings, are simplified: a border shared by two States is one arc, so both sides
    stay identical and no gaps open between neighbours. The result has no `transform`.
    """
    transform = topology.get("transform")
    scale = tuple(transform["scale"]) if transform else (1.0, 1.0)
    translate = tuple(transform["translate"]) if transform else (0.0, 0.0)
    arcs = []
    for raw_arc in topology.get("arcs", ()):
        points: list[Point] = []
        x = y = 0.0
        for position in raw_arc:
            if transform:
                x, y = x + position[0], y + position[1]
                points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append([list(point) for point in line_simplify(points, tolerance=tolerance)])
    simplified = {key: value for key, value in topology.items() if key != "transform"}
    simplified["arcs"] = arcs
    return simplified


def state_features_decode(
    topology: Mapping[str, Any], *, tolerance: float = DEFAULT_TOLERANCE
) -> tuple[Feature, ...]:
    """The State shapes of a TopoJSON document, simplified; ids are LGD State codes."""
    return decode_topology(
        topology_simplify(topology, tolerance=tolerance) if tolerance > 0 else topology,
        object_name=STATES_OBJECT,
        id_property=STATE_CODE_PROPERTY,
        name_property=STATE_NAME_PROPERTY,
    )


@functools.lru_cache(maxsize=4)
def _state_features_cached(path: str, modified_ns: int, tolerance: float) -> tuple[Feature, ...]:
    with open(path, encoding="utf-8") as handle:
        topology = json.load(handle)
    if not isinstance(topology, dict):
        raise TopoJSONError("TopoJSON document must be a JSON object")
    return state_features_decode(topology, tolerance=tolerance)


def state_features_load(path: Path, *, tolerance: float = DEFAULT_TOLERANCE) -> tuple[Feature, ...]:
    """The simplified State shapes of a TopoJSON file, decoded once per file version.

    The cache key includes the file's modification time, so a replaced file is read again.
    Raises one of `MapError` when the file is missing or not a usable topology.
    """
    return _state_features_cached(str(path), path.stat().st_mtime_ns, tolerance)


# --- Values -------------------------------------------------------------------------------


def feature_state_code(feature: Feature) -> int | None:
    """The LGD State code a shape stands for (the merged UT for its two old shapes)."""
    try:
        code = int(feature.id)
    except ValueError:
        return None
    return SHAPE_STATE_CODES.get(code, code)


def feature_values(
    features: Iterable[Feature], values_by_state: Mapping[int, float | None]
) -> dict[str, float | None]:
    """A value for every shape, keyed by shape id as the renderer expects (None: no data).

    Every shape gets a key, so the renderer never falls back to guessing by name.
    """
    values: dict[str, float | None] = {}
    for feature in features:
        code = feature_state_code(feature)
        values[feature.id] = values_by_state.get(code) if code is not None else None
    return values


def states_without_shape(
    features: Iterable[Feature], state_codes: Iterable[int]
) -> tuple[int, ...]:
    """The State codes (in the order given) that no shape of the map stands for."""
    shown = {feature_state_code(feature) for feature in features}
    return tuple(code for code in state_codes if code not in shown)


def legend_steps(
    *, minimum: float, maximum: float, colors: Sequence[str] = DEFAULT_COLORS
) -> tuple[LegendStep, ...]:
    """The value range each colour stands for, matching `ColorScale.color_for` (which picks
    the nearest of the evenly spaced colours)."""
    if len(colors) == 1 or minimum == maximum:
        return (LegendStep(colors[-1], minimum, maximum),)
    span, last = maximum - minimum, len(colors) - 1
    return tuple(
        LegendStep(
            color,
            minimum + span * max(0.0, (index - 0.5) / last),
            minimum + span * min(1.0, (index + 0.5) / last),
        )
        for index, color in enumerate(colors)
    )


# --- SVG ----------------------------------------------------------------------------------

_PATH = re.compile(
    r'<path id="region-\d+" data-region-id="(?P<id>[^"]*)" d="(?P<d>[^"]*)" fill="[^"]*" '
    r'aria-label="(?P<label>[^"]*)"><title>(?P<title>[^<]*)</title></path>'
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def path_compact(d: str, *, decimals: int = 0) -> str:
    """An SVG path in fewer bytes: coordinates rounded, repeated points dropped, implicit
    line-tos ("M1 2L3 4 5 6Z"). Understands the M/L/Z paths `render_svg` writes."""
    parts: list[str] = []
    for subpath in d.split("Z"):
        numbers = [float(number) for number in _NUMBER.findall(subpath)]
        if len(numbers) < 2:
            continue
        points: list[str] = []
        for x, y in zip(numbers[::2], numbers[1::2], strict=True):
            point = f"{_number_format(x, decimals)} {_number_format(y, decimals)}"
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[-1] == points[0]:
            points.pop()
        if len(points) < 3:
            continue  # smaller than a pixel: nothing to draw
        parts.append(f"M{points[0]}L{' '.join(points[1:])}Z")
    return "".join(parts)


def _number_format(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def state_map_render(
    features: Sequence[Feature],
    values_by_state: Mapping[int, float | None],
    *,
    links: Mapping[int, str],
    state_codes: Iterable[int],
    title: str,
    no_data_label: str,
    format_value: Callable[[float], str],
    minimum: float = 0.0,
    maximum: float = 100.0,
    colors: Sequence[str] = DEFAULT_COLORS,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
) -> StateMap:
    """An inline SVG choropleth of the States, every shape linked to `links[state code]`.

    Colours follow a fixed scale from `minimum` to `maximum` (not the range of the values
    present), so the same colour means the same coverage on every day. Shapes without a value
    are drawn in the empty colour and labelled `no_data_label`. Labels and formatted values
    come from the caller, already translated.
    """
    values = feature_values(features, values_by_state)
    scale = ColorScale(colors=tuple(colors), empty=EMPTY_COLOR)
    svg = render_svg(
        features,
        values,
        width=width,
        height=height,
        padding=4,
        title=title,
        colors=colors,
        stroke="#ffffff",
        stroke_width=0.5,
        show_legend=False,
        format_value=format_value,
    )
    by_id = {feature.id: feature for feature in features}

    def linked_path(match: re.Match[str]) -> str:
        feature = by_id[html.unescape(match["id"])]
        code = feature_state_code(feature)
        value = values.get(feature.id)
        label = html.escape(
            f"{feature.name}, {format_value(value) if value is not None else no_data_label}"
        )
        path = (
            f'<path d="{path_compact(match["d"])}" '
            f'fill="{scale.color_for(value, minimum, maximum)}"><title>{label}</title></path>'
        )
        link = links.get(code) if code is not None else None
        if link is None:
            return path
        # Out of the tab order: the table below the map holds the same links with text.
        return f'<a href="{html.escape(link)}" tabindex="-1" aria-label="{label}">{path}</a>'

    svg = _PATH.sub(linked_path, svg)
    # A group, not an image: an image's content is presentational, and links inside one are
    # interactive elements nested in it (axe-core `nested-interactive`, issue 12).
    svg = svg.replace('role="img"', 'role="group"', 1)
    return StateMap(
        svg=svg,
        legend=legend_steps(minimum=minimum, maximum=maximum, colors=colors),
        states_without_shape=states_without_shape(features, state_codes),
    )
