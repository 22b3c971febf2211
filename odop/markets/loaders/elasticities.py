"""Import elasticities of substitution (sigma) estimated by Broda and Weinstein, a stand-in for
ITC's GTAP elasticities (SOURCES.md §7).

Two files are read. Broda & Weinstein (2006) give one sigma per US HTS 10-digit line for
1990–2001; the codes were stored as integers and lost their leading zeros (101110010 is
0101.11.0010), so they are zero-filled back to ten digits. Broda, Greenfield & Weinstein give
one sigma per importing country (73, India included) and HS 3-digit group for 1994–2003; Stata
wrote the country code and the group as floats ("113.0", "10.0"), read as "113" and "010". The
codes follow the HS of those years (HS1988/92 and the US tariff of the 1990s), not HS2022: map
newer codes through a concordance before looking them up.

How each quirk is handled (both files were checked whole):
- A sigma that is blank, ".", "NA" or NaN is a missing estimate: the line is skipped and listed
  in `skipped` as (line, reason). Neither real file has one.
- A sigma that is text is refused (`not_a_number`). A sigma of 1 or less is refused
  (`bad_format`): the CES estimator only yields sigma > 1, so such a value means a wrong column
  or another kind of elasticity. The real minima are 1.0296 (BW) and 1.0583 (BGW); the long
  upper tail (up to 4,302.6 in BW and 16,808 in BGW) is kept as published.
- A code that is not all digits, is too long, or falls in chapter 00 is refused (`bad_format`).
- BW: HTS 2103204020 is listed twice with different sigmas (66.70258514967007 and 5.4707937,
  lines 1307 and 1308). Nothing says which is right, so a code given two different sigmas is
  left out and both lines are listed in `skipped`; a line repeating a code with the same sigma
  is kept once and the repeat listed. Refusing would make the only published table unusable.
- BGW: a repeated (country, group) pair is refused (`duplicate_rows`), as is a country code
  written with two names or a name with two codes (`bad_format`); the real file has none.
  Country names are run together ("NewZealand", "UnitedKingdom", "CentralAfricanRep"), so
  lookups by name ignore case, spaces and punctuation. `ccode` is the authors' own numbering
  (India = 113), not ISO or BACI. Coverage is ragged: 52 to 170 of the 171 groups per country.
"""

import bisect
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.core.text import text_clean, text_key
from odop.markets.loaders.reading import (
    Source,
    code_pad,
    delimited_read,
    duplicate_refuse,
    number_or_none,
    source_name,
)

BW_COLUMNS = ("hts", "sigma_1990_2001")
BGW_COLUMNS = ("ccode", "cname", "hs_3digit", "sigma")
_NO_ESTIMATE = ("", ".", "NA", "NaN", "nan")

Skipped = tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class BwSigmas:
    """US import elasticities of substitution, 1990–2001 (Broda & Weinstein 2006): `sigmas`
    maps each ten-digit HTS code (text) to its sigma; `skipped` lists the lines left out."""

    sigmas: Mapping[str, float]
    skipped: Skipped
    _codes: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Sorted once so a prefix is a contiguous range, found by bisection.
        object.__setattr__(self, "_codes", tuple(sorted(self.sigmas)))

    def median_sigma(self, *, prefix: str) -> float | None:
        """Median sigma of the HTS-10 lines under an HS 2-, 4- or 6-digit prefix (or an HTS
        8- or 10-digit code); None when no line falls under it. A prefix that is not an even
        number of 2 to 10 digits raises `ValidationError` (bad_format)."""
        code = prefix.strip()
        if not (code.isascii() and code.isdigit() and len(code) in (2, 4, 6, 8, 10)):
            raise _lookup_code_error(prefix, _("an HS prefix of 2, 4, 6, 8 or 10 digits"))
        start = bisect.bisect_left(self._codes, code)
        end = bisect.bisect_right(self._codes, code.ljust(10, "9"))
        values = [self.sigmas[hts] for hts in self._codes[start:end]]
        return statistics.median(values) if values else None


