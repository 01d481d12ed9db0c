from django.db import migrations


def seed(apps, schema_editor):
    from omzien.people.vocabulary import sync

    sync(apps.get_model("people", "Term"), apps.get_model("people", "Language"))


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
