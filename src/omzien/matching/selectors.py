"""Reads for matching. Who may see what is decided here (through the rules), and every view
of someone's contact details is audit-logged."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from omzien.accounts.models import STAFF_ROLES
from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction
from omzien.matching.models import (
    ACTIVE_STATES,
    Direction,
    Listing,
    Match,
    ReciprocityEntry,
)
from omzien.matching.rules import is_author
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import ConsentCategory, ConsentPurpose, Person
from omzien.people.selectors import person_of

_LISTING_RELATED = ("owner", "neighbourhood", "organization", "activity", "language")


def listings_board(
    *, viewer: Any, neighbourhood: Neighbourhood, topic: str = "", kind: str = ""
) -> QuerySet[Listing]:
    """The open requests and offers of a neighbourhood, for its residents and its staff."""
    person = person_of(viewer)
    own_area = person is not None and person.neighbourhood_id == neighbourhood.pk
    if not own_area and not permissions.can(viewer, "matching.manage", neighbourhood):
        return Listing.objects.none()
    listings = Listing.objects.open().filter(neighbourhood=neighbourhood)
    if topic:
        listings = listings.filter(topic=topic)
    if kind:
        listings = listings.filter(kind=kind)
    return listings.select_related(*_LISTING_RELATED).prefetch_related("terms")


def own_listings(*, person: Person) -> QuerySet[Listing]:
    return (
        Listing.objects.filter(owner=person)
        .select_related(*_LISTING_RELATED)
        .prefetch_related("terms")
    )


def listing_for_viewer(*, viewer: Any, pk: int) -> Listing:
    """One listing, or 404 for someone who may not see it (its existence stays unknown)."""
    listing = (
        Listing.objects.select_related(*_LISTING_RELATED, "neighbourhood__district", "location")
        .prefetch_related("terms")
        .filter(pk=pk)
        .first()
    )
    if listing is None or not permissions.can(viewer, "matching.view_listing", listing):
        raise Http404
    return listing


def person_for_listing(*, viewer: Any, pk: int) -> Person:
    """Someone staff may post a request or offer for, or 404 (someone with a login, someone
    of another area, someone erased: their existence stays unknown)."""
    person = Person.objects.select_related("neighbourhood__district").filter(pk=pk).first()
    if person is None or not permissions.can(viewer, "matching.post_for", person):
        raise Http404
    return person


def staff_neighbourhoods(viewer: Any) -> QuerySet[Neighbourhood]:
    return neighbourhoods_for_roles(viewer, STAFF_ROLES).order_by("name")


def place_tasks(*, viewer: Any, neighbourhood: Neighbourhood) -> QuerySet[Listing]:
    return listings_board(viewer=viewer, neighbourhood=neighbourhood, topic="task", kind="request")


_MATCH_RELATED = (
    "request__owner",
    "offer__owner",
    "request__neighbourhood",
    "offer__neighbourhood",
    "request__organization",
    "request__activity",
)


def matches_for(*, viewer: Any) -> QuerySet[Match]:
    """Matches the viewer takes part in (their own listings, or written by them), and for
    staff the live matches of their area."""
    if not getattr(viewer, "is_authenticated", False):
        return Match.objects.none()
    own = (
        Q(request__owner__user=viewer)
        | Q(offer__owner__user=viewer)
        | Q(request__author=viewer, request__owner__isnull=True)
    )
    areas = staff_neighbourhoods(viewer).values("pk")
    staff = Q(request__neighbourhood__in=areas, state__in=ACTIVE_STATES)
    return Match.objects.filter(own | staff).select_related(*_MATCH_RELATED).distinct()


def match_for_viewer(*, viewer: Any, pk: int) -> Match:
    match = Match.objects.select_related(*_MATCH_RELATED).filter(pk=pk).first()
    if match is None or not permissions.can(viewer, "matching.view_match", match):
        raise Http404
    return match


def match_history(match: Match) -> QuerySet[Any]:
    return match.events.all()


@dataclass(frozen=True)
class OtherSide:
    name: str
    email: str
    phone: str
    street_address: str
    postcode: str
    place: str = ""


def match_contact(*, viewer: Any, match: Match) -> list[OtherSide]:
    """The contact details of the other side, only once both said yes. Each read is logged.

    Staff see both sides; a person sees the other side only.
    """
    if not match.contact_open or not permissions.can(viewer, "matching.view_match", match):
        return []
    shown = []
    for listing in (match.request, match.offer):
        if is_author(viewer, listing):
            continue  # the viewer's own side
        person = listing.owner
        if person is None:
            shown.append(
                OtherSide(
                    name=listing.place_name,
                    email=listing.organization.email if listing.organization else "",
                    phone="",
                    street_address="",
                    postcode="",
                    place=listing.place_name,
                )
            )
            continue
        if person.erased_at is not None:
            continue
        audit_record(
            actor=viewer,
            subject=person,
            category=ConsentCategory.CONTACT,
            action=AuditAction.READ,
            purpose=ConsentPurpose.MATCHING,
            detail=f"match {match.pk}",
        )
        shown.append(
            OtherSide(
                name=person.display_name,
                email=person.email or (person.user.email if person.user else ""),
                phone=person.phone,
                street_address=person.street_address,
                postcode=person.postcode,
            )
        )
    return shown


# --- reciprocity ------------------------------------------------------------------------


@dataclass
class GiveAndTake:
    gave: list[ReciprocityEntry] = field(default_factory=list)
    received: list[ReciprocityEntry] = field(default_factory=list)
    gave_minutes: int = 0
    received_minutes: int = 0


def own_give_and_take(*, person: Person) -> GiveAndTake:
    """ "Wat ik gaf / wat ik kreeg": only ever the person's own rows."""
    result = GiveAndTake()
    for entry in ReciprocityEntry.objects.filter(person=person)[:400]:
        if entry.direction == Direction.GAVE:
            result.gave.append(entry)
            result.gave_minutes += entry.minutes or 0
        else:
            result.received.append(entry)
            result.received_minutes += entry.minutes or 0
    return result


