"""Seed the five characteristics and their action points 1.1-5.4 (seed 001)."""

from django.db import migrations


def seed(apps, schema_editor):
    from omzien.scan.framework import CHARACTERISTICS

    Characteristic = apps.get_model("scan", "Characteristic")
    ActionPoint = apps.get_model("scan", "ActionPoint")
    order = 0
    for spec in CHARACTERISTICS:
        characteristic, _created = Characteristic.objects.update_or_create(
            number=spec.number, defaults={"title": spec.title, "description": spec.description}
        )
        for point in spec.action_points:
            order += 1
            ActionPoint.objects.update_or_create(
                code=point.code,
                defaults={
                    "characteristic": characteristic,
                    "title": point.title,
                    "text": point.text,
                    "order": order,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("scan", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
