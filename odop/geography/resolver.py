"""The one district resolver: a State and a district name as a source spells it → LGD district.

Pure logic over an in-memory index (no ORM, no I/O); `geography.selectors.district_index_load`
builds the index from the database. Every importer and the officers' resolver page use it.

A wrong match is worse than none, so the resolver climbs from the strictest test to the loosest
and stops at the first step that names exactly one district. When a step names several, it says
so ("ambiguous") instead of picking one:

1. ``exact``  the spelling equals the LGD name, ignoring case, punctuation, "&"/"and",
              and the words "district" and "the";
2. ``alias``  it equals a known spelling of one district (former names, English names,
              spellings seen and accepted in earlier imports);
3. ``fuzzy``  token by token it is the same name: transliteration variants ("Thiruchirappalli"
              / "Tiruchirappalli"), initials ("G. B. Nagar" / "Gautam Buddha Nagar"), direction
              words in either language and order ("East Champaran" / "Purbi Champaran",
              "Dakshin Dinajpur" / "Dinajpur Dakshin"), typos in long words ("Karimnager"),
              and, weakest, a name whose words are all contained in the other ("Lakhimpur Kheri"
              / "Kheri").

A spelling with parentheses or a slash ("Kalaburagi (Gulbarga)", "Himmatnagar/Sabarkantha") is
tried as a whole and part by part; the parts must not point to different districts.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz

from odop.core.text import text_clean, text_key

# Words that carry no identity in a district name.
_NOISE_WORDS = frozenset({"district", "dist", "distt", "dt", "the", "zila", "jila", "ut"})

# Direction words in English and Hindi/Bengali/Odia spellings, reduced to one word each.
_DIRECTIONS = {
    "east": "east",
    "purbi": "east",
    "purba": "east",
    "purv": "east",
    "purva": "east",
    "poorvi": "east",
    "poorva": "east",
    "west": "west",
    "pashchim": "west",
    "paschim": "west",
    "pashchimi": "west",
    "paschimi": "west",
    "north": "north",
    "uttar": "north",
    "uttara": "north",
    "south": "south",
    "dakshin": "south",
    "dakshina": "south",
    "dakshini": "south",
    "central": "central",
    "madhya": "central",
}

# Words that tell two districts of one name apart: they must agree when both sides have them.
_QUALIFIERS = frozenset(
    {
        "east",
        "west",
        "north",
        "south",
        "central",
        "rural",
        "urban",
        "metro",
        "city",
        "suburban",
        "new",
        "old",
        "upper",
        "lower",
    }
)

_STATE_MIN_RATIO = 88.0  # a misspelt State name must be this close to one State ...
_STATE_MIN_MARGIN = 8.0  # ... and this much closer than to any other

_TYPO_MIN_LENGTH = 5  # only words this long may differ by a typo
_TYPO_MIN_RATIO = 85.0  # rapidfuzz ratio for two long words to count as one
_WHOLE_MIN_RATIO = 90.0  # ratio of the joined sound keys for a whole-name match


class MatchKind(StrEnum):
    """How a district was found (or that it was not)."""

    CODE = "code"
    EXACT = "exact"
    ALIAS = "alias"
    FUZZY = "fuzzy"
    UNRESOLVED = "unresolved"


class Failure(StrEnum):
    """Why the resolver could not decide."""

    UNKNOWN_STATE = "unknown_state"
    EMPTY_NAME = "empty_name"
    NO_CANDIDATE = "no_candidate"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class DistrictEntry:
    """One district as the resolver sees it: code, State, LGD name and other known spellings."""

    code: int
    state_code: int
    name: str
    aliases: tuple[str, ...] = ()
    provisional: bool = False


@dataclass(frozen=True)
class StateEntry:
    """One State/UT: code, LGD name and other known spellings."""

    code: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """The resolver's answer. `code` is None exactly when `match` is UNRESOLVED."""

    code: int | None
    match: MatchKind
    score: float = 0.0
    failure: Failure | None = None
    candidates: tuple[int, ...] = ()
    detail: str = ""

    @property
    def is_resolved(self) -> bool:
        return self.code is not None


