"""Permission rules for CBS key figures. See omzien.core.permissions.

Coordinators upload CBS files; an upload only writes the figures of the areas they
coordinate. Everyone who may see the dashboard sees the figures (d1 decides that).
"""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import Role
from omzien.accounts.selectors import user_grants, user_has_role
from omzien.core.permissions import rule
from omzien.neighbourhoods.models import District, Municipality, Neighbourhood


@rule("keyfigures.import")
def may_import(user: Any, obj: Any = None) -> bool:
    return user_has_role(user, {Role.COORDINATOR})


def may_write_area(user: Any, area: Municipality | District | Neighbourhood) -> bool:
    """A coordinator of the area, or of an area that contains it."""
    for grant in user_grants(user):
        if grant.role != Role.COORDINATOR:
            continue
        if isinstance(area, Municipality):
            if grant.municipality_id == area.pk:
                return True
        elif isinstance(area, District):
            if grant.district_id == area.pk or grant.municipality_id == area.municipality_id:
                return True
        elif grant.covers(area):
            return True
    return False
