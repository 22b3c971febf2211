"""UNSD's HS conversion tables (pure): which older codes each HS 2022 subheading was."""

import csv
from collections import defaultdict
from collections.abc import Iterable


def hs_conversion_parse(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Parse a UNSD conversion table (`hs2022,hs1992` header) into code → older codes.

    Codes stay text: a code that lost its leading zero (a spreadsheet's doing) is zero-filled
    back to six digits. A code mapped to several older codes keeps them all, sorted.
    """
    reader = csv.reader(lines)
    header = [column.strip().lower() for column in next(reader, [])]
    if len(header) < 2:
        raise ValueError("The conversion table needs two columns: new code, old code.")
    mapping: dict[str, set[str]] = defaultdict(set)
    for row in reader:
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            continue
        new, old = row[0].strip(), row[1].strip()
        if not (new.isdigit() and old.isdigit()):
            continue
        mapping[new.zfill(6)].add(old.zfill(6))
    return {code: tuple(sorted(olds)) for code, olds in mapping.items()}