@dataclass(frozen=True, slots=True)
class BgwSigmas:
    """Import elasticities of substitution for 73 countries, 1994–2003 (Broda, Greenfield &
    Weinstein): `sigmas[(country code, HS 3-digit group)]`, `country_names[country code]` as
    the file writes them, and `skipped` the lines left out."""

    sigmas: Mapping[tuple[str, str], float]
    country_names: Mapping[str, str]
    skipped: Skipped

    def country_code(self, *, country: str) -> str:
        """The file's code for a country given by that code ("113") or by name ("India",
        "new zealand"). An unknown country raises `ValidationError` (unknown_code)."""
        wanted = country.strip()
        if wanted in self.country_names:
            return wanted
        key = _country_key(wanted)
        for code, name in self.country_names.items():
            if _country_key(name) == key:
                return code
        raise ValidationError(
            _("%(country)s is not one of the %(count)d countries with elasticities."),
            code="unknown_code",
            params={"country": country, "count": len(self.country_names)},
        )

    def sigma(self, *, country: str, hs3: str) -> float | None:
        """The country's sigma for an HS 3-digit group ("010"); None when the authors give no
        estimate for that group. Raises `ValidationError` for an unknown country
        (unknown_code) or a group that is not three digits (bad_format)."""
        group = hs3.strip()
        if not (group.isascii() and group.isdigit() and len(group) == 3):
            raise _lookup_code_error(hs3, _("an HS 3-digit group"))
        return self.sigmas.get((self.country_code(country=country), group))

    def sigma_for_hs6(self, *, country: str, hs6: str) -> float | None:
        """The country's sigma for the 3-digit group an HS 6-digit code falls in (its first
        three digits); None when there is no estimate. Raises as `sigma` does."""
        code = hs6.strip()
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise _lookup_code_error(hs6, _("an HS 6-digit code"))
        return self.sigma(country=country, hs3=code[:3])


def _country_key(name: str) -> str:
    """The lookup key: "New Zealand" and the file's "NewZealand" both give "newzealand"."""
    return text_key(name).replace(" ", "")


def _lookup_code_error(value: str, expected: str) -> ValidationError:
    return ValidationError(
        _("'%(value)s' is not %(expected)s."),
        code="bad_format",
        params={"value": value, "expected": expected},
    )


def _product_code(text: str, *, digits: int, file: str, line: int, column: str) -> str:
    """A zero-filled code of `digits` digits; chapter 00 does not exist, so a code that pads
    into it was damaged (or is not a product code) and is refused."""
    code = code_pad(text, digits=digits, file=file, line=line, column=column)
    if code.startswith("00"):
        raise ValidationError(
            _("%(file)s, line %(line)d, column %(column)s: '%(value)s' is not an HS code."),
            code="bad_format",
            params={"file": file, "line": line, "column": column, "value": text},
        )
    return code


def _sigma_read(text: str, *, file: str, line: int, column: str) -> float | None:
    """A sigma above 1, or None for a missing estimate; text is `not_a_number`, and a value
    of 1 or less is `bad_format`."""
    sigma = number_or_none(text, missing=_NO_ESTIMATE, file=file, line=line, column=column)
    if sigma is not None and sigma <= 1:
        raise ValidationError(
            _(
                "%(file)s, line %(line)d, column %(column)s: %(value)s is not an elasticity "
                "of substitution, which is always above 1."
            ),
            code="bad_format",
            params={"file": file, "line": line, "column": column, "value": text.strip()},
        )
    return sigma


def _no_sigma_left(file: str) -> ValidationError:
    return ValidationError(
        _("%(file)s has no line with a sigma."), code="empty_file", params={"file": file}
    )


