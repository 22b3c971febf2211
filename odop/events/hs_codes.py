"""The HS 2022 nomenclature that registrations and the matchmaking command check codes against.

The registry's HSCode table when the reference import has filled it; otherwise the HS 2022 file in
ODOP_DATA_DIR (so the command works for organisers on a fresh install). Only 4- and 6-digit codes
count: compatibility is decided on the first four digits, a chapter alone cannot match.
"""

import csv
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

HS2022_FILE = Path("trade") / "hs" / "hs2022_datasets-harmonized-system.csv"


@lru_cache(maxsize=4)
def _codes_from_file(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return frozenset(
            code for row in csv.DictReader(handle) if len(code := row["hscode"].strip()) in (4, 6)
        )


def hs_codes_known() -> frozenset[str]:
    """Every HS 2022 heading and subheading; FileNotFoundError says how to get them if neither
    the registry nor ODOP_DATA_DIR has them."""
    from odop.registry.models import HSCode

    try:
        codes = frozenset(HSCode.objects.filter(level__in=[4, 6]).values_list("code", flat=True))
    except DatabaseError:  # a command run where no database was migrated: the file will do
        codes = frozenset()
    if codes:
        return codes
    path = Path(settings.ODOP_DATA_DIR) / HS2022_FILE
    if not path.exists():
        raise FileNotFoundError(
            f"No HS nomenclature: the registry has no HS codes and {path} does not exist. "
            "Put the reference data folder there (or set ODOP_DATA_DIR) and run "
            "`odop import_reference`."
        )
    return _codes_from_file(path)
