"""`odop baci_year PATH [--country-codes PATH] [--product-codes PATH] [--exporter IND]`.

Loads a BACI year an operator downloaded from CEPII (BACI_HS17_Y2020_V202301.csv or .csv.gz)
so the export profile and the API rank markets at HS6 (`markets.services.baci_year_load`).
A bad file is refused with the loader's message and nothing is written; the same file again
is reported as already loaded. The last file loaded is the current year (one is kept).
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from odop.markets.services import BaciLoadReport, baci_year_load
from odop.markets.storage import baci_dir

# How many codes the report names before it says "...".
_CODES_SHOWN = 10


def _codes_text(codes: list[str]) -> str:
    return ", ".join(codes[:_CODES_SHOWN]) + (", ..." if len(codes) > _CODES_SHOWN else "")


class Command(BaseCommand):
    help = (
        "Load a CEPII BACI year (t,i,j,k,v,q) for HS6 export potential and product-space "
        "positions; it becomes the current year."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="BACI file, .csv or .csv.gz")
        parser.add_argument(
            "--country-codes",
            type=Path,
            help="BACI country_codes_V….csv (default: the V202301 file in ODOP_DATA_DIR)",
        )
        parser.add_argument(
            "--product-codes",
            type=Path,
            help="BACI product_codes_HS…_V….csv (default: ODOP_DATA_DIR's, for HS92 and HS17)",
        )
        parser.add_argument("--exporter", default="IND", help="ISO3 of the exporter (IND)")
        parser.add_argument(
            "--revision",
            choices=["HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22"],
            help="HS revision, when the file name does not say it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        size = path.stat().st_size if path.is_file() else 0
        with tqdm(
            total=2 * size,
            desc="BACI",
            unit="B",
            unit_scale=True,
            disable=None,
            file=self.stderr,
        ) as bar:
            try:
                report = baci_year_load(
                    path=path,
                    exporter=options["exporter"].upper(),
                    country_codes=options["country_codes"],
                    product_codes=options["product_codes"],
                    revision=options["revision"],
                    progress=bar.update,
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        self._report(report)

    def _report(self, report: BaciLoadReport) -> None:
        manifest = report.manifest
        what = (
            f"BACI {manifest.revision} {manifest.year} for {manifest.exporter} "
            f"({manifest.source_file})"
        )
        if report.already_loaded:
            self.stdout.write(f"{what} is already loaded; nothing changed.")
            return
        self.stdout.write(f"Loaded {what} into {baci_dir()}; it is now the current year.")
        self.stdout.write(
            f"Rows read: {report.rows_read:,}; kept: {manifest.rows:,}; "
            f"skipped: {manifest.rows_skipped:,}."
        )
        for code, rows in report.unknown_country_codes.items():
            self.stdout.write(
                f"  skipped {rows:,} rows: country code {code} has no ISO3 in the country "
                f"code file (a BACI grouping, or a code of another BACI version)"
            )
        self.stdout.write(
            f"HS6 potential: {report.products:,} products, {report.countries} countries."
        )
        self.stdout.write(
            f"Product space (HS 1992): {report.positions:,} products, "
            f"{report.comparative_advantage:,} with RCA ≥ 1 for {manifest.exporter}."
        )
        if report.unconverted_products:
            codes = list(report.unconverted_products)
            self.stdout.write(
                f"  {len(codes)} {manifest.revision} codes have no HS 1992 counterpart and are "
                f"left out of the product space: {_codes_text(codes)}"
            )
        if report.population_missing:
            self.stdout.write("  No population file: demand grows with GDP alone.")
