"""Every meeting the engine outputs is valid — checked by a checker written from the issue's
spec alone (issue 16). It deliberately imports nothing from odop.events.matching except the one
entry point under test, and works on the JSON shapes, not the engine's types."""

import random
from typing import Any

import pytest

from odop.events.matching import match, problem_from_json

# Real HS 2022 headings of ODOP-type goods (carpets, textiles, tea, spices, handicrafts, ...),
# each with a few of its real subheadings, so both HS4 and HS6 matches occur.
CODES = {
    "0902": ["090210", "090230", "090240"],
    "0904": ["090411", "090421"],
    "0910": ["091011", "091030"],
    "5007": ["500710", "500790"],
    "5208": ["520811", "520852"],
    "5701": ["570110", "570190"],
    "6304": ["630491", "630492"],
    "4602": ["460211", "460212"],
    "6911": ["691110", "691190"],
    "7113": ["711311", "711319"],
}


def spec_check(instance: dict[str, Any], output: dict[str, Any]) -> None:
    """Assert the output obeys the spec: compatibility by first four digits, both available in
    the slot, nobody in two places at once, caps, tables 1..N (one meeting a table a slot), no
    pair twice, and nobody both met and waitlisted for the same pair."""
    buyers = {b["id"]: b for b in instance["buyers"]}
    sellers = {s["id"]: s for s in instance["sellers"]}
    seen_pairs: set[tuple[str, str]] = set()
    seen_places: set[tuple[str, str]] = set()
    seen_tables: set[tuple[str, int]] = set()
    counts: dict[str, int] = {}
    for meeting in output["meetings"]:
        buyer, seller = buyers[meeting["buyer"]], sellers[meeting["seller"]]
        slot, table = meeting["slot"], meeting["table"]
        assert {i[:4] for i in buyer["interests"]} & {p[:4] for p in seller["products"]}, meeting
        assert slot in instance["slots"], meeting
        assert slot in buyer["available"] and slot in seller["available"], meeting
        assert isinstance(table, int) and 1 <= table <= instance["tables"], meeting
        assert (slot, table) not in seen_tables, f"two meetings at one table: {meeting}"
        seen_tables.add((slot, table))
        for who in (("buyer", buyer["id"]), ("seller", seller["id"])):
            assert (str(who), slot) not in seen_places, f"{who} in two places at {slot}"
            seen_places.add((str(who), slot))
            counts[str(who)] = counts.get(str(who), 0) + 1
        pair = (buyer["id"], seller["id"])
        assert pair not in seen_pairs, f"pair twice: {pair}"
        seen_pairs.add(pair)
    for key, count in counts.items():
        role, ident = eval(key)
        cap = (buyers if role == "buyer" else sellers)[ident]["max_meetings"]
        assert count <= cap, f"{key} has {count} meetings, cap {cap}"
    for row in output["waitlist"]:
        assert row["buyer"] in buyers and row["seller"] in sellers
        assert (row["buyer"], row["seller"]) not in seen_pairs


def upper_bound(instance: dict[str, Any]) -> int:
    """No schedule can hold more meetings than the venue, or than either side's usable caps."""
    venue = len(instance["slots"]) * instance["tables"]
    buyers = sum(min(b["max_meetings"], len(b["available"])) for b in instance["buyers"])
    sellers = sum(min(s["max_meetings"], len(s["available"])) for s in instance["sellers"])
    return min(venue, buyers, sellers)


