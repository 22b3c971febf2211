"""Shared plumbing of the bazaar benchmarks (`bazaar_race.py`, `bazaar_search.py`).

Databases the benchmarks create and drop (PostgreSQL at 127.0.0.1:5432, trust auth, or a
temporary SQLite file), Django configured against one of them, the reference registry imported
into it, a free port, and percentiles. Nothing here measures anything.
"""

import os
import shutil
import socket
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SETTINGS_MODULE = "config.settings.local"


def postgres_url(name: str) -> str:
    return f"{POSTGRES_SERVER}/{name}"


def _postgres_admin(statement: str) -> None:
    """Run one statement on the server's `postgres` database, outside any transaction
    (CREATE/DROP DATABASE refuse to run inside one)."""
    import psycopg

    with psycopg.connect(postgres_url("postgres"), autocommit=True) as connection:
        connection.execute(statement)


def postgres_database_create(name: str, *, template: str | None = None) -> str:
    """A fresh, empty database `name` (dropped first if it exists). Returns its URL."""
    postgres_database_drop(name)
    clause = f' TEMPLATE "{template}"' if template else ""
    _postgres_admin(f'CREATE DATABASE "{name}"{clause}')
    return postgres_url(name)


def postgres_database_drop(name: str) -> None:
    _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_database_create() -> tuple[str, Path]:
    """A temporary SQLite file (not created yet). Returns its URL and its folder."""
    folder = Path(tempfile.mkdtemp(prefix="odop-bench-bazaar-"))
    return f"sqlite:///{folder / 'bench.sqlite3'}", folder


def sqlite_database_drop(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def django_configure(database_url: str | None) -> None:
    """Set Django up against `database_url` (or the DATABASE_URL of the environment, as a
    running server would have it), with the local settings and DEBUG off."""
    sys.path.insert(0, str(ROOT))
    if database_url is not None:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()


def database_prepare() -> None:
    """Migrate, then import the reference registry (States, districts, GI, HS, the national
    list) unless the same files were imported already: listings need real district products."""
    from django.conf import settings
    from django.core.management import call_command

    from odop.registry.services.reference import (
        ReferenceFiles,
        reference_import,
        reference_import_is_current,
    )

    call_command("migrate", verbosity=0)
    files = ReferenceFiles.in_directory(Path(settings.ODOP_DATA_DIR))
    if not reference_import_is_current(files):
        reference_import(files=files)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` quantile (0.5 = median) of `values`, interpolated as numpy's default does."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")
