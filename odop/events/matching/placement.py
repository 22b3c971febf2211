"""Where and when chosen meetings happen: CP-SAT over (meeting, slot), tables afterwards.

Pure. Constraints: a meeting takes at most one slot, both people must be free in it, nobody is in
two meetings in one slot, and a slot holds at most `tables` meetings. Tables are identical, so
they are numbered after the slots are known (confirmed meetings keep theirs when free).

Objective, in priority order: keep confirmed meetings in their slot (KEEP), give every seller a
meeting (FAIR), then place as many and as good meetings as possible. A greedy first-fit is the
solver's hint and the fallback if the time limit ends before any solution.

Determinism: one search worker, a fixed seed and a *deterministic* time budget give the same
answer on every machine; the trade-off is that CP-SAT's parallel portfolio (faster, better on
hard instances) is not used. A wall-clock limit stays as a safety net; if it ever cuts the search
before the deterministic budget, reproducibility is lost for that run and `stats` says so.
"""

import os
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .spec import Meeting, Problem

SECONDS_MAX = 20.0
DETERMINISTIC_TIME = 2.0


@dataclass(frozen=True)
class Request:
    """A meeting to place: its pair, the slots it may take, its weight and a preferred slot."""

    buyer: str
    seller: str
    slots: tuple[str, ...]
    weight: int
    keep_slot: str | None = None
    keep_table: int | None = None


def _greedy(problem: Problem, requests: Sequence[Request]) -> dict[int, str]:
    """First fit, confirmed meetings first, in request order: a valid placement to start from."""
    busy: set[tuple[str, str]] = set()
    load = {slot: 0 for slot in problem.slots}
    placed: dict[int, str] = {}
    order = sorted(range(len(requests)), key=lambda i: requests[i].keep_slot is None)
    for index in order:
        request = requests[index]
        options = list(request.slots)
        if request.keep_slot in options:
            options.remove(request.keep_slot)
            options.insert(0, request.keep_slot)
        for slot in options:
            if (
                load[slot] < problem.tables
                and ("b", request.buyer + "\0" + slot) not in busy
                and ("s", request.seller + "\0" + slot) not in busy
            ):
                busy.add(("b", request.buyer + "\0" + slot))
                busy.add(("s", request.seller + "\0" + slot))
                load[slot] += 1
                placed[index] = slot
                break
    return placed


def slots_assign(
    problem: Problem,
    requests: Sequence[Request],
    *,
    seconds: float = SECONDS_MAX,
    deterministic_time: float = DETERMINISTIC_TIME,
) -> tuple[dict[int, str], str]:
    """Request index -> slot for the requests placed, and the solver's status name."""
    if not requests:
        return {}, "EMPTY"
    hint = _greedy(problem, requests)
    model = cp_model.CpModel()
    x: dict[tuple[int, str], cp_model.IntVar] = {}
    for index, request in enumerate(requests):
        for slot in request.slots:
            x[index, slot] = model.new_bool_var(f"m{index}_{slot}")
            model.add_hint(x[index, slot], hint.get(index) == slot)
        model.add_at_most_one(x[index, slot] for slot in request.slots)
    per_person: dict[tuple[str, str, str], list[cp_model.IntVar]] = {}
    per_slot: dict[str, list[cp_model.IntVar]] = {}
    for (index, slot), var in x.items():
        request = requests[index]
        per_person.setdefault(("b", request.buyer, slot), []).append(var)
        per_person.setdefault(("s", request.seller, slot), []).append(var)
        per_slot.setdefault(slot, []).append(var)
    for group in per_person.values():
        if len(group) > 1:
            model.add_at_most_one(group)
    for group in per_slot.values():
        if len(group) > problem.tables:
            model.add(cp_model.LinearExpr.sum(group) <= problem.tables)
    plain = sum(r.weight for r in requests) + 1
    fair = plain * 2
    keep = fair * (len({r.seller for r in requests}) + 1)
    terms: list[cp_model.IntVar] = []
    gains: list[int] = []
    by_seller: dict[str, list[cp_model.IntVar]] = {}
    for (index, slot), var in x.items():
        request = requests[index]
        gain = request.weight + (keep if request.keep_slot is not None else 0)
        if request.keep_slot == slot:
            gain += keep
        terms.append(var)
        gains.append(gain)
        by_seller.setdefault(request.seller, []).append(var)
    for seller, group in sorted(by_seller.items()):
        served = model.new_bool_var(f"served_{seller}")
        model.add_hint(served, any(requests[i].seller == seller for i in hint))
        model.add(served <= cp_model.LinearExpr.sum(group))
        terms.append(served)
        gains.append(fair)
    model.maximize(cp_model.LinearExpr.weighted_sum(terms, gains))
    solver = cp_model.CpSolver()
    solver.parameters.num_search_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.max_deterministic_time = deterministic_time
    solver.parameters.log_search_progress = bool(os.environ.get("ODOP_MATCHING_LOG"))
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return hint, "GREEDY"
    placed = {index: slot for (index, slot), var in x.items() if solver.boolean_value(var)}
    return placed, solver.status_name(status)


def tables_number(
    problem: Problem, requests: Sequence[Request], placed: dict[int, str]
) -> list[Meeting]:
    """Give each placed meeting a table 1..N: confirmed meetings keep theirs when it is free."""
    taken: dict[str, set[int]] = {slot: set() for slot in problem.slots}
    table_of: dict[int, int] = {}
    for index, slot in sorted(placed.items()):
        wanted = requests[index].keep_table
        if (
            requests[index].keep_slot == slot
            and wanted is not None
            and 1 <= wanted <= problem.tables
            and wanted not in taken[slot]
        ):
            taken[slot].add(wanted)
            table_of[index] = wanted
    for index, slot in sorted(placed.items()):
        if index in table_of:
            continue
        table = next(t for t in range(1, problem.tables + 1) if t not in taken[slot])
        taken[slot].add(table)
        table_of[index] = table
    slot_order = {slot: i for i, slot in enumerate(problem.slots)}
    meetings = [
        Meeting(requests[i].buyer, requests[i].seller, slot, table_of[i])
        for i, slot in placed.items()
    ]
    return sorted(meetings, key=lambda m: (slot_order[m.slot], m.table))
