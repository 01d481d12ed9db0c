"""The social map's demo data: enough entries of every kind, in every demo neighbourhood,
with deliberate gaps, and safe to build twice."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from omzien.directory import taxonomy
from omzien.directory.demo import (
    ENTRIES,
    PLACES,
    STALE,
    DirectoryDemoResult,
    build_directory_demo,
    parse_hours,
)
from omzien.directory.models import (
    Address,
    Attribute,
    ChangeRecord,
    Contact,
    CostOption,
    Kind,
    LinkEntity,
    Location,
    Organization,
    Phone,
    PostcodeArea,
    Schedule,
    ScheduleKind,
    SearchWord,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    Suggestion,
    SuggestionStatus,
    Taxonomy,
    TaxonomyTerm,
    stable_uuid,
)
from omzien.directory.selectors import needs_verification
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.demo import NEIGHBOURHOODS, build_demo

DIRECTORY_MODELS = (
    Organization,
    Location,
    Address,
    Service,
    ServiceAtLocation,
    Contact,
    Phone,
    ServiceLanguage,
    Schedule,
    CostOption,
    Attribute,
    ChangeRecord,
    PostcodeArea,
    Suggestion,
    SearchWord,
    Taxonomy,
    TaxonomyTerm,
)


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DirectoryDemoResult]:
    """Build both demos once for this module, and roll everything back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        build_demo()
        yield build_directory_demo()
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in DIRECTORY_MODELS}


def tagged(code: str) -> Any:
    return Attribute.objects.filter(
        link_entity=LinkEntity.SERVICE,
        taxonomy_term_id=stable_uuid("term", taxonomy.INCLUSION, code),
    ).values("link_id")


@pytest.mark.django_db
def test_demo_covers_every_kind_and_neighbourhood(demo):
    published = Service.objects.published()
    assert demo.entries == published.count() >= 140
    assert demo.drafts == Service.objects.filter(publication="draft").count() >= 3
    assert set(published.values_list("kind", flat=True)) == set(Kind.values) - {Kind.OTHER}
    for code, name, *_rest in NEIGHBOURHOODS:
        assert published.filter(neighbourhood__code=code).count() >= 30, name
    assert sum(demo.by_neighbourhood.values()) == demo.entries

    # Refreshed: search text, place and the free flag are filled in.
    assert not published.filter(search_document="").exists()
    assert not published.filter(municipality__isnull=True).exists()
    assert published.filter(is_free=True).count() > 50
    for code, _name, lat, lon, *_rest in NEIGHBOURHOODS:
        for service in published.filter(neighbourhood__code=code):
            assert abs(service.latitude - float(lat)) < 0.003, service.name
            assert abs(service.longitude - float(lon)) < 0.003, service.name

    # Every entry with hours has regular weekly or monthly ones; some close on holidays.
    with_hours = published.filter(all_schedules__kind=ScheduleKind.REGULAR).distinct()
    assert with_hours.count() > 100
    assert Schedule.objects.filter(kind=ScheduleKind.CLOSED).count() >= 10
    assert Schedule.objects.filter(freq="MONTHLY").exists()

    # Professionals can be reached: a named contact with a phone number.
    for service in published.filter(kind=Kind.PROFESSIONAL).prefetch_related("contacts__phones"):
        contacts = list(service.contacts.all())
        assert contacts and all(c.name and c.phones.all() for c in contacts), service.name

    assert PostcodeArea.objects.count() == len(NEIGHBOURHOODS)
    assert Suggestion.objects.filter(status=SuggestionStatus.PENDING).count() >= 3
    assert ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_demo_has_deliberate_gaps_and_old_entries(demo):
    findable = Service.objects.findable()
    quiet = findable.filter(id__in=tagged(taxonomy.LOW_STIMULUS))
    quiet_by_area = {
        n.code: quiet.filter(neighbourhood=n).count() for n in Neighbourhood.objects.all()
    }
    without = [code for code, number in quiet_by_area.items() if number == 0]
    assert len(without) == 1, "one neighbourhood has nothing low-stimulus (prikkelarm) at all"
    assert max(quiet_by_area.values()) >= 3
    assert not findable.filter(neighbourhood__code=without[0], kind=Kind.PEER_GROUP).exists()
    # A draft that would fill the gap is waiting for a coordinator.
    assert Service.objects.filter(
        publication="draft", neighbourhood__code=without[0], id__in=tagged(taxonomy.LOW_STIMULUS)
    ).exists()

    today = timezone.localdate()
    old = findable.filter(assured_date__lt=today - datetime.timedelta(days=365))
    assert old.count() == len(STALE) >= 10
    assert all(needs_verification(service) for service in old)
    assert findable.filter(status="temporarily closed").count() >= 3


@pytest.mark.django_db
def test_building_again_changes_nothing(demo):
    before = counts()
    service = Service.objects.published().order_by("id").first()
    assert service is not None
    stamp = service.updated_at
    again = build_directory_demo()
    assert again.created == 0 and again.suggestions_created == 0
    assert again.entries == demo.entries
    assert counts() == before
    service.refresh_from_db()
    assert service.updated_at == stamp


def test_demo_data_is_consistent():
    keys = [entry.key for entry in ENTRIES]
    assert len(keys) == len(set(keys))
    places = {place.key for place in PLACES}
    for entry in ENTRIES:
        assert entry.place in places, entry.key
        for text in entry.hours:
            parse_hours(text)
        # A free entry has no price.
        if taxonomy.FREE in entry.tags:
            assert entry.price is None, entry.key
