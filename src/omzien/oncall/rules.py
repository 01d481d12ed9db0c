"""Permission rules for the on-call rota. See omzien.core.permissions.

Coordinators of the whole district (a coordinator role on the district or its municipality)
edit its rota. Professionals and coordinators who work in the district (a role on the
district, its municipality or one of its neighbourhoods) see it, and who is reachable now.
Everyone else (residents, volunteers, analysts, staff of other districts) is refused.
"""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.core.permissions import rule
from omzien.neighbourhoods.models import District
from omzien.oncall.selectors import user_works_in_district


@rule("oncall.manage")
def manage(user: Any, district: District | None) -> bool:
    if district is None:
        return False
    return user_works_in_district(user, {Role.COORDINATOR}, district, whole=True)


@rule("oncall.view")
def view(user: Any, district: District | None) -> bool:
    if district is None:
        return False
    return user_works_in_district(user, STAFF_ROLES, district)
