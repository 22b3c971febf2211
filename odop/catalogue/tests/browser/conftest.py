"""Fixtures of the browser tests: the real national data set in the test database.

The live server needs `transactional_db`, which empties every table after each test, and the
real import takes about five seconds. So the first test that asks for `national_data` runs the
real `reference_import`; the rows it wrote are kept in memory and the later tests put the same
rows back with `bulk_create` (one to two seconds) instead of importing again.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

from odop.registry.services import ReferenceFiles, reference_import

# Tables that the flush after each test fills again by itself (post_migrate).
REFILLED_AFTER_FLUSH = frozenset({"contenttypes.ContentType", "auth.Permission"})

type Snapshot = list[tuple[type[models.Model], list[dict[str, object]]]]


def _stored_models() -> Iterator[type[models.Model]]:
    """Every model with a table in the test database (history and many-to-many tables too)."""
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in tables and model._meta.label not in REFILLED_AFTER_FLUSH:
            yield model


def _snapshot_take() -> Snapshot:
    """The rows of every non-empty table: whatever the reference import wrote, today
    `geography` and `registry` with their history."""
    snapshot = [(model, list(model._base_manager.values())) for model in _stored_models()]
    return [(model, rows) for model, rows in snapshot if rows]


@transaction.atomic
def _snapshot_restore(snapshot: Snapshot) -> None:
    """Write the rows back with their primary keys (foreign keys are checked at commit)."""
    for model, rows in snapshot:
        model._base_manager.bulk_create([model(**row) for row in rows], batch_size=500)
    # PostgreSQL: move the id sequences past the restored keys (SQLite needs nothing).
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _r in snapshot]):
            cursor.execute(sql)


@pytest.fixture(scope="session")
def _national_snapshots() -> dict[Path, Snapshot]:
    """The rows of each imported data directory, filled by the first `national_data`."""
    return {}


@pytest.fixture
def national_data(
    transactional_db: None, real_data_dir: Path, _national_snapshots: dict[Path, Snapshot]
) -> Path:
    """The real reference data (LGD, GI, HS, the national ODOP list, the findings) in the
    test database that the live server reads. Returns the data directory."""
    snapshot = _national_snapshots.get(real_data_dir)
    if snapshot is None:
        reference_import(files=ReferenceFiles.in_directory(real_data_dir))
        _national_snapshots[real_data_dir] = _snapshot_take()
    else:
        _snapshot_restore(snapshot)
    return real_data_dir
