"""The agenda, the host's check-in page and the signal pages, by role."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult
from tests.activities.conftest import Cafe, attend, week
from tests.conftest import login
from tests.factories import PersonFactory

from omzien.activities import services, tasks
from omzien.activities.models import AbsenceSignal, Attendance, SignalStatus
from omzien.core.models import AuditEntry
from omzien.people.models import Consent


def test_the_agenda_and_an_activity_page_are_public(cafe: Cafe, client: Client) -> None:
    response = client.get("/activiteiten/")
    assert response.status_code == 200
    assert "Eetcafé De Linde" in response.content.decode()
    page = client.get(f"/activiteiten/{cafe.activity.pk}/").content.decode()
    assert "Dinsdag 1 september, 12:00–14:00" in page
    assert "Wie is er op" not in page  # no check-in link for the public


def test_a_host_checks_people_in_on_the_check_in_page(cafe: Cafe, client: Client) -> None:
    attend(cafe.regular, 0, cafe=cafe)
    stranger = PersonFactory(neighbourhood=cafe.activity.neighbourhood, first_name="Sem")
    login(client, cafe.host)
    url = f"/activiteiten/sessie/{cafe.sessions[1].pk}/aanwezig/"
    page = client.get(url).content.decode()
    assert "Ria is er" in page
    assert "Sem" not in page  # no consent: never listed
    response = client.post(url, {"action": "here_trusted", "person": cafe.regular.pk})
    assert response.status_code == 302
    attendance = Attendance.objects.get(session=cafe.sessions[1])
    assert attendance.person == cafe.regular and attendance.with_trusted_person
    # Someone without consent cannot be checked in by name, even by a crafted POST.
    page = client.post(url, {"action": "here", "person": stranger.pk}, follow=True)
    assert Attendance.objects.filter(person=stranger).count() == 0
    # A newcomer who says yes, and one who does not.
    client.post(url, {"action": "newcomer", "first_name": "Noor", "consent": "on"})
    client.post(url, {"action": "newcomer", "first_name": "Anoniem"})
    cafe.sessions[1].refresh_from_db()
    assert cafe.sessions[1].head_count == 1
    names = sorted(a.person.first_name for a in cafe.sessions[1].attendances.all())
    assert names == ["Noor", "Ria"]
    # An empty first name re-shows the form with the error.
    response = client.post(url, {"action": "newcomer", "first_name": ""})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()


def test_the_check_in_page_refuses_others(cafe: Cafe, client: Client, resident: Any) -> None:
    url = f"/activiteiten/sessie/{cafe.sessions[1].pk}/aanwezig/"
    assert client.get(url).status_code == 302  # to the login page
    login(client, resident.user)
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "count_up"}).status_code == 403


def test_a_broken_check_in_form_is_a_404_not_an_error(cafe: Cafe, client: Client) -> None:
    login(client, cafe.host)
    url = f"/activiteiten/sessie/{cafe.sessions[1].pk}/aanwezig/"
    for person in ("abc", "", "99999"):
        assert client.post(url, {"action": "here", "person": person}).status_code == 404
    assert not Attendance.objects.exists()


def _signal(cafe: Cafe, time_machine: Any) -> AbsenceSignal:
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    time_machine.move_to(week(6) + datetime.timedelta(hours=3), tick=False)
    services.absence_scan()
    return AbsenceSignal.objects.get()


def test_a_professional_sees_and_closes_a_signal(
    cafe: Cafe, client: Client, time_machine: Any
) -> None:
    signal = _signal(cafe, time_machine)
    login(client, cafe.professional)
    listing = client.get("/activiteiten/signalen/").content.decode()
    assert "Ria" in listing and "Eetcafé De Linde" in listing
    before = AuditEntry.objects.count()
    page = client.get(f"/activiteiten/signalen/{signal.pk}/").content.decode()
    assert "is een tijdje niet gekomen" in page
    assert AuditEntry.objects.count() == before + 1
    response = client.post(
        f"/activiteiten/signalen/{signal.pk}/", {"outcome": "attention", "note": "Bel morgen"}
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CLOSED
    # A choice that does not exist re-shows the form, nothing saved.
    response = client.post(f"/activiteiten/signalen/{signal.pk}/", {"outcome": "ranking"})
    assert response.status_code == 200


def test_signal_pages_refuse_people_who_were_not_asked(
    cafe: Cafe, client: Client, time_machine: Any, other_professional: Any, resident: Any
) -> None:
    signal = _signal(cafe, time_machine)
    for outsider in (other_professional, resident.user, cafe.host):
        login(client, outsider)
        assert client.get(f"/activiteiten/signalen/{signal.pk}/").status_code == 403
        assert "Ria" not in client.get("/activiteiten/signalen/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_scan_runs_as_a_background_task(cafe: Cafe, time_machine: Any) -> None:
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    time_machine.move_to(week(6) + datetime.timedelta(hours=3), tick=False)
    tasks.absence_scan.enqueue()
    tasks.absence_scan.enqueue()  # twice: still one signal
    assert DBTaskResult.objects.count() == 2
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert AbsenceSignal.objects.count() == 1
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert Consent.objects.filter(person=cafe.regular, grantee_user=cafe.buddy).exists()
