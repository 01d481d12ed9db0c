"""Who sees the neighbourhood dashboard. See omzien.core.permissions.

Staff of the area (professionals and coordinators) and analysts of the area see the
dashboard of a neighbourhood: group figures only, so the area coalition can use it. An
analyst sees nothing else about the neighbourhood (no person, no comment)."""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_has_role, user_has_role_for
from omzien.core.permissions import rule
from omzien.neighbourhoods.models import Neighbourhood

VIEWER_ROLES = frozenset({*STAFF_ROLES, Role.ANALYST})


@rule("dashboard.use")
def use(user: Any, _obj: Any) -> bool:
    """Sees the list of dashboards (and the navigation item) at all."""
    return user_has_role(user, VIEWER_ROLES)


@rule("dashboard.view")
def view(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    return user_has_role_for(user, VIEWER_ROLES, neighbourhood)
