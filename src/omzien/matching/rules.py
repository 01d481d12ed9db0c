"""Permission rules for matching. See omzien.core.permissions.

Residents see the open requests and offers of their own neighbourhood. The author (or the
person it is for) and staff of the area see a listing always, also when it is hidden.
Coordinators moderate. A match is seen only by its two sides and by staff of the area.
"""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_has_role, user_has_role_for
from omzien.core.permissions import rule
from omzien.matching.models import Listing, Match
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Person
from omzien.people.selectors import has_own_profile, person_of


def is_staff_for(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    if neighbourhood is None:
        return user_has_role(user, STAFF_ROLES)
    return user_has_role_for(user, STAFF_ROLES, neighbourhood)


def is_author(user: Any, listing: Listing) -> bool:
    if listing.owner is not None and listing.owner.user_id == user.pk:
        return True
    return listing.author_id is not None and listing.author_id == user.pk


def speaks_for(user: Any, listing: Listing) -> bool:
    """May `user` say yes or no for this side of a match? The person themself; for a place's
    task its author or staff; for someone without an account, staff who heard their answer."""
    owner = listing.owner
    if is_author(user, listing) and (owner is None or owner.user_id == user.pk):
        return True
    if owner is None or owner.user_id is None:
        return is_staff_for(user, listing.neighbourhood)
    return False


@rule("matching.post")
def post(user: Any, obj: Any) -> bool:
    return has_own_profile(user)


@rule("matching.post_for")
def post_for(user: Any, person: Person) -> bool:
    """Staff of the area post a request or offer for someone without a login, who was
    registered with recorded consent. Someone with a login posts for themself."""
    return (
        person.user_id is None
        and person.erased_at is None
        and person.registration_consent_on is not None
        and is_staff_for(user, person.neighbourhood)
    )


@rule("matching.view_listing")
def view_listing(user: Any, listing: Listing) -> bool:
    if is_author(user, listing) or is_staff_for(user, listing.neighbourhood):
        return True
    if not listing.is_open:
        return False
    person = person_of(user)
    return person is not None and person.neighbourhood_id == listing.neighbourhood_id


@rule("matching.edit_listing")
def edit_listing(user: Any, listing: Listing) -> bool:
    return is_author(user, listing) or is_staff_for(user, listing.neighbourhood)


@rule("matching.moderate")
def moderate(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    if neighbourhood is None:
        return user_has_role(user, [Role.COORDINATOR])
    return user_has_role_for(user, [Role.COORDINATOR], neighbourhood)


@rule("matching.manage")
def manage(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    """Suggestions, introductions and tasks at places: professionals and coordinators."""
    return is_staff_for(user, neighbourhood)


@rule("matching.round")
def batch_round(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    return moderate(user, neighbourhood)


@rule("matching.view_match")
def view_match(user: Any, match: Match) -> bool:
    if is_author(user, match.request) or is_author(user, match.offer):
        return True
    return is_staff_for(user, match.request.neighbourhood) or is_staff_for(
        user, match.offer.neighbourhood
    )
