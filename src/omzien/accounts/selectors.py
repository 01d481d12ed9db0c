"""Who holds which role where. Results are cached on the user object for one request."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from omzien.accounts.models import TWO_FACTOR_ROLES, ApiToken, Role, RoleAssignment
from omzien.neighbourhoods.models import Neighbourhood

_CACHE_ATTR = "_omzien_role_cache"


@dataclass(frozen=True)
class Grant:
    role: str
    municipality_id: int | None
    district_id: int | None
    neighbourhood_id: int | None

    def covers(self, neighbourhood: Neighbourhood) -> bool:
        if self.neighbourhood_id is not None:
            return self.neighbourhood_id == neighbourhood.pk
        if self.district_id is not None:
            return self.district_id == neighbourhood.district_id
        return self.municipality_id == neighbourhood.district.municipality_id


def user_grants(user: Any) -> list[Grant]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = [
            Grant(*row)
            for row in RoleAssignment.objects.filter(user=user).values_list(
                "role", "municipality_id", "district_id", "neighbourhood_id"
            )
        ]
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_cached_roles(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def user_roles(user: Any) -> set[str]:
    return {grant.role for grant in user_grants(user)}


def user_has_role(user: Any, roles: Iterable[str]) -> bool:
    wanted = set(roles)
    return any(grant.role in wanted for grant in user_grants(user))


def user_has_role_for(user: Any, roles: Iterable[str], neighbourhood: Neighbourhood | None) -> bool:
    """True when one of `roles` is held for an area that contains `neighbourhood`."""
    if neighbourhood is None:
        return False
    wanted = set(roles)
    return any(g.role in wanted and g.covers(neighbourhood) for g in user_grants(user))


def neighbourhoods_for_roles(user: Any, roles: Iterable[str]) -> QuerySet[Neighbourhood]:
    """The neighbourhoods in which the user holds one of `roles`."""
    wanted = set(roles)
    condition = Q(pk__in=[])
    for grant in user_grants(user):
        if grant.role not in wanted:
            continue
        if grant.neighbourhood_id is not None:
            condition |= Q(pk=grant.neighbourhood_id)
        elif grant.district_id is not None:
            condition |= Q(district_id=grant.district_id)
        else:
            condition |= Q(district__municipality_id=grant.municipality_id)
    return Neighbourhood.objects.filter(condition).select_related("district__municipality")


def user_requires_two_factor(user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or user_has_role(user, TWO_FACTOR_ROLES))


def primary_role(user: Any) -> str | None:
    """The role the home page is built for: the one with the widest view of people."""
    order = [
        Role.COORDINATOR,
        Role.PROFESSIONAL,
        Role.VOLUNTEER,
        Role.ANALYST,
        Role.ADMIN,
        Role.RESIDENT,
    ]
    roles = user_roles(user)
    return next((role for role in order if role in roles), None)


def api_tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)
