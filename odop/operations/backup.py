"""Backups: the database and the media folder in one .tar.gz, with a manifest.

SQLite is copied with its online backup API (consistent while the site runs; WAL included);
PostgreSQL with pg_dump's custom format. Restore refuses an archive made on another database
vendor, or one whose migrations this code does not know (made by newer code).
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.translation import gettext as _

ARCHIVE_FORMAT = 1
MANIFEST_NAME = "manifest.json"
MEDIA_NAME = "media"
DATABASE_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


@dataclass(frozen=True, kw_only=True)
class BackupManifest:
    """What an archive holds: enough to refuse restoring it where it does not belong."""

    format: int
    vendor: str
    created_at: str
    django_version: str
    migrations: dict[str, list[str]]
    media_files: int


def _migrations_applied(connection: Any) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def postgres_tool(name: str) -> str:
    """The path of pg_dump / pg_restore: ODOP_PG_BIN_DIR, then the PATH, then the newest
    /usr/lib/postgresql/<version>/bin (Debian keeps them off the PATH)."""
    if settings.ODOP_PG_BIN_DIR:
        return str(Path(settings.ODOP_PG_BIN_DIR) / name)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if not candidates:
        raise ImproperlyConfigured(f"{name} not found: install the PostgreSQL client tools.")
    return str(candidates[-1])


def _postgres_arguments(connection: Any) -> tuple[list[str], dict[str, str]]:
    """Connection flags for pg_dump/pg_restore and the environment (password) they need."""
    params = connection.settings_dict
    arguments = []
    if params.get("HOST"):
        arguments += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        arguments += ["--port", str(params["PORT"])]
    if params.get("USER"):
        arguments += ["--username", str(params["USER"])]
    environment = dict(os.environ)
    if params.get("PASSWORD"):
        environment["PGPASSWORD"] = str(params["PASSWORD"])
    return arguments, environment


def _outside_transactions(connection: Any) -> None:
    # Inside a transaction a dump would miss (pg_dump) or wait forever on (SQLite's backup API
    # retries SQLITE_LOCKED without end) the rows it has not committed.
    if connection.in_atomic_block:
        raise TransactionManagementError("Backups and restores run outside any transaction.")


def _database_dump(*, connection: Any, target: Path) -> None:
    _outside_transactions(connection)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return
    if connection.vendor == "postgresql":
        arguments, environment = _postgres_arguments(connection)
        subprocess.run(
            [
                postgres_tool("pg_dump"),
                *arguments,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                connection.settings_dict["NAME"],
            ],
            check=True,
            env=environment,
            capture_output=True,
        )
        return
    raise ImproperlyConfigured(f"No backup method for the {connection.vendor} database.")


def _database_load(*, connection: Any, source: Path, database_name: str | None) -> None:
    _outside_transactions(connection)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as copy:
            copy.backup(connection.connection)
        copy.close()
        return
    arguments, environment = _postgres_arguments(connection)
    # Close our own session first: pg_restore --clean drops every table we would hold open.
    connection.close()
    subprocess.run(
        [
            postgres_tool("pg_restore"),
            *arguments,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--dbname",
            database_name or connection.settings_dict["NAME"],
            str(source),
        ],
        check=True,
        env=environment,
        capture_output=True,
    )


def _media_add(*, archive: tarfile.TarFile, media_root: Path) -> int:
    count = 0
    if media_root.is_dir():
        for path in sorted(media_root.rglob("*")):
            if path.is_file():
                archive.add(path, arcname=f"{MEDIA_NAME}/{path.relative_to(media_root)}")
                count += 1
    return count


def backup_create(
    *, destination: Path | None = None, using: str = DEFAULT_DB_ALIAS
) -> tuple[Path, BackupManifest]:
    """Write `destination` (default: ODOP_BACKUP_DIR/odop-<vendor>-<timestamp>.tar.gz) with the
    database, MEDIA_ROOT and a manifest (vendor, applied migrations, date). Safe while the site
    runs: both dumps read a consistent snapshot."""
    connection = connections[using]
    now = timezone.now()
    if destination is None:
        folder = Path(settings.ODOP_BACKUP_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        destination = folder / f"odop-{connection.vendor}-{now:%Y%m%d-%H%M%S}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DATABASE_NAMES.get(connection.vendor, "database")
        _database_dump(connection=connection, target=dump)
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            media_files = _media_add(archive=archive, media_root=media_root)
            manifest = BackupManifest(
                format=ARCHIVE_FORMAT,
                vendor=connection.vendor,
                created_at=now.isoformat(),
                django_version=django.get_version(),
                migrations=_migrations_applied(connection),
                media_files=media_files,
            )
            payload = json.dumps(asdict(manifest), indent=2).encode()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(payload)
            info.mtime = int(now.timestamp())
            archive.addfile(info, io.BytesIO(payload))
        # A half-written archive never carries the final name.
        partial.replace(destination)
    return destination, manifest


def backup_manifest_read(*, archive_path: Path) -> BackupManifest:
    """The manifest of an archive; a coded ValidationError if it is not one of ours."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST_NAME)
            if member is None:
                raise KeyError(MANIFEST_NAME)
            data = json.loads(member.read())
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as error:
        raise ValidationError(
            _("%(path)s is not an ODOP backup archive (%(error)s).")
            % {"path": archive_path, "error": error},
            code="backup_unreadable",
        ) from error
    if data.get("format") != ARCHIVE_FORMAT:
        raise ValidationError(
            _("Unknown backup format %(format)s.") % {"format": data.get("format")},
            code="backup_format_unknown",
        )
    return BackupManifest(**data)


