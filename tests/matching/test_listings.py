"""Requests and offers: posting, who sees them, contact details hidden, moderation."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from tests.conftest import login
from tests.factories import PersonFactory
from tests.matching.conftest import PHONE, STREET, listing

from omzien.matching import services
from omzien.matching.models import Kind, Listing, Topic
from omzien.people.models import Person, Term


@pytest.fixture
def term(db: Any) -> Term:
    return Term.objects.get_or_create(
        slug="tuinieren-test", defaults={"label_nl": "Tuinieren", "label_en": "Gardening"}
    )[0]


def test_a_resident_posts_an_offer_with_terms_times_and_conditions(
    client: Client, giver: Person, term: Term
) -> None:
    login(client, giver.user)
    response = client.post(
        "/samen/nieuw/bied/",
        {
            "title": "Ik help graag in de tuin",
            "text": "Ik heb groene vingers.",
            "terms": [term.pk],
            "frequency": "recurring",
            "slots": [4, 5],  # Tuesday afternoon and evening
            "max_distance_km": "1.5",
            "needs": [],
            "meets": ["wheelchair"],
            "capacity": 2,
        },
    )
    offer = Listing.objects.get()
    assert response.status_code == 302 and response["Location"] == offer.get_absolute_url()
    assert offer.kind == Kind.OFFER and offer.topic == Topic.HELP and offer.owner == giver
    assert offer.slots == [4, 5] and offer.max_distance_m == 1500 and offer.capacity == 2
    assert list(offer.terms.all()) == [term] and offer.meets == ["wheelchair"]
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "dinsdag middag" in page.lower() and "Rolstoeltoegankelijk".lower() in page.lower()


def test_bad_input_shows_a_dutch_error_and_saves_nothing(client: Client, giver: Person) -> None:
    login(client, giver.user)
    response = client.post(
        "/samen/nieuw/zoek/", {"title": "", "frequency": "once", "slots": ["99"]}
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Listing.objects.exists()


def test_neighbours_see_listings_without_address_or_phone(
    client: Client, request_listing: Listing, giver: Person, asker: Person
) -> None:
    login(client, giver.user)
    board = client.get("/samen/").content.decode()
    assert "Hulp met mijn tuin" in board
    page = client.get(request_listing.get_absolute_url()).content.decode()
    assert "Anna" in page
    assert PHONE not in page and STREET not in page and "de Vries" not in page


def test_people_of_another_neighbourhood_do_not_see_listings(
    client: Client, areas: Any, request_listing: Listing
) -> None:
    stranger = PersonFactory(neighbourhood=areas.sibling, first_name="Sem")
    from tests.factories import UserFactory

    stranger.user = UserFactory()
    stranger.save()
    login(client, stranger.user)
    assert "Hulp met mijn tuin" not in client.get("/samen/").content.decode()
    assert client.get(request_listing.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(request_listing.get_absolute_url()).status_code == 302  # to log in


def test_only_the_author_or_staff_change_a_listing(
    client: Client, request_listing: Listing, giver: Person, professional: Any
) -> None:
    login(client, giver.user)
    assert client.get(f"/samen/{request_listing.pk}/bewerken/").status_code == 403
    assert client.post(f"/samen/{request_listing.pk}/sluiten/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.listing_close(actor=giver.user, listing=request_listing)
    login(client, professional)
    assert client.get(f"/samen/{request_listing.pk}/bewerken/").status_code == 200


def test_a_resident_cannot_post_for_someone_else(giver: Person, asker: Person) -> None:
    with pytest.raises(PermissionDenied):
        services.listing_save(
            actor=giver.user, listing=Listing(kind=Kind.REQUEST, owner=asker, title="X")
        )


def test_a_coordinator_hides_a_listing_and_the_author_sees_why(
    client: Client, request_listing: Listing, coordinator: Any, giver: Person, asker: Person
) -> None:
    login(client, coordinator)
    url = f"/samen/{request_listing.pk}/verbergen/"
    bad = client.post(url, {"reason": ""})
    assert bad.status_code == 200 and "Dit veld is verplicht." in bad.content.decode()
    assert client.post(url, {"reason": "Dit is reclame."}).status_code == 302
    request_listing.refresh_from_db()
    assert request_listing.hidden_at is not None and request_listing.hidden_by == coordinator
    login(client, giver.user)
    assert "Hulp met mijn tuin" not in client.get("/samen/").content.decode()
    assert client.get(request_listing.get_absolute_url()).status_code == 404
    login(client, asker.user)
    page = client.get(request_listing.get_absolute_url()).content.decode()
    assert "Dit is reclame." in page and "verborgen" in page


def test_only_coordinators_moderate(
    client: Client, request_listing: Listing, professional: Any, giver: Person
) -> None:
    for user in (professional, giver.user):
        login(client, user)
        response = client.post(f"/samen/{request_listing.pk}/verbergen/", {"reason": "Weg"})
        assert response.status_code in (403, 404)
        with pytest.raises(PermissionDenied):
            services.listing_hide(actor=user, listing=request_listing, reason="Weg")
    request_listing.refresh_from_db()
    assert request_listing.hidden_at is None


def test_the_board_needs_few_queries(
    client: Client, giver: Person, asker: Person, django_assert_max_num_queries: Any
) -> None:
    for n in range(6):
        listing(asker, Kind.REQUEST, title=f"Vraag {n}")
    login(client, giver.user)
    client.get("/samen/")
    with django_assert_max_num_queries(20):
        assert client.get("/samen/").status_code == 200
