"""Permission rules for people. See omzien.core.permissions."""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_has_role, user_has_role_for
from omzien.core.permissions import rule
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import ConsentCategory, Person
from omzien.people.selectors import consent_in_force, is_self


def _staff_for(user: Any, person: Person) -> bool:
    return user_has_role_for(user, STAFF_ROLES, person.neighbourhood)


def _coordinator_for(user: Any, person: Person) -> bool:
    return user_has_role_for(user, [Role.COORDINATOR], person.neighbourhood)


@rule("people.view_profile")
def view_profile(user: Any, person: Person) -> bool:
    if person.erased_at is not None:
        return False
    if is_self(user, person) or _staff_for(user, person):
        return True
    return any(
        consent_in_force(viewer=user, person=person, category=category) is not None
        for category in ConsentCategory.values
    )


@rule("people.list")
def list_people(user: Any, _obj: Any) -> bool:
    return user_has_role(user, [*STAFF_ROLES, Role.VOLUNTEER])


@rule("people.register")
def register(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    """Register someone without a login (with their recorded consent)."""
    if neighbourhood is None:
        return user_has_role(user, STAFF_ROLES)
    return user_has_role_for(user, STAFF_ROLES, neighbourhood)


@rule("people.register_newcomer")
def register_newcomer(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    """Hosts of an activity in the neighbourhood, and its staff, write down a newcomer's
    first name (with the newcomer's spoken yes)."""
    from omzien.activities.models import ActivityRole, ActivityRoleKind

    if neighbourhood is None:
        return False
    if user_has_role_for(user, STAFF_ROLES, neighbourhood):
        return True
    return ActivityRole.objects.filter(
        role=ActivityRoleKind.HOST, person__user=user, activity__neighbourhood=neighbourhood
    ).exists()


@rule("people.edit_profile")
def edit_profile(user: Any, person: Person) -> bool:
    # Staff may keep the profile of someone without a login up to date for them.
    return is_self(user, person) or (person.user_id is None and _staff_for(user, person))


@rule("people.record_consent")
def record_consent(user: Any, person: Person) -> bool:
    return _staff_for(user, person)


@rule("people.manage_own_consent")
def manage_own_consent(user: Any, person: Person) -> bool:
    return is_self(user, person)


@rule("people.add_note")
def add_note(user: Any, person: Person) -> bool:
    return consent_in_force(viewer=user, person=person, category=ConsentCategory.NOTES) is not None


@rule("people.edit_contact")
def edit_contact(user: Any, person: Person) -> bool:
    if is_self(user, person):
        return True
    return (
        person.user_id is None
        and consent_in_force(viewer=user, person=person, category=ConsentCategory.CONTACT)
        is not None
    )


@rule("people.export")
def export(user: Any, person: Person) -> bool:
    return is_self(user, person) or _staff_for(user, person)


@rule("people.erase")
def erase(user: Any, person: Person) -> bool:
    return is_self(user, person) or _coordinator_for(user, person)


@rule("people.view_access_log")
def view_access_log(user: Any, person: Person) -> bool:
    """Who looked at this person's data: the person, and coordinators for their area."""
    return is_self(user, person) or _coordinator_for(user, person)


@rule("people.view_audit_log")
def view_audit_log(user: Any, _obj: Any) -> bool:
    return user_has_role(user, [Role.COORDINATOR])


@rule("people.view_aggregates")
def view_aggregates(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    roles = [Role.ANALYST, Role.COORDINATOR]
    if neighbourhood is None:
        return user_has_role(user, roles)
    return user_has_role_for(user, roles, neighbourhood)