def name_key(value: object) -> str:
    """The comparison key of a place name: `text_key` without noise words."""
    return " ".join(word for word in text_key(value).split() if word not in _NOISE_WORDS)


def _squeeze(value: str) -> str:
    """A name without spaces and without "and": "Daman & Diu" and "Daman Diu" → "damandiu"."""
    return "".join(word for word in name_key(value).split() if word != "and")


def _sound(word: str) -> str:
    """A transliteration-tolerant form of one word: "Thiruchirappalli" → "tirucirapali"."""
    word = _DIRECTIONS.get(word, word)
    if word.isdigit():
        return word
    word = word.replace("ph", "f").replace("w", "v").replace("z", "j").replace("q", "k")
    word = word.replace("y", "i").replace("ee", "i").replace("oo", "u")
    # Drop an "h" after a consonant (aspirates: bh, dh, kh, th, chh, sh ...).
    word = re.sub(r"(.)\1+", r"\1", word)
    word = re.sub(r"(?<=[bcdfgjklmnprstv])h", "", word)
    return re.sub(r"(.)\1+", r"\1", word)


def _skeleton(word: str) -> str:
    """The consonants of a sounded word: "mahesana" and "mehsana" both give "mhsn"."""
    return word[0] + re.sub(r"[aeiou]", "", word[1:])


def _qualifiers(value: str) -> frozenset[str]:
    words = [_DIRECTIONS.get(word, word) for word in name_key(value).split()]
    return frozenset(word for word in words if word in _QUALIFIERS or word.isdigit())


def _sound_tokens(value: str) -> tuple[str, ...]:
    return tuple(_sound(word) for word in name_key(value).split())


def spelling_variants(raw: str) -> tuple[str, ...]:
    """The whole spelling and its parts around parentheses and slashes, longest first."""
    cleaned = text_clean(raw)
    variants: list[str] = [cleaned]
    inside = [text_clean(part) for part in re.findall(r"\(([^)]*)\)", cleaned)]
    # "Kamrup (M)": a one- or two-letter bracket qualifies the name, it is not another name.
    if any(0 < len(name_key(part).replace(" ", "")) < 3 for part in inside):
        return (cleaned,)
    outside = text_clean(re.sub(r"\([^)]*\)", " ", cleaned))
    for piece in [outside, *inside]:
        variants.extend(text_clean(part) for part in piece.split("/"))
    seen: dict[str, None] = {}
    for variant in variants:
        # A one- or two-letter part ("R" in "Kamrup (R)") names nothing by itself.
        if len(name_key(variant).replace(" ", "")) >= 3:
            seen.setdefault(variant, None)
    return tuple(seen)


def _tokens_match(left: str, right: str, *, initials: bool = True) -> bool:
    if left == right:
        return True
    if len(left) == 1 or len(right) == 1:
        if not initials:
            return False
        return left[0] == right[0]  # an initial ("G." for "Gautam")
    if left.isdigit() or right.isdigit():
        return False
    if min(len(left), len(right)) >= _TYPO_MIN_LENGTH:
        if fuzz.ratio(left, right) >= _TYPO_MIN_RATIO:
            return True
        # Vowels are where transliterations differ most ("Dahod"/"Dohad", "Purnea"/"Purnia").
        skeleton = _skeleton(left)
        return len(skeleton) >= 3 and skeleton == _skeleton(right)
    return False


def _covered(needles: Sequence[str], haystack: Sequence[str], *, initials: bool = True) -> bool:
    """Every needle matches a distinct haystack token (greedy, exact matches first)."""
    free = list(haystack)
    for needle in sorted(needles, key=lambda token: (len(token) == 1, -len(token))):
        hit = next((i for i, token in enumerate(free) if token == needle), None)
        if hit is None:
            hit = next(
                (
                    i
                    for i, token in enumerate(free)
                    if _tokens_match(needle, token, initials=initials)
                ),
                None,
            )
        if hit is None:
            return False
        free.pop(hit)
    return True


