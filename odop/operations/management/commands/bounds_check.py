"""`odop bounds_check`: report rows that break the platform's bounds or ledgers.

Run it before migrating a database filled by an older release: a row that breaks a new
constraint stops the migration, and this names the rows to correct first. Exits 1 when it
finds any, so it can gate a deployment script.
"""

import json
from argparse import ArgumentParser
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from odop.operations.integrity import integrity_violations


class Command(BaseCommand):
    help = "Report rows that break the bounds (check constraints) or the stock/order ledgers."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        violations = integrity_violations()
        if options["format"] == "json":
            self.stdout.write(json.dumps([asdict(item) for item in violations], indent=2))
        elif not violations:
            self.stdout.write(self.style.SUCCESS("Every row is within bounds; ledgers agree."))
        else:
            for item in violations:
                ids = ", ".join(str(pk) for pk in item.sample_ids)
                self.stdout.write(f"{item.model}: {item.count} row(s) break {item.rule} [{ids}]")
        if violations:
            raise CommandError(f"{len(violations)} rule(s) broken; see above.")
