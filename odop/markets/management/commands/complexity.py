"""`odop complexity INPUT.csv --country COL --product COL --value COL [--year COL] --out DIR`.

Economic complexity for analysts: reads a long export table, computes RCA, M, density, COG,
ECI, COI, PCI and proximity per year (Stata `ecomplexity` conventions, see
`odop.markets.complexity`) and writes country_product.csv, country.csv, product.csv and
proximity.csv into DIR. A bad file is refused before anything is written.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from odop.markets.complexity import ComplexityInputError, ComplexityResult, complexity_compute
from odop.markets.complexity_io import (
    ComplexityColumns,
    ComplexityFileError,
    complexity_results_write,
    complexity_table_read,
)


class Command(BaseCommand):
    help = (
        "Compute RCA, ECI/PCI, proximity, density, COI and COG from a country × product "
        "export table (one row per country, product [and year])."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path, help="CSV file, one row per pair (and year).")
        parser.add_argument("--country", required=True, help="Column holding the country code.")
        parser.add_argument(
            "--product", required=True, help="Column holding the product code (read as text)."
        )
        parser.add_argument("--value", required=True, help="Column holding the export value.")
        parser.add_argument("--year", help="Column holding the year; computed year by year.")
        parser.add_argument(
            "--rca-threshold",
            type=float,
            default=1.0,
            help="A country counts as an exporter of a product when RCA ≥ this (default 1).",
        )
        parser.add_argument("--out", type=Path, required=True, help="Folder to write into.")

    def handle(self, *args: Any, **options: Any) -> None:
        columns = ComplexityColumns(
            country=options["country"],
            product=options["product"],
            value=options["value"],
            year=options["year"],
        )
        try:
            inputs = complexity_table_read(options["input"], columns=columns)
            results: dict[str | None, ComplexityResult] = {}
            for year, values in tqdm(
                inputs.items(), desc="years", unit="year", disable=len(inputs) < 2
            ):
                try:
                    results[year] = complexity_compute(
                        values, rca_threshold=options["rca_threshold"]
                    )
                except ComplexityInputError as error:
                    where = f"year {year}: " if year is not None else ""
                    raise CommandError(f"{where}{error}") from error
        except ComplexityFileError as error:
            raise CommandError(str(error)) from error
        for year, result in results.items():
            self._dropped_report(year, result)
        counts = complexity_results_write(results, options["out"])
        written = ", ".join(f"{name}: {count} rows" for name, count in counts.items())
        self.stdout.write(f"{len(results)} year(s) written to {options['out']} ({written})")

    def _dropped_report(self, year: str | None, result: ComplexityResult) -> None:
        """Say which countries/products were left out for exporting nothing (as Stata does)."""
        where = f"{year}: " if year is not None else ""
        for kind, codes in (
            ("countries", result.dropped_countries),
            ("products", result.dropped_products),
        ):
            if codes:
                shown = ", ".join(codes[:10]) + (", ..." if len(codes) > 10 else "")
                self.stderr.write(
                    f"{where}{kind} left out for exporting nothing ({len(codes)}): {shown}"
                )
