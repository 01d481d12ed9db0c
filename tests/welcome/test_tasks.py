"""Being of value: small tasks a resident takes on, marked done by the host, and the
contributions only the person themself sees."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from tests.conftest import login
from tests.welcome.conftest import Lunch

from omzien.core.subject_rights import export_all
from omzien.people.services import person_erase
from omzien.welcome import services
from omzien.welcome.models import ActivityTask, Contribution, ContributionKind, TaskClaim


def _task(lunch: Lunch, name: str = "Koffie inschenken", **kwargs: Any) -> ActivityTask:
    return services.task_save(
        user=lunch.host, task=ActivityTask(activity=lunch.activity, name=name, **kwargs)
    )


def test_a_host_adds_a_task_for_every_time_or_one_date(lunch: Lunch, client: Client) -> None:
    login(client, lunch.host)
    url = f"/welkom/activiteit/{lunch.activity.pk}/taken/"
    response = client.post(url, {"action": "add", "name": "Tafel dekken", "places": 2})
    assert response.status_code == 302
    response = client.post(
        url,
        {"action": "add", "name": "Taart bakken", "places": 1, "session": lunch.sessions[1].pk},
    )
    assert response.status_code == 302
    tasks = {t.name: t for t in ActivityTask.objects.all()}
    assert tasks["Tafel dekken"].session is None and tasks["Tafel dekken"].places == 2
    assert tasks["Taart bakken"].session == lunch.sessions[1]
    bad = client.post(url, {"action": "add", "name": "", "places": 0})
    assert bad.status_code == 200 and "Dit veld is verplicht." in bad.content.decode()
    assert ActivityTask.objects.count() == 2
    client.post(url, {"action": "stop", "task": tasks["Taart bakken"].pk})
    assert not ActivityTask.objects.get(name="Taart bakken").is_active


def test_only_hosts_and_staff_manage_tasks(
    lunch: Lunch, client: Client, other_host: Any, resident: Any
) -> None:
    for outsider in (other_host, resident.user, lunch.welcomer):
        login(client, outsider)
        url = f"/welkom/activiteit/{lunch.activity.pk}/taken/"
        assert client.get(url).status_code == 403
        assert client.post(url, {"action": "add", "name": "X", "places": 1}).status_code == 403
        with pytest.raises(PermissionDenied):
            services.task_save(user=outsider, task=ActivityTask(activity=lunch.activity, name="X"))
    assert not ActivityTask.objects.exists()


def test_a_task_for_another_activitys_date_is_refused(lunch: Lunch, other_host: Any) -> None:
    from omzien.activities.models import Session

    elsewhere = Session.objects.exclude(activity=lunch.activity).first()
    with pytest.raises(ValidationError):
        _task(lunch, session=elsewhere)


def test_a_resident_takes_a_task_and_gives_it_back(
    lunch: Lunch, resident: Any, other_resident: Any, client: Client
) -> None:
    task = _task(lunch)
    session = lunch.sessions[0]
    login(client, resident.user)
    page = client.get("/welkom/meehelpen/").content.decode()
    assert "Ik doe dit: Koffie inschenken" in page
    client.post("/welkom/meehelpen/", {"action": "take", "task": task.pk, "session": session.pk})
    claim = TaskClaim.objects.get()
    assert claim.person == resident
    # The one place is taken: Bram cannot take it as well.
    with pytest.raises(ValidationError):
        services.task_take(
            user=other_resident.user, person=other_resident, task=task, session=session
        )
    login(client, other_resident.user)
    assert "iemand doet dit al" in client.get("/welkom/meehelpen/").content.decode()
    # … nor give back someone else's task.
    response = client.post("/welkom/meehelpen/", {"action": "give_back", "claim": claim.pk})
    assert response.status_code == 404
    login(client, resident.user)
    client.post("/welkom/meehelpen/", {"action": "give_back", "claim": claim.pk})
    assert not TaskClaim.objects.exists()


def test_nobody_takes_a_task_on_for_someone_else(
    lunch: Lunch, resident: Any, other_resident: Any, professional: Any
) -> None:
    task = _task(lunch)
    for actor in (other_resident.user, professional, lunch.host):
        with pytest.raises(PermissionDenied):
            services.task_take(user=actor, person=resident, task=task, session=lunch.sessions[0])


def test_a_task_of_a_past_or_cancelled_session_cannot_be_taken(
    lunch: Lunch, resident: Any, time_machine: Any
) -> None:
    from omzien.activities import services as activity_services

    task = _task(lunch)
    activity_services.session_cancel(user=lunch.coordinator, session=lunch.sessions[1])
    with pytest.raises(ValidationError):
        services.task_take(
            user=resident.user, person=resident, task=task, session=lunch.sessions[1]
        )
    time_machine.move_to(lunch.sessions[0].ends_at, tick=False)
    with pytest.raises(ValidationError):
        services.task_take(
            user=resident.user, person=resident, task=task, session=lunch.sessions[0]
        )


def test_the_host_marks_a_task_done_at_check_in_and_it_counts(
    lunch: Lunch, resident: Any, other_host: Any, client: Client
) -> None:
    task = _task(lunch)
    session = lunch.sessions[0]
    claim = services.task_take(user=resident.user, person=resident, task=task, session=session)
    login(client, lunch.host)
    page = client.get(f"/activiteiten/sessie/{session.pk}/aanwezig/").content.decode()
    assert "Anna deed Koffie inschenken" in page
    login(client, other_host)
    assert client.post(f"/welkom/taak/{claim.pk}/klaar/").status_code == 403
    assert not Contribution.objects.exists()
    login(client, lunch.host)
    response = client.post(f"/welkom/taak/{claim.pk}/klaar/", {"action": "done"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/activiteiten/sessie/{session.pk}/aanwezig/#tasks")
    contribution = Contribution.objects.get()
    assert (contribution.person, contribution.kind, contribution.title) == (
        resident,
        ContributionKind.TASK,
        "Koffie inschenken",
    )
    client.post(f"/welkom/taak/{claim.pk}/klaar/", {"action": "done"})  # twice: still one
    assert Contribution.objects.count() == 1
    with pytest.raises(ValidationError):
        services.task_give_back(user=resident.user, claim=TaskClaim.objects.get())
    client.post(f"/welkom/taak/{claim.pk}/klaar/", {"action": "not_done"})
    assert not Contribution.objects.exists()


def test_a_resident_sees_only_their_own_contributions(
    lunch: Lunch, resident: Any, other_resident: Any, client: Client
) -> None:
    task = _task(lunch, places=2)
    for person in (resident, other_resident):
        claim = services.task_take(
            user=person.user, person=person, task=task, session=lunch.sessions[0]
        )
        services.task_mark_done(user=lunch.host, claim=claim)
    login(client, other_resident.user)
    client.post(
        "/welkom/meehelpen/", {"action": "take", "task": task.pk, "session": lunch.sessions[1].pk}
    )
    login(client, resident.user)
    page = client.get("/welkom/mijn-bijdrage/").content.decode()
    assert "Dank je wel! Je hielp 1 keer mee." in page
    assert "Koffie inschenken" in page
    assert "Bram" not in page
    # The home page links to it.
    assert "/welkom/mijn-bijdrage/" in client.get("/start/").content.decode()


def test_the_contributions_page_never_ranks_and_needs_a_profile(
    lunch: Lunch, resident: Any, professional: Any, client: Client
) -> None:
    login(client, resident.user)
    page = client.get("/welkom/mijn-bijdrage/").content.decode()
    assert "Nog niets" in page
    login(client, professional)  # no resident profile: nothing to show
    assert client.get("/welkom/mijn-bijdrage/").status_code == 404
    assert client.get("/welkom/meehelpen/").status_code == 404


def test_a_host_who_checks_people_in_hosted_that_session(lunch: Lunch) -> None:
    from tests.factories import PersonFactory
    from tests.welcome.conftest import consent_attendance

    from omzien.activities import services as activity_services

    ria = PersonFactory(neighbourhood=lunch.activity.neighbourhood, first_name="Ria")
    sam = PersonFactory(neighbourhood=lunch.activity.neighbourhood, first_name="Sam")
    for person in (ria, sam):
        consent_attendance(person)
        activity_services.attendance_record(
            user=lunch.host, session=lunch.sessions[0], person=person
        )
    activity_services.attendance_record(
        user=lunch.coordinator, session=lunch.sessions[1], person=ria
    )
    hosting = Contribution.objects.get()
    assert (hosting.person, hosting.kind, hosting.session) == (
        lunch.host_person,
        ContributionKind.HOST,
        lunch.sessions[0],
    )


def test_contributions_are_exported_and_erased_with_the_person(lunch: Lunch, resident: Any) -> None:
    claim = services.task_take(
        user=resident.user, person=resident, task=_task(lunch), session=lunch.sessions[0]
    )
    services.task_mark_done(user=lunch.host, claim=claim)
    exported = export_all(resident)
    assert exported["contributions"][0]["task"] == "Koffie inschenken"
    person_erase(actor=resident.user, person=resident)
    assert not Contribution.objects.exists() and not TaskClaim.objects.exists()


def test_the_activity_page_invites_to_help_out(lunch: Lunch, client: Client) -> None:
    _task(lunch)
    page = client.get(f"/activiteiten/{lunch.activity.pk}/").content.decode()
    assert "Kijk wat je kunt doen" in page
    assert "taakjes beheren" not in page.lower()
    login(client, lunch.host)
    page = client.get(f"/activiteiten/{lunch.activity.pk}/").content.decode()
    assert f"/welkom/activiteit/{lunch.activity.pk}/taken/" in page
