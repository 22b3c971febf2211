"""Which registered GI is a district product? (issue 13; pure: no ORM, no I/O)

Every district product, GI-flagged or not, is compared with the GI registry entries of its State.
A GI's name is read as place words plus product words ("Bhagalpur Silk": the place "Bhagalpur",
the product "silk"; "Banarasi Brocades and Saree": "Banaras", "brocade saree"). A candidate
earns:

* product words: the share of the GI's product words found in the product's names (as listed,
  its type's name and synonyms) or, with less weight, in its description, averaged with the
  share of the product's best name that the GI's words say;
* place: the GI names the product's district under any of its names (LGD name, spellings, HQ
  town, historic and regional names from `data/gi_places.csv`); a GI that names another
  district of the State loses instead;
* the class of goods agreeing with the product's sector.

A product is linked only when one GI clearly wins (score at least `LINK_MIN`, and `LINK_MARGIN`
above the next different GI, or at least `CLEAR_MIN` with no other GI within `CLEAR_MARGIN`);
a plausible but unclear best (`QUEUE_MIN`) goes to the officers'
queue with its candidates. Repeated registrations (logo marks) are one GI: callers pass the
first registration only (`gi_name_key` groups them).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from rapidfuzz import fuzz

from odop.core.text import text_key

LINK_MIN: Final = 0.62
LINK_MARGIN: Final = 0.12
QUEUE_MIN: Final = 0.40

PRODUCT_WEIGHT: Final = 0.55
PLACE_WEIGHT: Final = 0.35
CLASS_WEIGHT: Final = 0.10
DESCRIPTION_CREDIT: Final = 0.6  # a GI word found only in the description counts this much
OTHER_PLACE_PENALTY: Final = 0.25
REGION_PLACE: Final = 0.5  # a GI named after the State fits each district a little less
CLEAR_MIN: Final = 0.5  # ... or a lower best that no other GI comes near
CLEAR_MARGIN: Final = 0.25

# Words of GI names that say neither the place nor the product.
_GI_FILLER: Final = frozenset(
    [
        "of",
        "or",
        "the",
        "and",
        "logo",
        "in",
        "from",
        "a",
        "s",
        "work",
        "works",
        "art",
        "arts",
        "craft",
        "crafts",
        "handicraft",
        "handicrafts",
        "product",
        "products",
        "item",
        "items",
        "traditional",
    ]
)

# Which GI classes of goods fit each sector of the national list.
SECTOR_CLASSES: Final[Mapping[str, frozenset[str]]] = {
    "agriculture": frozenset({"agricultural", "food_stuff", "natural_goods"}),
    "food_processing": frozenset({"food_stuff", "agricultural", "manufactured"}),
    "dairy": frozenset({"food_stuff", "agricultural"}),
    "marine": frozenset({"agricultural", "food_stuff", "natural_goods"}),
    "handicraft": frozenset({"handicraft", "manufactured", "natural_goods"}),
    "handloom": frozenset({"handicraft", "manufactured"}),
    "textile": frozenset({"handicraft", "manufactured"}),
    "manufacturing": frozenset({"manufactured", "handicraft", "food_stuff"}),
}


@dataclass(frozen=True)
class GIRecord:
    """One GI of the registry as the matcher sees it."""

    id: int
    name: str
    goods_class: str


@dataclass(frozen=True)
class ProductFacts:
    """What is known about one district product.

    `places` are every name of the product's district (LGD name, spellings, HQ town, historic
    and regional names); `other_places` the names of the State's other districts;
    `region_places` the names of its State ("Bihar", "Arunachal"), which a GI registered for a
    whole State ("Shahi Litchi of Bihar") uses.
    """

    names: tuple[str, ...]
    description: str = ""
    sector: str = ""
    places: tuple[str, ...] = ()
    other_places: tuple[str, ...] = ()
    region_places: tuple[str, ...] = ()


@dataclass(frozen=True)
class GICandidate:
    """One GI scored for one product, with why."""

    record: GIRecord
    score: float
    product_share: float
    place: float
    reasons: tuple[str, ...] = field(default=())
    linkable: bool = True


@dataclass(frozen=True)
class GIDecision:
    """The outcome for one product: a link, a queue entry with candidates, or nothing."""

    link: GIRecord | None
    queue: tuple[GICandidate, ...]
    candidates: tuple[GICandidate, ...]


def gi_name_key(name: str) -> str:
    """A GI name without the registry's "(Logo)" marks, which register the same GI again."""
    return " ".join(word for word in text_key(name).split() if word != "logo")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxh":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_stem(word) for word in text_key(text).split()]


