"""Work a professional does by hand: introducing a pair (within the engine's hard rules) and
posting a request or offer for someone without a login."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from tests.conftest import login
from tests.factories import PersonFactory
from tests.matching.conftest import listing

from omzien.directory.models import PostcodeArea
from omzien.matching import services
from omzien.matching.models import Kind, Listing, Match, Topic
from omzien.people.models import Person, Term


@pytest.fixture
def garden(db: Any) -> Term:
    return Term.objects.create(slug="m-tuin", label_nl="Tuinieren", label_en="Gardening")


@pytest.fixture
def places(db: Any) -> None:
    # two postcode areas about 5.5 km apart
    PostcodeArea.objects.create(postcode="1091", latitude=52.3600, longitude=4.9200)
    PostcodeArea.objects.create(postcode="1061", latitude=52.3700, longitude=4.8400)


def _introduce(client: Client, request: Listing, offer: Listing) -> str:
    response = client.post(f"/samen/{request.pk}/suggesties/", {"offer": offer.pk}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_an_introduction_by_hand_keeps_a_distance_limit(
    client: Client, areas: Any, professional: Any, asker: Person, garden: Term, places: None
) -> None:
    far = PersonFactory(neighbourhood=areas.sibling, first_name="Ferdi", postcode="1061AA")
    request = listing(asker, Kind.REQUEST, title="Tuinhulp", terms=[garden.pk])  # 1091AB
    offer = listing(
        far, Kind.OFFER, title="Ik wied graag", terms=[garden.pk], max_distance_m=2000,
        actor=professional,
    )  # fmt: skip
    login(client, professional)
    assert "Ik wied graag" not in client.get(f"/samen/{request.pk}/suggesties/").content.decode()
    page = _introduce(client, request, offer)
    assert "Deze match kan niet." in page
    assert "Ze wonen te ver uit elkaar voor de afstand die een van hen koos." in page
    assert not Match.objects.exists()
    # Without the limit the same pair may be introduced.
    offer.max_distance_m = None
    offer.save()
    page = _introduce(client, request, offer)
    assert Match.objects.filter(request=request, offer=offer).exists()


def test_an_introduction_by_hand_needs_a_known_place_for_a_distance_limit(
    areas: Any, professional: Any, asker: Person, garden: Term
) -> None:
    # no PostcodeArea rows: nobody's place is known
    somebody = PersonFactory(neighbourhood=areas.neighbourhood, first_name="Sam")
    request = listing(asker, Kind.REQUEST, title="Tuinhulp", terms=[garden.pk], max_distance_m=1000)
    offer = listing(somebody, Kind.OFFER, title="Tuin", terms=[garden.pk], actor=professional)
    with pytest.raises(ValidationError) as error:
        services.match_propose(actor=professional, request=request, offer=offer)
    assert "Voeg eerst een postcode of plek toe." in " ".join(error.value.messages)
    assert not Match.objects.exists()


def test_an_introduction_by_hand_keeps_conditions_and_moments(
    client: Client, areas: Any, professional: Any, asker: Person, garden: Term
) -> None:
    lot = PersonFactory(neighbourhood=areas.neighbourhood, first_name="Lot")
    request = listing(asker, Kind.REQUEST, title="Tuinhulp", terms=[garden.pk], slots=[0])
    offer = listing(
        lot, Kind.OFFER, title="Tuin", terms=[garden.pk], needs=["wheelchair"], slots=[4],
        actor=professional,
    )  # fmt: skip
    login(client, professional)
    page = _introduce(client, request, offer)
    assert "Wat de een nodig heeft, kan de ander niet bieden" in page
    assert "Ze hebben geen moment in de week samen." in page
    assert not Match.objects.exists()
    # The service refuses the same, whoever calls it.
    with pytest.raises(ValidationError):
        services.match_propose(actor=professional, request=request, offer=offer, introduce=True)


def test_an_introduction_by_hand_refuses_a_declined_pair(
    client: Client, professional: Any, asker: Person, giver: Person, garden: Term
) -> None:
    request = listing(asker, Kind.REQUEST, title="Tuinhulp", terms=[garden.pk])
    offer = listing(giver, Kind.OFFER, title="Ik wied graag", terms=[garden.pk])
    match = services.match_propose(actor=professional, request=request, offer=offer)
    services.match_decline(actor=professional, match=match)
    login(client, professional)
    page = _introduce(client, request, offer)
    assert "Dit paar zei eerder nee. Ze worden niet opnieuw voorgesteld." in page
    assert Match.objects.count() == 1


def test_an_offer_outside_the_top_five_gets_the_engines_reason(
    client: Client, professional: Any, asker: Person, giver: Person, garden: Term
) -> None:
    request = listing(asker, Kind.REQUEST, title="Tuinhulp", terms=[garden.pk])
    offer = listing(giver, Kind.OFFER, title="Ik wied graag", terms=[garden.pk])
    for n in range(5):
        better = PersonFactory(neighbourhood=asker.neighbourhood, first_name=f"Extra{n}")
        listing(
            better, Kind.OFFER, title="Tuinhulp", text="tuinhulp", terms=[garden.pk],
            actor=professional,
        )  # fmt: skip
    login(client, professional)
    assert "Ik wied graag" not in client.get(f"/samen/{request.pk}/suggesties/").content.decode()
    _introduce(client, request, offer)
    match = Match.objects.get(offer=offer)
    assert match.score > 0 and "Tuinieren" in match.reason


# --- a request or offer for someone without a login -------------------------------------


def _form(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Hulp bij de boodschappen",
        "text": "Ik kan niet goed lopen.",
        "frequency": "recurring",
        "said_yes": "on",
    }
    data.update(extra)
    return data


def test_staff_post_a_request_for_someone_without_a_login(
    client: Client, professional: Any, registered_person: Person, garden: Term
) -> None:
    login(client, professional)
    url = f"/samen/voor/{registered_person.pk}/zoek/"
    page = client.get(url).content.decode()
    assert "Cor zoekt …" in page and "Cor, die geen account heeft" in page
    response = client.post(url, _form(terms=[garden.pk]))
    made = Listing.objects.get()
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert made.owner == registered_person and made.author == professional
    assert made.kind == Kind.REQUEST and made.topic == Topic.HELP
    assert made.neighbourhood == registered_person.neighbourhood
    assert list(made.terms.all()) == [garden]
    # The person's page links here.
    detail = client.get(f"/bewoners/{registered_person.pk}/").content.decode()
    assert f'href="/samen/voor/{registered_person.pk}/bied/"' in detail


def test_the_form_for_someone_else_has_the_same_rules(
    client: Client, professional: Any, registered_person: Person
) -> None:
    login(client, professional)
    url = f"/samen/voor/{registered_person.pk}/bied/"
    response = client.post(url, _form(said_yes="", title="", capacity="0"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vraag het de persoon eerst, en zet dan een vinkje." in page
    assert "Dit veld is verplicht." in page  # the title
    assert not Listing.objects.exists()
    assert client.post(url, _form(capacity="2")).status_code == 302
    assert Listing.objects.get().capacity == 2


def test_the_wrong_person_cannot_post_for_someone(
    client: Client,
    areas: Any,
    professional: Any,
    other_professional: Any,
    volunteer: Any,
    resident: Person,
    other_resident: Person,
    registered_person: Person,
) -> None:
    url = f"/samen/voor/{registered_person.pk}/zoek/"
    # staff of another district, a volunteer, a resident: the page does not exist for them
    for user in (other_professional, volunteer, resident.user):
        login(client, user)
        assert client.get(url).status_code == 404
        assert client.post(url, _form()).status_code == 404
    # someone with a login posts for themself, also not through staff
    login(client, professional)
    assert client.get(f"/samen/voor/{other_resident.pk}/zoek/").status_code == 404
    assert client.get(f"/samen/voor/{registered_person.pk}/iets/").status_code == 404
    assert client.get("/samen/voor/999999/zoek/").status_code == 404
    assert not Listing.objects.exists()
    # and the service refuses the same
    with pytest.raises(PermissionDenied):
        services.listing_save(
            actor=professional, listing=Listing(kind=Kind.REQUEST, owner=other_resident, title="X")
        )
    with pytest.raises(PermissionDenied):
        services.listing_save(
            actor=other_professional,
            listing=Listing(kind=Kind.REQUEST, owner=registered_person, title="X"),
        )
    # an erased person is gone for everybody
    registered_person.erased_at = registered_person.created_at
    registered_person.save(update_fields=["erased_at"])
    login(client, professional)
    assert client.get(url).status_code == 404
    # no link on the profile of someone with a login
    detail = client.get(f"/bewoners/{other_resident.pk}/").content.decode()
    assert "/samen/voor/" not in detail
