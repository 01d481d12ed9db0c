"""Permission rules for the knowledge base and the action plan. See omzien.core.permissions.

Staff of the area (professionals and coordinators) read the knowledge base, see the
recommendations and keep the plan of their neighbourhoods. Coordinators add interventions
for their own municipality and change or retire only those; the built-in ones (from the
seeds) are read-only for everyone. Analysts see the plan only as a dashboard section
(group figures, no names); residents see none of it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_grants, user_has_role, user_has_role_for
from omzien.core.permissions import rule
from omzien.neighbourhoods.models import Municipality, Neighbourhood


def staff_for(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    return user_has_role_for(user, STAFF_ROLES, neighbourhood)


def coordinator_municipality_ids(user: Any) -> set[int]:
    """The municipalities in which the user holds a coordinator role (on any level)."""
    grants = [g for g in user_grants(user) if g.role == Role.COORDINATOR]
    if not grants:
        return set()
    condition = Q(pk__in=[g.municipality_id for g in grants if g.municipality_id])
    condition |= Q(districts__pk__in=[g.district_id for g in grants if g.district_id])
    condition |= Q(
        districts__neighbourhoods__pk__in=[g.neighbourhood_id for g in grants if g.neighbourhood_id]
    )
    return set(Municipality.objects.filter(condition).values_list("pk", flat=True).distinct())


@rule("plans.use")
def use(user: Any, _obj: Any) -> bool:
    """Sees the plan pages and the knowledge base at all (the navigation item)."""
    return user_has_role(user, STAFF_ROLES)


@rule("plans.manage")
def manage(user: Any, neighbourhood: Neighbourhood) -> bool:
    """Sees the recommendations and the plan of the neighbourhood and keeps the plan."""
    return staff_for(user, neighbourhood)


@rule("plans.view_figures")
def view_figures(user: Any, neighbourhood: Neighbourhood) -> bool:
    """The plan's section of the dashboard: staff and analysts of the area."""
    return staff_for(user, neighbourhood) or user_has_role_for(user, [Role.ANALYST], neighbourhood)


@rule("plans.intervention_add")
def intervention_add(user: Any, municipality: Municipality | None) -> bool:
    if municipality is None:
        return bool(coordinator_municipality_ids(user))
    return municipality.pk in coordinator_municipality_ids(user)


@rule("plans.intervention_change")
def intervention_change(user: Any, intervention: Any) -> bool:
    if intervention.built_in or intervention.municipality_id is None:
        return False
    return intervention.municipality_id in coordinator_municipality_ids(user)
