"""Reads of a person's network and plan. Every read by someone else is audit-logged here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from omzien.accounts.models import STAFF_ROLES, RoleAssignment
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction
from omzien.people.models import Consent, ConsentCategory, ConsentPurpose, Person
from omzien.people.selectors import consent_in_force, is_self
from omzien.support.models import (
    REGULAR_FREQUENCIES,
    EarlyWarningPlan,
    NetworkMember,
    PlanVersion,
)

#: Fewer people than this with at least monthly contact: the page offers a kind hint.
SMALL_NETWORK = 3


def _log_read(
    *, viewer: Any, person: Person, category: str, detail: str = "", action: str = ""
) -> None:
    """Log a read (or export) by anyone but the person themself."""
    if is_self(viewer, person):
        return
    consent = consent_in_force(viewer=viewer, person=person, category=category)
    audit_record(
        actor=viewer,
        subject=person,
        category=category,
        action=action or AuditAction.READ,
        purpose=consent.purpose if consent else "",
        detail=detail,
    )


def person_for_support(*, pk: int) -> Person:
    """A (not erased) person with what the permission checks need; DoesNotExist if none."""
    return (
        Person.objects.active()
        .select_related("neighbourhood__district__municipality", "user")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Network:
    person: Person
    members: list[NetworkMember]

    @property
    def regular_count(self) -> int:
        return sum(1 for m in self.members if m.frequency in REGULAR_FREQUENCIES)

    @property
    def is_small(self) -> bool:
        return self.regular_count < SMALL_NETWORK


def person_network(*, viewer: Any, person: Person) -> Network:
    """The person's network, for the person or someone with consent (logged)."""
    permissions.require(viewer, "support.view_network", person)
    members = list(person.network_members.select_related("user"))
    _log_read(viewer=viewer, person=person, category=ConsentCategory.NETWORK)
    return Network(person=person, members=members)


def network_member_for_edit(*, viewer: Any, person: Person, pk: int) -> NetworkMember:
    """One member of the network, to change it (logged when someone else opens it)."""
    permissions.require(viewer, "support.edit_network", person)
    member = person.network_members.select_related("user").get(pk=pk)
    _log_read(
        viewer=viewer,
        person=person,
        category=ConsentCategory.NETWORK,
        detail=f"network member {member.pk}",
    )
    return member


def plan_of(person: Person) -> EarlyWarningPlan | None:
    return EarlyWarningPlan.objects.filter(person=person).first()


def plan_version(
    *, viewer: Any, person: Person, number: int | None = None, action: str = "", detail: str = ""
) -> PlanVersion | None:
    """The newest (or a numbered) version of the plan, for whom the person chose (logged).

    None when there is no plan yet; PlanVersion.DoesNotExist for an unknown number.
    """
    permissions.require(viewer, "support.view_plan", person)
    versions = PlanVersion.objects.filter(plan__person=person).select_related("created_by")
    if number is None:
        version = versions.order_by("-number").first()
    else:
        version = versions.get(number=number)
    if version is not None:
        list(version.contacts.all())  # fetched now, so the template adds no queries
        _log_read(
            viewer=viewer,
            person=person,
            category=ConsentCategory.EARLY_WARNING_PLAN,
            action=action,
            detail=(detail or "version") + f" {version.number}",
        )
    return version


def plan_versions(*, viewer: Any, person: Person) -> list[PlanVersion]:
    """Every version, newest first: number, who saved it and when (logged)."""
    permissions.require(viewer, "support.view_plan", person)
    versions = list(
        PlanVersion.objects.filter(plan__person=person)
        .select_related("created_by")
        .order_by("-number")
    )
    _log_read(
        viewer=viewer,
        person=person,
        category=ConsentCategory.EARLY_WARNING_PLAN,
        detail="list of versions",
    )
    return versions


def plan_reader_consents(person: Person) -> QuerySet[Consent]:
    """The consents in force that let someone read the plan (named people and roles)."""
    return (
        person.consents.in_force()
        .filter(category=ConsentCategory.EARLY_WARNING_PLAN)
        .select_related("grantee_user")
        .order_by("pk")
    )


def plan_reader_candidates(person: Person) -> list[Any]:
    """Whom the person can choose as a reader: the accounts in their network and the
    professionals and coordinators of their neighbourhood."""
    user_model = get_user_model()
    neighbourhood = person.neighbourhood
    staff = RoleAssignment.objects.filter(role__in=STAFF_ROLES).filter(
        Q(neighbourhood=neighbourhood)
        | Q(district_id=neighbourhood.district_id)
        | Q(municipality_id=neighbourhood.district.municipality_id)
    )
    network = person.network_members.filter(user__isnull=False).values("user_id")
    users = (
        user_model.objects.filter(is_active=True)
        .filter(Q(pk__in=staff.values("user_id")) | Q(pk__in=network))
        .exclude(pk=person.user_id or 0)
        .order_by("display_name", "email")
    )
    return list(users)


def people_sharing_with(user: Any) -> list[tuple[Person, list[str]]]:
    """People who gave `user` (by name) consent for their network or plan, with which."""
    if not getattr(user, "is_authenticated", False):
        return []
    consents = (
        Consent.objects.in_force()
        .filter(
            grantee_user=user,
            category__in=[ConsentCategory.NETWORK, ConsentCategory.EARLY_WARNING_PLAN],
            person__erased_at__isnull=True,
        )
        .select_related("person")
        .order_by("person__first_name", "person__pk")
    )
    found: dict[int, tuple[Person, list[str]]] = {}
    for consent in consents:
        entry = found.setdefault(consent.person_id, (consent.person, []))
        if consent.category not in entry[1]:
            entry[1].append(consent.category)
    return list(found.values())


#: The purpose readers of the plan are given.
READER_PURPOSE = ConsentPurpose.SUPPORT
