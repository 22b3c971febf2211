"""PostgreSQL refuses two bookings of one machine whose time ranges overlap (issue 15).

An exclusion constraint on (machine, [start, end)) over the bookings that hold a machine's
time (every status but cancelled; half-open ranges, so adjacent bookings are allowed). The
booking service already serialises bookings of a machine with a row lock; this makes the
database itself guard the invariant. SQLite has no exclusion constraints: there the service's
transaction, begun IMMEDIATE (config/settings/base.py), holds the one write lock.
btree_gist is a trusted extension (PostgreSQL 13+): the database owner may create it.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE facilities_booking ADD CONSTRAINT facilities_booking_no_overlap
    EXCLUDE USING gist (equipment_id WITH =, tstzrange("start", "end", '[)') WITH &&)
    WHERE (status <> 'cancelled');
"""
DROP = "ALTER TABLE facilities_booking DROP CONSTRAINT IF EXISTS facilities_booking_no_overlap;"


def no_overlap_add(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def no_overlap_drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial")]

    operations = [migrations.RunPython(no_overlap_add, no_overlap_drop)]