def bw_sigmas_load(source: Source, *, name: str | None = None) -> BwSigmas:
    """Read the Broda & Weinstein HTS-10 sigmas (`hts,sigma_1990_2001`). Lines with no estimate,
    repeats and codes given two different sigmas are skipped and listed in `skipped`. Raises
    `ValidationError` (missing_file, empty_file, missing_columns, not_a_number, bad_format) on
    a bad file."""
    file = source_name(source, name)
    table = delimited_read(source, name=file)
    index = table.column_index(BW_COLUMNS)
    sigmas: dict[str, float] = {}
    first: dict[str, tuple[int, float]] = {}
    conflicting: set[str] = set()
    skipped: list[tuple[int, str]] = []
    for line, values in table.rows:
        code = _product_code(values[index["hts"]], digits=10, file=file, line=line, column="hts")
        sigma = _sigma_read(
            values[index["sigma_1990_2001"]], file=file, line=line, column="sigma_1990_2001"
        )
        if sigma is None:
            skipped.append((line, _("no sigma estimate")))
            continue
        if code not in first:
            first[code] = (line, sigma)
            sigmas[code] = sigma
            continue
        first_line, first_sigma = first[code]
        if sigma == first_sigma and code not in conflicting:
            skipped.append((line, _("repeats line %(first)d") % {"first": first_line}))
            continue
        conflict = _("HTS %(code)s has a different sigma on line %(other)d; both left out")
        if code not in conflicting:
            conflicting.add(code)
            del sigmas[code]
            skipped.append((first_line, conflict % {"code": code, "other": line}))
        skipped.append((line, conflict % {"code": code, "other": first_line}))
    if not sigmas:
        raise _no_sigma_left(file)
    return BwSigmas(sigmas=sigmas, skipped=tuple(sorted(skipped)))


def bgw_sigmas_load(source: Source, *, name: str | None = None) -> BgwSigmas:
    """Read the Broda, Greenfield & Weinstein 73-country HS 3-digit sigmas
    (`ccode,cname,hs_3digit,sigma`). Lines with no estimate are skipped and listed in
    `skipped`. Raises `ValidationError` (missing_file, empty_file, missing_columns,
    not_a_number, bad_format, duplicate_rows) on a bad file."""
    file = source_name(source, name)
    table = delimited_read(source, name=file)
    index = table.column_index(BGW_COLUMNS)
    sigmas: dict[tuple[str, str], float] = {}
    names: dict[str, str] = {}
    codes_by_name: dict[str, str] = {}
    lines: dict[tuple[str, str], int] = {}
    skipped: list[tuple[int, str]] = []
    for line, values in table.rows:
        # The authors' codes run from 1 to 239; int() drops any zero-fill ("007" is 7).
        country = str(
            int(code_pad(values[index["ccode"]], digits=3, file=file, line=line, column="ccode"))
        )
        country_name = text_clean(values[index["cname"]])
        group = _product_code(
            values[index["hs_3digit"]], digits=3, file=file, line=line, column="hs_3digit"
        )
        _country_check(country, country_name, names, codes_by_name, file=file, line=line)
        key = (country, group)
        if key in lines:
            raise duplicate_refuse(
                file=file, line=line, first_line=lines[key], key=f"{country_name}/{group}"
            )
        lines[key] = line
        sigma = _sigma_read(values[index["sigma"]], file=file, line=line, column="sigma")
        if sigma is None:
            skipped.append((line, _("no sigma estimate")))
            continue
        sigmas[key] = sigma
    if not sigmas:
        raise _no_sigma_left(file)
    return BgwSigmas(sigmas=sigmas, country_names=names, skipped=tuple(skipped))


def _country_check(
    code: str,
    name: str,
    names: dict[str, str],
    codes_by_name: dict[str, str],
    *,
    file: str,
    line: int,
) -> None:
    """Record the country, refusing a blank name, or a code with two names or a name with
    two codes (either means the rows of two countries were mixed up)."""
    key = _country_key(name)
    if not key:
        raise ValidationError(
            _("%(file)s, line %(line)d: country %(code)s has no name."),
            code="bad_format",
            params={"file": file, "line": line, "code": code},
        )
    known_name = names.setdefault(code, name)
    known_code = codes_by_name.setdefault(key, code)
    if _country_key(known_name) != key or known_code != code:
        raise ValidationError(
            _(
                "%(file)s, line %(line)d: country %(code)s '%(name)s' disagrees with an "
                "earlier line (%(known_code)s '%(known_name)s')."
            ),
            code="bad_format",
            params={
                "file": file,
                "line": line,
                "code": code,
                "name": name,
                "known_code": known_code,
                "known_name": known_name,
            },
        )
