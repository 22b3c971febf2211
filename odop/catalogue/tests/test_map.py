"""The pure map module: decoding, simplifying, values per shape, colours, links. No database."""

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from bharat_choropleth import DEFAULT_COLORS, EMPTY_COLOR
from django.conf import settings

from odop.catalogue import maps
from odop.catalogue.tests.conftest import BOUNDARIES_NAME

COLORS = DEFAULT_COLORS


def _render(
    topology: dict[str, Any], values: dict[int, float | None], **options: Any
) -> maps.StateMap:
    features = maps.state_features_decode(topology)
    return maps.state_map_render(
        features,
        values,
        links=options.pop("links", {10: "/states/10/", 21: "/states/21/", 38: "/states/38/"}),
        state_codes=options.pop("state_codes", [10, 21, 38]),
        title="Coverage",
        no_data_label="no data",
        format_value=lambda value: f"{value:.0f}%",
        **options,
    )


def _fills_by_link(svg: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]*)"[^>]*><path d="[^"]*" fill="([^"]*)"', svg)


def test_features_are_keyed_by_lgd_state_code_with_their_names(topology):
    features = maps.state_features_decode(topology)

    assert [(feature.id, feature.name) for feature in features] == [
        ("10", "Bihar"),
        ("21", "Odisha"),
        ("25", "Daman & Diu"),
        ("26", "Dadra & Nagar Haveli"),
    ]
    assert [maps.feature_state_code(feature) for feature in features] == [10, 21, 38, 38]


def test_both_old_shapes_of_the_merged_ut_get_its_value(topology):
    features = maps.state_features_decode(topology)

    values = maps.feature_values(features, {10: 75.0, 38: 100.0})

    assert values == {"10": 75.0, "21": None, "25": 100.0, "26": 100.0}


def test_states_without_a_shape_are_listed_in_the_given_order(topology):
    features = maps.state_features_decode(topology)

    assert maps.states_without_shape(features, [30, 10, 38, 21, 7]) == (30, 7)


def test_shapes_are_coloured_on_a_fixed_scale_and_linked_to_their_state(topology):
    state_map = _render(topology, {10: 75.0, 21: None, 38: 100.0})

    scale = maps.ColorScale(colors=COLORS)
    assert _fills_by_link(state_map.svg) == [
        ("/states/10/", scale.color_for(75.0, 0, 100)),
        ("/states/21/", EMPTY_COLOR),
        ("/states/38/", COLORS[-1]),
        ("/states/38/", COLORS[-1]),
    ]
    assert "<title>Odisha, no data</title>" in state_map.svg
    assert "<title>Bihar, 75%</title>" in state_map.svg
    assert "<title>Daman &amp; Diu, 100%</title>" in state_map.svg
    assert state_map.states_without_shape == ()


def test_a_value_colours_the_same_whatever_the_other_values(topology):
    # A fixed 0–100 scale: 50 % is the middle colour even when it is the lowest value shown.
    state_map = _render(topology, {10: 50.0, 21: 100.0, 38: 100.0})

    assert _fills_by_link(state_map.svg)[0] == ("/states/10/", COLORS[3])


def test_shapes_without_a_link_are_drawn_unlinked(topology):
    state_map = _render(topology, {10: 10.0}, links={10: "/states/10/"})

    assert [link for link, _fill in _fills_by_link(state_map.svg)] == ["/states/10/"]
    assert state_map.svg.count("<path ") == 4


def test_the_svg_has_no_legend_of_its_own_and_compact_paths(topology):
    state_map = _render(topology, {10: 10.0})

    assert "bharat-map-legend" not in state_map.svg
    assert 'id="region-' not in state_map.svg
    paths = re.findall(r' d="([^"]*)"', state_map.svg)
    assert len(paths) == 4
    assert all(re.fullmatch(r"(M-?\d+ -?\d+L[-\d ]+Z)+", path) for path in paths)


def test_legend_steps_cover_the_scale_like_the_colour_scale_picks():
    steps = maps.legend_steps(minimum=0, maximum=100, colors=("#a", "#b", "#c"))

    assert steps == (
        maps.LegendStep("#a", 0, 25),
        maps.LegendStep("#b", 25, 75),
        maps.LegendStep("#c", 75, 100),
    )


def test_legend_of_a_single_value_range_has_one_step():
    assert maps.legend_steps(minimum=5, maximum=5) == (maps.LegendStep(COLORS[-1], 5, 5),)


@pytest.mark.parametrize(
    ("_case", "points", "expected"),
    [
        (
            "collinear points collapse to the ends",
            [(0, 0), (1, 0.001), (2, 0), (3, 0.001), (4, 0)],
            [(0, 0), (4, 0)],
        ),
        ("a corner beyond the tolerance stays", [(0, 0), (2, 0), (2, 2)], [(0, 0), (2, 0), (2, 2)]),
        ("two points stay as they are", [(0, 0), (1, 1)], [(0, 0), (1, 1)]),
    ],
)
def test_line_simplify(_case, points, expected):
    assert maps.line_simplify(points, tolerance=0.01) == expected


