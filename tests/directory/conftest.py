"""Building social-map entries for tests, through the same models the import uses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import time
from typing import Any

import pytest

from omzien.directory import taxonomy
from omzien.directory.models import (
    Address,
    Attribute,
    Kind,
    LinkEntity,
    Location,
    Publication,
    Schedule,
    ScheduleKind,
    Service,
    ServiceAtLocation,
    stable_uuid,
)
from omzien.directory.services import refresh_service


def term_id(slug: str, code: str) -> Any:
    return stable_uuid("term", slug, code)


def _hhmm(value: str) -> time:
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def weekly(days: str, opens: str, closes: str, **extra: Any) -> dict[str, Any]:
    return {
        "kind": ScheduleKind.REGULAR,
        "freq": "WEEKLY",
        "byday": days,
        "opens_at": _hhmm(opens),
        "closes_at": _hhmm(closes),
        **extra,
    }


def build_service(
    name: str,
    neighbourhood: Any = None,
    *,
    kind: str = Kind.INITIATIVE,
    description: str = "",
    terms: Sequence[tuple[str, str]] = (),
    point: tuple[float, float] | None = None,
    postcode: str = "",
    schedules: Sequence[dict[str, Any]] = (),
    publication: str = Publication.PUBLISHED,
    status: str = "active",
    **fields: Any,
) -> Service:
    service = Service.objects.create(
        name=name,
        kind=kind,
        description=description,
        publication=publication,
        status=status,
        neighbourhood=neighbourhood,
        **fields,
    )
    if point is not None or postcode:
        location = Location.objects.create(
            name=name,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            neighbourhood=neighbourhood,
        )
        if postcode:
            Address.objects.create(
                location=location, address_1="Dorpsstraat 1", postal_code=postcode, city="Stad"
            )
        ServiceAtLocation.objects.create(service=service, location=location)
    for slug, code in terms:
        Attribute.objects.create(
            taxonomy_term_id=term_id(slug, code),
            link_entity=LinkEntity.SERVICE,
            link_id=service.id,
        )
    for spec in schedules:
        Schedule.objects.create(service=service, for_service=service, **spec)
    refresh_service(service)
    return service


@pytest.fixture
def make_service(db: Any) -> Callable[..., Service]:
    return build_service


INCLUSION = taxonomy.INCLUSION
THEME = taxonomy.THEME
