"""Buyer-seller matchmaking (issue 16): choose meetings fairly, then place them in slots/tables.

Pure (no ORM, no I/O): `match(problem) -> Result`. Read a problem with `problem_from_json`.
1. `choice.meetings_choose`: min-cost flow — every seller with a compatible buyer gets a
   meeting first, then as many and as good meetings as caps and the venue allow;
2. `placement.slots_assign`: CP-SAT places them in slots (no one in two places, availability,
   at most N tables a slot), with a time limit; confirmed meetings are kept in place if possible;
3. a greedy pass uses what is left (free tables and caps) for pairs the flow did not choose;
4. chosen meetings that did not fit form the waitlist.
Same input, same output (see placement's note on determinism).
"""

from collections import Counter

from .choice import BASE, Pair, meetings_choose, pairs_compatible
from .placement import Request, slots_assign, tables_number
from .spec import Meeting, Participant, Problem, ProblemError, Result, problem_from_json

__all__ = [
    "Meeting",
    "Participant",
    "Problem",
    "ProblemError",
    "Result",
    "match",
    "problem_from_json",
]


def _confirmed_kept(problem: Problem, pairs: dict[tuple[str, str], Pair]) -> list[Meeting]:
    """Confirmed meetings that still make sense: the pair is still compatible, no repeats, and
    within today's caps (the earliest confirmed win when a cap went down)."""
    caps = {p.id: p.max_meetings for p in (*problem.buyers, *problem.sellers)}
    counts: Counter[str] = Counter()
    kept: list[Meeting] = []
    seen: set[tuple[str, str]] = set()
    for meeting in problem.confirmed:
        key = (meeting.buyer, meeting.seller)
        if key not in pairs or key in seen:
            continue
        if (
            counts[meeting.buyer] >= caps[meeting.buyer]
            or counts[meeting.seller] >= caps[meeting.seller]
        ):
            continue
        seen.add(key)
        counts[meeting.buyer] += 1
        counts[meeting.seller] += 1
        kept.append(meeting)
    return kept


def _fill(problem: Problem, meetings: list[Meeting], spare: list[Pair]) -> list[Meeting]:
    """Greedy extra meetings in the room left: sellers without a meeting first, best first."""
    caps = {p.id: p.max_meetings for p in (*problem.buyers, *problem.sellers)}
    counts: Counter[str] = Counter()
    busy: set[tuple[str, str]] = set()
    tables_used: dict[str, set[int]] = {slot: set() for slot in problem.slots}
    for meeting in meetings:
        counts[meeting.buyer] += 1
        counts[meeting.seller] += 1
        busy.add((meeting.buyer, meeting.slot))
        busy.add((meeting.seller, meeting.slot))
        tables_used[meeting.slot].add(meeting.table)
    extra: list[Meeting] = []
    for pair in sorted(spare, key=lambda p: (counts[p.seller] > 0, -p.quality, p.seller, p.buyer)):
        if counts[pair.buyer] >= caps[pair.buyer] or counts[pair.seller] >= caps[pair.seller]:
            continue
        for slot in pair.common_slots:
            if (
                len(tables_used[slot]) < problem.tables
                and (pair.buyer, slot) not in busy
                and (pair.seller, slot) not in busy
            ):
                table = next(t for t in range(1, problem.tables + 1) if t not in tables_used[slot])
                tables_used[slot].add(table)
                busy.update({(pair.buyer, slot), (pair.seller, slot)})
                counts[pair.buyer] += 1
                counts[pair.seller] += 1
                extra.append(Meeting(pair.buyer, pair.seller, slot, table))
                break
    return extra


def match(
    problem: Problem, *, seconds: float | None = None, deterministic_time: float | None = None
) -> Result:
    """Choose and place meetings for `problem`; see the module docstring for the order of aims."""
    # Buyer and seller ids live in separate namespaces in the input; the flow keys caps by id,
    # so a buyer and a seller sharing an id are told apart here.
    buyer_ids = {b.id for b in problem.buyers}
    if buyer_ids & {s.id for s in problem.sellers}:
        raise ProblemError(["a buyer and a seller have the same id; ids must be distinct"])
    all_pairs = pairs_compatible(problem)
    pairs = {(p.buyer, p.seller): p for p in all_pairs}
    confirmed = _confirmed_kept(problem, pairs)
    confirmed_keys = {(m.buyer, m.seller) for m in confirmed}
    used: Counter[str] = Counter()
    for meeting in confirmed:
        used[meeting.buyer] += 1
        used[meeting.seller] += 1
    capacity = len(problem.slots) * problem.tables - len(confirmed)
    open_pairs = [p for p in all_pairs if (p.buyer, p.seller) not in confirmed_keys]
    chosen = meetings_choose(problem, open_pairs, used=used, capacity=capacity)
    requests: list[Request] = []
    for meeting in confirmed:
        pair = pairs[meeting.buyer, meeting.seller]
        keep = meeting.slot if meeting.slot in pair.common_slots else None
        requests.append(
            Request(
                meeting.buyer,
                meeting.seller,
                pair.common_slots,
                BASE + pair.quality,
                keep_slot=keep or pair.common_slots[0],
                keep_table=meeting.table if keep else None,
            )
        )
    for pair in chosen:
        requests.append(Request(pair.buyer, pair.seller, pair.common_slots, BASE + pair.quality))
    options = {}
    if seconds is not None:
        options["seconds"] = seconds
    if deterministic_time is not None:
        options["deterministic_time"] = deterministic_time
    placed, status = slots_assign(problem, requests, **options)
    meetings = tables_number(problem, requests, placed)
    chosen_keys = {(r.buyer, r.seller) for r in requests}
    extra = _fill(
        problem, meetings, [p for p in all_pairs if (p.buyer, p.seller) not in chosen_keys]
    )
    slot_order = {slot: i for i, slot in enumerate(problem.slots)}
    meetings = sorted([*meetings, *extra], key=lambda m: (slot_order[m.slot], m.table))
    waitlist = tuple((r.buyer, r.seller) for index, r in enumerate(requests) if index not in placed)
    moved = sum(
        1
        for index, r in enumerate(requests)
        if r.keep_table is not None and placed.get(index) != r.keep_slot
    )
    stats = {
        "compatible_pairs": len(all_pairs),
        "chosen": len(chosen),
        "confirmed_kept": len(confirmed),
        "confirmed_moved": moved,
        "filled": len(extra),
        "solver": status,
    }
    return Result(tuple(meetings), waitlist, stats)
