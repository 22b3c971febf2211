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

Words are compared through their transliterations (`word_fold`: "Jiraphul" is "Jeeraphool"),
word forms ("wooden", "brassware"), words written as one or two ("Tulai Panji", "Tulapanji")
and the reviewed glossary's translations (`gi_synonyms`: "pital" is brass).

A product is linked only when one GI clearly wins (score at least `LINK_MIN`, and `LINK_MARGIN`
above the next different GI, or at least `CLEAR_MIN` with no other GI within `CLEAR_MARGIN`
and a place in common);
a plausible but unclear best (`QUEUE_MIN`) goes to the officers'
queue with its candidates. Repeated registrations (logo marks) are one GI: callers pass the
first registration only (`gi_name_key` groups them).
"""

import functools
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
    "manufacturing": frozenset({"manufactured", "handicraft", "food_stuff", "natural_goods"}),
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
    """The outcome for one product: a link, a queue entry with candidates, or nothing.

    `more` are the further GIs of a listed name that names several goods, each its own GI
    ("Bardhaman Sitabhog - Mihidana"; see `gi_decide_listed`); `link` is then the first's.
    """

    link: GIRecord | None
    queue: tuple[GICandidate, ...]
    candidates: tuple[GICandidate, ...]
    more: tuple[GIRecord, ...] = ()

    @property
    def links(self) -> tuple[GIRecord, ...]:
        """Every GI linked, the primary one first."""
        return (self.link, *self.more) if self.link else ()


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


_LONG_VOWELS: Final = (("ee", "i"), ("oo", "u"), ("aa", "a"), ("au", "o"))
_ASPIRATED: Final = re.compile(r"([kgjtdbps])h")
_DOUBLED: Final = re.compile(r"(.)\1+")


@functools.cache
def word_fold(word: str) -> str:
    """One spelling for the Latin transliterations of one Indian word: long vowels written
    double, "au" for "o", "z" for "j", aspiration and doubled letters dropped ("Jeeraphool"
    and "Jiraphul" -> "jirapul", "Chinnaur" and "Chinnor" -> "chinor", "Risha" and "Risa",
    "Chakhao" and "Chakao", "Ikkat" and "Ikat", "Zardalu" and "Jardalu"). "ch" stays."""
    word = word.lower()
    for spelling, sound in _LONG_VOWELS:
        word = word.replace(spelling, sound)
    word = word.replace("chh", "ch").replace("z", "j")
    word = _ASPIRATED.sub(r"\1", word)
    return _DOUBLED.sub(r"\1", word)


def _words(text: str) -> list[str]:
    return [_stem(word) for word in text_key(text).split()]


_BRACKET: Final = re.compile(r"\(([^)]*)\)")
# A GI word that is another word plus one of these is that word's goods ("Brassware": brass).
_COMPOUND_ENDS: Final = ("ware", "work", "craft")


def gi_synonyms(groups: Iterable[Iterable[str]]) -> dict[str, frozenset[str]]:
    """Words that mean the same goods (a glossary row: "pital", "peetal", "brass"), as the
    matcher compares them: each single word of a group -> the group's other words. Phrases of
    several words are left out (the matcher compares words)."""
    result: dict[str, set[str]] = {}
    for group in groups:
        tokens = {_stem(word) for word in group if len(text_key(word).split()) == 1}
        tokens.discard("")
        for token in tokens:
            result.setdefault(token, set()).update(tokens - {token})
    return {token: frozenset(others) for token, others in result.items() if others}


def _phrase_in(phrase: str, text: str) -> bool:
    return bool(phrase) and re.search(rf"(?<![a-z]){re.escape(phrase)}", text) is not None


def _form_of(word: str, other: str) -> bool:
    """`word` and `other` are forms of one word: one a short ending away from the other
    ("wood"/"wooden", "mango"/"mangoe"), or a compound in -ware/-work/-craft ("brassware")."""
    short, long = sorted((word, other), key=len)
    if len(short) < 4 or not long.startswith(short):
        return False
    rest = long[len(short) :]
    return len(rest) <= 3 or rest in _COMPOUND_ENDS


def _word_found(
    word: str, vocabulary: set[str], synonyms: Mapping[str, frozenset[str]] | None = None
) -> bool:
    if word in vocabulary:
        return True
    folded = {word_fold(other) for other in vocabulary}
    if word_fold(word) in folded:
        return True  # another transliteration: "Jiraphul" / "Jeeraphool", "Risha" / "Risa"
    if synonyms and any(
        other in vocabulary or word_fold(other) in folded for other in synonyms.get(word, ())
    ):
        return True  # a translation: "pital" is brass, "bansuri" a flute
    if any(_form_of(word, other) for other in vocabulary):
        return True
    if len(word) < 5:
        return False
    return any(
        len(other) >= 5
        and word_fold(other[0]) == word_fold(word[0])
        and fuzz.ratio(word, other) >= 80
        for other in vocabulary
    )  # spellings: mircha / mirchi, jholokia / jolokia (never brass / grass;
    # zardalu / jardalu is one sound)


def _joined(words: list[str], vocabulary: set[str]) -> list[str]:
    """`words` with each pair of neighbours that the other side writes as one word joined
    ("Tulai Panji" / "Tulapanji", "Patch Work" / "Patchwork", "Chak - Hao" / "Chakao")."""
    result: list[str] = []
    index = 0
    while index < len(words):
        if index + 1 < len(words):
            pair = words[index] + words[index + 1]
            if len(pair) >= 6 and not (
                words[index] in vocabulary or words[index + 1] in vocabulary
            ):
                match = next(
                    (
                        other
                        for other in sorted(vocabulary)
                        if word_fold(other) == word_fold(pair)
                        or (len(other) >= 6 and fuzz.ratio(pair, other) >= 85)
                    ),
                    None,
                )
                if match is not None:
                    result.append(match)
                    index += 2
                    continue
        result.append(words[index])
        index += 1
    return result


def gi_candidate_score(
    product: ProductFacts,
    record: GIRecord,
    synonyms: Mapping[str, frozenset[str]] | None = None,
) -> GICandidate:
    """Score one GI for one product (see the module's docstring); `synonyms` are words that
    mean the same goods (`gi_synonyms` of the reviewed glossary)."""
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
    name_vocabulary = {word for name in product.names for word in _words(name)}
    # A GI name's bracket is another name of the same goods ("Goa Cashew (Kaju Or Caju)",
    # "Ratlam Riyawan Lahsun (Garlic)"): its words are a second way to say the product.
    main_name = _BRACKET.sub(" ", record.name)
    alternative = " ".join(_BRACKET.findall(record.name))
    main_words = _joined(_words(main_name), name_vocabulary)
    leading = main_words[0] if main_words else ""
    by_spelling = by_leading = False
    # The list's own name claims the GI's leading word ("Dharmavaram Silk Sarees" for
    # "Dharmavaram Handloom Pattu Sarees", "Pithora Painting" for "Pithora"): usually a
    # place or a craft's own name, as telling as the district. A GI that names another
    # district keeps its penalty ("Wooden Mask of Kushmandi" is not Alipurduar's "Wooden
    # Furniture").
    if place == 0.0 and len(leading) >= 5 and leading not in _GI_FILLER:
        listed = set(_joined(_words(product.names[0]), set(main_words))) if product.names else set()
        by_spelling = leading not in listed and word_fold(leading) in map(word_fold, listed)
        if leading in listed or by_spelling:
            place = 1.0  # the word still counts among the product words below
            by_leading = True
            reasons.append(f"listed name says {leading}")
    for key in sorted({text_key(region) for region in product.region_places if text_key(region)}):
        if _phrase_in(key, gi_text):
            place_words |= {_stem(word) for word in key.split()}
            if place == 0.0:  # never over a GI that names another district
                place = REGION_PLACE
                reasons.append(f"State {key}")

    def product_words(words: list[str]) -> list[str]:
        return [
            word
            for word in words
            if word not in _GI_FILLER and not any(word.startswith(p) for p in place_words)
        ]

    main_gi_words = product_words(main_words)
    alternative_words = product_words(_joined(_words(alternative), name_vocabulary))
    gi_words = main_gi_words + alternative_words
    description_vocabulary = set(_words(product.description))

    def cover(words: list[str]) -> float:
        found = 0.0
        for word in words:
            if _word_found(word, name_vocabulary, synonyms):
                found += 1.0
            elif _word_found(word, description_vocabulary, synonyms):
                found += DESCRIPTION_CREDIT
        return found / len(words) if words else 0.0

    gi_cover = cover(gi_words)
    main_cover = cover(main_gi_words) if main_gi_words else gi_cover
    # ... and the other way: how much of the product's best name the GI's words say (a GI
    # word that is an unknown place, "Mithila", then costs half, not all).
    gi_vocabulary = set(gi_words) | place_words  # "Basholi Pashmina" names Basohli too
    name_cover = 0.0
    for name in product.names:
        words = [word for word in _joined(_words(name), gi_vocabulary) if word not in _GI_FILLER]
        if words:
            hits = sum(1 for word in words if _word_found(word, gi_vocabulary, synonyms))
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
    # "Arunachal Pradesh Adi Kekir (Ginger)" for every district's ginger): at least half the
    # words of its name outside the bracket ("Goa Cashew", not "Adi Kekir").
    linkable = name_cover > 0 and (place != REGION_PLACE or main_cover >= 0.5)
    # A leading word shared with the listed name may be a town: when the listed name spells it
    # otherwise ("Bobilli Sarees" are not "Bobbili Veena") or the GI is goods of another class
    # (Krishna's "Bandar / Polavaram Sarees" are not "Bandar Laddu"), the GI's other words, if
    # it has any, must say the product too. (Same spelling and class: "Kondapalli Toys" is
    # "Kondapalli Bommallu", "Applique Work" is "Applique (Khatwa) Work of Bihar".)
    others = [word for word in gi_words if word != leading]
    town_only = by_spelling or (by_leading and not class_fit)
    if town_only and others and not cover(others):
        linkable = False
        reasons.append(f"only {leading} in common")
    # A GI known by its State's name and one generic word of two ("Sujini Embroidery Work of
    # Bihar" for Buxar's "Hand Embroidery", "Kashmir Willow Bat" for Ganderbal's "Wicker
    # Willow") is another product of the State: more than a single word's worth must agree.
    if place == REGION_PLACE and gi_cover + name_cover <= 1.0:
        linkable = False
        reasons.append("one word in common with a GI of the State")
    return GICandidate(
        record=record,
        score=round(max(score, 0.0), 4),
        product_share=round(product_share, 4),
        place=place,
        reasons=tuple(reasons),
        linkable=linkable,
    )


def gi_decide(
    product: ProductFacts,
    records: Iterable[GIRecord],
    *,
    top: int = 3,
    synonyms: Mapping[str, frozenset[str]] | None = None,
) -> GIDecision:
    """Link, queue or leave one product (see the module's docstring). Deterministic: ties
    break on the GI's id."""
    scored = sorted(
        (gi_candidate_score(product, record, synonyms) for record in records),
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
        or (best.score >= CLEAR_MIN and margin >= CLEAR_MARGIN and best.place > 0)
    ):
        return GIDecision(link=best.record, queue=(), candidates=candidates)
    queue = tuple(candidate for candidate in scored[:top] if candidate.score >= QUEUE_MIN)
    return GIDecision(link=None, queue=queue, candidates=candidates)


# What separates the goods of a listed name that lists several ("Chikan Craft & Zardozi",
# "Tangail, Jamdani Saree & Shantipore Saree", "Sitabhog - Mihidana", "Wood crafts/Temple
# imitiation", "Flute and Wooden Products"). A hyphen without spaces joins one name
# ("Rice- Jiraphul", "Chak-Hao") and is not a separator.
_LIST_SEPARATOR: Final = re.compile(r"\s*(?:&|,|/|\s-\s|\band\b)\s*", re.IGNORECASE)


def gi_listed_parts(name: str) -> tuple[str, ...]:
    """The goods a listed name lists, in its order: the name split on "&", ",", "/", " - "
    and " and ". A name that lists one thing gives one part; empty parts are dropped."""
    return tuple(part.strip() for part in _LIST_SEPARATOR.split(name) if part.strip())


def gi_decide_listed(
    product: ProductFacts,
    records: Iterable[GIRecord],
    *,
    top: int = 3,
    synonyms: Mapping[str, frozenset[str]] | None = None,
) -> GIDecision:
    """`gi_decide`, and for a listed name that names several goods, a link to each of their GIs.

    The product links to several GIs only when its listed name (`names[0]`) splits into two
    or more parts (`gi_listed_parts`), EACH part on its own clearly links (`gi_decide`'s rules,
    with the product's places and sector, and only the part as its name: neither the
    description nor the type's other names, which speak of the whole) and the parts' GIs are
    all different. Every part must link, so the whole name is covered: "Tangail, Jamdani Saree
    & Shantipore Saree" with no registered Jamdani of the State stays for an officer, and so
    does "Mango and its processed products". The first part's GI is the primary link.
    Otherwise the decision is `gi_decide`'s for the whole product.
    """
    records = list(records)
    whole = gi_decide(product, records, top=top, synonyms=synonyms)
    parts = gi_listed_parts(product.names[0]) if product.names else ()
    if len(parts) < 2:
        return whole
    linked: list[GIRecord] = []
    for part in parts:
        decision = gi_decide(
            ProductFacts(
                names=(part,),
                sector=product.sector,
                places=product.places,
                other_places=product.other_places,
                region_places=product.region_places,
            ),
            records,
            synonyms=synonyms,
        )
        if decision.link is None or decision.link in linked:
            return whole
        linked.append(decision.link)
    return GIDecision(link=linked[0], queue=(), candidates=whole.candidates, more=tuple(linked[1:]))


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