def _phrase_in(phrase: str, text: str) -> bool:
    return bool(phrase) and re.search(rf"(?<![a-z]){re.escape(phrase)}", text) is not None


def _word_found(word: str, vocabulary: set[str]) -> bool:
    if word in vocabulary:
        return True
    if len(word) < 5:
        return False
    return any(
        len(other) >= 5 and fuzz.ratio(word, other) >= 80 for other in vocabulary
    )  # spellings: mircha / mirchi, jholokia / jolokia


def gi_candidate_score(product: ProductFacts, record: GIRecord) -> GICandidate:
    """Score one GI for one product (see the module's docstring)."""
    gi_text = " " + gi_name_key(record.name) + " "
    place_keys = sorted({text_key(place) for place in product.places if text_key(place)}, key=len)
    other_keys = {text_key(place) for place in product.other_places if text_key(place)}
    other_keys -= set(place_keys)
    place_words: set[str] = set()
    place = 0.0
    reasons: list[str] = []
    for key in place_keys:
        # "Banaras" also matches "Banarasi": the adjective of a place names it too.
        if _phrase_in(key, gi_text):
            place = 1.0
            place_words |= {_stem(word) for word in key.split()}
            reasons.append(f"place {key}")
    own_names = " ".join(text_key(name) for name in product.names)
    for key in sorted(other_keys):
        if not _phrase_in(key, gi_text) or any(key in mine for mine in place_keys):
            continue
        place_words |= {_stem(word) for word in key.split()}
        if _phrase_in(key, own_names) or any(
            fuzz.ratio(key, word) >= 85 for word in own_names.split() if len(key) >= 5
        ):
            # The product's own name claims the place (Madhubani painting made in Darbhanga).
            place = max(place, 1.0)
            reasons.append(f"named place {key}")
        elif place == 0.0:
            place = -OTHER_PLACE_PENALTY / PLACE_WEIGHT
            reasons.append(f"names another district: {key}")
    # The list's own name claims the GI's leading word ("Dharmavaram Silk Sarees" for
    # "Dharmavaram Handloom Pattu Sarees", "Pithora Painting" for "Pithora"): usually a
    # place or a craft's own name, as telling as the district.
    leading = _words(record.name)[0] if _words(record.name) else ""
    if place <= 0.0 and len(leading) >= 5 and leading not in _GI_FILLER:
        listed = {word for word in _words(product.names[0])} if product.names else set()
        if leading in listed:
            place = 1.0  # the word still counts among the product words below
            reasons.append(f"listed name says {leading}")
    for key in sorted({text_key(region) for region in product.region_places if text_key(region)}):
        if _phrase_in(key, gi_text):
            place_words |= {_stem(word) for word in key.split()}
            if place <= 0.0:
                place = REGION_PLACE
                reasons.append(f"State {key}")
    gi_words = [
        word
        for word in _words(record.name)
        if word not in _GI_FILLER and not any(word.startswith(p) for p in place_words)
    ]
    name_vocabulary = {word for name in product.names for word in _words(name)}
    description_vocabulary = set(_words(product.description))
    found = 0.0
    for word in gi_words:
        if _word_found(word, name_vocabulary):
            found += 1.0
        elif _word_found(word, description_vocabulary):
            found += DESCRIPTION_CREDIT
    gi_cover = found / len(gi_words) if gi_words else 0.0
    # ... and the other way: how much of the product's best name the GI's words say (a GI
    # word that is an unknown place, "Mithila", then costs half, not all).
    gi_vocabulary = set(gi_words) | place_words  # "Basholi Pashmina" names Basohli too
    name_cover = 0.0
    for name in product.names:
        words = [word for word in _words(name) if word not in _GI_FILLER]
        if words:
            hits = sum(1 for word in words if _word_found(word, gi_vocabulary))
            name_cover = max(name_cover, hits / len(words))
    joined_gi = "".join(gi_words)
    for name in product.names:
        joined = "".join(word for word in _words(name) if word not in _GI_FILLER)
        if len(joined_gi) >= 6 and fuzz.ratio(joined, joined_gi) >= 85:
            gi_cover = name_cover = 1.0  # "Bidari ware" / "Bidriware"
    product_share = (gi_cover + name_cover) / 2 if gi_cover else 0.0
    fits = SECTOR_CLASSES.get(product.sector)
    class_fit = 1.0 if fits is None or record.goods_class in fits else 0.0
    if not class_fit:
        reasons.append("class of goods does not fit the sector")
    score = PRODUCT_WEIGHT * product_share + PLACE_WEIGHT * place + CLASS_WEIGHT * class_fit
    # A link needs the listed names to share a word with the GI (a description alone, or a
    # generic "Handicraft Items" of a district with several GIs, only queues), and a GI known
    # only by its State's name must be wholly about the product ("Arunachal Orange", not
    # "Arunachal Pradesh Adi Kekir (Ginger)" for every district's ginger): at least half its words.
    linkable = name_cover > 0 and (place != REGION_PLACE or gi_cover >= 0.5)
    return GICandidate(
        record=record,
        score=round(max(score, 0.0), 4),
        product_share=round(product_share, 4),
        place=place,
        reasons=tuple(reasons),
        linkable=linkable,
    )