def fuzzy_strength(spelling: str, known: str, *, ignore_qualifiers: bool = False) -> float:
    """How strongly two spellings name the same place: 2 = same words, 1 = one contains the
    other's words, 0 = no match. Pure and symmetric."""
    left, right = _sound_tokens(spelling), _sound_tokens(known)
    if not left or not right:
        return 0.0
    if len(left) == len(right) and _covered(left, right):
        return 2.0
    # Beyond word-for-word, "East X" and "West X" (or "X Urban" and "X") must never meet.
    if not ignore_qualifiers and _qualifiers(spelling) != _qualifiers(known):
        return 0.0
    joined_left, joined_right = "".join(sorted(left)), "".join(sorted(right))
    has_initials = any(len(token) == 1 for token in (*left, *right))
    if (
        not has_initials
        and min(len(joined_left), len(joined_right)) >= 6
        and (
            fuzz.ratio("".join(left), "".join(right)) >= _WHOLE_MIN_RATIO
            or fuzz.ratio(joined_left, joined_right) >= _WHOLE_MIN_RATIO
        )
    ):
        return 2.0
    shorter, longer = sorted((left, right), key=len)
    # The weakest test needs a real word (not only initials or numbers) on the shorter side.
    # Initials count only word for word: "B" in "Dr. B. R. Ambedkar" must not stand for "Bapatla".
    if any(len(token) >= 4 and not token.isdigit() for token in shorter) and _covered(
        shorter, longer, initials=False
    ):
        return 1.0
    return 0.0


