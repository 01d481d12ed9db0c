"""Permission rules for the social map. See omzien.core.permissions.

Published entries are public (no rule needed: see ``selectors.services_visible_to``).
Drafts are for staff of the area; editing and the review queue are for coordinators.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import neighbourhoods_for_roles, user_has_role, user_has_role_for
from omzien.core.permissions import rule
from omzien.directory.models import Service, Suggestion
from omzien.neighbourhoods.models import Neighbourhood

EDITOR_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})
DRAFT_ROLES = frozenset({*STAFF_ROLES, Role.ADMIN})


def roles_cover_service(user: Any, roles: Iterable[str], service: Service) -> bool:
    """True when the user holds one of `roles` for the entry's neighbourhood (or, for an
    entry without one, anywhere in its municipality)."""
    roles = set(roles)
    if service.neighbourhood_id is not None:
        return user_has_role_for(user, roles, service.neighbourhood)
    if service.municipality_id is not None:
        return (
            neighbourhoods_for_roles(user, roles)
            .filter(district__municipality_id=service.municipality_id)
            .exists()
        )
    # An entry with no place at all (e.g. fresh from an import): any holder of the role.
    return user_has_role(user, roles)


@rule("directory.view_drafts")
def view_drafts(user: Any, service: Service | None) -> bool:
    if service is None:
        return user_has_role(user, DRAFT_ROLES)
    return roles_cover_service(user, DRAFT_ROLES, service)


@rule("directory.edit")
def edit(user: Any, service: Service | None) -> bool:
    if service is None:
        return user_has_role(user, EDITOR_ROLES)
    return roles_cover_service(user, EDITOR_ROLES, service)


@rule("directory.create_in")
def create_in(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    if neighbourhood is None:
        return user_has_role(user, EDITOR_ROLES)
    return user_has_role_for(user, EDITOR_ROLES, neighbourhood)


@rule("directory.suggest")
def suggest(user: Any, _obj: Any) -> bool:
    # Anyone with an account: residents first of all.
    return True


@rule("directory.review")
def review(user: Any, suggestion: Suggestion | None) -> bool:
    if suggestion is None:
        return user_has_role(user, EDITOR_ROLES)
    return user_has_role_for(user, EDITOR_ROLES, suggestion.neighbourhood)


@rule("directory.asset_drilldown")
def asset_drilldown(user: Any, neighbourhood: Neighbourhood) -> bool:
    return user_has_role_for(user, DRAFT_ROLES, neighbourhood)
