"""The district map's pure parts: decoding, the join to LGD districts, simplification and SVG."""

import re

import pytest

from odop.reports import districtmap as dm
from odop.reports.tests.conftest import tiny_districts_topology

CODES = {"230": (212, 10), "225": (190, 10), "377": (345, 21)}
STATES = {"Bihar": 10, "Odisha": 21}
NAMES = {(10, "Patna"): 212, (10, "Bhagalpur"): 190, (21, "Baleshwar"): 345}


def _join(exceptions: tuple[dm.ShapeException, ...] = ()) -> dict[int, int | None]:
    shapes = dm.shapes_decode(tiny_districts_topology(), tolerance=0)
    return dm.shapes_join(
        shapes,
        lgd_by_census=CODES,
        state_of=STATES.get,
        resolve=lambda state, name: NAMES.get((state, name)),
        exceptions=exceptions,
    )


def test_join_by_census_code_then_by_name_within_the_state() -> None:
    # Patna by its code; Bhagalpur (a later shape, code 0) by name; Baleshwar carries Patna's
    # code but lies in Odisha, so its name decides; Muzaffarabad's State is unknown.
    assert _join() == {0: 212, 1: 190, 2: 345, 3: None}


def test_a_code_is_trusted_only_for_2011_shapes() -> None:
    names_only = dm.shapes_join(
        dm.shapes_decode(tiny_districts_topology(), tolerance=0),
        lgd_by_census=CODES,
        state_of=STATES.get,
        resolve=lambda state, name: None,
    )
    assert names_only == {0: 212, 1: None, 2: None, 3: None}


def test_a_reviewed_exception_wins() -> None:
    exception = dm.ShapeException("Bihar", "Patna", 190, "reviewed: test")
    assert _join((exception,))[0] == 190


def test_the_shipped_exceptions_all_give_a_reason() -> None:
    exceptions = dm.exceptions_read()
    assert {item.shape_name for item in exceptions} == {"Muzaffarabad", "Mirpur"}
    assert all(item.reason and item.lgd_code is None for item in exceptions)


def test_an_exception_without_a_reason_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "exceptions.csv"
    path.write_text("state,shape_district,lgd_code,reason\nBihar,Patna,212,\n")
    with pytest.raises(ValueError, match="no reason"):
        dm.exceptions_read(path)


def test_census_code_key_drops_leading_zeros_and_zero() -> None:
    assert dm.census_code_key("066") == dm.census_code_key("66") == "66"
    assert dm.census_code_key("0") == dm.census_code_key("") == dm.census_code_key("x") == ""


def _render(values: dict[int, float | None]) -> dm.DistrictMap:
    shapes = dm.shapes_decode(tiny_districts_topology(), tolerance=0)
    districts = [
        dm.MapDistrict(code, name, values.get(code))
        for code, name in ((212, "Patna"), (190, "Bhagalpur"), (345, "Balasore"), (799, "Newpur"))
    ]
    return dm.district_map_render(
        shapes,
        _join(),
        districts,
        title="Products by district",
        no_data_label="no data",
        no_shape_note="1 district has no shape",
        format_value=lambda value: f"{value:.0f}",
    )


def test_every_district_with_a_shape_is_one_path_keyed_by_lgd_code() -> None:
    rendered = _render({212: 2, 190: 1, 345: 1, 799: 0})
    assert re.findall(r'data-lgd="(\d+)"', rendered.svg) == ["212", "190", "345"]
    assert rendered.drawn == (212, 190, 345)
    assert rendered.without_shape == (799,)
    assert "<title>Patna, 2</title>" in rendered.svg
    assert 'data-no-shape="1"' in rendered.svg
    assert "1 district has no shape" in rendered.svg
    assert rendered.svg.count("<path") == 3


def test_a_district_without_a_value_is_said_to_have_no_data() -> None:
    rendered = _render({212: 3})
    assert "<title>Bhagalpur, no data</title>" in rendered.svg
    assert rendered.legend[-1].high == 3


def test_a_state_map_draws_only_its_districts() -> None:
    shapes = dm.shapes_decode(tiny_districts_topology(), tolerance=0)
    rendered = dm.district_map_render(
        shapes,
        _join(),
        [dm.MapDistrict(345, "Balasore", 1.0), dm.MapDistrict(799, "Newpur", None)],
        title="Odisha",
        no_data_label="no data",
        no_shape_note="",
        format_value=str,
    )
    assert re.findall(r'data-lgd="(\d+)"', rendered.svg) == ["345"]
    # Fitted to the one district: its square spans the map's width.
    assert 'width="360"' in rendered.svg


def test_simplification_keeps_every_shape_and_drops_points() -> None:
    topology = tiny_districts_topology()
    # A wiggly edge: 200 points within 0.001 degrees of a straight line.
    topology["arcs"][0] = [[85.0 + i / 200, 25.0 + (0.001 if i % 2 else 0)] for i in range(201)] + [
        [86.0, 26.0],
        [85.0, 26.0],
        [85.0, 25.0],
    ]
    exact = dm.shapes_decode(topology, tolerance=0)
    simple = dm.shapes_decode(topology, tolerance=0.01)
    assert len(simple) == len(exact) == 4
    assert sum(map(len, simple[0].rings)) < 10 < sum(map(len, exact[0].rings))
