"""Benchmark of the matchmaking engine (`odop.events.matching`, issue 16).

Two instances, built with a fixed seed from real data:
- Sellers are entries of the national ODOP list (`odop/dpiit_odop_master.csv` in ODOP_DATA_DIR);
  each sells the HS 2022 subheading(s) that `odop.markets.hs_suggest` (the platform's own
  TF-IDF suggester, the same one officers confirm from) ranks first and second for its product
  name, category and sector. Buyers seek 1-4 codes drawn from the sellers' codes (buyers come to a
  meet for what is on offer), a quarter of them at heading (4-digit) level.
- "national": 200 buyers × 600 sellers (random list entries), 16 slots, 100 tables.
- "guwahati": a meet of the Guwahati size — 72 sellers from the eight North-Eastern States'
  entries, 36 buyers, 8 slots, 24 tables. (Sizes are this bench's parameters, not a record of a
  particular meet.)
Availability: each participant is free in a random 50-100% of the slots; caps: buyers 2-12,
sellers 1-6 meetings.

For each it prints the time of `match`, the meetings made, the waitlist, and an upper bound
computed here (not by the engine): the max-flow from sellers to buyers over compatible pairs
sharing a free slot, with each side's cap min(max_meetings, free slots) and the venue's
slots × tables — i.e. the schedule without the one-place-at-a-time constraint.

    ODOP_DATA_DIR=../shared/data .venv/bin/python bench/matching_bench.py [--seed 16]
"""

import argparse
import csv
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortools.graph.python import max_flow

from odop.events.matching import match, problem_from_json
from odop.markets.hs_suggest import HSEntry, ProductText, hs_suggest

NORTH_EAST = {
    "assam",
    "arunachal pradesh",
    "manipur",
    "meghalaya",
    "mizoram",
    "nagaland",
    "sikkim",
    "tripura",
}


def data_dir() -> Path:
    return Path(
        os.environ.get("ODOP_DATA_DIR", Path(__file__).resolve().parents[2] / "shared" / "data")
    )


def list_entries() -> list[dict[str, str]]:
    with (data_dir() / "odop" / "dpiit_odop_master.csv").open(
        encoding="utf-8-sig", newline=""
    ) as f:
        return [row for row in csv.DictReader(f) if row["Product"].strip()]


def product_codes(entries: list[dict[str, str]]) -> dict[str, list[str]]:
    """Product name -> its top two HS6 suggestions (only names that got any)."""
    with (data_dir() / "trade" / "hs" / "hs2022_datasets-harmonized-system.csv").open(
        encoding="utf-8-sig", newline=""
    ) as f:
        hs = [HSEntry(r["hscode"], r["description"]) for r in csv.DictReader(f)]
    names = sorted({e["Product"].strip() for e in entries})
    texts = [ProductText(name=name) for name in names]
    suggestions = hs_suggest(texts, hs, top_k=2)
    return {n: [c.code for c in s] for n, s in zip(names, suggestions, strict=True) if s}


def instance(
    rng: random.Random,
    entries: list[dict[str, str]],
    codes: dict[str, list[str]],
    buyers: int,
    sellers: int,
    slots: int,
    tables: int,
) -> dict[str, Any]:
    slot_names = [f"s{n:02d}" for n in range(1, slots + 1)]
    usable = [e for e in entries if e["Product"].strip() in codes]
    chosen = rng.sample(usable, min(sellers, len(usable)))

    def free() -> list[str]:
        return sorted(rng.sample(slot_names, rng.randint((slots + 1) // 2, slots)))

    seller_rows: list[dict[str, Any]] = [
        {
            "id": f"S{n}",
            "products": codes[e["Product"].strip()],
            "available": free(),
            "max_meetings": rng.randint(1, 6),
        }
        for n, e in enumerate(chosen)
    ]
    pool = sorted({c for row in seller_rows for c in row["products"]})
    buyer_rows = []
    for n in range(buyers):
        wanted = rng.sample(pool, min(len(pool), rng.randint(1, 4)))
        wanted = [c[:4] if rng.random() < 0.25 else c for c in wanted]
        buyer_rows.append(
            {
                "id": f"B{n}",
                "interests": sorted(set(wanted)),
                "available": free(),
                "max_meetings": rng.randint(2, 12),
            }
        )
    return {"slots": slot_names, "tables": tables, "buyers": buyer_rows, "sellers": seller_rows}


def flow_bound(data: dict[str, Any]) -> int:
    """Max-flow without one-place-at-a-time: an upper bound on meetings any schedule holds."""
    graph = max_flow.SimpleMaxFlow()
    source, gate, sink = 0, 1, 2
    ids = {p["id"]: 3 + i for i, p in enumerate(data["buyers"] + data["sellers"])}
    graph.add_arc_with_capacity(source, gate, len(data["slots"]) * data["tables"])
    for s in data["sellers"]:
        graph.add_arc_with_capacity(gate, ids[s["id"]], min(s["max_meetings"], len(s["available"])))
    for b in data["buyers"]:
        graph.add_arc_with_capacity(ids[b["id"]], sink, min(b["max_meetings"], len(b["available"])))
        headings = {c[:4] for c in b["interests"]}
        for s in data["sellers"]:
            if headings & {c[:4] for c in s["products"]} and set(b["available"]) & set(
                s["available"]
            ):
                graph.add_arc_with_capacity(ids[s["id"]], ids[b["id"]], 1)
    graph.solve(source, sink)
    return graph.optimal_flow()


def run(name: str, data: dict[str, Any]) -> None:
    problem = problem_from_json(data)
    started = time.perf_counter()
    result = match(problem)
    seconds = time.perf_counter() - started
    bound = flow_bound(data)
    sellers_met = len({m.seller for m in result.meetings})
    print(
        f"{name}: {len(data['buyers'])} buyers x {len(data['sellers'])} sellers, "
        f"{len(data['slots'])} slots x {data['tables']} tables: {seconds:.2f} s, "
        f"{len(result.meetings)} meetings (upper bound {bound}, "
        f"{100 * len(result.meetings) / max(bound, 1):.1f}%), waitlist {len(result.waitlist)}, "
        f"sellers met {sellers_met}, {result.stats}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    entries = list_entries()
    started = time.perf_counter()
    codes = product_codes(entries)
    print(f"HS suggestions for {len(codes)} product names: {time.perf_counter() - started:.1f} s")
    rng = random.Random(args.seed)
    run("national", instance(rng, entries, codes, 200, 600, 16, 100))
    north_east = [e for e in entries if e["State"].strip().lower() in NORTH_EAST]
    run("guwahati", instance(rng, north_east, codes, 36, 72, 8, 24))


if __name__ == "__main__":
    main()
