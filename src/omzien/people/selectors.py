"""Reads about people. Anything sensitive is checked against consent and audit-logged here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import (
    neighbourhoods_for_roles,
    user_grants,
    user_has_role_for,
)
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction, AuditEntry
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Consent, ConsentCategory, Note, Person, Term


def is_self(user: Any, person: Person) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and person.user_id is not None
        and person.user_id == user.pk
    )


def person_of(user: Any) -> Person | None:
    """The signed-in user's own profile, if they have one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Person.objects.active()
        .select_related("neighbourhood__district__municipality")
        .filter(user=user)
        .first()
    )


def has_own_profile(user: Any) -> bool:
    """Whether the user has a (not erased) resident profile; cached for the request."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_omzien_has_profile"):
        user._omzien_has_profile = Person.objects.active().filter(user=user).exists()
    return bool(user._omzien_has_profile)


def consent_in_force(
    *, viewer: Any, person: Person, category: str, purpose: str | None = None
) -> Consent | None:
    """The consent that lets `viewer` use `category` of `person`'s data now, if any."""
    if not getattr(viewer, "is_authenticated", False) or person.erased_at is not None:
        return None
    consents = person.consents.in_force().filter(category=category)
    if purpose:
        consents = consents.filter(purpose=purpose)
    for consent in consents.order_by("pk"):
        if consent.grantee_user_id == viewer.pk:
            return consent
        if consent.grantee_role and user_has_role_for(
            viewer, [consent.grantee_role], person.neighbourhood
        ):
            return consent
    return None


def consented_categories(*, viewer: Any, person: Person) -> dict[str, Consent]:
    """Category → the consent that opens it for `viewer` (no audit entry: nothing is shown)."""
    found: dict[str, Consent] = {}
    for category in ConsentCategory.values:
        consent = consent_in_force(viewer=viewer, person=person, category=category)
        if consent is not None:
            found[category] = consent
    return found


def _consent_reaches(user: Any) -> Q:
    """Persons for whom `user` holds a consent in force (as a named person or by role)."""
    role_scope = Q(pk__in=[])
    for grant in user_grants(user):
        area = Q(grantee_role=grant.role)
        if grant.neighbourhood_id is not None:
            area &= Q(person__neighbourhood_id=grant.neighbourhood_id)
        elif grant.district_id is not None:
            area &= Q(person__neighbourhood__district_id=grant.district_id)
        else:
            area &= Q(person__neighbourhood__district__municipality_id=grant.municipality_id)
        role_scope |= area
    # A plain IN (subquery) rather than a correlated EXISTS: the planner can then use the
    # consent table's indexes instead of testing every person (see benchmarks/people_access).
    consents = Consent.objects.in_force().filter(Q(grantee_user=user) | role_scope)
    return Q(pk__in=consents.values("person_id"))


def persons_visible_to(user: Any) -> QuerySet[Person]:
    """People whose profile `user` may open: staff see their area, others only by consent.

    Analysts see no individual person at all.
    """
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    staff_areas = neighbourhoods_for_roles(user, STAFF_ROLES).values("pk")
    return (
        Person.objects.active()
        .filter(Q(neighbourhood__in=staff_areas) | _consent_reaches(user) | Q(user=user))
        .select_related("neighbourhood__district")
    )


def person_for_viewer(*, viewer: Any, pk: int) -> Person:
    """One person, or PermissionDenied/DoesNotExist. Profile fields are not sensitive."""
    person = (
        Person.objects.active()
        .select_related("neighbourhood__district__municipality", "user")
        .prefetch_related("talents", "interests", "wishes", "languages")
        .get(pk=pk)
    )
    permissions.require(viewer, "people.view_profile", person)
    return person


@dataclass(frozen=True)
class ContactDetails:
    email: str
    phone: str
    street_address: str
    postcode: str
    purpose: str


def person_contact_details(*, viewer: Any, person: Person) -> ContactDetails | None:
    """Contact details for the person themself, or for someone with consent (logged)."""
    purpose = ""
    if not is_self(viewer, person):
        consent = consent_in_force(viewer=viewer, person=person, category=ConsentCategory.CONTACT)
        if consent is None:
            return None
        purpose = consent.purpose
        audit_record(
            actor=viewer,
            subject=person,
            category=ConsentCategory.CONTACT,
            action=AuditAction.READ,
            purpose=purpose,
        )
    return ContactDetails(
        email=person.email,
        phone=person.phone,
        street_address=person.street_address,
        postcode=person.postcode,
        purpose=purpose,
    )