def backup_check_restorable(*, manifest: BackupManifest, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse an archive from another database vendor, or with migrations this code lacks."""
    connection = connections[using]
    if manifest.vendor != connection.vendor:
        raise ValidationError(
            _(
                "This backup was made on a %(archive)s database and cannot be restored into "
                "%(current)s. Restore it on a %(archive)s server, or move the data with "
                "dumpdata/loaddata."
            )
            % {"archive": manifest.vendor, "current": connection.vendor},
            code="backup_vendor_mismatch",
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app_label}.{name}"
        for app_label, names in manifest.migrations.items()
        for name in names
        if (app_label, name) not in known
    ]
    if unknown:
        raise ValidationError(
            _(
                "This backup was made by a newer version of the platform (migrations unknown "
                "here: %(names)s). Update the code first."
            )
            % {"names": ", ".join(unknown[:5])},
            code="backup_migrations_unknown",
        )


def backup_restore(
    *,
    archive_path: Path,
    using: str = DEFAULT_DB_ALIAS,
    database_name: str | None = None,
    media: bool = True,
) -> BackupManifest:
    """Replace the database (and MEDIA_ROOT unless `media` is off) with an archive's content.

    Checks the manifest first and changes nothing if it is refused. `database_name` restores a
    PostgreSQL archive into another (existing) database than the configured one. Stop the web
    server and worker first: the restore replaces every table under them. Run `odop migrate`
    afterwards when the archive is older than the code.
    """
    manifest = backup_manifest_read(archive_path=archive_path)
    backup_check_restorable(manifest=manifest, using=using)
    connection = connections[using]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(folder, filter="data")
        _database_load(
            connection=connection,
            source=folder / DATABASE_NAMES[manifest.vendor],
            database_name=database_name,
        )
        if media:
            _media_replace(source=folder / MEDIA_NAME, media_root=Path(settings.MEDIA_ROOT))
    return manifest


def _media_replace(*, source: Path, media_root: Path) -> None:
    if media_root.exists():
        shutil.rmtree(media_root)
    if source.is_dir():
        shutil.copytree(source, media_root)
    else:
        media_root.mkdir(parents=True, exist_ok=True)
