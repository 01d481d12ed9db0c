"""Suggestions for professionals (best 5 with reasons), introducing, and the batch round."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from tests.conftest import login
from tests.factories import PersonFactory
from tests.matching.conftest import listing

from omzien.matching import adapters, services
from omzien.matching.models import Kind, Listing, Match, MatchState
from omzien.people.models import Person, Term


@pytest.fixture
def garden(db: Any) -> Term:
    top = Term.objects.create(slug="m-buiten", label_nl="Buiten", label_en="Outdoors")
    return Term.objects.create(
        slug="m-tuin", label_nl="Tuinieren", label_en="Gardening", parent=top
    )


@pytest.fixture
def cooking(db: Any) -> Term:
    return Term.objects.create(slug="m-koken", label_nl="Koken", label_en="Cooking")


def _person(areas: Any, name: str) -> Person:
    return PersonFactory(neighbourhood=areas.neighbourhood, first_name=name)


def test_suggestions_show_fitting_offers_with_reasons(
    client: Client,
    areas: Any,
    professional: Any,
    asker: Person,
    giver: Person,
    garden: Term,
    cooking: Term,
) -> None:
    request = listing(asker, Kind.REQUEST, title="Hulp in mijn tuin", terms=[garden.pk], slots=[4])
    fits = listing(giver, Kind.OFFER, title="Ik wied graag", terms=[garden.pk], slots=[4, 5])
    listing(
        _person(areas, "Kees"), Kind.OFFER, title="Ik kook", terms=[cooking.pk], actor=professional
    )
    listing(
        _person(areas, "Lot"),
        Kind.OFFER,
        title="Tuin, maar alleen rolstoelvriendelijk",
        terms=[garden.pk],
        needs=["wheelchair"],
        actor=professional,
    )
    login(client, professional)
    page = client.get(f"/samen/{request.pk}/suggesties/").content.decode()
    assert "Ik wied graag" in page and "Tuinieren" in page and "dinsdagmiddag" in page
    assert "Ik kook" not in page  # nothing in common
    assert "rolstoelvriendelijk" not in page  # a hard condition fails
    response = client.post(f"/samen/{request.pk}/suggesties/", {"offer": fits.pk})
    match = Match.objects.get()
    assert response.status_code == 302 and response["Location"] == match.get_absolute_url()
    assert match.state == MatchState.INTRODUCED and match.proposed_by == professional
    assert "Tuinieren" in match.reason and match.score > 0
    # Already matched: no longer suggested.
    assert "Ik wied graag" not in client.get(f"/samen/{request.pk}/suggesties/").content.decode()


def test_a_declined_pair_is_never_suggested_again(
    client: Client, professional: Any, asker: Person, giver: Person, garden: Term
) -> None:
    request = listing(asker, Kind.REQUEST, title="Tuinhulp", terms=[garden.pk])
    offer = listing(giver, Kind.OFFER, title="Ik wied graag", terms=[garden.pk])
    match = services.match_propose(actor=professional, request=request, offer=offer)
    services.match_decline(actor=professional, match=match)
    assert adapters.top_offers(request) == []
    login(client, professional)
    assert "Ik wied graag" not in client.get(f"/samen/{request.pk}/suggesties/").content.decode()
    client.post(f"/samen/{request.pk}/suggesties/", {"offer": offer.pk})
    assert Match.objects.filter(state=MatchState.INTRODUCED).count() == 0
    assert services.matching_round(actor=None, neighbourhood=request.neighbourhood) == []


def test_only_staff_of_the_area_see_suggestions(
    client: Client,
    other_professional: Any,
    volunteer: Any,
    asker: Person,
    giver: Person,
    garden: Term,
) -> None:
    request = listing(asker, Kind.REQUEST, title="Tuinhulp", terms=[garden.pk])
    offer = listing(giver, Kind.OFFER, title="Ik wied graag", terms=[garden.pk])
    for user in (giver.user, asker.user, volunteer, other_professional):
        login(client, user)
        assert client.get(f"/samen/{request.pk}/suggesties/").status_code in (403, 404)
        assert client.post(f"/samen/{request.pk}/suggesties/", {"offer": offer.pk}).status_code in (
            403,
            404,
        )
    assert not Match.objects.exists()


def test_the_batch_round_respects_capacity_and_runs_twice_without_doubles(
    client: Client, areas: Any, coordinator: Any, professional: Any, giver: Person, garden: Term
) -> None:
    requests = [
        listing(
            _person(areas, n),
            Kind.REQUEST,
            title=f"Tuin {n}",
            terms=[garden.pk],
            actor=professional,
        )
        for n in ("Ada", "Bo", "Cas")
    ]
    listing(giver, Kind.OFFER, title="Ik wied graag", terms=[garden.pk], capacity=2)
    login(client, coordinator)
    response = client.post("/samen/ronde/", {"buurt": areas.neighbourhood.code})
    assert response.status_code == 200 and "2 nieuwe voorstellen" in response.content.decode()
    matches = list(Match.objects.all())
    assert len(matches) == 2 and {m.state for m in matches} == {MatchState.PROPOSED}
    assert {m.request_id for m in matches} < {r.pk for r in requests}
    assert all("Tuinieren" in m.reason for m in matches)
    out = StringIO()
    call_command("matching_round", areas.neighbourhood.code, stdout=out)
    assert "0 matches proposed" in out.getvalue() and Match.objects.count() == 2


def test_only_coordinators_run_a_round(
    client: Client, areas: Any, professional: Any, giver: Person
) -> None:
    for user in (professional, giver.user):
        login(client, user)
        assert client.post("/samen/ronde/", {"buurt": areas.neighbourhood.code}).status_code == 403


def test_talents_of_a_resident_match_a_task_at_a_place(
    client: Client, areas: Any, professional: Any, giver: Person, garden: Term
) -> None:
    from omzien.activities.models import Activity

    activity = Activity.objects.create(
        name="Kinderboerderij De Bok",
        neighbourhood=areas.neighbourhood,
        starts_at="2026-09-01T10:00:00+02:00",
    )
    login(client, professional)
    response = client.post(
        "/samen/taak/nieuw/",
        {
            "place": f"a{activity.pk}",
            "neighbourhood": areas.neighbourhood.pk,
            "title": "Elke week de cavia's aaien",
            "adaptations": "Een rustig moment, samen met een vaste vrijwilliger.",
            "terms": [garden.pk],
            "frequency": "recurring",
            "meets": ["low_stimulus"],
            "capacity": 2,
        },
    )
    task = Listing.objects.get(topic="task")
    assert response.status_code == 302 and task.activity == activity and task.owner is None
    # The resident says "I want to help at a place"; their talents count.
    giver.talents.add(garden)
    offer = listing(
        giver, Kind.OFFER, title="Ik help graag ergens", topic="task", needs=["low_stimulus"]
    )
    found = adapters.top_offers(task)
    assert [o.pk for o, _ in found] == [offer.pk] and "Tuinieren" in found[0][1].reason
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Kinderboerderij De Bok" in page and "rustig moment" in page
    bad = client.post("/samen/taak/nieuw/", {"place": "a999999", "title": "X", "frequency": "once"})
    assert bad.status_code == 200 and "Selecteer een geldige keuze" in bad.content.decode()


def test_residents_cannot_post_a_task_for_a_place(client: Client, giver: Person) -> None:
    login(client, giver.user)
    assert client.get("/samen/taak/nieuw/").status_code == 403


def test_a_buddy_wish_matches_a_buddy_by_interests_and_language(
    areas: Any, professional: Any, asker: Person, giver: Person, cooking: Term
) -> None:
    from omzien.people.models import Language

    english, _ = Language.objects.get_or_create(
        code="en", defaults={"name_nl": "Engels", "name_en": "English"}
    )
    asker.interests.add(cooking)
    wish = listing(
        asker, Kind.REQUEST, title="Iemand om mee te praten", topic="buddy", language=english
    )
    giver.interests.add(cooking)
    giver.languages.add(english)
    buddy = listing(giver, Kind.OFFER, title="Ik wil maatje zijn", topic="buddy")
    other = _person(areas, "Dirk")
    other.interests.add(cooking)
    listing(other, Kind.OFFER, title="Ook maatje", topic="buddy", actor=professional)  # no English
    help_offer = listing(
        _person(areas, "Eva"), Kind.OFFER, title="Koken", terms=[cooking.pk], actor=professional
    )
    found = [o.pk for o, _ in adapters.top_offers(wish)]
    assert found == [buddy.pk] and help_offer.pk not in found
