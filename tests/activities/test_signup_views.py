"""Sign-up and "Ik kom niet" in the browser's terms: pages, buttons, who may do what."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from tests.activities.conftest import Cafe, Walk, attend, resident_named, week
from tests.conftest import login

from omzien.activities import services
from omzien.activities.models import AbsenceNotice, SignUp
from omzien.core.models import AuditEntry


def test_a_resident_signs_up_on_the_activity_page_and_sees_free_places(
    walk: Walk, areas: Any, client: Client
) -> None:
    session = walk.sessions[0]
    page = client.get(walk.activity.get_absolute_url()).content.decode()
    assert "Nog 2 plekken vrij" in page and "om je aan te melden" in page  # log in first
    assert client.post(f"/activiteiten/sessie/{session.pk}/aanmelden/").status_code == 302
    assert not SignUp.objects.exists()  # anonymous: only a redirect to the login page
    anna, bram, cor = (resident_named(areas, n) for n in ("Anna", "Bram", "Cor"))
    for person in (anna, bram):
        login(client, person.user)
        client.post(f"/activiteiten/sessie/{session.pk}/aanmelden/", {"action": "sign_up"})
    login(client, cor.user)
    page = client.get(walk.activity.get_absolute_url()).content.decode()
    assert "Vol: wachtlijst" in page and "Op de wachtlijst voor 3 september" in page
    response = client.post(
        f"/activiteiten/sessie/{session.pk}/aanmelden/", {"action": "sign_up"}, follow=True
    )
    assert "Het is vol. Je staat op de wachtlijst." in response.content.decode()
    assert SignUp.objects.get(person=cor).is_waiting
    # Bram takes his sign-up back; Cor moves up and sees it on their own page.
    login(client, bram.user)
    response = client.post(
        f"/activiteiten/sessie/{session.pk}/aanmelden/", {"action": "cancel"}, follow=True
    )
    assert "Je bent afgemeld" in response.content.decode()
    login(client, cor.user)
    page = client.get("/activiteiten/mijn/").content.decode()
    assert "je bent van de wachtlijst. Je hebt een plek." in page


def test_a_walk_in_activity_has_no_sign_up_button(
    cafe: Cafe, client: Client, resident: Any
) -> None:
    login(client, resident.user)
    page = client.get(cafe.activity.get_absolute_url()).content.decode()
    assert "Aanmelden voor" not in page and "plekken vrij" not in page
    response = client.post(
        f"/activiteiten/sessie/{cafe.sessions[1].pk}/aanmelden/", {"action": "sign_up"}, follow=True
    )
    assert "hoef je je niet aan te melden" in response.content.decode()
    assert not SignUp.objects.exists()


def test_hosts_see_sign_ups_and_sign_a_newcomer_up(
    walk: Walk, areas: Any, client: Client, resident: Any
) -> None:
    session = walk.sessions[0]
    anna, bram = resident_named(areas, "Annie"), resident_named(areas, "Bram")
    services.signup_create(user=anna.user, session=session, person=anna)
    services.signup_create(user=bram.user, session=session, person=bram)
    url = f"/activiteiten/sessie/{session.pk}/aanmeldingen/"
    login(client, resident.user)
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"action": "add", "first_name": "X", "consent": "on"}).status_code == 403
    )
    login(client, walk.host)
    page = client.get(url).content.decode()
    assert "2 mensen hebben een plek" in page and "Niemand staat op de wachtlijst" in page
    assert AuditEntry.objects.filter(subject_id=anna.pk, detail__contains="sign-ups").exists()
    # A new name without the yes to writing it down: the form says so, nothing is saved.
    response = client.post(url, {"action": "add", "first_name": "Nina"})
    assert "Vraag eerst of we de naam mogen opschrijven" in response.content.decode()
    assert SignUp.objects.count() == 2
    response = client.post(
        url, {"action": "add", "first_name": "Nina", "consent": "on"}, follow=True
    )
    assert "Nina staat op de wachtlijst" in response.content.decode()
    # The host signs Annie off; Nina moves up.
    client.post(url, {"action": "remove", "signup": SignUp.objects.get(person=anna).pk})
    assert SignUp.objects.get(person__first_name="Nina").place == 1
    assert client.post(url, {"action": "remove", "signup": "x"}).status_code == 404
    # The check-in page marks who signed up.
    page = client.get(f"/activiteiten/sessie/{session.pk}/aanwezig/").content.decode()
    assert "Nina" in page and "aangemeld" in page and "Bram" in page


def test_a_resident_says_i_will_not_come_and_the_host_sees_it(
    cafe: Cafe, client: Client, time_machine: Any
) -> None:
    from omzien.people.services import person_signup

    ria_user_person = person_signup(
        email="riaa@example.org",
        password="a-long-test-password-42",
        first_name="Riaa",
        neighbourhood=cafe.activity.neighbourhood,
    )
    from tests.activities.conftest import consent_attendance

    consent_attendance(ria_user_person)
    attend(ria_user_person, 0, 1, cafe=cafe)
    time_machine.move_to(week(2) - datetime.timedelta(days=1), tick=False)
    login(client, ria_user_person.user)
    page = client.get("/activiteiten/mijn/").content.decode()
    assert "Eetcafé De Linde" in page and "Ik kom niet op 15 september" in page
    session = cafe.sessions[2]
    response = client.post(
        "/activiteiten/mijn/",
        {"action": "absent", "session": session.pk, "message": "Naar de tandarts"},
        follow=True,
    )
    assert "De gastvrouw of gastheer weet dat je niet komt" in response.content.decode()
    notice = AbsenceNotice.objects.get(person=ria_user_person, session=session)
    assert notice.message == "Naar de tandarts"
    assert "Je hebt gezegd dat je niet komt" in response.content.decode()
    login(client, cafe.host)
    page = client.get(f"/activiteiten/sessie/{session.pk}/aanwezig/").content.decode()
    assert "heeft zich afgemeld" in page
    login(client, ria_user_person.user)
    client.post("/activiteiten/mijn/", {"action": "undo", "session": session.pk})
    assert not AbsenceNotice.objects.exists()
    assert client.post("/activiteiten/mijn/", {"action": "undo", "session": "x"}).status_code == 404


def test_a_person_cannot_say_someone_else_will_not_come(
    cafe: Cafe, client: Client, resident: Any, other_resident: Any
) -> None:
    import pytest
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.absence_announce(
            user=resident.user, person=other_resident, session=cafe.sessions[1]
        )
    # The page only ever acts for the signed-in person: a crafted "person" is ignored.
    login(client, resident.user)
    client.post(
        "/activiteiten/mijn/",
        {"action": "absent", "session": cafe.sessions[1].pk, "person": other_resident.pk},
    )
    assert list(AbsenceNotice.objects.values_list("person_id", flat=True)) == [resident.pk]


def test_a_host_records_i_will_not_come_for_a_regular(cafe: Cafe, client: Client) -> None:
    attend(cafe.regular, 0, cafe=cafe)
    login(client, cafe.host)
    url = f"/activiteiten/sessie/{cafe.sessions[1].pk}/aanwezig/"
    assert "Ria komt niet" in client.get(url).content.decode()
    client.post(url, {"action": "absent", "person": cafe.regular.pk})
    assert AbsenceNotice.objects.filter(person=cafe.regular, session=cafe.sessions[1]).exists()
    page = client.get(url).content.decode()
    assert "Ria komt toch" in page
    client.post(url, {"action": "absent_undo", "person": cafe.regular.pk})
    assert not AbsenceNotice.objects.exists()


def test_my_page_needs_a_profile(client: Client, coordinator: Any) -> None:
    assert client.get("/activiteiten/mijn/").status_code == 302
    login(client, coordinator)
    assert client.get("/activiteiten/mijn/").status_code == 404
