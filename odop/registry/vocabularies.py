"""Controlled vocabularies of the national list: free-text spellings → one value each.

Pure functions; the importer keeps the source spelling beside the value these return.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from odop.core.text import text_clean, text_key
from odop.registry.models import Category, GoodsClass, Sector

_CATEGORY = {
    "primary": Category.PRIMARY,
    "secondary": Category.SECONDARY,
    "tertiary": Category.TERTIARY,
    "other": Category.OTHERS,
    "others": Category.OTHERS,
}

_SECTOR = {
    "agriculture": Sector.AGRICULTURE,
    "agricultural": Sector.AGRICULTURE,
    "food processing": Sector.FOOD_PROCESSING,
    "handicraft": Sector.HANDICRAFT,
    "handicrafts": Sector.HANDICRAFT,
    "handloom": Sector.HANDLOOM,
    "handlooms": Sector.HANDLOOM,
    "textile": Sector.TEXTILE,
    "textiles": Sector.TEXTILE,
    "manufacturing": Sector.MANUFACTURING,
    "marine": Sector.MARINE,
    "fisheries": Sector.MARINE,
    "dairy": Sector.DAIRY,
    "other": Sector.OTHERS,
    "others": Sector.OTHERS,
}

_GOODS = {
    "agricultural": GoodsClass.AGRICULTURAL,
    "agriculture": GoodsClass.AGRICULTURAL,
    "handicraft": GoodsClass.HANDICRAFT,
    "handicrafts": GoodsClass.HANDICRAFT,
    "manufactured": GoodsClass.MANUFACTURED,
    "food stuff": GoodsClass.FOOD_STUFF,
    "foodstuff": GoodsClass.FOOD_STUFF,
    "natural": GoodsClass.NATURAL_GOODS,
    "natural goods": GoodsClass.NATURAL_GOODS,
}

_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})

_MINISTRY_MIN_RATIO = 92.0  # "Minsitry of Textile" → "Ministry of Textiles"


def category_normalise(value: str) -> Category | None:
    """ "Secondary " → secondary; None when the spelling is not a known category."""
    return _CATEGORY.get(text_key(value))


def sector_normalise(value: str) -> Sector | None:
    """ "handlooms" → handloom; None when unknown."""
    return _SECTOR.get(text_key(value))


def goods_class_normalise(value: str) -> GoodsClass | None:
    """The GI registry's "Handicrafts", "Food stuff", "Natural" → its five classes."""
    return _GOODS.get(text_key(value))


