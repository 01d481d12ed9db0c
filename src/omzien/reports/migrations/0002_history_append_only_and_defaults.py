"""On PostgreSQL the database refuses to change or delete report history, like the audit log
(core 0002). Only `by` may be set to NULL when a staff account is removed. SQLite relies on
the model-level guard. Municipalities that already exist get the default categories."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION reports_reportevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'report history is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER reports_reportevent_no_update
    BEFORE UPDATE OF report_id, at, by_label, from_status, to_status, text
    ON reports_reportevent FOR EACH ROW EXECUTE FUNCTION reports_reportevent_append_only();

CREATE TRIGGER reports_reportevent_no_delete
    BEFORE DELETE ON reports_reportevent
    FOR EACH ROW EXECUTE FUNCTION reports_reportevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS reports_reportevent_no_delete ON reports_reportevent;
DROP TRIGGER IF EXISTS reports_reportevent_no_update ON reports_reportevent;
DROP FUNCTION IF EXISTS reports_reportevent_append_only();
"""


def triggers_forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def triggers_backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


def defaults_forwards(apps, schema_editor):
    # The historical models, with the same idempotent defaults the service creates.
    from omzien.reports.defaults import DEFAULT_CATEGORIES, DEFAULT_STANDARD_TEXTS

    Municipality = apps.get_model("neighbourhoods", "Municipality")
    Category = apps.get_model("reports", "Category")
    Question = apps.get_model("reports", "Question")
    StandardText = apps.get_model("reports", "StandardText")
    for municipality in Municipality.objects.all():
        existing = set(
            Category.objects.filter(municipality=municipality).values_list("slug", flat=True)
        )
        for order, spec in enumerate(DEFAULT_CATEGORIES):
            if spec["slug"] in existing:
                continue
            parent = Category.objects.create(
                municipality=municipality,
                slug=spec["slug"],
                name=spec["name"],
                description=spec["description"],
                kind=spec["kind"],
                order=order,
            )
            for child_order, (slug, name) in enumerate(spec["children"]):
                Category.objects.create(
                    municipality=municipality,
                    parent=parent,
                    slug=slug,
                    name=name,
                    kind=spec["kind"],
                    order=child_order,
                )
            for q_order, question in enumerate(spec["questions"]):
                Question.objects.create(category=parent, order=q_order, **question)
        if not StandardText.objects.filter(municipality=municipality).exists():
            for text in DEFAULT_STANDARD_TEXTS:
                StandardText.objects.create(municipality=municipality, **text)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("neighbourhoods", "0001_initial")]

    operations = [
        migrations.RunPython(triggers_forwards, triggers_backwards),
        migrations.RunPython(defaults_forwards, migrations.RunPython.noop),
    ]
