"""Controlled vocabularies of the national list: free-text spellings → one value each.

Pure functions; the importer keeps the source spelling beside the value these return.
"""

import csv
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
    """Two spellings of one product type share this key ("Marine Products" / "Marine products")."""
    return text_key(name)