@dataclass(frozen=True)
class Share:
    part: int | None  # None: suppressed, a group smaller than the minimum
    whole: int | None

    @property
    def percent(self) -> int | None:
        if self.part is None or self.whole is None or not self.whole:
            return None
        return round(100 * self.part / self.whole)


def _share(part: int, whole: int) -> Share:
    minimum = settings.OMZIEN_MIN_GROUP_SIZE
    if whole < minimum:
        return Share(None, None)
    # Both the group that does and the group that does not must be big enough: otherwise
    # "all but two" says something about those two.
    if part < minimum or whole - part < minimum:
        return Share(None, whole)
    return Share(part, whole)


@dataclass(frozen=True)
class ReciprocityFigures:
    neighbourhood: Neighbourhood
    since: datetime.date
    both: Share  # active residents who give and also receive
    support_giving: Share  # people with extra support who also give


def reciprocity_figures(*, viewer: Any, neighbourhood: Neighbourhood) -> ReciprocityFigures:
    """Counts for the area coalition over the last year; never a list or a ranking.

    "Extra support" is taken from what the person set up themself, never a diagnosis: a
    support network, an early-warning plan, or a warm welcome (referral) by a professional
    or buddy.
    """
    from omzien.support.models import EarlyWarningPlan, NetworkMember
    from omzien.welcome.models import Contribution, Referral

    permissions.require(viewer, "people.view_aggregates", neighbourhood)
    since = timezone.localdate() - datetime.timedelta(days=365)
    people = Person.objects.active().filter(neighbourhood=neighbourhood)
    entries = ReciprocityEntry.objects.filter(person__in=people, on__gte=since)
    gave = set(entries.filter(direction=Direction.GAVE).values_list("person_id", flat=True))
    gave |= set(
        Contribution.objects.filter(person__in=people, created_at__date__gte=since).values_list(
            "person_id", flat=True
        )
    )
    received = set(entries.filter(direction=Direction.RECEIVED).values_list("person_id", flat=True))
    active = gave | received
    support = set(
        NetworkMember.objects.filter(person__in=people).values_list("person_id", flat=True)
    )
    support |= set(
        EarlyWarningPlan.objects.filter(person__in=people).values_list("person_id", flat=True)
    )
    support |= set(Referral.objects.filter(person__in=people).values_list("person_id", flat=True))
    return ReciprocityFigures(
        neighbourhood=neighbourhood,
        since=since,
        both=_share(len(gave & received), len(active)),
        support_giving=_share(len(support & gave), len(support)),
    )


def open_matches_count(listing: Listing) -> int:
    return Match.objects.filter(
        Q(request=listing) | Q(offer=listing), state__in=ACTIVE_STATES
    ).count()
