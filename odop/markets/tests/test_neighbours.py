"""Product-space neighbours as new products (`markets.neighbours`, pure). Ref: #4."""

import pytest

from odop.markets.neighbours import CountryPosition, Link, neighbours_rank

LINKS = [
    Link("A", "X", 0.6),
    Link("A", "Y", 0.4),
    Link("B", "Y", 0.5),  # Y is linked to both seeds; its nearest is B (0.5)
    Link("B", "Z", 0.3),
    Link("A", "B", 0.9),  # seed to seed: never a candidate
    Link("X", "W", 0.8),  # two steps away: not a neighbour
]
PCI = {"X": -0.5, "Y": 1.2, "Z": 0.4}


def test_ranks_by_mean_of_proximity_and_complexity_ranks() -> None:
    ranked = neighbours_rank(LINKS, seeds=["A", "B"], pci=PCI)
    # proximity ranks: X 1 (0.6), Y 2 (0.5), Z 3 (0.3); PCI ranks: Y 1, Z 2, X 3
    # means: X 2.0, Y 1.5, Z 2.5
    assert [n.product for n in ranked] == ["Y", "X", "Z"]
    y = ranked[0]
    assert (y.nearest_seed, y.proximity, y.proximity_rank, y.pci_rank, y.score) == (
        "B",
        0.5,
        2,
        1,
        1.5,
    )
    assert y.seeds_linked == 2 and ranked[1].seeds_linked == 1
    assert "W" not in {n.product for n in ranked} and "B" not in {n.product for n in ranked}


def test_missing_pci_ranks_last_on_complexity_and_top_limits() -> None:
    ranked = neighbours_rank(LINKS, seeds=["A", "B"], pci={"Z": 0.4}, top=2)
    # PCI ranks: Z 1, X and Y none (2); means: X (1+2)/2=1.5, Y (2+2)/2=2, Z (3+1)/2=2
    assert [n.product for n in ranked] == ["X", "Y"]  # Y before Z: higher proximity
    assert ranked[0].pci is None and ranked[0].pci_rank is None


def test_min_proximity_positions_and_no_links() -> None:
    positions = {"X": CountryPosition(m=True, density=0.4, cog=0.1)}
    ranked = neighbours_rank(LINKS, seeds=["A"], pci=PCI, min_proximity=0.5, positions=positions)
    # B is a candidate now (A is the only seed); Y (0.4) is below the floor. B and X tie on
    # the mean rank (1.5) and B's higher proximity puts it first.
    assert [(n.product, n.position) for n in ranked] == [("B", None), ("X", positions["X"])]
    assert neighbours_rank(LINKS, seeds=["Q"], pci=PCI) == ()
    with pytest.raises(ValueError):
        neighbours_rank(LINKS, seeds=["A"], pci=PCI, top=0)