def yes_no_normalise(value: str) -> bool | None:
    """ "NO ", "yes" → a boolean; None when the cell says neither."""
    key = text_key(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


@cache
def _ministry_table() -> tuple[dict[str, str], tuple[str, ...]]:
    path = Path(__file__).resolve().parent / "data" / "ministries.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_key = {text_key(row["spelling"]): row["canonical"] for row in rows}
    by_key.update({text_key(row["canonical"]): row["canonical"] for row in rows})
    return by_key, tuple(sorted({row["canonical"] for row in rows}))


def ministry_normalise(value: str) -> str:
    """One canonical name per ministry or department; an unknown one keeps its own (cleaned)
    name. Empty input gives ""."""
    cleaned = text_clean(value).rstrip(".").strip()
    if not cleaned:
        return ""
    by_key, canonical = _ministry_table()
    key = text_key(cleaned)
    if key in by_key:
        return by_key[key]
    best = max(canonical, key=lambda name: fuzz.ratio(key, text_key(name)))
    if fuzz.ratio(key, text_key(best)) >= _MINISTRY_MIN_RATIO:
        return best
    return cleaned


def product_type_key(name: str) -> str:
    """Two names of one product type share this key: spellings ("Marine Products" / "Marine
    products") and the synonyms of the reviewed table ("Makhana" / "Makhana (Foxnut)")."""
    synonym = product_type_synonyms().get(text_key(name))
    return text_key(synonym.type_name) if synonym else text_key(name)


@dataclass(frozen=True)
class ProductTypeSynonym:
    """One name of the national list that the reviewed table files under a canonical type."""

    name: str
    type_name: str
    reason: str


def product_type_table_check(rows: list[dict[str, str]]) -> list[ProductTypeSynonym]:
    """The rows of `product_types.csv` as synonyms, refused (ValueError) if the table is wrong.

    A name may be filed once only (names that differ only in case or punctuation are one
    name, already one type), and a type's own name may not be filed under another
    type (no chains: every name reaches its type in one step). Every row needs a reason.
    """
    synonyms: list[ProductTypeSynonym] = []
    type_of: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        name, type_name = text_clean(row.get("name")), text_clean(row.get("type"))
        reason = text_clean(row.get("reason"))
        if not (name and type_name and reason):
            raise ValueError(f"product_types.csv row {number}: type, name and reason are needed")
        key = text_key(name)
        if key in type_of and type_of[key] != text_key(type_name):
            raise ValueError(
                f"product_types.csv row {number}: “{name}” is already filed under another type"
            )
        type_of[key] = text_key(type_name)
        synonyms.append(ProductTypeSynonym(name=name, type_name=type_name, reason=reason))
    for key, type_key in type_of.items():
        if type_key in type_of and type_of[type_key] != type_key:
            raise ValueError(
                f"product_types.csv: the type of “{key}” is itself filed under another type"
            )
    return synonyms


@cache
def product_type_synonyms() -> dict[str, ProductTypeSynonym]:
    """The reviewed table of product names that are one type (`data/product_types.csv`), by the
    name's key. Names not in it are their own type."""
    path = Path(__file__).resolve().parent / "data" / "product_types.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {text_key(synonym.name): synonym for synonym in product_type_table_check(rows)}


def product_name_key(name: str) -> str:
    """The key of a name exactly as written, before synonyms (for "same row twice" checks)."""
    return text_key(name)


def product_type_name(name: str) -> str:
    """The canonical name of the type that `name` belongs to ("Makhana" → "Makhana (Fox Nut)");
    a name outside the reviewed table is its own type's name (cleaned)."""
    synonym = product_type_synonyms().get(text_key(name))
    return synonym.type_name if synonym else text_clean(name)


@cache
def gi_places() -> dict[tuple[str, int], tuple[str, ...]]:
    """Historic, regional and craft-town names of districts and States as GI names use them
    ("Banaras" for Varanasi, "Mizo" for Mizoram), by ("district" or "state", LGD code): the
    reviewed table `data/gi_places.csv` (each row's source in its note)."""
    path = Path(__file__).resolve().parent / "data" / "gi_places.csv"
    names: dict[tuple[str, int], list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            level, code = text_clean(row.get("level")), text_clean(row.get("lgd_code"))
            place, note = text_clean(row.get("place")), text_clean(row.get("note"))
            if level not in {"district", "state"} or not (place and note and code.isdigit()):
                raise ValueError(
                    f"gi_places.csv row {number}: level (district/state), lgd_code, place and "
                    f"note are needed"
                )
            names.setdefault((level, int(code)), []).append(place)
    return {key: tuple(places) for key, places in names.items()}


GI_ENGLISH_SYNONYMS_PATH = Path(__file__).resolve().parent / "data" / "gi_english_synonyms.csv"


def gi_english_synonyms_parse(lines: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """Parse the reviewed English synonyms of the GI matcher (`data/gi_english_synonyms.csv`):
    one group of words per row (`words`, `|`-separated, at least two) and its `source`. A row
    without two words or without a source is refused (ValueError), so no pair goes in unsourced.
    """
    groups: list[tuple[str, ...]] = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        words = tuple(
            word
            for word in (text_clean(part) for part in (row.get("words") or "").split("|"))
            if word
        )
        if len(words) < 2 or not text_clean(row.get("source")):
            raise ValueError(
                f"gi_english_synonyms.csv row {number}: two or more words and a source are needed"
            )
        groups.append(words)
    return tuple(groups)


@cache
def gi_english_synonyms() -> tuple[tuple[str, ...], ...]:
    """English words that GI names and the national list use for the same goods, with no Hindi
    headword for the bilingual glossary ("ceramic" = "pottery"): the reviewed table
    `data/gi_english_synonyms.csv` (each row's source in the file)."""
    with GI_ENGLISH_SYNONYMS_PATH.open(encoding="utf-8", newline="") as handle:
        return gi_english_synonyms_parse(handle)


_STATE_NAME_FILLER = frozenset({"pradesh", "and", "the", "west", "nadu", "tamil", "islands"})


def state_region_names(state_name: str, aliases: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The names a GI may use for a whole State: its name, aliases, and each distinctive word
    of a name ("Arunachal" of Arunachal Pradesh, "Bengal" of West Bengal)."""
    names = [state_name, *aliases]
    for name in list(names):
        words = text_key(name).split()
        if len(words) > 1:
            names += [word for word in words if word not in _STATE_NAME_FILLER and len(word) > 3]
    return tuple(dict.fromkeys(name for name in names if name))
