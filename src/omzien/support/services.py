"""Writes to a person's network and plan. Each checks permission and logs what others do."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction
from omzien.people.models import Consent, ConsentCategory, Person
from omzien.people.selectors import consent_in_force, is_self
from omzien.people.services import consent_grant, consent_revoke
from omzien.support.models import (
    PHASE_FIELDS,
    EarlyWarningPlan,
    NetworkMember,
    PlanContact,
    PlanPhase,
    PlanVersion,
)
from omzien.support.selectors import READER_PURPOSE, plan_reader_candidates

MEMBER_FIELDS = ("name", "relation", "description", "frequency", "call_when_less_well", "phone")
PLAN_TEXT_FIELDS = tuple(f"{phase}_{field}" for phase in PlanPhase.values for field in PHASE_FIELDS)


def _log_write(*, actor: Any, person: Person, category: str, detail: str) -> None:
    if is_self(actor, person):
        return
    consent = consent_in_force(viewer=actor, person=person, category=category)
    audit_record(
        actor=actor,
        subject=person,
        category=category,
        action=AuditAction.WRITE,
        purpose=consent.purpose if consent else "",
        detail=detail,
    )


def _account_by_email(person: Person, email: str) -> Any:
    email = email.strip().lower()
    if not email:
        return None
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise ValidationError(
            {
                "account_email": _(
                    "We cannot find an account with this e-mail address. Ask the person "
                    "which address they use for omzien, or leave this empty."
                )
            }
        )
    if user.pk == person.user_id:
        raise ValidationError({"account_email": _("This is your own account.")})
    return user


@transaction.atomic
def network_member_save(
    *,
    actor: Any,
    person: Person,
    member: NetworkMember | None = None,
    account_email: str | None = None,
    **fields: Any,
) -> NetworkMember:
    """Add someone to the person's network, or change them.

    `account_email` links the member to their omzien account ("" removes the link,
    None leaves it as it is).
    """
    permissions.require(actor, "support.edit_network", person)
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"Not network member fields: {sorted(unknown)}")
    if member is None:
        member = NetworkMember(person=person)
    elif member.person_id != person.pk:
        raise ValidationError(_("This person is not in this network."))
    for name, value in fields.items():
        setattr(member, name, value.strip() if isinstance(value, str) else value)
    if account_email is not None:
        member.user = _account_by_email(person, account_email)
    member.full_clean()
    member.save()
    _log_write(
        actor=actor,
        person=person,
        category=ConsentCategory.NETWORK,
        detail=f"saved network member {member.pk}",
    )
    return member


@transaction.atomic
def network_member_remove(*, actor: Any, member: NetworkMember) -> None:
    person = member.person
    permissions.require(actor, "support.edit_network", person)
    pk = member.pk
    member.delete()
    _log_write(
        actor=actor,
        person=person,
        category=ConsentCategory.NETWORK,
        detail=f"removed network member {pk}",
    )


@transaction.atomic
def plan_save(
    *,
    actor: Any,
    person: Person,
    texts: Mapping[str, str],
    contacts: Iterable[tuple[str, str, str]] = (),
) -> PlanVersion:
    """Save the plan as a new version. `texts` has the phase fields ("crisis_helps", …);
    `contacts` is (phase, name, phone) in order. Older versions stay as they were."""
    permissions.require(actor, "support.edit_plan", person)
    unknown = set(texts) - set(PLAN_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Not plan fields: {sorted(unknown)}")
    cleaned = {name: (texts.get(name) or "").strip() for name in PLAN_TEXT_FIELDS}
    contact_rows = [
        (phase, name.strip(), phone.strip()) for phase, name, phone in contacts if name or phone
    ]
    if not any(cleaned.values()) and not contact_rows:
        raise ValidationError(_("Your plan is still empty. Write at least one thing."))
    plan, _created = EarlyWarningPlan.objects.get_or_create(person=person)
    # Lock the plan so that two saves at once get numbers one after the other.
    plan = EarlyWarningPlan.objects.select_for_update().get(pk=plan.pk)
    last = plan.versions.aggregate(last=Max("number"))["last"] or 0
    version = PlanVersion(
        plan=plan,
        number=last + 1,
        created_by=actor,
        created_by_label="" if is_self(actor, person) else actor.get_full_name(),
        **cleaned,
    )
    version.full_clean()
    version.save()
    order: dict[str, int] = {}
    for phase, name, phone in contact_rows:
        order[phase] = order.get(phase, 0) + 1
        contact = PlanContact(
            version=version, phase=phase, order=order[phase], name=name, phone=phone
        )
        contact.full_clean()
        contact.save()
    plan.save(update_fields=["updated_at"])
    _log_write(
        actor=actor,
        person=person,
        category=ConsentCategory.EARLY_WARNING_PLAN,
        detail=f"saved version {version.number}",
    )
    return version


@transaction.atomic
def plan_readers_set(*, actor: Any, person: Person, readers: Iterable[Any]) -> list[Consent]:
    """The person chooses who may read their plan: a consent for each chosen account;
    the named consents of people left out are withdrawn (and stay in the history)."""
    permissions.require(actor, "support.choose_plan_readers", person)
    allowed = {user.pk: user for user in plan_reader_candidates(person)}
    wanted = {}
    for user in readers:
        if user.pk not in allowed:
            raise ValidationError(
                {"readers": _("You can only choose people from your network or your area.")}
            )
        wanted[user.pk] = user
    current = {
        consent.grantee_user_id: consent
        for consent in person.consents.in_force().filter(
            category=ConsentCategory.EARLY_WARNING_PLAN, grantee_user__isnull=False
        )
    }
    for user_pk, consent in current.items():
        if user_pk not in wanted:
            consent_revoke(actor=actor, consent=consent)
    granted = []
    for user_pk, user in wanted.items():
        if user_pk in current:
            granted.append(current[user_pk])
            continue
        granted.append(
            consent_grant(
                actor=actor,
                person=person,
                category=ConsentCategory.EARLY_WARNING_PLAN,
                purpose=READER_PURPOSE,
                grantee_user=user,
            )
        )
    return granted
