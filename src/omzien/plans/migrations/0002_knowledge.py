"""Seed the knowledge base with the interventions the seed publications name
(plans.knowledge); services.knowledge_sync() does the same for tests that flush."""

from django.db import migrations


def seed(apps, schema_editor):
    from omzien.plans.knowledge import INTERVENTIONS

    Intervention = apps.get_model("plans", "Intervention")
    ActionPoint = apps.get_model("scan", "ActionPoint")
    points = {point.code: point for point in ActionPoint.objects.all()}
    for spec in INTERVENTIONS:
        intervention, _created = Intervention.objects.update_or_create(
            key=spec.key,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "source_document": spec.document,
                "source_section": spec.section,
                "source_reference": spec.reference,
                "built_in": True,
                "municipality": None,
                "retired_at": None,
            },
        )
        linked = [points[code] for code in spec.points if code in points]
        intervention.action_points.set(linked)
        intervention.characteristics.set({point.characteristic_id for point in linked})


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial"), ("scan", "0002_framework")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
