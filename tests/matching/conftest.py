"""Two neighbours (one asks, one offers), a professional of the district and a coordinator."""

from __future__ import annotations

from typing import Any

import pytest

from omzien.matching import services
from omzien.matching.models import Kind, Listing, Topic
from omzien.people.models import Person

PHONE = "06-12345678"
STREET = "Lindenlaan 12"


def listing(person: Person, kind: str = Kind.OFFER, *, actor: Any = None, **fields: Any) -> Listing:
    """A listing written by the person themself (or by `actor`, staff who heard their yes)."""
    terms = fields.pop("terms", [])
    defaults: dict[str, Any] = {"title": "Samen koken", "topic": Topic.HELP}
    defaults.update(fields)
    return services.listing_save(
        actor=actor or person.user,
        listing=Listing(kind=kind, owner=person, **defaults),
        terms=terms,
    )


@pytest.fixture
def asker(resident: Person) -> Person:
    resident.phone = PHONE
    resident.street_address = STREET
    resident.postcode = "1091AB"
    resident.save()
    return resident


@pytest.fixture
def giver(other_resident: Person) -> Person:
    other_resident.phone = "06-87654321"
    other_resident.street_address = "Berkenstraat 3"
    other_resident.save()
    return other_resident


@pytest.fixture
def request_listing(asker: Person) -> Listing:
    return listing(asker, Kind.REQUEST, title="Hulp met mijn tuin")


@pytest.fixture
def offer_listing(giver: Person) -> Listing:
    return listing(giver, Kind.OFFER, title="Ik help graag in de tuin", capacity=2)
