"""The storefront's full-text index, in each database's own way.

PostgreSQL: a stored generated `tsvector` column over `search_document` ('simple'
configuration: no stemming, so Hindi and craft names are kept as written) with a GIN index.
SQLite: an FTS5 table with external content (`bazaar_listing` holds the text once), kept in
step by triggers, with the unicode61 tokenizer (folds case and Latin diacritics, keeps
Devanagari words whole).

Neither is a Django field: the ORM never writes the index; `bazaar.selectors` reads it.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

POSTGRESQL_FORWARD = [
    "ALTER TABLE bazaar_listing ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_document)) STORED",
    "CREATE INDEX bazaar_listing_search ON bazaar_listing USING gin (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS bazaar_listing_search",
    "ALTER TABLE bazaar_listing DROP COLUMN IF EXISTS search_vector",
]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE bazaar_listing_fts USING fts5("
    "search_document, content='bazaar_listing', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER bazaar_listing_fts_insert AFTER INSERT ON bazaar_listing BEGIN "
    "INSERT INTO bazaar_listing_fts(rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER bazaar_listing_fts_delete AFTER DELETE ON bazaar_listing BEGIN "
    "INSERT INTO bazaar_listing_fts(bazaar_listing_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER bazaar_listing_fts_update AFTER UPDATE OF search_document ON bazaar_listing "
    "BEGIN "
    "INSERT INTO bazaar_listing_fts(bazaar_listing_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO bazaar_listing_fts(rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
    "INSERT INTO bazaar_listing_fts(bazaar_listing_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS bazaar_listing_fts_update",
    "DROP TRIGGER IF EXISTS bazaar_listing_fts_delete",
    "DROP TRIGGER IF EXISTS bazaar_listing_fts_insert",
    "DROP TABLE IF EXISTS bazaar_listing_fts",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise RuntimeError(f"No full-text index for the {vendor} database.")
    for statement in statements[vendor]:
        schema_editor.execute(statement)


def forward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD})


def backward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("bazaar", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
