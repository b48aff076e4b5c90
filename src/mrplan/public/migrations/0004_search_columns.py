"""Stored, indexed search columns for goals and activities (PostgreSQL only).

Search matches and ranks every published goal and activity; at city scale (tens of thousands)
computing to_tsvector and unaccent per row and query costs seconds. PostgreSQL keeps two
generated columns instead, recomputed by the database on every insert and update, so they
never go stale whatever code writes the row (publishing does not change them):

- search_document: the "swedish" tsvector, title weighted A and description B (GIN index);
- search_folded: title and description lower-cased and without accents (trigram GIN index).

On SQLite this migration does nothing: search matches goals and activities in Python there.
"""

from typing import Any

from django.db import migrations

FOLD = """
CREATE OR REPLACE FUNCTION mrplan_search_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, lower($1)) $$
"""
TABLES = ("planning_goal", "planning_activity")


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FOLD)
    for table in TABLES:
        schema_editor.execute(
            f"""
            ALTER TABLE {table}
            ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('swedish'::regconfig, coalesce(title, '')), 'A')
                || setweight(to_tsvector('swedish'::regconfig, coalesce(description, '')), 'B')
            ) STORED,
            ADD COLUMN search_folded text GENERATED ALWAYS AS (
                mrplan_search_fold(coalesce(title, '') || ' ' || coalesce(description, '') || ' ')
            ) STORED
            """
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_search_document ON {table} USING gin (search_document)"
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_search_folded ON {table} USING gin (search_folded gin_trgm_ops)"
        )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} DROP COLUMN search_document, DROP COLUMN search_folded"
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS mrplan_search_fold(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0003_search_extensions"),
        ("planning", "0007_merge_0006_compiled_report_text_0006_review_comments"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
