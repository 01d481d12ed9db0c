"""Reciprocity: "wat ik gaf / wat ik kreeg" is private; neighbourhood shares are counted,
groups under the minimum size suppressed, and never a list of people."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from tests.conftest import login
from tests.factories import PersonFactory

from omzien.matching import selectors, services
from omzien.matching.models import Direction, ReciprocityEntry
from omzien.people.models import Person
from omzien.support.models import EarlyWarningPlan


def _entry(person: Person, direction: str, what: str = "Boodschappen", **kw: Any) -> None:
    ReciprocityEntry.objects.create(
        person=person, direction=direction, what=what, on=timezone.localdate(), **kw
    )


def test_a_resident_sees_only_what_they_gave_and_received(
    client: Client, asker: Person, giver: Person
) -> None:
    _entry(asker, Direction.GAVE, "Soep gekookt voor de buren", minutes=60)
    _entry(asker, Direction.RECEIVED, "Hulp met de computer", thanks="Dank je wel!")
    _entry(giver, Direction.GAVE, "Geheim van Bram")
    login(client, asker.user)
    page = client.get("/samen/geven-en-krijgen/").content.decode()
    assert (
        "Wat ik gaf" in page and "Wat ik kreeg" in page and "Alleen jij ziet deze pagina." in page
    )
    assert "Soep gekookt voor de buren" in page and "Hulp met de computer" in page
    assert "In totaal 60 minuten." in page and "Dank je wel!" in page
    assert "Geheim van Bram" not in page


def test_recording_by_hand_with_a_dutch_error_for_bad_input(
    client: Client, asker: Person, giver: Person
) -> None:
    login(client, asker.user)
    url = "/samen/geven-en-krijgen/"
    bad = client.post(url, {"direction": "gave", "what": "", "minutes": "-3"})
    assert bad.status_code == 200 and "Dit veld is verplicht." in bad.content.decode()
    assert not ReciprocityEntry.objects.exists()
    ok = client.post(url, {"direction": "received", "what": "Een lift naar de markt"})
    assert ok.status_code == 302
    entry = ReciprocityEntry.objects.get()
    assert (entry.person, entry.direction) == (asker, Direction.RECEIVED)
    with pytest.raises(PermissionDenied):
        services.reciprocity_record(
            actor=giver.user, person=asker, direction=Direction.GAVE, what="Namens Anna"
        )


def test_contributions_at_activities_show_on_the_same_page(
    client: Client, areas: Any, asker: Person
) -> None:

    from omzien.activities.models import Activity, Session
    from omzien.welcome.models import Contribution, ContributionKind

    login(client, asker.user)
    assert "Wat ik bijdraag" not in client.get("/samen/geven-en-krijgen/").content.decode()
    now = timezone.now()
    activity = Activity.objects.create(
        name="Lunch", neighbourhood=areas.neighbourhood, starts_at=now
    )
    session = Session.objects.create(
        activity=activity, occurrence=now, starts_at=now, ends_at=now + datetime.timedelta(hours=1)
    )
    Contribution.objects.create(
        person=asker, kind=ContributionKind.TASK, activity=activity, session=session, title="Koffie"
    )
    page = client.get("/samen/geven-en-krijgen/").content.decode()
    assert "En bij activiteiten hielp je 1 keer." in page and "Wat ik bijdraag" in page


def _people(areas: Any, n: int) -> list[Person]:
    return [PersonFactory(neighbourhood=areas.neighbourhood) for _ in range(n)]


def test_shares_are_shown_for_big_enough_groups(areas: Any, analyst: Any) -> None:
    both = _people(areas, 5)
    only_give = _people(areas, 5)
    for p in both:
        _entry(p, Direction.GAVE)
        _entry(p, Direction.RECEIVED)
    for p in only_give:
        _entry(p, Direction.GAVE)
    figures = selectors.reciprocity_figures(viewer=analyst, neighbourhood=areas.neighbourhood)
    assert (figures.both.part, figures.both.whole, figures.both.percent) == (5, 10, 50)
    # Nobody with extra support yet: suppressed, not "0 of 0".
    assert figures.support_giving.whole is None and figures.support_giving.percent is None


def test_small_groups_are_suppressed(areas: Any, coordinator: Any) -> None:
    people = _people(areas, 8)
    for p in people[:6]:
        EarlyWarningPlan.objects.create(person=p)
        _entry(p, Direction.GAVE)
    for p in people[:4]:
        _entry(p, Direction.RECEIVED)
    figures = selectors.reciprocity_figures(viewer=coordinator, neighbourhood=areas.neighbourhood)
    # 6 with extra support, all 6 give: "all but 0" would say something about each of them.
    assert figures.support_giving.whole == 6 and figures.support_giving.part is None
    # 6 active, 4 give and receive: 4 is under the minimum.
    assert figures.both.whole == 6 and figures.both.part is None


def test_figures_only_for_the_area_coalition(
    client: Client, areas: Any, analyst: Any, professional: Any, asker: Person
) -> None:
    login(client, analyst)
    page = client.get("/samen/cijfers/").content.decode()
    assert "Geven en krijgen in Bloemhof" in page and "te weinig om te tonen" in page
    for user in (professional, asker.user):
        login(client, user)
        assert client.get("/samen/cijfers/").status_code == 403
        with pytest.raises(PermissionDenied):
            selectors.reciprocity_figures(viewer=user, neighbourhood=areas.neighbourhood)
