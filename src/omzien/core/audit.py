"""The audit-log API every app uses to record access to sensitive data."""

from __future__ import annotations

from typing import Any

from django.db import models

from omzien.core.models import AuditAction, AuditEntry

SELF_LABEL = "self"
SYSTEM_LABEL = "system"


def subject_type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


def audit_record(
    *,
    actor: Any,
    subject: models.Model,
    category: str,
    action: str = AuditAction.READ,
    purpose: str = "",
    detail: str = "",
) -> AuditEntry:
    """Append one entry: `actor` did `action` on `category` data of `subject`."""
    label = SYSTEM_LABEL
    known_actor = actor is not None and getattr(actor, "is_authenticated", False)
    if known_actor:
        label = actor.get_full_name() or actor.get_username()
        # What people do with their own data is logged without their name, so that erasing
        # them leaves no name behind in the (unchangeable) log.
        if getattr(subject, "user_id", None) == actor.pk:
            label = SELF_LABEL
    entry = AuditEntry(
        actor=actor if known_actor else None,
        actor_label=label,
        subject_type=subject_type_of(subject),
        subject_id=subject.pk,
        category=category,
        action=action,
        purpose=purpose,
        detail=detail[:300],
    )
    # The actor comes from the request, so checking that the account exists is a wasted query.
    entry.full_clean(exclude=["actor"])
    entry.save()
    return entry


def audit_entries_about(subject: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.about(subject_type_of(subject), subject.pk).select_related("actor")
