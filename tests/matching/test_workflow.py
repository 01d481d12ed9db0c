"""The match workflow: the table, both sides say yes separately, declines are remembered,
history is append-only, and only the two sides and staff of the area see a match."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from tests.conftest import login, make_user
from tests.matching.conftest import PHONE, STREET

from omzien.accounts.models import Role
from omzien.core.models import AuditEntry, HistoryIsAppendOnly
from omzien.matching import services, workflow
from omzien.matching.models import (
    DeclinedPair,
    Listing,
    Match,
    MatchEvent,
    MatchState,
    ReciprocityEntry,
)
from omzien.people.models import Person

S = MatchState


def _introduced(professional: Any, request: Listing, offer: Listing) -> Match:
    return services.match_propose(
        actor=professional, request=request, offer=offer, reason="allebei tuin", introduce=True
    )


def test_every_edge_has_a_reason_and_only_known_states() -> None:
    for (frm, to), edge in workflow.TRANSITIONS.items():
        assert frm in S.values and to in S.values and edge.reason
        assert edge.by in (workflow.STAFF, workflow.PARTY, workflow.ANY)
    assert workflow.next_states(S.ENDED) == [] and workflow.next_states(S.DECLINED) == []
    assert workflow.DECLINABLE == {S.PROPOSED, S.INTRODUCED, S.ONE_ACCEPTED}


def test_a_full_valid_sequence_with_history_and_reciprocity(
    professional: Any,
    request_listing: Listing,
    offer_listing: Listing,
    asker: Person,
    giver: Person,
) -> None:
    match = services.match_propose(
        actor=professional, request=request_listing, offer=offer_listing, score=7
    )
    assert match.state == S.PROPOSED
    match = services.match_transition(actor=professional, match=match, to_state=S.INTRODUCED)
    match = services.match_accept(actor=giver.user, match=match)
    assert (
        match.state == S.ONE_ACCEPTED and match.offer_accepted_at and not match.request_accepted_at
    )
    with pytest.raises(ValidationError):  # the same side cannot say yes twice
        services.match_accept(actor=giver.user, match=match)
    match = services.match_accept(actor=asker.user, match=match)
    assert match.state == S.ACCEPTED
    match = services.match_transition(actor=asker.user, match=match, to_state=S.MET)
    with pytest.raises(ValidationError):
        services.match_transition(actor=asker.user, match=match, to_state=S.EVALUATED)
    match = services.match_transition(
        actor=giver.user, match=match, to_state=S.EVALUATED, success=True, text="Fijn!", minutes=90
    )
    match = services.match_transition(actor=professional, match=match, to_state=S.ENDED)
    steps = list(match.events.values_list("from_state", "to_state"))
    assert steps == [
        ("", S.PROPOSED),
        (S.PROPOSED, S.INTRODUCED),
        (S.INTRODUCED, S.ONE_ACCEPTED),
        (S.ONE_ACCEPTED, S.ACCEPTED),
        (S.ACCEPTED, S.MET),
        (S.MET, S.EVALUATED),
        (S.EVALUATED, S.ENDED),
    ]
    given = ReciprocityEntry.objects.get(person=giver)
    got = ReciprocityEntry.objects.get(person=asker)
    assert (given.direction, given.minutes) == ("gave", 90)
    assert (got.direction, got.minutes) == ("received", 90)


@pytest.mark.parametrize(
    "steps",
    [
        [S.MET],
        [S.ACCEPTED],
        [S.INTRODUCED, S.MET],
        [S.INTRODUCED, S.EVALUATED],
        [S.INTRODUCED, S.ENDED],
    ],
)
def test_invalid_sequences_are_refused_and_change_nothing(
    professional: Any, request_listing: Listing, offer_listing: Listing, steps: list[str]
) -> None:
    match = services.match_propose(actor=professional, request=request_listing, offer=offer_listing)
    *valid, invalid = steps
    for step in valid:
        match = services.match_transition(actor=professional, match=match, to_state=step)
    before = match.events.count()
    with pytest.raises(ValidationError):
        services.match_transition(actor=professional, match=match, to_state=invalid, success=True)
    match.refresh_from_db()
    assert match.state == (valid[-1] if valid else S.PROPOSED)
    assert match.events.count() == before


def test_residents_cannot_introduce_and_staff_cannot_say_yes_for_someone_with_an_account(
    professional: Any, request_listing: Listing, offer_listing: Listing, asker: Person
) -> None:
    match = services.match_propose(actor=professional, request=request_listing, offer=offer_listing)
    with pytest.raises(PermissionDenied):
        services.match_transition(actor=asker.user, match=match, to_state=S.INTRODUCED)
    with pytest.raises(PermissionDenied):
        services.match_propose(actor=asker.user, request=request_listing, offer=offer_listing)
    match = services.match_transition(actor=professional, match=match, to_state=S.INTRODUCED)
    with pytest.raises(PermissionDenied):
        services.match_accept(actor=professional, match=match)


def test_a_decline_is_remembered_and_the_pair_never_proposed_again(
    professional: Any, request_listing: Listing, offer_listing: Listing, giver: Person
) -> None:
    match = _introduced(professional, request_listing, offer_listing)
    services.match_decline(actor=giver.user, match=match, reason="Te ver weg")
    pair = DeclinedPair.objects.get()
    assert (pair.request, pair.offer, pair.reason) == (request_listing, offer_listing, "Te ver weg")
    with pytest.raises(ValidationError, match="niet opnieuw|not proposed again"):
        services.match_propose(actor=professional, request=request_listing, offer=offer_listing)


def test_declining_after_both_said_yes_is_not_a_step(
    professional: Any,
    request_listing: Listing,
    offer_listing: Listing,
    asker: Person,
    giver: Person,
) -> None:
    match = _introduced(professional, request_listing, offer_listing)
    services.match_accept(actor=asker.user, match=match)
    match = services.match_accept(actor=giver.user, match=match)
    with pytest.raises(ValidationError):
        services.match_decline(actor=giver.user, match=match)


def test_history_is_append_only(
    professional: Any, request_listing: Listing, offer_listing: Listing
) -> None:
    match = services.match_propose(actor=professional, request=request_listing, offer=offer_listing)
    event = match.events.get()
    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    with pytest.raises(HistoryIsAppendOnly):
        MatchEvent.objects.filter(match=match).update(text="x")
    with pytest.raises(HistoryIsAppendOnly):
        MatchEvent.objects.filter(match=match).delete()


def test_contact_details_only_after_both_said_yes(
    client: Client,
    professional: Any,
    request_listing: Listing,
    offer_listing: Listing,
    asker: Person,
    giver: Person,
) -> None:
    match = _introduced(professional, request_listing, offer_listing)
    login(client, giver.user)
    page = client.get(match.get_absolute_url()).content.decode()
    assert PHONE not in page and STREET not in page
    client.post(match.get_absolute_url(), {"action": "accept"})
    page = client.get(match.get_absolute_url()).content.decode()
    assert PHONE not in page and STREET not in page  # only one side said yes
    login(client, asker.user)
    assert "Berkenstraat" not in client.get(match.get_absolute_url()).content.decode()
    assert client.post(match.get_absolute_url(), {"action": "accept"}).status_code == 302
    page = client.get(match.get_absolute_url()).content.decode()
    assert "Berkenstraat 3" in page and "06-87654321" in page
    assert PHONE not in page  # your own details are not the point
    login(client, giver.user)
    page = client.get(match.get_absolute_url()).content.decode()
    assert PHONE in page and STREET in page
    logged = AuditEntry.objects.filter(purpose="matching", category="contact")
    assert {(e.subject_id, e.actor_id) for e in logged} >= {
        (giver.pk, asker.user_id),
        (asker.pk, giver.user_id),
    }


def test_only_the_two_sides_and_staff_of_the_area_see_a_match(
    client: Client,
    areas: Any,
    professional: Any,
    other_professional: Any,
    volunteer: Any,
    request_listing: Listing,
    offer_listing: Listing,
    asker: Person,
    giver: Person,
) -> None:
    match = _introduced(professional, request_listing, offer_listing)
    url = match.get_absolute_url()
    for user in (asker.user, giver.user, professional):
        login(client, user)
        assert client.get(url).status_code == 200
    neighbour = make_user(Role.RESIDENT, areas.neighbourhood)
    Person.objects.create(user=neighbour, first_name="Nina", neighbourhood=areas.neighbourhood)
    for user in (other_professional, volunteer, neighbour):
        login(client, user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "accept"}).status_code == 404
        with pytest.raises(PermissionDenied):
            services.match_transition(actor=user, match=match, to_state=S.DECLINED)


def test_bad_actions_never_give_a_500(
    client: Client,
    professional: Any,
    request_listing: Listing,
    offer_listing: Listing,
    giver: Person,
) -> None:
    match = _introduced(professional, request_listing, offer_listing)
    login(client, giver.user)
    assert client.post(match.get_absolute_url(), {"action": "met"}).status_code == 200
    assert client.post(match.get_absolute_url(), {"action": "nonsense"}).status_code == 404
    response = client.post(match.get_absolute_url(), {"action": "evaluate"}, follow=True)
    assert response.status_code == 200
    match.refresh_from_db()
    assert match.state == S.INTRODUCED


def test_someone_cannot_be_matched_with_themself(
    professional: Any, asker: Person, request_listing: Listing
) -> None:
    from tests.matching.conftest import listing

    own_offer = listing(asker, "offer", title="Ik bak taart")
    with pytest.raises(ValidationError):
        services.match_propose(actor=professional, request=request_listing, offer=own_offer)


def test_capacity_of_an_offer_is_respected(
    areas: Any, professional: Any, offer_listing: Listing, request_listing: Listing
) -> None:
    from tests.factories import PersonFactory
    from tests.matching.conftest import listing

    services.match_propose(actor=professional, request=request_listing, offer=offer_listing)
    second, third = (
        listing(
            PersonFactory(neighbourhood=areas.neighbourhood), "request", title=t, actor=professional
        )
        for t in ("Twee", "Drie")
    )
    services.match_propose(actor=professional, request=second, offer=offer_listing)
    with pytest.raises(ValidationError):
        services.match_propose(actor=professional, request=third, offer=offer_listing)


def test_export_and_erasure_take_the_persons_listings_and_give_and_take(
    professional: Any, request_listing: Listing, offer_listing: Listing, asker: Person
) -> None:
    from omzien.core.subject_rights import export_all
    from omzien.people.services import person_erase

    match = _introduced(professional, request_listing, offer_listing)
    services.reciprocity_record(
        actor=asker.user, person=asker, direction="received", what="Een lift"
    )
    exported = export_all(asker)
    assert exported["requests_and_offers"][0]["title"] == "Hulp met mijn tuin"
    assert exported["requests_and_offers"][0]["matches"][0]["state"] == S.INTRODUCED
    assert exported["given_and_received"][0]["what"] == "Een lift"
    person_erase(actor=asker.user, person=asker)
    assert not Listing.objects.filter(pk=request_listing.pk).exists()
    assert not Match.objects.filter(pk=match.pk).exists()
    assert not ReciprocityEntry.objects.filter(person=asker).exists()
    assert Listing.objects.filter(pk=offer_listing.pk).exists()
