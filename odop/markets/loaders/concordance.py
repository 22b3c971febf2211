"""UNSD HS concordances: conversion tables (one target per source code) and correlation tables
(every source/target pair with its relationship 1:1, 1:n, n:1 or n:n).

Both name their first two columns after the revisions (`hs2022,hs1992`). Codes are read as
text; a code that lost its leading zero in a spreadsheet (10121) is zero-filled back to six.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.markets.loaders.reading import (
    Source,
    code_pad,
    delimited_read,
    duplicate_refuse,
    source_name,
)

_REVISION_COLUMN = re.compile(r"^hs\d{4}$")
RELATIONSHIPS = ("1:1", "1:n", "n:1", "n:n")


@dataclass(frozen=True, slots=True)
class HsConcordance:
    """Which `target_revision` codes each `source_revision` six-digit code corresponds to;
    `relationships` is filled for a correlation table and empty for a conversion table."""

    source_revision: str
    target_revision: str
    targets: Mapping[str, tuple[str, ...]]
    relationships: Mapping[tuple[str, str], str]


def concordance_load(source: Source, *, name: str | None = None) -> HsConcordance:
    """Read a UNSD conversion or correlation table. Raises `ValidationError` (missing_columns,
    bad_format, duplicate_rows, empty_file) on a bad file."""
    file = source_name(source, name)
    table = delimited_read(source, name=file)
    revisions = tuple(column.lower() for column in table.columns[:2])
    if not all(_REVISION_COLUMN.match(column) for column in revisions):
        raise ValidationError(
            _(
                "%(file)s must start with two revision columns such as hs2022,hs1992; "
                "found %(found)s."
            ),
            code="missing_columns",
            params={"file": file, "found": ", ".join(table.columns)},
        )
    correlation = "relationship" in table.columns
    relationship_index = table.columns.index("relationship") if correlation else -1
    targets: dict[str, list[str]] = {}
    relationships: dict[tuple[str, str], str] = {}
    lines: dict[tuple[str, str] | str, int] = {}
    for line, values in table.rows:
        code = code_pad(values[0], digits=6, file=file, line=line, column=table.columns[0])
        target = code_pad(values[1], digits=6, file=file, line=line, column=table.columns[1])
        # A conversion table gives one target per code; a correlation table one row per pair.
        key: tuple[str, str] | str = (code, target) if correlation else code
        if key in lines:
            shown = "/".join(key) if isinstance(key, tuple) else key
            raise duplicate_refuse(file=file, line=line, first_line=lines[key], key=shown)
        lines[key] = line
        if correlation:
            relationship = values[relationship_index].strip().lower()
            if relationship not in RELATIONSHIPS:
                raise ValidationError(
                    _(
                        "%(file)s, line %(line)d: relationship '%(value)s' is not one of "
                        "%(allowed)s."
                    ),
                    code="bad_format",
                    params={
                        "file": file,
                        "line": line,
                        "value": relationship,
                        "allowed": ", ".join(RELATIONSHIPS),
                    },
                )
            relationships[(code, target)] = relationship
        targets.setdefault(code, []).append(target)
    return HsConcordance(
        source_revision=revisions[0],
        target_revision=revisions[1],
        targets={code: tuple(codes) for code, codes in targets.items()},
        relationships=relationships,
    )
