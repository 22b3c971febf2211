"""`odop backup [archive.tar.gz]`: the database and the media folder in one archive."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from odop.operations.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump) and MEDIA_ROOT to a .tar.gz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "archive", nargs="?", type=Path, help="Where to write (default: ODOP_BACKUP_DIR)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path, manifest = backup_create(destination=options["archive"])
        self.stdout.write(
            f"{path}: {manifest.vendor} database, {manifest.media_files} media file(s)."
        )