def random_instance(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    slots = [f"s{n:02d}" for n in range(1, rng.randint(2, 8) + 1)]

    def person(prefix: str, n: int, key: str) -> dict[str, Any]:
        headings = rng.sample(sorted(CODES), rng.randint(1, 3))
        codes = [rng.choice([h, *CODES[h]]) for h in headings]
        return {
            "id": f"{prefix}{n}",
            key: codes,
            "available": rng.sample(slots, rng.randint(0, len(slots))),
            "max_meetings": rng.randint(0, 6),
        }

    return {
        "slots": slots,
        "tables": rng.randint(1, 6),
        "buyers": [person("B", n, "interests") for n in range(rng.randint(1, 15))],
        "sellers": [person("S", n, "products") for n in range(rng.randint(1, 30))],
    }


@pytest.mark.parametrize("seed", range(40))
def test_random_instances_are_valid_and_below_the_bound(seed: int) -> None:
    instance = random_instance(seed)
    output = match(problem_from_json(instance)).as_json()
    spec_check(instance, output)
    assert len(output["meetings"]) <= upper_bound(instance)


def test_the_checker_catches_an_invalid_schedule() -> None:
    """Guard against a checker that cannot fail: break a valid output in each way it checks."""
    instance = random_instance(3)
    output = match(problem_from_json(instance)).as_json()
    assert output["meetings"], "seed 3 must yield meetings for this guard to mean anything"
    first = output["meetings"][0]
    broken = [
        {**first, "table": instance["tables"] + 1},
        {**first, "slot": "nowhere"},
    ]
    for meeting in broken:
        with pytest.raises(AssertionError):
            spec_check(instance, {"meetings": [meeting], "waitlist": []})
    with pytest.raises(AssertionError):
        spec_check(instance, {"meetings": [first, first], "waitlist": []})


def test_same_input_same_output() -> None:
    instance = random_instance(11)
    assert (
        match(problem_from_json(instance)).as_json() == match(problem_from_json(instance)).as_json()
    )


def test_every_seller_gets_a_meeting_before_anyone_gets_two() -> None:
    """The venue holds two meetings; S1 matches two buyers better than S2 matches one, yet
    fairness gives S2 one of the two places."""
    instance = {
        "slots": ["s01", "s02"],
        "tables": 1,
        "buyers": [
            {
                "id": "B1",
                "interests": ["570110", "630492"],
                "available": ["s01", "s02"],
                "max_meetings": 2,
            },
            {
                "id": "B2",
                "interests": ["570110", "630492"],
                "available": ["s01", "s02"],
                "max_meetings": 2,
            },
        ],
        "sellers": [
            {
                "id": "S1",
                "products": ["570110", "630492"],
                "available": ["s01", "s02"],
                "max_meetings": 2,
            },
            {"id": "S2", "products": ["5701"], "available": ["s01", "s02"], "max_meetings": 2},
        ],
    }
    output = match(problem_from_json(instance)).as_json()
    spec_check(instance, output)
    assert sorted(m["seller"] for m in output["meetings"]) == ["S1", "S2"]


def test_exact_code_beats_a_heading_match() -> None:
    """One meeting fits; the buyer's exact 6-digit product wins over a same-heading one."""
    instance = {
        "slots": ["s01"],
        "tables": 1,
        "buyers": [{"id": "B1", "interests": ["570110"], "available": ["s01"], "max_meetings": 1}],
        "sellers": [
            {"id": "S1", "products": ["570190"], "available": ["s01"], "max_meetings": 1},
            {"id": "S2", "products": ["570110"], "available": ["s01"], "max_meetings": 1},
        ],
    }
    output = match(problem_from_json(instance)).as_json()
    assert [(m["buyer"], m["seller"]) for m in output["meetings"]] == [("B1", "S2")]


def test_meetings_that_do_not_fit_go_to_the_waitlist() -> None:
    """Three sellers, one buyer free in one slot with one table: one meets, the rest wait."""
    sellers = [
        {"id": f"S{n}", "products": ["0902"], "available": ["s01"], "max_meetings": 1}
        for n in range(3)
    ]
    instance = {
        "slots": ["s01", "s02"],
        "tables": 1,
        "buyers": [
            {"id": "B1", "interests": ["090230"], "available": ["s01"], "max_meetings": 3},
            {"id": "B2", "interests": ["090230"], "available": ["s01"], "max_meetings": 3},
        ],
        "sellers": sellers,
    }
    output = match(problem_from_json(instance)).as_json()
    spec_check(instance, output)
    assert len(output["meetings"]) == 1
    assert len(output["waitlist"]) >= 1


def test_replanning_keeps_confirmed_meetings_in_place() -> None:
    """A buyer cancels and a late buyer arrives: every other confirmed meeting stays put."""
    instance = random_instance(5)
    first = match(problem_from_json(instance)).as_json()["meetings"]
    assert len(first) >= 3
    gone = first[0]["buyer"]
    instance["buyers"] = [b for b in instance["buyers"] if b["id"] != gone]
    instance["buyers"].append(
        {
            "id": "LATE",
            "interests": sorted(CODES),
            "available": list(instance["slots"]),
            "max_meetings": 4,
        }
    )
    instance["confirmed"] = first
    again = match(problem_from_json(instance)).as_json()
    spec_check(instance, again)
    kept = {(m["buyer"], m["seller"], m["slot"], m["table"]) for m in again["meetings"]}
    for meeting in first:
        if meeting["buyer"] != gone:
            assert (meeting["buyer"], meeting["seller"], meeting["slot"], meeting["table"]) in kept
    assert all(m["buyer"] != gone for m in again["meetings"])
