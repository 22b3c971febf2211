"""`odop exporters_unmatched`: exporter candidates not linked to a producer record (issue 11).

Prints one line per candidate (id, State, district, name, IEC, GSTIN); `--csv` writes them as a
formula-safe CSV for officers. Exits 0 either way: this is a report, not a check.
"""

import io
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from odop.core.spreadsheets import SafeCsvWriter
from odop.exports.selectors import exporter_candidates_unmatched


class Command(BaseCommand):
    help = "List exporter candidates that are not linked to a producer record."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--csv", action="store_true", help="Write CSV to standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        candidates = list(exporter_candidates_unmatched())
        if options["csv"]:
            buffer = io.StringIO()
            writer = SafeCsvWriter(buffer)
            writer.writerow(["id", "state", "district", "producer_name", "iec", "gstin"])
            for candidate in candidates:
                writer.writerow(
                    [
                        candidate.pk,
                        candidate.district.state.name,
                        candidate.district.name,
                        candidate.producer_name,
                        candidate.iec_number,
                        candidate.gstin,
                    ]
                )
            self.stdout.write(buffer.getvalue(), ending="")
            return
        for candidate in candidates:
            self.stdout.write(
                f"{candidate.pk}\t{candidate.district.state.name}\t{candidate.district.name}\t"
                f"{candidate.producer_name}\t{candidate.iec_number}\t{candidate.gstin}"
            )
        self.stdout.write(f"{len(candidates)} exporter candidate(s) not linked to a producer.")
