"""`odop resolve_districts FILE --state-col COL --district-col COL --out OUT.csv`.

Writes the rows back with `lgd_code` (empty when unresolved), `match` and `match_note`.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from odop.core.tabular import table_read
from odop.geography.selectors import district_table_resolve, resolved_table_csv


class Command(BaseCommand):
    help = "Add LGD district codes to a CSV/XLSX whose districts are spelled any which way."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--state-col", required=True, help="Column holding the State name.")
        parser.add_argument(
            "--district-col", required=True, help="Column holding the district name."
        )
        parser.add_argument("--out", type=Path, required=True, help="CSV file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            table = table_read(options["file"])
            resolved = district_table_resolve(
                table=table,
                state_column=options["state_col"],
                district_column=options["district_col"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        options["out"].write_text(resolved_table_csv(resolved), encoding="utf-8")
        summary = ", ".join(f"{match}: {count}" for match, count in sorted(resolved.counts.items()))
        self.stdout.write(f"{len(resolved.rows)} rows written to {options['out']} ({summary})")
