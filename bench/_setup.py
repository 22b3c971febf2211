"""Shared set-up for the benchmark scripts: Django on a throwaway database."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup(*, database_url: str | None = None) -> Path:
    """Point Django at a fresh SQLite file (or DATABASE_URL) and migrate it. Returns the folder."""
    sys.path.insert(0, str(ROOT))
    workdir = Path(tempfile.mkdtemp(prefix="odop-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DATABASE_URL"] = database_url or os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return workdir
