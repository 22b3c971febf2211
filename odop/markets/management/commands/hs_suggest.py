"""`odop hs_suggest`: refresh the HS 2022 code suggestions of product types, print coverage."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings
from tqdm import tqdm

from odop.markets.selectors import hs_coverage, hs_outdated_types
from odop.markets.services import hs_suggestions_refresh
from odop.registry.models import HSCode, ProductType


class Command(BaseCommand):
    help = "Suggest HS 2022 codes for product types (officers' decisions are kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--top-k", type=int, default=5, help="suggestions per type")
        parser.add_argument(
            "--product-type", action="append", default=[], metavar="SLUG", help="only these"
        )
        parser.add_argument(
            "--outdated",
            action="store_true",
            help="only what needs it: every type when suggestions were made by older rules, "
            "else the types with none (make run's bootstrap)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not HSCode.objects.filter(level=6).exists():
            raise CommandError("No HS nomenclature stored: run `odop import_reference` first.")
        types = ProductType.objects.all()
        if options["product_type"]:
            types = types.filter(slug__in=options["product_type"])
        if options["outdated"]:
            types = hs_outdated_types(types)
            if not types.exists():
                return
        started = time.perf_counter()
        with (
            override_settings(DEBUG=False),
            tqdm(
                total=types.count(), desc="suggest", unit="type", disable=None, file=self.stderr
            ) as bar,
        ):
            changed = hs_suggestions_refresh(
                product_types=types, top_k=options["top_k"], progress=bar.update
            )
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{changed} suggestion rows changed in {elapsed:.1f} s.")
        coverage = hs_coverage()
        self.stdout.write(
            f"Confirmed HS codes: {coverage.confirmed} of {coverage.product_types} product types "
            f"({coverage.share:.0%})."
        )
        for row in coverage.by_sector:
            self.stdout.write(
                f"  {row.sector or '(unspecified)':<16} {row.confirmed:>5} / {row.product_types:<5}"
                f" {row.share:.0%}"
            )
