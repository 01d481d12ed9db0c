"""Signing up for a session: places, the waiting list in order, moving up, no overbooking."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from tests.activities.conftest import FIRST, Cafe, Walk, resident_named
from tests.factories import PersonFactory

from omzien.activities import services
from omzien.activities.models import AbsenceNotice, SignUp
from omzien.people.services import person_register_newcomer


def test_places_go_first_come_first_served_then_the_waiting_list(walk: Walk, areas: Any) -> None:
    session = walk.sessions[0]
    anna, bram, cor, dirk = (resident_named(areas, n) for n in ("Anna", "Bram", "Cor", "Dirk"))
    results = [
        services.signup_create(user=p.user, session=session, person=p)
        for p in (anna, bram, cor, dirk)
    ]
    assert [r.place for r in results] == [1, 2, None, None]
    assert results[2].is_waiting and results[3].is_waiting
    # Signing up twice changes nothing.
    again = services.signup_create(user=anna.user, session=session, person=anna)
    assert again.pk == results[0].pk and SignUp.objects.filter(session=session).count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_first_on_the_waiting_list_moves_up_and_gets_an_e_mail(walk: Walk, areas: Any) -> None:
    session = walk.sessions[0]
    anna, bram, cor, dirk = (resident_named(areas, n) for n in ("Anna", "Bram", "Cor", "Dirk"))
    for person in (anna, bram, cor, dirk):
        services.signup_create(user=person.user, session=session, person=person)
    mail.outbox.clear()
    bram_signup = SignUp.objects.get(person=bram)
    promoted = services.signup_cancel(user=bram.user, signup=bram_signup)
    assert promoted is not None and promoted.person == cor
    cor_signup = SignUp.objects.get(person=cor)
    assert cor_signup.place == 2 and cor_signup.promoted_at is not None
    assert SignUp.objects.get(person=dirk).is_waiting  # still waiting, still in line
    assert [m.to for m in mail.outbox] == [["cor@example.org"]]
    assert "Er is plek voor je" in mail.outbox[0].subject
    assert "/activiteiten/mijn/" in mail.outbox[0].body


def test_a_waiting_sign_up_taken_back_moves_nobody(walk: Walk, areas: Any) -> None:
    session = walk.sessions[0]
    people = [resident_named(areas, n) for n in ("Anna", "Bram", "Cor")]
    for person in people:
        services.signup_create(user=person.user, session=session, person=person)
    cor = SignUp.objects.get(person=people[2])
    assert services.signup_cancel(user=people[2].user, signup=cor) is None
    assert sorted(SignUp.objects.values_list("place", flat=True)) == [1, 2]


def test_the_database_refuses_two_people_on_one_place(walk: Walk, areas: Any) -> None:
    session = walk.sessions[0]
    anna, bram = resident_named(areas, "Anna"), resident_named(areas, "Bram")
    SignUp.objects.create(session=session, person=anna, place=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(session=session, person=bram, place=1)


@pytest.mark.django_db(transaction=True)
def test_people_signing_up_at_the_same_moment_never_overbook(walk: Walk, areas: Any) -> None:
    """Eight people press the button together for a session with two places."""
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL (SQLite writes one at a time)")
    session = walk.sessions[0]
    people = [PersonFactory(neighbourhood=areas.neighbourhood) for _ in range(8)]
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def sign_up(person: Any) -> None:
        try:
            barrier.wait()
            services.signup_create(user=walk.host, session=session, person=person)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    # The host signs them up: they are the host's newcomers.
    for person in people:
        person.registered_by = walk.host
        person.save(update_fields=["registered_by"])
    threads = [threading.Thread(target=sign_up, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    places = sorted(p for p in SignUp.objects.values_list("place", flat=True) if p is not None)
    assert places == [1, 2]
    assert SignUp.objects.filter(place__isnull=True).count() == 6


def test_walk_in_activities_and_closed_sessions_take_no_sign_ups(
    cafe: Cafe, walk: Walk, areas: Any, time_machine: Any
) -> None:
    anna = resident_named(areas, "Anna")
    with pytest.raises(ValidationError, match="niet aan te melden"):
        services.signup_create(user=anna.user, session=cafe.sessions[1], person=anna)
    services.session_cancel(user=walk.coordinator, session=walk.sessions[1], note="Storm")
    with pytest.raises(ValidationError, match="gaat niet door"):
        services.signup_create(user=anna.user, session=walk.sessions[1], person=anna)
    time_machine.move_to(walk.sessions[0].starts_at + datetime.timedelta(minutes=5), tick=False)
    with pytest.raises(ValidationError, match="al begonnen"):
        services.signup_create(user=anna.user, session=walk.sessions[0], person=anna)


def test_nobody_signs_up_someone_else_except_hosts_and_staff(walk: Walk, areas: Any) -> None:
    anna, bram = resident_named(areas, "Anna"), resident_named(areas, "Bram")
    session = walk.sessions[0]
    with pytest.raises(PermissionDenied):
        services.signup_create(user=bram.user, session=session, person=anna)
    signup = services.signup_create(user=anna.user, session=session, person=anna)
    with pytest.raises(PermissionDenied):
        services.signup_cancel(user=bram.user, signup=signup)
    # A host signs up a newcomer they wrote down, and takes back a sign-up at their activity.
    newcomer = person_register_newcomer(
        actor=walk.host, neighbourhood=areas.neighbourhood, first_name="Nina"
    )
    services.signup_create(user=walk.host, session=session, person=newcomer)
    services.signup_cancel(user=walk.host, signup=signup)
    # …but not any resident of the neighbourhood who has nothing to do with the activity.
    with pytest.raises(PermissionDenied):
        services.signup_create(user=walk.host, session=session, person=bram)
    # Staff of the neighbourhood may.
    services.signup_create(user=walk.coordinator, session=session, person=bram)
    assert set(SignUp.objects.values_list("person__first_name", flat=True)) == {"Nina", "Bram"}


def test_more_room_lets_the_waiting_list_move_up(walk: Walk, areas: Any) -> None:
    session = walk.sessions[0]
    people = [resident_named(areas, n) for n in ("Anna", "Bram", "Cor", "Dirk")]
    for person in people:
        services.signup_create(user=person.user, session=session, person=person)
    walk.activity.capacity = 3
    services.activity_save(user=walk.coordinator, activity=walk.activity)
    assert SignUp.objects.get(person=people[2]).place == 3
    assert SignUp.objects.get(person=people[3]).is_waiting


@pytest.mark.django_db(transaction=True)
def test_saying_i_will_not_come_gives_the_place_away(walk: Walk, areas: Any) -> None:
    session = walk.sessions[0]
    anna, bram, cor = (resident_named(areas, n) for n in ("Anna", "Bram", "Cor"))
    for person in (anna, bram, cor):
        services.signup_create(user=person.user, session=session, person=person)
    services.absence_announce(user=anna.user, person=anna, session=session, message="Ziek")
    assert not SignUp.objects.filter(person=anna).exists()
    assert SignUp.objects.get(person=cor).place == 1
    assert AbsenceNotice.objects.get(person=anna).message == "Ziek"
    # Signing up again means coming after all: the notice goes, and Anna waits now.
    again = services.signup_create(user=anna.user, session=session, person=anna)
    assert again.is_waiting and not AbsenceNotice.objects.filter(person=anna).exists()


@pytest.mark.django_db(transaction=True)
def test_cancelling_or_moving_a_session_e_mails_who_signed_up(walk: Walk, areas: Any) -> None:
    anna, bram, cor = (resident_named(areas, n) for n in ("Anna", "Bram", "Cor"))
    for person in (anna, bram, cor):
        services.signup_create(user=person.user, session=walk.sessions[0], person=person)
    services.signup_create(user=anna.user, session=walk.sessions[1], person=anna)
    mail.outbox.clear()
    services.session_cancel(user=walk.coordinator, session=walk.sessions[0], note="Storm op komst")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@example.org",
        "bram@example.org",
        "cor@example.org",  # the waiting list hears it too
    ]
    assert "Afgelast: Wandelgroep Bloemhof" in mail.outbox[0].subject
    assert "Storm op komst" in mail.outbox[0].body
    mail.outbox.clear()
    moved = walk.sessions[1].starts_at + datetime.timedelta(days=1)
    services.session_move(user=walk.coordinator, session=walk.sessions[1], starts_at=moved)
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    assert "Nieuwe tijd" in mail.outbox[0].subject


def test_a_session_cannot_move_into_the_past(walk: Walk) -> None:
    with pytest.raises(ValidationError):
        services.session_move(
            user=walk.coordinator,
            session=walk.sessions[0],
            starts_at=FIRST - datetime.timedelta(days=30),
        )
