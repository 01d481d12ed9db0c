from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

OLD_INDEX = "directory_service_fts_dutch"
INDEX = "directory_service_search_vector"
VECTOR = (
    "setweight(to_tsvector('dutch'::regconfig, name), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, search_document), 'D')"
)


def forwards(apps, schema_editor):
    # SQLite searches the Python-stemmed ``search_stems`` column instead (see selectors).
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    schema_editor.execute(f"UPDATE directory_service SET search_vector = {VECTOR}")  # noqa: S608
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_service USING gin (search_vector)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON directory_service "
        "USING gin (to_tsvector('dutch'::regconfig, search_document))"
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_seed_and_search_index")]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_vector",
            field=SearchVectorField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
