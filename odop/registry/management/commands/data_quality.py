"""`odop data_quality`: every finding the imports recorded (JSON or CSV on standard output)."""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from odop.core.spreadsheets import SafeDictWriter
from odop.registry.selectors import FINDING_FIELDS, finding_as_dict, findings_all


class Command(BaseCommand):
    help = "Print every data-quality finding of the reference imports."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv", "text"], default="text")
        parser.add_argument("--source", default=None, help="Only findings of this file.")

    def handle(self, *args: Any, **options: Any) -> None:
        findings = findings_all()
        if options["source"]:
            findings = findings.filter(source=options["source"])
        rows = [finding_as_dict(finding) for finding in findings]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
        elif options["format"] == "csv":
            writer = SafeDictWriter(sys.stdout, fieldnames=FINDING_FIELDS)
            writer.writeheader()
            writer.writerows(rows)
        else:
            for row in rows:
                self.stdout.write(
                    f"{row['source']}:{row['row']} [{row['problem']} → {row['resolution']}] "
                    f"{row['state']} / {row['district']} / {row['code']}: {row['detail']}"
                )
            self.stdout.write(f"{len(rows)} findings")