def gi_decide(product: ProductFacts, records: Iterable[GIRecord], *, top: int = 3) -> GIDecision:
    """Link, queue or leave one product (see the module's docstring). Deterministic: ties
    break on the GI's id."""
    scored = sorted(
        (gi_candidate_score(product, record) for record in records),
        key=lambda candidate: (-candidate.score, candidate.record.id),
    )
    # No product word in common: a place alone never makes a GI ("Bhagalpur" honey is not
    # Bhagalpur silk).
    # Candidates shown to officers include a GI of the district with no word in common
    # ("Kandhamal Haladi" for Kandhamal's "Turmeric": a translation the matcher lacks).
    candidates = tuple(c for c in scored if c.product_share > 0 or c.place > 0)[:top]
    scored = [candidate for candidate in scored if candidate.product_share > 0]
    if not scored or scored[0].score < QUEUE_MIN:
        return GIDecision(link=None, queue=(), candidates=candidates)
    best = scored[0]
    runner_up = scored[1].score if len(scored) > 1 else 0.0
    margin = best.score - runner_up
    if best.linkable and (
        (best.score >= LINK_MIN and margin >= LINK_MARGIN)
        or (best.score >= CLEAR_MIN and margin >= CLEAR_MARGIN)
    ):
        return GIDecision(link=best.record, queue=(), candidates=candidates)
    queue = tuple(candidate for candidate in scored[:top] if candidate.score >= QUEUE_MIN)
    return GIDecision(link=None, queue=queue, candidates=candidates)


@dataclass(frozen=True)
class GIRegistration:
    """One row of the GI registry, as the grouping rule sees it."""

    id: int
    serial: int
    name: str
    goods_class: str
    states: frozenset[int]


def gi_canonical_key(registration: GIRegistration) -> tuple[str, str, frozenset[int]]:
    """Registrations with the same name (logo marks and spelling aside), class of goods and
    States are one GI."""
    return (gi_name_key(registration.name), registration.goods_class, registration.states)


def gi_canonical_ids(registrations: Iterable[GIRegistration]) -> dict[int, int]:
    """Each registration's canonical GI: the earliest registration (lowest serial, then id)
    with the same canonical key."""
    first: dict[tuple[str, str, frozenset[int]], GIRegistration] = {}
    ordered = sorted(registrations, key=lambda r: (r.serial, r.id))
    for registration in ordered:
        first.setdefault(gi_canonical_key(registration), registration)
    return {r.id: first[gi_canonical_key(r)].id for r in ordered}
