"""The district resolver, as pure logic over a hand-made index (no database).

Issue #2: a wrong match is worse than none, so every step must refuse what it cannot decide.
"""

import pytest

from odop.geography.resolver import (
    DistrictEntry,
    DistrictIndex,
    Failure,
    MatchKind,
    StateEntry,
    fuzzy_strength,
    name_key,
    spelling_variants,
)

STATES = [
    StateEntry(10, "BIHAR"),
    StateEntry(21, "ODISHA", aliases=("Orissa",)),
    StateEntry(9, "UTTAR PRADESH"),
    StateEntry(18, "ASSAM"),
    StateEntry(19, "WEST BENGAL"),
    StateEntry(
        38,
        "THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU",
        aliases=("Dadra and Nagar Haveli", "Daman and Diu"),
    ),
    StateEntry(36, "TELANGANA"),
    StateEntry(24, "GUJARAT"),
]
DISTRICTS = [
    DistrictEntry(211, 10, "PASHCHIM CHAMPARAN"),
    DistrictEntry(213, 10, "PURBI CHAMPARAN"),
    DistrictEntry(214, 10, "PURNIA"),
    DistrictEntry(346, 21, "BALESHWAR", aliases=("Balasore",)),
    DistrictEntry(345, 21, "BALANGIR"),
    DistrictEntry(144, 9, "GAUTAM BUDDHA NAGAR"),
    DistrictEntry(157, 9, "KANPUR NAGAR"),
    DistrictEntry(156, 9, "KANPUR DEHAT"),
    DistrictEntry(159, 9, "KHERI"),
    DistrictEntry(291, 18, "KAMRUP"),
    DistrictEntry(618, 18, "KAMRUP METRO"),
    DistrictEntry(303, 19, "24 PARAGANAS NORTH"),
    DistrictEntry(304, 19, "24 PARAGANAS SOUTH"),
    DistrictEntry(310, 19, "DINAJPUR DAKSHIN"),
    DistrictEntry(465, 38, "DADRA AND NAGAR HAVELI"),
    DistrictEntry(522, 36, "WARANGAL"),
    DistrictEntry(686, 36, "HANUMAKONDA"),
    DistrictEntry(538, 24, "KACHCHH"),
    DistrictEntry(451, 24, "MAHESANA"),
    DistrictEntry(445, 24, "DOHAD"),
    DistrictEntry(458, 24, "SABAR KANTHA"),
]


@pytest.fixture
def index() -> DistrictIndex:
    return DistrictIndex(states=STATES, districts=DISTRICTS)


@pytest.mark.parametrize(
    ("state", "spelling", "code", "match"),
    [
        (10, "Purbi Champaran", 213, MatchKind.EXACT),
        (10, "purbi   champaran district", 213, MatchKind.EXACT),
        (21, "Balasore", 346, MatchKind.ALIAS),
        (10, "East Champaran", 213, MatchKind.FUZZY),  # direction word translated
        (10, "West Champaran", 211, MatchKind.FUZZY),
        (9, "G. B. Nagar", 144, MatchKind.FUZZY),  # initials
        (10, "Purnea", 214, MatchKind.FUZZY),  # vowel variant
        (24, "Kachch", 538, MatchKind.FUZZY),  # aspirate dropped
        (24, "Mehsana", 451, MatchKind.FUZZY),
        (24, "Dahod", 445, MatchKind.FUZZY),
        (24, "Himmatnagar/Sabarkantha", 458, MatchKind.FUZZY),  # slash, joined words
        (9, "Lakhimpur Kheri", 159, MatchKind.FUZZY),  # contains the LGD name
        (18, "Kamrup (M)", 618, MatchKind.FUZZY),  # bracket qualifier, not a name
        (18, "Kamrup(R)", 291, MatchKind.FUZZY),
        (19, "North 24 Parganas", 303, MatchKind.FUZZY),  # word order, spelling
        (19, "Dakshin Dinajpur", 310, MatchKind.FUZZY),
        (36, "Warangal Urban (Hanumakonda)", 686, MatchKind.EXACT),  # the bracket is the name
    ],
)
def test_resolves(
    index: DistrictIndex, state: int, spelling: str, code: int, match: MatchKind
) -> None:
    answer = index.resolve(state_code=state, name=spelling)
    assert (answer.code, answer.match) == (code, match)


def test_several_candidates_is_ambiguous_not_a_guess(index: DistrictIndex) -> None:
    answer = index.resolve(state_code=9, name="Kanpur")
    assert answer.code is None
    assert answer.failure == Failure.AMBIGUOUS
    assert answer.candidates == (156, 157)


def test_east_and_west_never_meet(index: DistrictIndex) -> None:
    """ "East X" must not fall back to "West X" by string similarity."""
    assert fuzzy_strength("East Champaran", "PASHCHIM CHAMPARAN") == 0.0
    assert index.resolve(state_code=19, name="24 Parganas East").code is None


def test_unknown_name_has_no_candidate(index: DistrictIndex) -> None:
    answer = index.resolve(state_code=10, name="Xyzabad")
    assert (answer.code, answer.failure) == (None, Failure.NO_CANDIDATE)


def test_name_is_only_looked_up_within_the_state(index: DistrictIndex) -> None:
    assert index.resolve(state_code=21, name="Patna").code is None
    assert index.resolve(state_code=10, name="Balasore").code is None


def test_unknown_state_and_empty_name(index: DistrictIndex) -> None:
    assert index.resolve(state_code=99, name="Patna").failure == Failure.UNKNOWN_STATE
    assert index.resolve(state_code=10, name="  ").failure == Failure.EMPTY_NAME


def test_initial_never_stands_for_a_whole_name(index: DistrictIndex) -> None:
    """ "B" in "B. R. Ambedkar" must not match "Balangir" (regression, issue #2)."""
    assert index.resolve(state_code=21, name="Dr. B. R. Ambedkar").code is None


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("Bihar", {10}),
        ("Orissa", {21}),  # former name (alias)
        ("Uttar Predesh", {9}),  # misspelt
        ("Dadra & Nagar Haveli (UT)\nDaman & Diu (UT)", {38}),  # two lines, one UT today
        ("Italy", set()),
        ("Bihar\nOdisha", {10, 21}),
    ],
)
def test_state_cells(index: DistrictIndex, cell: str, codes: set[int]) -> None:
    assert index.state_codes(cell) == codes


def test_spelling_variants_and_keys() -> None:
    assert spelling_variants("Kalaburagi (Gulbarga)") == (
        "Kalaburagi (Gulbarga)",
        "Kalaburagi",
        "Gulbarga",
    )
    assert spelling_variants("Kamrup (M)") == ("Kamrup (M)",)
    assert name_key("Lahaul & Spiti District") == "lahaul and spiti"


def test_missing_qualifier_is_ambiguous_with_the_candidates(index: DistrictIndex) -> None:
    answer = index.resolve(state_code=10, name="Champaran")
    assert (answer.code, answer.failure, answer.candidates) == (None, Failure.AMBIGUOUS, (211, 213))
