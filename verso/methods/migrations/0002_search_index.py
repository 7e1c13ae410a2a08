"""A GIN index for the full-text search, on PostgreSQL only (SQLite searches with LIKE).

The expression is the one ``selectors.methods_search`` filters on
(``SearchVector("search_text", config="simple")``), so PostgreSQL can use the index."""

from django.db import migrations

INDEX = "methods_method_search_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON methods_method USING GIN "
            "(to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("methods", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
