"""`odop import_reference`: LGD, GI registry, HS 2022 and the national ODOP list, in one go."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings
from tqdm import tqdm

from odop.registry.services import ReferenceFiles, reference_import, reference_import_is_current


class Command(BaseCommand):
    help = "Import the reference data (LGD, GI, HS 2022, national ODOP list) from ODOP_DATA_DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Folder holding the reference files (default: ODOP_DATA_DIR).",
        )
        parser.add_argument(
            "--master",
            type=Path,
            default=None,
            help="Another national list (.xlsx or .csv) instead of the default.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Import even when the files have not changed since last time.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir: Path = options["data_dir"] or settings.ODOP_DATA_DIR
        if not data_dir.is_dir():
            self.stderr.write(
                self.style.WARNING(
                    f"No reference data directory at {data_dir}.\n"
                    "The platform starts without it. To import the official files, put the shared "
                    "data folder there (or set ODOP_DATA_DIR) and run:\n"
                    "  odop import_reference --data-dir /path/to/shared/data"
                )
            )
            return
        files = ReferenceFiles.in_directory(data_dir, master=options["master"])
        try:
            if not options["force"] and reference_import_is_current(files):
                self.stdout.write(
                    "Reference data unchanged since the last import; nothing to do "
                    "(use --force to import again)."
                )
                return
            total = files.rows_estimate()
            # DEBUG's query log would double the run time of thousands of bulk queries.
            with (
                override_settings(DEBUG=False),
                tqdm(total=total, desc="import", unit="row", disable=None, file=self.stderr) as bar,
            ):
                reports = reference_import(files=files, progress=bar.update)
        except ValidationError as error:
            raise CommandError("Nothing was imported. " + " ".join(error.messages)) from error
        for report in reports:
            self.stdout.write(report.summary())
        master = reports[-1]
        placed = master.created + master.updated + master.unchanged
        self.stdout.write(
            self.style.SUCCESS(
                f"National list: {placed} of {master.rows_read} rows placed in districts; "
                f"{len(master.findings)} data-quality findings (odop data_quality)."
            )
        )
