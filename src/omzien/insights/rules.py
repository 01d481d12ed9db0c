"""Permission rules for the insights. See omzien.core.permissions."""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_has_role_for
from omzien.core.permissions import rule
from omzien.neighbourhoods.models import Neighbourhood


@rule("insights.view")
def view(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    """Group figures of a neighbourhood: its staff and its analysts."""
    return user_has_role_for(user, [*STAFF_ROLES, Role.ANALYST], neighbourhood)


@rule("insights.view_connectors")
def view_connectors(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    """ "Wie verbindt": named people, so only the coordinators of the area."""
    return user_has_role_for(user, [Role.COORDINATOR], neighbourhood)
