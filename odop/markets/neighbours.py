"""New products for a district: the product-space neighbours of the products it already makes.

Pure functions (house style rule 7): no ORM, no I/O. The Atlas of Economic Complexity reads the
product space this way (Hidalgo et al. 2007, *Science* 317: 482–487; Hausmann et al. 2014, *The
Atlas of Economic Complexity*, ch. 5): capabilities that make one product are close to those that
make the products near it (high proximity φ), and the more complex (higher PCI) of those
neighbours are the ones worth moving to.

Each candidate is a product linked to at least one of the district's products ("seeds") and not
a seed itself. It is ranked by the mean of two ranks among the candidates: its proximity to the
nearest seed (higher first) and its PCI (higher first; a candidate with no PCI comes last on that
rank). Using ranks rather than a weighted sum keeps the two scales (φ in (0, 1], PCI a z-score)
from needing a made-up weight, and the reasons say both ranks.

With the country's export vector (its binary M over the same products, and density/COG from the
full proximity matrix, e.g. from `odop complexity` on a BACI year), candidates the country
already exports with RCA ≥ 1 are marked and density and COG are reported alongside.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Link:
    """Proximity between two products (each unordered pair once)."""

    product_a: str
    product_b: str
    proximity: float


@dataclass(frozen=True, slots=True)
class CountryPosition:
    """The country's standing in one product: exported with comparative advantage (M = 1),
    density (share of nearby capability it has) and complexity outlook gain."""

    m: bool
    density: float | None
    cog: float | None


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A product next to the district's products, with what puts it there."""

    product: str
    nearest_seed: str
    proximity: float
    pci: float | None
    proximity_rank: int
    pci_rank: int | None
    score: float  # mean of the two ranks (lower is better)
    seeds_linked: int  # how many of the district's products it is linked to
    position: CountryPosition | None


def neighbours_rank(
    links: Iterable[Link],
    *,
    seeds: Iterable[str],
    pci: Mapping[str, float],
    top: int = 10,
    min_proximity: float = 0.0,
    positions: Mapping[str, CountryPosition] | None = None,
) -> tuple[Neighbour, ...]:
    """The `top` neighbours of `seeds` (product codes), best first (lowest mean rank, then
    higher proximity, then code). Links weaker than `min_proximity` are ignored."""
    if top < 1:
        raise ValueError("top must be at least 1")
    seed_set = set(seeds)
    best: dict[str, tuple[float, str]] = {}
    linked: dict[str, set[str]] = {}
    for link in links:
        if link.proximity < min_proximity or link.proximity <= 0:
            continue
        for seed, other in ((link.product_a, link.product_b), (link.product_b, link.product_a)):
            if seed in seed_set and other not in seed_set:
                linked.setdefault(other, set()).add(seed)
                current = best.get(other)
                # Keep the strongest link; on a tie, the smaller seed code (stable output).
                if current is None or (-link.proximity, seed) < (-current[0], current[1]):
                    best[other] = (link.proximity, seed)
    if not best:
        return ()
    by_proximity = sorted(best, key=lambda code: (-best[code][0], code))
    proximity_rank = {code: position for position, code in enumerate(by_proximity, start=1)}
    with_pci = sorted((code for code in best if code in pci), key=lambda code: (-pci[code], code))
    pci_rank = {code: position for position, code in enumerate(with_pci, start=1)}
    unranked_pci = len(with_pci) + 1  # no PCI: after every candidate that has one
    neighbours = [
        Neighbour(
            product=code,
            nearest_seed=best[code][1],
            proximity=best[code][0],
            pci=pci.get(code),
            proximity_rank=proximity_rank[code],
            pci_rank=pci_rank.get(code),
            score=(proximity_rank[code] + pci_rank.get(code, unranked_pci)) / 2,
            seeds_linked=len(linked[code]),
            position=positions.get(code) if positions is not None else None,
        )
        for code in best
    ]
    neighbours.sort(key=lambda item: (item.score, -item.proximity, item.product))
    return tuple(neighbours[:top])
