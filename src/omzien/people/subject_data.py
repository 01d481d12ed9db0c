"""What the people app holds about a person, for export and erasure."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from omzien.core.audit import audit_record
from omzien.core.models import AuditAction, AuditEntry
from omzien.core.subject_rights import register_eraser, register_exporter
from omzien.people.models import Consent, Person

_SKIP = {"id", "user", "person"}


def model_to_json(obj: models.Model, skip: set[str] = _SKIP) -> dict[str, Any]:
    """Every concrete field of a row (so a new field is exported without extra code)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in skip:
            continue
        value = getattr(obj, field.attname)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        data[field.name] = value
    return data


@register_exporter("profile")
def export_profile(person: Person) -> dict[str, Any]:
    data = model_to_json(person)
    data["neighbourhood"] = {"code": person.neighbourhood.code, "name": person.neighbourhood.name}
    for relation in ("talents", "interests", "wishes"):
        data[relation] = [
            {"key": t.slug, "nl": t.label_nl, "en": t.label_en}
            for t in getattr(person, relation).all()
        ]
    data["languages"] = [lang.code for lang in person.languages.all()]
    return data


@register_exporter("consents")
def export_consents(person: Person) -> list[dict[str, Any]]:
    rows = []
    for consent in person.consents.select_related("grantee_user", "recorded_by", "revoked_by"):
        row = model_to_json(consent, skip={"id", "person"})
        row["grantee"] = consent.grantee_label
        row["recorded_by"] = str(consent.recorded_by) if consent.recorded_by else None
        row["revoked_by"] = str(consent.revoked_by) if consent.revoked_by else None
        row["grantee_user"] = str(consent.grantee_user) if consent.grantee_user else None
        rows.append(row)
    return rows


@register_exporter("notes")
def export_notes(person: Person) -> list[dict[str, Any]]:
    return [model_to_json(note, skip={"id", "person", "author"}) for note in person.notes.all()]


@register_exporter("access_log")
def export_access_log(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "at": entry.at.isoformat(),
            "who": entry.actor_label,
            "what": entry.category,
            "action": entry.action,
            "purpose": entry.purpose,
        }
        for entry in AuditEntry.objects.about("people.person", person.pk)
    ]


@register_eraser("people")
def erase_person(person: Person) -> None:
    """Blank every personal field; keep neighbourhood and vocabulary links for counts."""
    for name in (
        "first_name",
        "last_name",
        "email",
        "phone",
        "street_address",
        "postcode",
        "about_me",
        "talents_text",
        "interests_text",
        "wishes_text",
        "registration_consent_method",
    ):
        setattr(person, name, "")
    person.registration_consent_on = None
    person.registered_by = None
    person.save()
    person.languages.clear()
    person.notes.all().delete()
    person.consents.all().delete()
    if person.user_id is not None:
        # Consents other people gave to this person stop now; they stay in those people's
        # history as given to a removed account, and their log says why.
        received = Consent.objects.filter(grantee_user_id=person.user_id)
        for consent in received.filter(revoked_at__isnull=True).select_related("person"):
            audit_record(
                actor=None,
                subject=consent.person,
                category="consent",
                action=AuditAction.WRITE,
                purpose=consent.purpose,
                detail=f"ended {consent.category}: the account it was given to was erased",
            )
        received.update(revoked_at=Coalesce("revoked_at", Value(timezone.now())), grantee_user=None)
    # The admin's change history may carry the old name in its description.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)
    ).update(object_repr="—", change_message="")
