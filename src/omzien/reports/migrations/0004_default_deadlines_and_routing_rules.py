"""Municipalities that already exist get the default deadlines (on default categories that
have none) and the default routing rules (when they have no rules yet), like 0002."""

from django.db import migrations


def defaults_forwards(apps, schema_editor):
    from omzien.reports.defaults import DEFAULT_CATEGORIES, DEFAULT_ROUTING_RULES

    Municipality = apps.get_model("neighbourhoods", "Municipality")
    Category = apps.get_model("reports", "Category")
    RoutingRule = apps.get_model("reports", "RoutingRule")
    for municipality in Municipality.objects.all():
        for spec in DEFAULT_CATEGORIES:
            amount, unit = spec["deadline"]
            Category.objects.filter(
                municipality=municipality,
                slug=spec["slug"],
                parent=None,
                deadline_amount__isnull=True,
            ).update(deadline_amount=amount, deadline_unit=unit)
        if RoutingRule.objects.filter(municipality=municipality).exists():
            continue
        categories = {
            c.slug: c for c in Category.objects.filter(municipality=municipality, parent=None)
        }
        for order, spec in enumerate(DEFAULT_ROUTING_RULES):
            values = dict(spec)
            category = categories.get(values.pop("category"))
            if category is not None:
                RoutingRule.objects.create(
                    municipality=municipality, category=category, order=order, **values
                )


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_routing_and_deadlines")]

    operations = [migrations.RunPython(defaults_forwards, migrations.RunPython.noop)]
