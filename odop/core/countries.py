"""Country names from ISO 3166-1 alpha-2 codes (issue 16), in English and Hindi.

Pure: no ORM. The list is `data/countries.csv`, made once from two public sources:
the ISO alpha-2 codes and names of Natural Earth 5.1.2's 1:110m countries (public domain,
`boundaries/world_countries_110m_naturalearth.topo.json` in the shared data; France, Norway and
Taiwan carry their code only in the ISO numeric id there, so FR, NO and TW were set from it) and,
for the territories that map has no shape for, the full names of CEPII BACI's country codes
(`trade/hs/baci_country_codes_V202301.csv`; withdrawn codes such as AN and "former" states
left out). Hindi names are given only for the countries whose Hindi name is settled usage; the
others show their English name in Hindi pages too.
"""

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DATA_FILE: Final = Path(__file__).resolve().parent / "data" / "countries.csv"


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    name_hi: str

    def name_in(self, language: str | None) -> str:
        """The Hindi name on Hindi pages where one is known, else the English name."""
        if language and language.startswith("hi") and self.name_hi:
            return self.name_hi
        return self.name


@functools.cache
def countries() -> Mapping[str, Country]:
    """Every known country by ISO alpha-2 code, in code order."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: Country(row["code"], row["name"], row["name_hi"])
            for row in csv.DictReader(handle)
        }


def is_country_code(code: str) -> bool:
    """True for a known ISO 3166-1 alpha-2 code (upper case)."""
    return code in countries()


def country_name(code: str, language: str | None = None) -> str:
    """The name of `code` in `language` (the active one by default); an unknown code as is."""
    country = countries().get(code)
    if country is None:
        return code
    return country.name_in(language if language is not None else get_language())


def validate_country_code(code: str) -> None:
    """Raise ValidationError (code "country") unless `code` is a known ISO alpha-2 code."""
    if not is_country_code(code):
        raise ValidationError(
            _("%(code)s is not an ISO 3166 country code (e.g. IN, AE, US)."),
            code="country",
            params={"code": code},
        )


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in `language`, for a form's select."""
    pairs = [(c.code, c.name_in(language or get_language())) for c in countries().values()]
    return sorted(pairs, key=lambda pair: pair[1])
