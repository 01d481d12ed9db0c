"""Permission rules for neighbourhood circles. See omzien.core.permissions.

The coach and the volunteer of a circle, and coordinators of its area, manage it.
Professionals of the area may start a new circle (as its coach). A participant sees their
own circle on "Mijn buurtcirkel", nothing else; everyone else is refused.
"""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_has_role, user_has_role_for
from omzien.circles.models import Circle, Membership
from omzien.core.permissions import rule
from omzien.neighbourhoods.models import Neighbourhood


def is_coordinator_for(user: Any, neighbourhood: Neighbourhood) -> bool:
    return user_has_role_for(user, [Role.COORDINATOR], neighbourhood)


def leads(user: Any, circle: Circle) -> bool:
    """The circle's own coach or volunteer."""
    return user.pk in {circle.coach_id, circle.volunteer_id}


@rule("circles.create")
def create(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    if neighbourhood is None:
        return user_has_role(user, STAFF_ROLES)
    return user_has_role_for(user, STAFF_ROLES, neighbourhood)


@rule("circles.list")
def list_circles(user: Any, _obj: Any) -> bool:
    """The staff list: staff of an area, and anyone who coaches or volunteers in a circle."""
    if user_has_role(user, STAFF_ROLES):
        return True
    return (
        Circle.objects.filter(volunteer=user).exists() or Circle.objects.filter(coach=user).exists()
    )


@rule("circles.manage")
def manage(user: Any, circle: Circle) -> bool:
    return leads(user, circle) or is_coordinator_for(user, circle.neighbourhood)


@rule("circles.view_own")
def view_own(user: Any, circle: Circle) -> bool:
    """A participant (still taking part) sees their own circle."""
    return Membership.objects.active().filter(circle=circle, person__user=user).exists() or manage(
        user, circle
    )
