"""CEPII GeoDist `dist_cepii`: bilateral distances and ties for every ordered country pair.

The file is `;`-separated (often gzipped). `dist` and `distcap` are always numbers; the
population-weighted `distw` and `distwces` are "." for pairs CEPII could not weight (2,215 of
50,176), which are kept as None and listed in `weighted_missing`, never refused.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.markets.loaders.reading import (
    Source,
    delimited_read,
    duplicate_refuse,
    number_or_none,
    number_parse,
    source_name,
)

FLAG_COLUMNS = (
    "contig",
    "comlang_off",
    "comlang_ethno",
    "colony",
    "comcol",
    "curcol",
    "col45",
    "smctry",
)
DISTANCE_COLUMNS = ("iso_o", "iso_d", *FLAG_COLUMNS, "dist", "distcap", "distw", "distwces")
_NOT_WEIGHTED = (".", "", "NA")


@dataclass(frozen=True, slots=True)
class CountryPairDistance:
    """Distances (km) and ties from origin to destination, as CEPII's column names say:
    flags[name] for each of `FLAG_COLUMNS`, and the weighted distances when CEPII has them."""

    flags: Mapping[str, bool]
    distance_km: float
    distance_capitals_km: float
    distance_weighted_km: float | None
    distance_weighted_ces_km: float | None


@dataclass(frozen=True, slots=True)
class CepiiDistances:
    """Every (origin ISO3, destination ISO3) pair of the file."""

    pairs: Mapping[tuple[str, str], CountryPairDistance]
    weighted_missing: tuple[tuple[str, str], ...]


def cepii_distances_load(source: Source, *, name: str | None = None) -> CepiiDistances:
    """Read `dist_cepii` (.csv or .csv.gz, `;`-separated). Raises `ValidationError`
    (missing_columns, not_a_number, bad_format, duplicate_rows, empty_file) on a bad file."""
    file = source_name(source, name)
    table = delimited_read(source, name=file, delimiter=";")
    index = table.column_index(DISTANCE_COLUMNS)
    pairs: dict[tuple[str, str], CountryPairDistance] = {}
    lines: dict[tuple[str, str], int] = {}
    weighted_missing: list[tuple[str, str]] = []
    for line, values in table.rows:
        key = (values[index["iso_o"]].strip(), values[index["iso_d"]].strip())
        if key in lines:
            raise duplicate_refuse(file=file, line=line, first_line=lines[key], key="→".join(key))
        lines[key] = line
        flags = {}
        for column in FLAG_COLUMNS:
            flag = values[index[column]].strip()
            if flag not in ("0", "1"):
                raise ValidationError(
                    _("%(file)s, line %(line)d, column %(column)s: '%(value)s' is not 0 or 1."),
                    code="not_a_number",
                    params={"file": file, "line": line, "column": column, "value": flag},
                )
            flags[column] = flag == "1"

        distance_weighted = number_or_none(
            values[index["distw"]], missing=_NOT_WEIGHTED, file=file, line=line, column="distw"
        )
        distance_weighted_ces = number_or_none(
            values[index["distwces"]],
            missing=_NOT_WEIGHTED,
            file=file,
            line=line,
            column="distwces",
        )
        if distance_weighted is None or distance_weighted_ces is None:
            weighted_missing.append(key)
        pairs[key] = CountryPairDistance(
            flags=flags,
            distance_km=number_parse(values[index["dist"]], file=file, line=line, column="dist"),
            distance_capitals_km=number_parse(
                values[index["distcap"]], file=file, line=line, column="distcap"
            ),
            distance_weighted_km=distance_weighted,
            distance_weighted_ces_km=distance_weighted_ces,
        )
    return CepiiDistances(pairs=pairs, weighted_missing=tuple(weighted_missing))
