"""Which meetings to hold: a min-cost flow that is fair first, then good, then many.

Pure. The network: a source feeds each seller through parallel arcs of capacity 1 (one per
meeting the seller may have), each seller reaches each compatible buyer by an arc of capacity 1
(a pair meets once), each buyer drains to the sink through parallel arcs too. A bypass arc lets
flow skip meetings, so every cost below is a *gain* made negative, and the cheapest flow is:

1. the most sellers with at least one meeting (the first arc of each seller carries FAIR, larger
   than everything else can add up to, so no amount of extra meetings buys a seller's only one);
2. then the most meetings, each worth BASE plus its quality (quality < BASE);
3. spread: a participant's k-th meeting costs SPREAD × k more than the first (convex costs via
   parallel arcs), so among equal choices meetings go to those who have fewer.

The total is limited to slots × tables (the venue cannot hold more) by a gate arc.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ortools.graph.python import min_cost_flow

from .spec import Participant, Problem

BASE = 1000
QUALITY_MAX = 99  # quality is clipped so that one more meeting always beats a better one
SPREAD = 1


@dataclass(frozen=True)
class Pair:
    """A compatible buyer-seller pair and how good a match it is."""

    buyer: str
    seller: str
    quality: int
    common_slots: tuple[str, ...]


def pair_quality(interests: Iterable[str], products: Iterable[str]) -> int:
    """Shared HS4 headings, plus one for each exact 6-digit code both name: 0 = incompatible."""
    interests, products = set(interests), set(products)
    headings = {code[:4] for code in interests} & {code[:4] for code in products}
    exact = {code for code in interests & products if len(code) == 6}
    return min(QUALITY_MAX, len(headings) + len(exact)) if headings else 0


def effective_cap(person: Participant) -> int:
    """A participant cannot meet more often than their cap or their free slots allow."""
    return min(person.max_meetings, len(person.available))


def pairs_compatible(problem: Problem) -> list[Pair]:
    """Every pair that could meet: compatible codes and a slot both are free in."""
    by_heading: dict[str, list[Participant]] = {}
    for seller in problem.sellers:
        for heading in {code[:4] for code in seller.codes}:
            by_heading.setdefault(heading, []).append(seller)
    slot_order = {slot: index for index, slot in enumerate(problem.slots)}
    pairs: list[Pair] = []
    for buyer in problem.buyers:
        candidates: dict[str, Participant] = {}
        for heading in {code[:4] for code in buyer.codes}:
            for seller in by_heading.get(heading, []):
                candidates[seller.id] = seller
        buyer_slots = set(buyer.available)
        for seller in sorted(candidates.values(), key=lambda s: s.id):
            common = sorted(buyer_slots & set(seller.available), key=slot_order.__getitem__)
            if common:
                quality = pair_quality(buyer.codes, seller.codes)
                pairs.append(Pair(buyer.id, seller.id, quality, tuple(common)))
    return pairs


def meetings_choose(
    problem: Problem,
    pairs: list[Pair],
    *,
    used: Mapping[str, int] | None = None,
    capacity: int | None = None,
) -> list[Pair]:
    """The pairs to schedule. `used` counts meetings participants already have (confirmed ones:
    they come off the caps, and a seller with one already counts as served); `capacity` is how
    many more meetings the venue holds (default slots × tables)."""
    used = used or {}
    capacity = len(problem.slots) * problem.tables if capacity is None else capacity
    caps = {p.id: effective_cap(p) - used.get(p.id, 0) for p in (*problem.buyers, *problem.sellers)}
    pairs = [p for p in pairs if caps[p.buyer] > 0 and caps[p.seller] > 0]
    if not pairs or capacity <= 0:
        return []
    sellers = sorted({p.seller for p in pairs})
    buyers = sorted({p.buyer for p in pairs})
    fair = 1 + sum(caps[s] for s in sellers) * (BASE + QUALITY_MAX)
    # Nodes: 0 top, 1 gate, 2 sink, then sellers, then buyers.
    top, gate, sink = 0, 1, 2
    node = {name: 3 + i for i, name in enumerate(sellers)}
    node.update({name: 3 + len(sellers) + i for i, name in enumerate(buyers)})
    supply = sum(caps[s] for s in sellers)
    graph = min_cost_flow.SimpleMinCostFlow()
    graph.add_arc_with_capacity_and_unit_cost(top, sink, supply, 0)  # meetings not held
    graph.add_arc_with_capacity_and_unit_cost(top, gate, min(capacity, supply), 0)
    for seller in sellers:
        for k in range(caps[seller]):
            first = fair if k == 0 and used.get(seller, 0) == 0 else 0
            graph.add_arc_with_capacity_and_unit_cost(gate, node[seller], 1, -first + SPREAD * k)
    for buyer in buyers:
        for k in range(caps[buyer]):
            graph.add_arc_with_capacity_and_unit_cost(node[buyer], sink, 1, SPREAD * k)
    pair_arcs: list[tuple[int, Pair]] = []
    for pair in pairs:
        arc = graph.add_arc_with_capacity_and_unit_cost(
            node[pair.seller], node[pair.buyer], 1, -(BASE + pair.quality)
        )
        pair_arcs.append((arc, pair))
    graph.set_node_supply(top, supply)
    graph.set_node_supply(sink, -supply)
    status = graph.solve()
    if status != graph.OPTIMAL:  # cannot happen on this network; say so loudly if it does
        raise RuntimeError(f"min-cost flow ended with status {status}")
    return [pair for arc, pair in pair_arcs if graph.flow(arc) > 0]
