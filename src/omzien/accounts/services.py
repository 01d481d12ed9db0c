"""Writes for accounts, roles, two-factor devices and API tokens."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.accounts.models import ApiToken, Role, RoleAssignment, User, hash_token
from omzien.accounts.selectors import forget_cached_roles

TOKEN_PREFIX = "omz_"  # noqa: S105 - a visible marker, not a secret


@transaction.atomic
def user_create(
    *, email: str, password: str | None, display_name: str = "", is_staff: bool = False
) -> User:
    """Create a login. The e-mail address is unique regardless of capitals."""
    user = User(email=email, display_name=display_name, is_staff=is_staff)
    user.full_clean(exclude=["password"])
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


#: What administrators manage on the management site: areas, the vocabulary, accounts and
#: roles. Not people's profiles, consents or notes: those are opened only in the
#: application, with consent, and logged.
ADMIN_PERMISSIONS = {
    "neighbourhoods": ["municipality", "district", "neighbourhood"],
    "people": ["term", "language"],
    "accounts": ["user", "roleassignment", "apitoken"],
}
ADMIN_GROUP = "omzien administrators"


def _admin_group() -> Group:
    group, created = Group.objects.get_or_create(name=ADMIN_GROUP)
    if created or not group.permissions.exists():
        perms = Permission.objects.none()
        for app_label, models in ADMIN_PERMISSIONS.items():
            perms |= Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models
            )
        perms |= Permission.objects.filter(
            content_type__app_label="core", codename="view_auditentry"
        )
        group.permissions.set(perms)
    return group


def _sync_admin_access(user: User) -> None:
    """The admin role opens the management site (with the permissions above)."""
    is_admin = RoleAssignment.objects.filter(user=user, role=Role.ADMIN).exists()
    if is_admin:
        user.groups.add(_admin_group())
    else:
        user.groups.remove(*Group.objects.filter(name=ADMIN_GROUP))
    staff = is_admin or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


@transaction.atomic
def role_assign(*, user: User, role: str, area: Any) -> RoleAssignment:
    """Give `user` `role` in `area` (a municipality, district or neighbourhood)."""
    field = area._meta.model_name
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        municipality=area if field == "municipality" else None,
        district=area if field == "district" else None,
        neighbourhood=area if field == "neighbourhood" else None,
    )
    if role == Role.ADMIN:
        _sync_admin_access(user)
    forget_cached_roles(user)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment) -> None:
    user = assignment.user
    assignment.delete()
    if assignment.role == Role.ADMIN:
        _sync_admin_access(user)
    forget_cached_roles(user)


@transaction.atomic
def totp_device_create(
    *, user: User, key: str | None = None, confirmed: bool = False
) -> TOTPDevice:
    """Start (or, with a known key for the demo, finish) setting up an authenticator app.

    Unconfirmed devices left over from an earlier attempt are removed first.
    """
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice(user=user, name="authenticator", confirmed=confirmed)
    if key:
        device.key = key
    device.save()
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> TOTPDevice:
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=hash_token(raw), prefix=raw[:8])
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])


def api_token_authenticate(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