@dataclass
class DistrictIndex:
    """Districts and States prepared for resolving: build once, then resolve many rows."""

    states: Sequence[StateEntry]
    districts: Sequence[DistrictEntry]
    _state_by_key: dict[str, set[int]] = field(init=False, default_factory=dict)
    _by_state: dict[int, list[DistrictEntry]] = field(init=False, default_factory=dict)
    _by_code: dict[int, DistrictEntry] = field(init=False, default_factory=dict)
    _cache: dict[tuple[int, str], Resolution] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for state in self.states:
            for spelling in (state.name, *state.aliases):
                self._state_by_key.setdefault(name_key(spelling), set()).add(state.code)
        for district in self.districts:
            self._by_state.setdefault(district.state_code, []).append(district)
            self._by_code[district.code] = district

    def district(self, code: int) -> DistrictEntry | None:
        """The district with this LGD code, if the index holds it."""
        return self._by_code.get(code)

    def add_district(self, entry: DistrictEntry) -> None:
        """Add a district (a provisional one created during an import) to the index."""
        self._by_state.setdefault(entry.state_code, []).append(entry)
        self._by_code[entry.code] = entry
        self._cache = {
            key: value for key, value in self._cache.items() if key[0] != entry.state_code
        }

    def state_codes(self, raw: str) -> set[int]:
        """Every State a State cell names. A cell may hold several names on separate lines."""
        codes: set[int] = set()
        for line in re.split(r"[\n\r]+", str(raw or "")):
            for variant in spelling_variants(line) or ((line,) if line.strip() else ()):
                found = self._state_by_key.get(name_key(variant)) or self._state_fuzzy(variant)
                if found:
                    codes |= found
                    break
            else:
                if line.strip():
                    return set()  # one unknown line makes the whole cell unknown
        return codes

    def _state_fuzzy(self, spelling: str) -> set[int]:
        """A misspelt State ("Uttar Predesh", "Tamilnadu", "Daman Diu"): one clear winner only."""
        target = _squeeze(spelling)
        if len(target) < 5:
            return set()
        scores: dict[int, float] = {}
        for key, codes in self._state_by_key.items():
            score = fuzz.ratio(target, _squeeze(key))
            for code in codes:
                scores[code] = max(scores.get(code, 0.0), score)
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < _STATE_MIN_RATIO:
            return set()
        if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - _STATE_MIN_MARGIN:
            return set()
        return {ranked[0][0]}

    def resolve(self, *, state_code: int | None, name: str) -> Resolution:
        """Resolve a district name within one State (see the module docstring for the steps)."""
        if state_code is None or state_code not in {state.code for state in self.states}:
            return Resolution(
                None,
                MatchKind.UNRESOLVED,
                failure=Failure.UNKNOWN_STATE,
                detail="State not recognised",
            )
        variants = spelling_variants(name)
        if not variants:
            return Resolution(
                None, MatchKind.UNRESOLVED, failure=Failure.EMPTY_NAME, detail="No district name"
            )
        cache_key = (state_code, text_clean(name))
        if cache_key not in self._cache:
            self._cache[cache_key] = self._resolve(self._by_state.get(state_code, []), variants)
        return self._cache[cache_key]

    def _near_misses(self, pool: Sequence[DistrictEntry], variants: Sequence[str]) -> Resolution:
        """No match: say which districts differ only by a qualifier ("Champaran" → East and
        West Champaran), so the officer knows what to add. Never a match by itself."""
        near = sorted(
            entry.code
            for entry in pool
            if any(
                fuzzy_strength(variant, spelling, ignore_qualifiers=True)
                for variant in variants
                for spelling in (entry.name, *entry.aliases)
            )
        )
        if len(near) > 1:
            return Resolution(
                None,
                MatchKind.UNRESOLVED,
                failure=Failure.AMBIGUOUS,
                candidates=tuple(near),
                detail="Several districts carry this name with a qualifier (east/west, ...)",
            )
        return Resolution(
            None,
            MatchKind.UNRESOLVED,
            failure=Failure.NO_CANDIDATE,
            candidates=tuple(near),
            detail="No district of the State has a similar name"
            if not near
            else "Only a district with another qualifier (east/west, urban/rural) is similar",
        )

    def _resolve(self, pool: Sequence[DistrictEntry], variants: Sequence[str]) -> Resolution:
        keys = [name_key(variant) for variant in variants]
        for kind, spellings_of in (
            (MatchKind.EXACT, lambda entry: (entry.name,)),
            (MatchKind.ALIAS, lambda entry: entry.aliases),
        ):
            hits = {
                entry.code
                for entry in pool
                if {name_key(spelling) for spelling in spellings_of(entry)} & set(keys)
            }
            if len(hits) == 1:
                return Resolution(hits.pop(), kind, score=100.0)
            if hits:
                return Resolution(
                    None,
                    MatchKind.UNRESOLVED,
                    failure=Failure.AMBIGUOUS,
                    candidates=tuple(sorted(hits)),
                    detail=f"{kind} spelling shared by several districts",
                )
        best: dict[int, float] = {}
        for entry in pool:
            strength = max(
                (
                    fuzzy_strength(variant, spelling)
                    for variant in variants
                    for spelling in (entry.name, *entry.aliases)
                ),
                default=0.0,
            )
            if strength:
                best[entry.code] = strength
        if not best:
            return self._near_misses(pool, variants)
        top = max(best.values())
        leaders = sorted(code for code, strength in best.items() if strength == top)
        if len(leaders) == 1:
            return Resolution(leaders[0], MatchKind.FUZZY, score=50.0 * top)
        return Resolution(
            None,
            MatchKind.UNRESOLVED,
            failure=Failure.AMBIGUOUS,
            candidates=tuple(leaders),
            detail="Several districts have similar names",
        )


def resolve_rows(
    index: DistrictIndex, rows: Iterable[tuple[str, str]]
) -> list[tuple[set[int], Resolution]]:
    """Resolve (State cell, district name) pairs; a cell naming two States is ambiguous."""
    answers = []
    for state_cell, district_name in rows:
        codes = index.state_codes(state_cell)
        if len(codes) != 1:
            answers.append(
                (
                    codes,
                    Resolution(
                        None,
                        MatchKind.UNRESOLVED,
                        failure=Failure.UNKNOWN_STATE,
                        detail="State not recognised" if not codes else "Several States named",
                    ),
                )
            )
            continue
        answers.append((codes, index.resolve(state_code=next(iter(codes)), name=district_name)))
    return answers
