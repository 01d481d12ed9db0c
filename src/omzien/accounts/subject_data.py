"""What the accounts app holds about a person (through their login)."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.subject_rights import register_eraser, register_exporter


@register_exporter("account")
def export_account(person: Any) -> dict[str, Any] | None:
    user = person.user
    if user is None:
        return None
    return {
        "email": user.email,
        "name": user.display_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "roles": [
            {"role": a.role, "area": str(a.area)}
            for a in user.roles.select_related("municipality", "district", "neighbourhood")
        ],
        "two_factor_enabled": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "api_tokens": [
            {"name": t.name, "created_at": t.created_at.isoformat(), "revoked": bool(t.revoked_at)}
            for t in user.api_tokens.all()
        ],
    }


@register_eraser("account", order=90)
def erase_account(person: Any) -> None:
    user = person.user
    if user is None:
        return
    email = user.email
    # Login attempts are stored by e-mail address, so they are personal data too.
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()
    person.user = None
    person.save(update_fields=["user"])
    user.delete()
