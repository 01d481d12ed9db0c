"""Writes about people: profiles, consent, notes, data export and erasure."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.models import Role
from omzien.accounts.services import role_assign, user_create
from omzien.core import permissions, subject_rights
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import (
    Consent,
    ConsentCategory,
    ConsentMethod,
    Language,
    Note,
    Person,
    Term,
)
from omzien.people.selectors import consent_in_force, is_self

#: Roles a person can give access to as a group (everyone with that role in their area).
GRANTABLE_ROLES = (Role.VOLUNTEER, Role.PROFESSIONAL, Role.COORDINATOR)

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "about_me",
    "talents_text",
    "interests_text",
    "wishes_text",
    "share_gifts",
)
CONTACT_FIELDS = ("email", "phone", "street_address", "postcode")


@transaction.atomic
def person_signup(
    *,
    email: str,
    password: str,
    first_name: str,
    neighbourhood: Neighbourhood,
    last_name: str = "",
) -> Person:
    """A resident creates their own account and profile."""
    display_name = f"{first_name} {last_name}".strip()
    user = user_create(email=email, password=password, display_name=display_name)
    person = Person(
        user=user,
        first_name=first_name,
        last_name=last_name,
        neighbourhood=neighbourhood,
        email=user.email,
    )
    person.full_clean()
    person.save()
    role_assign(user=user, role=Role.RESIDENT, area=neighbourhood)
    return person


@transaction.atomic
def person_register(
    *,
    actor: Any,
    neighbourhood: Neighbourhood,
    first_name: str,
    consent_on: datetime.date,
    consent_method: str,
    last_name: str = "",
    phone: str = "",
    email: str = "",
    street_address: str = "",
    postcode: str = "",
    about_me: str = "",
) -> Person:
    """A professional registers someone (often without e-mail), with recorded consent."""
    permissions.require(actor, "people.register", neighbourhood)
    if consent_method == ConsentMethod.SELF_ONLINE:
        raise ValidationError(
            {"registration_consent_method": _("Say how the person gave consent to you.")}
        )
    person = Person(
        neighbourhood=neighbourhood,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        email=email,
        street_address=street_address,
        postcode=postcode.replace(" ", "").upper(),
        about_me=about_me,
        registered_by=actor,
        registration_consent_on=consent_on,
        registration_consent_method=consent_method,
    )
    person.full_clean()
    person.save()
    # The professional who registered the person may reach them for support.
    consent = Consent(
        person=person,
        category=ConsentCategory.CONTACT,
        purpose="support",
        grantee_user=actor,
        method=consent_method,
        given_on=consent_on,
        valid_from=consent_on,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        subject=person,
        category=ConsentCategory.CONTACT,
        action=AuditAction.WRITE,
        purpose="support",
        detail="registered",
    )
    return person


@transaction.atomic
def person_register_newcomer(
    *, actor: Any, neighbourhood: Neighbourhood, first_name: str
) -> Person:
    """A host writes down a newcomer's first name at an activity, after the newcomer said
    yes to being registered by name for attendance. Only the first name is stored."""
    permissions.require(actor, "people.register_newcomer", neighbourhood)
    today = timezone.localdate()
    person = Person(
        neighbourhood=neighbourhood,
        first_name=first_name.strip(),
        registered_by=actor,
        registration_consent_on=today,
        registration_consent_method=ConsentMethod.SPOKEN,
    )
    person.full_clean()
    person.save()
    consent = Consent(
        person=person,
        category=ConsentCategory.ATTENDANCE,
        purpose="activities",
        grantee_role=Role.VOLUNTEER,
        method=ConsentMethod.SPOKEN,
        given_on=today,
        valid_from=today,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        subject=person,
        category=ConsentCategory.ATTENDANCE,
        action=AuditAction.WRITE,
        purpose="activities",
        detail="registered as a newcomer at an activity",
    )
    return person


@transaction.atomic
def person_update_profile(
    *,
    actor: Any,
    person: Person,
    talents: Iterable[Term] | None = None,
    interests: Iterable[Term] | None = None,
    wishes: Iterable[Term] | None = None,
    languages: Iterable[Language] | None = None,
    **fields: Any,
) -> Person:
    """Change the profile in the person's own words (names, about me, talents, …)."""
    permissions.require(actor, "people.edit_profile", person)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save(update_fields=[*fields, "updated_at"])
    if talents is not None:
        person.talents.set(talents)
    if interests is not None:
        person.interests.set(interests)
    if wishes is not None:
        person.wishes.set(wishes)
    if languages is not None:
        person.languages.set(languages)
    return person


