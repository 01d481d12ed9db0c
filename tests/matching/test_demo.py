"""The matching demo: open requests, offers, a task at a place and finished matches."""

from __future__ import annotations

from typing import Any

from django.test import Client
from tests.conftest import login

from omzien.accounts.models import User
from omzien.activities.demo import build_activities_demo
from omzien.directory.demo import build_directory_demo
from omzien.matching.demo import build_matching_demo
from omzien.matching.models import Listing, Match, MatchState, ReciprocityEntry
from omzien.people.demo import build_demo


def test_the_demo_builds_once_and_the_pages_show_it(db: Any, client: Client) -> None:
    build_demo()
    build_directory_demo()
    build_activities_demo()
    result = build_matching_demo()
    assert result.listings == 12 and result.matches == 3
    assert Listing.objects.filter(topic="task", owner__isnull=True).count() == 1
    assert Match.objects.filter(state=MatchState.ENDED, success=True).count() == 2
    assert all(m.reason for m in Match.objects.all())
    assert ReciprocityEntry.objects.count() == 4
    again = build_matching_demo()
    assert (again.listings, again.matches) == (0, 0) and Listing.objects.count() == 12

    resident = User.objects.get(email="demo-resident@omzien.invalid")
    login(client, resident)
    page = client.get("/samen/").content.decode()
    assert "Hulp bij de boodschappen" in page and "Dinsdag helpen achter de bar" in page
    professional = User.objects.get(email="demo-professional@omzien.invalid")
    login(client, professional)
    request = Listing.objects.get(title="Hulp bij de boodschappen")
    page = client.get(f"/samen/{request.pk}/suggesties/").content.decode()
    assert "Ik doe graag boodschappen voor iemand" in page
