"""On PostgreSQL the database itself refuses to change or delete audit entries.

Only the actor column may be set to NULL (when a staff account is removed, its name stays in
`actor_label`). SQLite, the demo database, relies on the model-level guard.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER core_auditentry_no_update
    BEFORE UPDATE OF at, actor_label, subject_type, subject_id, category, action, purpose, detail
    ON core_auditentry FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();

CREATE TRIGGER core_auditentry_no_delete
    BEFORE DELETE ON core_auditentry FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS core_auditentry_no_delete ON core_auditentry;
DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