def person_notes(*, viewer: Any, person: Person) -> list[Note] | None:
    """Notes about a person, only with consent for notes (logged). None means no access."""
    if is_self(viewer, person):
        return list(person.notes.all())
    consent = consent_in_force(viewer=viewer, person=person, category=ConsentCategory.NOTES)
    if consent is None:
        return None
    audit_record(
        actor=viewer,
        subject=person,
        category=ConsentCategory.NOTES,
        action=AuditAction.READ,
        purpose=consent.purpose,
    )
    return list(person.notes.all())


def consents_of(person: Person) -> QuerySet[Consent]:
    """The full history of a person's consents, newest first."""
    return person.consents.select_related("grantee_user", "recorded_by", "revoked_by")


def audit_entries_about_person(person: Person) -> QuerySet[AuditEntry]:
    """Who looked at or changed this person's data (for the person's own page)."""
    return AuditEntry.objects.about("people.person", person.pk).select_related("actor")


def audit_entries_visible_to(
    user: Any,
    *,
    category: str = "",
    action: str = "",
    actor: str = "",
    date_from: Any = None,
    date_until: Any = None,
) -> QuerySet[AuditEntry]:
    """The audit log for the people in a coordinator's area, filtered."""
    if not permissions.can(user, "people.view_audit_log"):
        return AuditEntry.objects.none()
    areas = neighbourhoods_for_roles(user, [Role.COORDINATOR]).values("pk")
    person_ids = Person.objects.filter(neighbourhood__in=areas).values("pk")
    entries = AuditEntry.objects.filter(subject_type="people.person", subject_id__in=person_ids)
    if category:
        entries = entries.filter(category=category)
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_until:
        entries = entries.filter(at__date__lte=date_until)
    return entries


def vocabulary_tree() -> list[tuple[Term, list[Term]]]:
    """Top-level terms with their children, for pickers (two queries)."""
    terms = list(Term.objects.all())
    children: dict[int | None, list[Term]] = {}
    for term in terms:
        children.setdefault(term.parent_id, []).append(term)
    return [(top, children.get(top.pk, [])) for top in children.get(None, [])]


@dataclass(frozen=True)
class FigureRow:
    label: str
    count: int | None  # None: suppressed, fewer than the minimum group size


def _suppress(count: int) -> int | None:
    return count if count >= settings.OMZIEN_MIN_GROUP_SIZE else None


@dataclass(frozen=True)
class NeighbourhoodFigures:
    neighbourhood: Neighbourhood
    residents: int | None
    with_account: int | None
    talents: list[FigureRow]
    wishes: list[FigureRow]


def neighbourhood_figures(*, viewer: Any, neighbourhood: Neighbourhood) -> NeighbourhoodFigures:
    """Aggregates for policy: counts only, groups under the minimum size hidden."""
    permissions.require(viewer, "people.view_aggregates", neighbourhood)
    people = Person.objects.active().filter(neighbourhood=neighbourhood)
    totals = people.aggregate(
        residents=Count("pk"), with_account=Count("pk", filter=Q(user__isnull=False))
    )

    def rows(field: str) -> list[FigureRow]:
        # Roll each term up to its top-level term and count distinct people per top term.
        # Erased profiles count too: only their anonymous links to the vocabulary are left.
        through = getattr(Person, field).through
        links = through.objects.filter(person__neighbourhood=neighbourhood).values_list(
            "person_id", "term_id", "term__parent_id"
        )
        people_per_top: dict[int, set[int]] = {}
        for person_id, term_id, parent_id in links:
            people_per_top.setdefault(parent_id or term_id, set()).add(person_id)
        tops = Term.objects.in_bulk(list(people_per_top))
        counted = sorted(
            ((tops[pk].label, len(ids)) for pk, ids in people_per_top.items()),
            key=lambda row: (-row[1], row[0]),
        )
        # A theme shared by too few people is left out entirely: even its name would say
        # something about someone in a small neighbourhood.
        return [FigureRow(label, n) for label, n in counted if _suppress(n) is not None]

    return NeighbourhoodFigures(
        neighbourhood=neighbourhood,
        residents=_suppress(totals["residents"]),
        with_account=_suppress(totals["with_account"]),
        talents=rows("talents"),
        wishes=rows("wishes"),
    )
