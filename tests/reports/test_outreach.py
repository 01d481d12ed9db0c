"""A worry about someone creates an outreach task for a team, never a person record. Only
that team and the area's coordinators see and do the task; every view is audit-logged."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from tests.conftest import login, make_user
from tests.reports.conftest import Setup, person_report, place_report

from omzien.accounts.models import Role
from omzien.core.models import AuditEntry
from omzien.people.models import Person
from omzien.reports.models import OutreachTask, OutreachTaskStatus, Report, Team, TeamKind

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_11 = datetime.datetime(2026, 3, 10, 11, 0, tzinfo=AMS)
TASKS = "/meldingen/taken/"


@pytest.fixture
def worry(setup: Setup, time_machine: Any) -> Report:
    time_machine.move_to(TUESDAY_11, tick=False)
    return person_report(setup)


@pytest.fixture
def viewer(setup: Setup) -> Any:
    """A member of a team that may view worries about someone, but is not the outreach team."""
    user = make_user(Role.PROFESSIONAL, setup.municipality, display_name="Wim Wijkteam")
    team = Team.objects.create(
        municipality=setup.municipality, name="Wijkteam Oost", kind=TeamKind.NEIGHBOURHOOD_TEAM
    )
    team.members.add(user)
    team.may_view.add(setup.person)
    return user


def test_a_worry_creates_one_outreach_task_and_no_person(setup: Setup, worry: Report) -> None:
    task = OutreachTask.objects.get(report=worry)
    # No rule routed it to a team (there is no neighbourhood team): the outreach team.
    assert (task.team, task.status, task.taken_by, task.outcome) == (
        setup.outreach,
        OutreachTaskStatus.OPEN,
        None,
        "",
    )
    assert not Person.objects.exists()
    assert worry.events.filter(text="Taak voor Bemoeizorg.").exists()
    assert not OutreachTask.objects.filter(report=place_report(setup)).exists()


def test_the_task_goes_to_the_team_the_report_was_routed_to(
    setup: Setup, time_machine: Any
) -> None:
    time_machine.move_to(TUESDAY_11, tick=False)
    hood_team = Team.objects.create(
        municipality=setup.municipality, name="Buurtteam", kind=TeamKind.NEIGHBOURHOOD_TEAM
    )
    report = person_report(setup)
    assert report.team == hood_team
    assert OutreachTask.objects.get(report=report).team == hood_team


def test_the_team_sees_its_tasks_and_another_team_does_not(
    client: Client, setup: Setup, worry: Report, viewer: Any
) -> None:
    login(client, setup.outreach_worker)
    page = client.get(TASKS).content.decode()
    assert worry.reference in page and "Bemoeizorg" in page
    assert "buurman" not in page  # no details of the worry on the list
    login(client, setup.street_worker)
    assert worry.reference not in client.get(TASKS).content.decode()
    login(client, viewer)  # sees the report, but the task is another team's
    assert worry.reference not in client.get(TASKS).content.decode()
    login(client, setup.coordinator)  # coordinators see the tasks of their area
    assert worry.reference in client.get(TASKS).content.decode()


def test_people_without_back_office_access_get_no_task_list(
    client: Client, setup: Setup, worry: Report, volunteer: Any
) -> None:
    assert client.get(TASKS).status_code == 302  # to the login page
    login(client, volunteer)
    assert client.get(TASKS).status_code == 403


def test_the_list_filters_on_status_and_has_a_fixed_number_of_queries(
    client: Client, setup: Setup, worry: Report, django_assert_num_queries: Any
) -> None:
    login(client, setup.outreach_worker)
    assert worry.reference not in client.get(TASKS, {"status": "done"}).content.decode()
    assert worry.reference in client.get(TASKS, {"status": "open"}).content.decode()
    client.get(TASKS)
    with django_assert_num_queries(11) as first:
        client.get(TASKS)
    for _ in range(3):
        person_report(setup)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(TASKS)


def test_the_team_takes_and_finishes_the_task_on_the_report_page(
    client: Client, setup: Setup, worry: Report
) -> None:
    login(client, setup.outreach_worker)
    url = worry.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Taak bij zorg om iemand" in page and "Ik neem deze taak" in page
    assert "Geen diagnose" in page  # the hint on the outcome field
    response = client.post(url, {"action": "task_take"})
    assert response.status_code == 302
    task = OutreachTask.objects.get(report=worry)
    assert task.taken_by == setup.outreach_worker
    # Finishing needs an outcome; the form shows a Dutch error and nothing is saved.
    response = client.post(url, {"action": "task_done", "o-outcome": "  "})
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    task.refresh_from_db()
    assert task.status == OutreachTaskStatus.OPEN
    client.post(url, {"action": "task_done", "o-outcome": "Langs geweest. Hij is bij zijn zus."})
    task.refresh_from_db()
    assert (task.status, task.outcome) == (
        OutreachTaskStatus.DONE,
        "Langs geweest. Hij is bij zijn zus.",
    )
    texts = list(worry.events.values_list("text", flat=True))
    assert "Taak opgepakt door Olaf Outreach." in texts
    assert "Taak afgerond door Olaf Outreach." in texts
    assert not any("zus" in t for t in texts)  # the outcome stays out of the history
    page = client.get(url).content.decode()
    assert "Gedaan" in page and "Ik neem deze taak" not in page


def test_another_team_cannot_see_or_do_the_task(
    client: Client, setup: Setup, worry: Report, viewer: Any
) -> None:
    url = worry.get_absolute_url()
    login(client, setup.street_worker)  # may not see the report at all
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "task_take"}).status_code == 404
    login(client, viewer)  # may see the report, not the task
    page = client.get(url).content.decode()
    assert "buurman" in page and "Taak bij zorg om iemand" not in page
    assert client.post(url, {"action": "task_take"}).status_code == 403
    response = client.post(url, {"action": "task_done", "o-outcome": "Klaar"})
    assert response.status_code == 403
    task = OutreachTask.objects.get(report=worry)
    assert (task.taken_by, task.status) == (None, OutreachTaskStatus.OPEN)


def test_every_view_of_the_report_with_its_task_is_audit_logged(
    client: Client, setup: Setup, worry: Report
) -> None:
    login(client, setup.outreach_worker)
    entries = AuditEntry.objects.filter(subject_type="reports.report", subject_id=worry.pk)
    client.get(worry.get_absolute_url())
    client.post(worry.get_absolute_url(), {"action": "task_take"})
    assert entries.count() == 2
    assert set(entries.values_list("category", "actor")) == {
        ("report_person", setup.outreach_worker.pk)
    }
    client.get(TASKS)  # the list shows no details of the worry
    assert entries.count() == 2
