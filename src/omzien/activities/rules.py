"""Permission rules for activities and the absence signal. See omzien.core.permissions.

Staff (professionals, coordinators) of the neighbourhood manage activities; a host checks
people in at their own activity. A signal is for the contact it was given to, and for the
staff of the person's neighbourhood.
"""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES
from omzien.accounts.selectors import user_has_role, user_has_role_for
from omzien.activities.models import AbsenceSignal, Activity, ActivityRole, ActivityRoleKind
from omzien.core.permissions import rule
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Person
from omzien.people.selectors import is_self


def is_host(user: Any, activity: Activity) -> bool:
    return ActivityRole.objects.filter(
        activity=activity, role=ActivityRoleKind.HOST, person__user=user
    ).exists()


@rule("activities.manage")
def manage(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    if neighbourhood is None:
        return user_has_role(user, STAFF_ROLES)
    return user_has_role_for(user, STAFF_ROLES, neighbourhood)


@rule("activities.check_in")
def check_in(user: Any, activity: Activity) -> bool:
    return is_host(user, activity) or user_has_role_for(user, STAFF_ROLES, activity.neighbourhood)


@rule("activities.announce_absence")
def announce_absence(user: Any, person: Person) -> bool:
    return is_self(user, person) or user_has_role_for(user, STAFF_ROLES, person.neighbourhood)


@rule("activities.edit_plan")
def edit_plan(user: Any, person: Person) -> bool:
    return is_self(user, person) or user_has_role_for(user, STAFF_ROLES, person.neighbourhood)


@rule("activities.answer_signal")
def answer_signal(user: Any, signal: AbsenceSignal) -> bool:
    """The contacts asked so far, and staff of the person's neighbourhood."""
    if signal.steps.filter(user=user).exists():
        return True
    return user_has_role_for(user, STAFF_ROLES, signal.person.neighbourhood)


@rule("activities.edit_description")
def edit_description(user: Any, activity: Activity) -> bool:
    """A host may improve the text of their own activity; the rest (times, place, hosts)
    stays with the staff of the neighbourhood."""
    return is_host(user, activity) or user_has_role_for(user, STAFF_ROLES, activity.neighbourhood)


@rule("activities.sign_up_others")
def sign_up_others(user: Any, activity: Activity) -> bool:
    """Hosts and staff sign someone up (or off) who has no account, or asks for help."""
    return check_in(user, activity)