def test_a_closed_ring_smaller_than_the_tolerance_keeps_a_triangle():
    ring = [(0, 0), (0.01, 0), (0.02, 0.005), (0.01, 0.01), (0, 0.01), (0, 0)]

    simplified = maps.line_simplify(ring, tolerance=1)

    assert simplified[0] == simplified[-1] == (0, 0)
    assert len(set(simplified)) == 3


def test_simplifying_arcs_keeps_shared_borders_identical():
    # A jagged border shared by two shapes, drawn once in the topology.
    topology = {
        "arcs": [
            [[0, 0], [0.001, 1], [0, 2], [0.001, 3], [0, 4]],
            [[0, 4], [-2, 4], [-2, 0], [0, 0]],
            [[0, 0], [2, 0], [2, 4], [0, 4]],
        ],
        "objects": {
            "states": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"State_LGD": 1}},
                    {"type": "Polygon", "arcs": [[2, -1]], "properties": {"State_LGD": 2}},
                ],
            }
        },
    }

    simplified = maps.topology_simplify(topology, tolerance=0.01)

    assert simplified["arcs"][0] == [[0, 0], [0, 4]]
    west, east = maps.state_features_decode(topology, tolerance=0.01)
    assert {(0, 0), (0, 4)} <= set(west.rings[0]) & set(east.rings[0])
    assert len(west.rings[0]) == len(east.rings[0]) == 5


def test_quantized_arcs_are_decoded_before_simplifying():
    topology = {
        "transform": {"scale": [0.5, 0.5], "translate": [70, 10]},
        "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
        "objects": {
            "states": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"State_LGD": 9}}],
            }
        },
    }

    (feature,) = maps.state_features_decode(topology, tolerance=0.01)

    assert feature.rings[0] == ((70, 10), (71, 10), (71, 11), (70, 11), (70, 10))


def test_path_compact_rounds_and_drops_repeated_points():
    d = "M 1.2 3.4 L 1.4 3.4 L 10.6 10 L 1 20 Z M 0 0 L 0.2 0.2 L 0.4 0 Z"

    assert maps.path_compact(d) == "M1 3L11 10 1 20Z"


def test_features_are_loaded_once_per_file_version(tmp_path: Path, topology):
    path = tmp_path / BOUNDARIES_NAME
    path.write_text(json.dumps(topology))
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))

    first = maps.state_features_load(path)
    again = maps.state_features_load(path)
    topology["objects"]["states"]["geometries"].pop()
    path.write_text(json.dumps(topology))
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))
    changed = maps.state_features_load(path)

    assert again is first
    assert len(first) == 4
    assert len(changed) == 3


@pytest.mark.parametrize(
    ("_case", "content"),
    [
        ("not JSON", "{"),
        ("no states object", '{"arcs": [], "objects": {"x": {}}}'),
        ("a list, not an object", "[]"),
    ],
)
def test_unusable_files_raise_a_map_error(tmp_path: Path, _case, content):
    path = tmp_path / f"{_case}.json"
    path.write_text(content)

    with pytest.raises(maps.MapError):
        maps.state_features_load(path)


def test_a_missing_file_raises_a_map_error(tmp_path: Path):
    with pytest.raises(maps.MapError):
        maps.state_features_load(tmp_path / "missing.json")


def test_the_real_state_boundaries_render_small_enough_for_a_phone_page():
    path = Path(settings.ODOP_DATA_DIR) / "boundaries" / BOUNDARIES_NAME
    assert path.exists(), f"The real boundaries are expected at {path} (set ODOP_DATA_DIR)"
    features = maps.state_features_load(path)

    state_map = maps.state_map_render(
        features,
        {code: 100.0 for code in range(1, 39)},
        links={code: f"/states/{code}/" for code in range(1, 39)},
        state_codes=[code for code in range(1, 39) if code not in (25, 26)],
        title="Coverage",
        no_data_label="no data",
        format_value=lambda value: f"{value:.0f}%",
    )

    assert len(features) == 37
    assert state_map.states_without_shape == ()
    assert len(state_map.svg.encode()) < 60_000
    assert state_map.svg.count('<a href="/states/38/"') == 2


def test_a_map_with_links_is_a_group_not_an_image(topology):
    """Issue 12 (axe-core `nested-interactive`): links inside an SVG whose role is `img` are
    interactive elements nested in a presentational one. The map is a named group."""
    svg = _render(topology, {10: 75.0}).svg
    opening = re.match(r"<svg[^>]*>", svg)
    assert opening is not None
    assert 'role="group"' in opening.group(0)
    assert 'role="img"' not in svg
    assert "aria-labelledby=" in opening.group(0)
    assert '<a href="/states/10/"' in svg
