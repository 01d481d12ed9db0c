from django.db import migrations

FTS_INDEX = "directory_service_fts_dutch"


def seed(apps, schema_editor):
    from omzien.directory.seed import seed_taxonomies

    seed_taxonomies(apps.get_model("directory", "Taxonomy"), apps.get_model("directory", "TaxonomyTerm"))


def create_fts_index(apps, schema_editor):
    # PostgreSQL: Dutch full-text search (stemming) over the search document, indexed.
    # SQLite uses the Python-stemmed ``search_stems`` column instead (see selectors).
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {FTS_INDEX} ON directory_service "
        "USING gin (to_tsvector('dutch'::regconfig, search_document))"
    )


def drop_fts_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {FTS_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(create_fts_index, drop_fts_index),
    ]
