"""Spellings of officers' statistics files: column headers, units and empty cells.

Pure functions (no ORM, no I/O), like `registry.vocabularies`. Headers and units are compared
by `core.text.text_key`, so case, punctuation and spacing never matter.
"""

import re
from typing import Final

from odop.core.text import text_clean, text_key

# The fields of a statistics file and the header spellings accepted for each. Compared by
# `text_key`, so "STATE / UT", "State-UT" and "state ut" are one spelling.
COLUMN_SPELLINGS: Final[dict[str, tuple[str, ...]]] = {
    "state": ("state", "state name", "state ut", "state or ut", "state ut name"),
    "district": ("district", "district name", "name of district", "district name lgd"),
    "product": (
        "product",
        "product name",
        "product type",
        "odop product",
        "commodity",
        "item",
        "crop",
    ),
    "sector": ("sector", "sector name", "industry", "activity"),
    "year": ("year", "reference year", "financial year", "fy", "data year"),
    "production": ("production", "output", "quantity", "production quantity", "annual production"),
    "unit": ("unit", "production unit", "unit of production", "unit of measure", "uom"),
    "workers": (
        "workers",
        "employment",
        "employees",
        "persons employed",
        "number of workers",
        "no of workers",
        "artisans",
    ),
    "units": (
        "units",
        "enterprises",
        "establishments",
        "number of units",
        "no of units",
        "number of enterprises",
        "no of enterprises",
        "msme units",
    ),
}

MEASURE_FIELDS: Final = ("production", "workers", "units")

_HEADER_TO_FIELD: Final[dict[str, str]] = {
    text_key(spelling): name
    for name, spellings in COLUMN_SPELLINGS.items()
    for spelling in spellings
}

_BRACKETED = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<inside>[^()]*)\)\s*$")


def header_field(header: str) -> tuple[str | None, str]:
    """The field a column header names, and what it says in brackets.

    "Production (tonnes)" → ("production", "tonnes"); "No. of Workers" → ("workers", "");
    an unknown header → (None, "").
    """
    cleaned = text_clean(header)
    field = _HEADER_TO_FIELD.get(text_key(cleaned))
    if field is not None:
        return field, ""
    bracketed = _BRACKETED.match(cleaned)
    if bracketed:
        field = _HEADER_TO_FIELD.get(text_key(bracketed["name"]))
        if field is not None:
            return field, text_clean(bracketed["inside"])
    return None, ""


# One spelling per unit, so that districts that wrote "MT" and "Tonnes" compare. Figures are
# never converted (a kilogram column stays in kilograms); unknown units keep their own name.
_UNITS: Final[dict[str, str]] = {
    "t": "tonnes",
    "ton": "tonnes",
    "tons": "tonnes",
    "tonne": "tonnes",
    "tonnes": "tonnes",
    "mt": "tonnes",
    "metric ton": "tonnes",
    "metric tons": "tonnes",
    "metric tonne": "tonnes",
    "metric tonnes": "tonnes",
    "qtl": "quintals",
    "quintal": "quintals",
    "quintals": "quintals",
    "kg": "kg",
    "kgs": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "l": "litres",
    "litre": "litres",
    "litres": "litres",
    "liter": "litres",
    "liters": "litres",
    "kl": "kilolitres",
    "kilolitre": "kilolitres",
    "kilolitres": "kilolitres",
    "pieces": "pieces",
    "piece": "pieces",
    "pcs": "pieces",
    "nos": "pieces",
    "no": "pieces",
    "numbers": "pieces",
    "number": "pieces",
    "metre": "metres",
    "metres": "metres",
    "meter": "metres",
    "meters": "metres",
    "m": "metres",
    "sq m": "square metres",
    "square metres": "square metres",
    "square meters": "square metres",
    "rs lakh": "rupees lakh",
    "rs lakhs": "rupees lakh",
    "rupees lakh": "rupees lakh",
    "lakh rs": "rupees lakh",
    "inr lakh": "rupees lakh",
    "rs crore": "rupees crore",
    "rs crores": "rupees crore",
    "rupees crore": "rupees crore",
    "crore rs": "rupees crore",
    "inr crore": "rupees crore",
}


def unit_normalise(value: str) -> str:
    """ "MT", "Tonnes", "metric tons" → "tonnes"; an unknown unit → its cleaned lower-case
    spelling; an empty cell → ""."""
    key = text_key(value)
    if not key:
        return ""
    return _UNITS.get(key, text_clean(value).lower())


# Cells that say "no figure" rather than zero (a cell of dashes has the key "").
_MISSING: Final = frozenset({"", "na", "n a", "not available", "nr"})


def is_missing(value: str) -> bool:
    """True for an empty cell and the usual "no figure" marks ("-", "–", "NA", "N/A")."""
    return text_key(value) in _MISSING
