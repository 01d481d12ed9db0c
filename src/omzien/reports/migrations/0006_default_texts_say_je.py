"""The default texts for reporters say "je", like the rest of omzien's resident-facing text.

Only rows that still hold the old default wording change: a municipality's own texts stay.
"""

from django.db import migrations

CATEGORY_DESCRIPTIONS = [
    (
        "U maakt zich zorgen om een buurtbewoner. Bijvoorbeeld verward gedrag, "
        "of u ziet iemand al dagen niet.",
        "Je maakt je zorgen om een buurtbewoner. Bijvoorbeeld verward gedrag, "
        "of je ziet iemand al dagen niet.",
    ),
    (
        "Uw melding past niet bij de andere keuzes.",
        "Je melding past niet bij de andere keuzes.",
    ),
]
QUESTIONS = [("Heeft u dit eerder gezien?", "Heb je dit eerder gezien?")]
STANDARD_TEXTS = [
    (
        "Bedankt voor uw melding. We zijn ermee bezig.",
        "Bedankt voor je melding. We zijn ermee bezig.",
    ),
    (
        "Het probleem is opgelost. Bedankt voor uw melding.",
        "Het probleem is opgelost. Bedankt voor je melding.",
    ),
    (
        "We hebben contact gelegd. Meer kunnen we u niet vertellen, om de privacy "
        "van de ander te beschermen. Bedankt dat u omkijkt naar uw buren.",
        "We hebben contact gelegd. Meer kunnen we je niet vertellen, om de privacy "
        "van de ander te beschermen. Bedankt dat je omkijkt naar je buren.",
    ),
]


def _replace(apps, pairs_by_model, *, forwards):
    for model_name, field, pairs in pairs_by_model:
        model = apps.get_model("reports", model_name)
        for old, new in pairs:
            before, after = (old, new) if forwards else (new, old)
            model.objects.filter(**{field: before}).update(**{field: after})


TABLES = [
    ("Category", "description", CATEGORY_DESCRIPTIONS),
    ("Question", "text", QUESTIONS),
    ("StandardText", "text", STANDARD_TEXTS),
]


def forwards(apps, schema_editor):
    _replace(apps, TABLES, forwards=True)


def backwards(apps, schema_editor):
    _replace(apps, TABLES, forwards=False)


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_privacy_outreach_mail")]

    operations = [migrations.RunPython(forwards, backwards)]
