"""`odop restore archive.tar.gz`: put back a backup made by `odop backup`."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from odop.operations.backup import backup_restore


class Command(BaseCommand):
    help = (
        "Replace the database and MEDIA_ROOT with a backup. Stop the server and worker first; "
        "run `odop migrate` afterwards if the backup is older than the code."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")
        parser.add_argument(
            "--database-name",
            help="PostgreSQL: restore into this existing database instead of the configured one.",
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            answer = input("This replaces the whole database and media folder. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = backup_restore(
                archive_path=options["archive"],
                database_name=options["database_name"],
                media=not options["no_media"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Restored {manifest.vendor} backup of {manifest.created_at} "
            f"({manifest.media_files} media file(s))."
        )