@transaction.atomic
def person_update_contact(*, actor: Any, person: Person, **fields: str) -> Person:
    """Change contact details; by someone else only with consent (and logged)."""
    permissions.require(actor, "people.edit_contact", person)
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Not contact fields: {sorted(unknown)}")
    if "postcode" in fields:
        fields["postcode"] = fields["postcode"].replace(" ", "").upper()
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save(update_fields=[*fields, "updated_at"])
    if not is_self(actor, person):
        consent = consent_in_force(viewer=actor, person=person, category=ConsentCategory.CONTACT)
        audit_record(
            actor=actor,
            subject=person,
            category=ConsentCategory.CONTACT,
            action=AuditAction.WRITE,
            purpose=consent.purpose if consent else "",
        )
    return person


@transaction.atomic
def consent_grant(
    *,
    actor: Any,
    person: Person,
    category: str,
    purpose: str,
    grantee_user: Any = None,
    grantee_role: str = "",
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    method: str = ConsentMethod.SELF_ONLINE,
    given_on: datetime.date | None = None,
) -> Consent:
    """Record that `person` lets someone use one category of their data for one purpose.

    The person grants it themself online, or a professional records it on their behalf
    with the date and how it was given.
    """
    if is_self(actor, person):
        method = ConsentMethod.SELF_ONLINE
    else:
        permissions.require(actor, "people.record_consent", person)
        if method == ConsentMethod.SELF_ONLINE:
            raise ValidationError({"method": _("Say how the person gave consent to you.")})
    if grantee_role and grantee_role not in GRANTABLE_ROLES:
        raise ValidationError(
            {"grantee_role": _("Choose volunteers, professionals or coordinators.")}
        )
    if grantee_user is not None and person.user_id == grantee_user.pk:
        raise ValidationError({"grantee_user": _("You cannot give consent to yourself.")})
    today = timezone.localdate()
    consent = Consent(
        person=person,
        category=category,
        purpose=purpose,
        grantee_user=grantee_user,
        grantee_role=grantee_role,
        valid_from=valid_from or today,
        valid_until=valid_until,
        method=method,
        given_on=given_on or today,
        recorded_by=actor,
    )
    if consent.given_on > today:
        raise ValidationError({"given_on": _("This date cannot be in the future.")})
    if consent.valid_until and consent.valid_until < consent.valid_from:
        raise ValidationError(
            {"valid_until": _("The end date must be on or after the start date.")}
        )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        subject=person,
        category="consent",
        action=AuditAction.WRITE,
        purpose=purpose,
        detail=f"granted {category} to {_grantee_ref(consent)}",
    )
    return consent


def _grantee_ref(consent: Consent) -> str:
    # An id, not a name: the log outlives the erasure of the people in it.
    return (
        f"role:{consent.grantee_role}"
        if consent.grantee_role
        else f"user:{consent.grantee_user_id}"
    )


@transaction.atomic
def consent_revoke(*, actor: Any, consent: Consent) -> Consent:
    """Withdraw a consent. It stops working at once; the record stays in the history."""
    person = consent.person
    if not (is_self(actor, person) or permissions.can(actor, "people.record_consent", person)):
        raise PermissionDenied("people.revoke_consent")
    # Lock the row so that two withdrawals at once cannot both pass the check below.
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_at is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    consent.revoked_at = timezone.now()
    consent.revoked_by = actor
    consent.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_record(
        actor=actor,
        subject=person,
        category="consent",
        action=AuditAction.WRITE,
        purpose=consent.purpose,
        detail=f"withdrew {consent.category} from {_grantee_ref(consent)}",
    )
    return consent


@transaction.atomic
def note_add(*, actor: Any, person: Person, text: str) -> Note:
    """Write a note about a person; only with their consent for notes."""
    consent = consent_in_force(viewer=actor, person=person, category=ConsentCategory.NOTES)
    if consent is None:
        raise PermissionDenied("people.add_note")
    note = Note(
        person=person,
        author=actor,
        author_label=actor.get_full_name(),
        purpose=consent.purpose,
        text=text.strip(),
    )
    note.full_clean()
    note.save()
    audit_record(
        actor=actor,
        subject=person,
        category=ConsentCategory.NOTES,
        action=AuditAction.WRITE,
        purpose=consent.purpose,
    )
    return note


@transaction.atomic
def person_export(*, actor: Any, person: Person) -> dict[str, Any]:
    """Everything omzien holds about a person, as JSON-ready data (logged)."""
    permissions.require(actor, "people.export", person)
    audit_record(actor=actor, subject=person, category="all", action=AuditAction.EXPORT)
    return {
        "format": "omzien-person-export",
        "version": 1,
        "exported_at": timezone.now().isoformat(),
        "person_id": person.pk,
        **subject_rights.export_all(person),
    }


@transaction.atomic
def person_erase(*, actor: Any, person: Person) -> Person:
    """Remove a person's personal data. Anonymised counts (neighbourhood, talents) stay."""
    permissions.require(actor, "people.erase", person)
    audit_record(actor=actor, subject=person, category="all", action=AuditAction.ERASE)
    person.erased_at = timezone.now()
    person.save(update_fields=["erased_at", "updated_at"])
    subject_rights.erase_all(person)
    return person
