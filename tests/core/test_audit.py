from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from omzien.core.audit import audit_record
from omzien.core.models import AuditEntry, AuditLogIsAppendOnly
from omzien.core.permissions import can, registered_actions

pytestmark = pytest.mark.django_db


def test_audit_entries_cannot_be_edited_or_deleted(resident, professional) -> None:
    entry = audit_record(
        actor=professional, subject=resident, category="contact", purpose="support"
    )
    entry.purpose = "something else"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(purpose="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).purpose == "support"


def test_admin_cannot_change_audit_log(client, as_user) -> None:
    from omzien.accounts.models import User
    from omzien.accounts.services import totp_device_create

    admin = User.objects.create_superuser("root@example.org", "a-long-test-password-42")
    totp_device_create(user=admin, confirmed=True)
    as_user(admin)
    assert client.get("/beheer/core/auditentry/").status_code == 200
    assert client.get("/beheer/core/auditentry/add/").status_code == 403


def test_unknown_actions_and_anonymous_users_are_refused(resident) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not can(resident.user, "people.no_such_action", resident)
    assert not can(AnonymousUser(), "people.view_profile", resident)
    assert can(resident.user, "people.view_profile", resident)
    assert "people.view_profile" in registered_actions()


def test_inactive_user_is_refused(resident) -> None:
    resident.user.is_active = False
    assert not can(resident.user, "people.view_profile", resident)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only"
)
def test_postgresql_refuses_raw_edits_of_the_audit_log(resident, professional) -> None:
    entry = audit_record(actor=professional, subject=resident, category="contact")
    for sql in (
        "UPDATE core_auditentry SET purpose = 'x' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    # Removing a staff account only clears the link, which the trigger allows.
    professional.delete()
    assert AuditEntry.objects.get(pk=entry.pk).actor_id is None


def test_removing_a_staff_account_keeps_the_name_in_the_log(resident, professional) -> None:
    entry = audit_record(actor=professional, subject=resident, category="contact")
    professional.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor_id is None and entry.actor_label == "Pim Professional"
