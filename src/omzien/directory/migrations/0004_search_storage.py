"""Search at scale on PostgreSQL: the search vector set by a trigger, kept in the row.

* A trigger fills ``search_vector`` whenever a row is inserted (also by COPY) or its name or
  search document changes, so writes need no second UPDATE per entry (which left a dead
  copy of every row behind and doubled the table).
* ``search_vector`` is stored in the row uncompressed where it fits (STORAGE MAIN), and rows
  are made to fit in about 1 kB (toast_tuple_target) by moving the long texts (document,
  stems, description) out of line: ranking reads the vector without a TOAST lookup, and
  scans read a third of the pages.
* A partial index on (name, id) of the findable entries: a page in name order without
  sorting the table; and one on the (few) closures and special hours, for "open now".
"""

from django.conf import settings
from django.db import migrations, models

FUNCTION = "directory_service_search_vector"
TRIGGER = "directory_service_search_vector"
VECTOR = (
    "setweight(to_tsvector('dutch'::regconfig, coalesce(NEW.name, '')), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, coalesce(NEW.search_document, '')), 'D')"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN NEW.search_vector := {VECTOR}; RETURN NEW; END $$"
    )
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF name, search_document "
        f"ON directory_service FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )
    schema_editor.execute("ALTER TABLE directory_service ALTER COLUMN search_vector SET STORAGE MAIN")
    schema_editor.execute("ALTER TABLE directory_service SET (toast_tuple_target = 1024)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE directory_service RESET (toast_tuple_target)")
    schema_editor.execute(
        "ALTER TABLE directory_service ALTER COLUMN search_vector SET STORAGE EXTENDED"
    )
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON directory_service")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_search_vector"),
        ("neighbourhoods", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="service",
            index=models.Index(
                condition=models.Q(
                    ("publication", "published"),
                    models.Q(("status__in", ["inactive", "defunct"]), _negated=True),
                ),
                fields=["name", "id"],
                name="directory_service_findable",
            ),
        ),
        migrations.AddIndex(
            model_name="schedule",
            index=models.Index(
                condition=models.Q(("kind__in", ["closed", "special"])),
                fields=["kind", "for_service"],
                name="directory_schedule_exceptions",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
