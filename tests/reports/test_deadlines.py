"""Deadlines computed once at creation, the overdue view and filter, and escalation to the
team lead and whoever is on call: once per report and deadline. Frozen clock throughout."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult
from tests.conftest import login, make_user
from tests.reports.conftest import Setup, person_report, place_report, run_worker

from omzien.accounts.models import Role
from omzien.core.worktime import DeadlineUnit
from omzien.oncall.models import Shift, ShiftKind
from omzien.reports import services
from omzien.reports.models import Category, ReportEscalation
from omzien.reports.models import ReportStatus as S

AMS = ZoneInfo("Europe/Amsterdam")
FRIDAY_16 = datetime.datetime(2026, 3, 13, 16, 0, tzinfo=AMS)
SATURDAY_10 = datetime.datetime(2026, 3, 14, 10, 0, tzinfo=AMS)


def _at(time_machine: Any, moment: datetime.datetime) -> None:
    time_machine.move_to(moment, tick=False)


def test_a_worry_about_someone_is_due_within_24_hours(setup: Setup, time_machine: Any) -> None:
    _at(time_machine, FRIDAY_16)
    report = person_report(setup)
    report.refresh_from_db()
    assert report.deadline_at == FRIDAY_16 + datetime.timedelta(hours=24)


def test_working_days_skip_the_weekend(setup: Setup, time_machine: Any) -> None:
    setup.dark_passage.deadline_amount = 1  # the subcategory's own deadline wins
    setup.dark_passage.deadline_unit = DeadlineUnit.WORKING_DAYS
    setup.dark_passage.save()
    _at(time_machine, FRIDAY_16)
    friday = place_report(setup)
    _at(time_machine, SATURDAY_10)
    saturday = place_report(setup)
    lighting = Category.objects.get(municipality=setup.municipality, slug="verlichting")
    main_category = place_report(setup, subcategory=lighting)  # 5 working days (default)
    friday.refresh_from_db()
    saturday.refresh_from_db()
    main_category.refresh_from_db()
    assert friday.deadline_at == datetime.datetime(2026, 3, 16, 16, 0, tzinfo=AMS)  # Monday
    # Counting starts at the next opening, Monday 09:00: one working day later.
    assert saturday.deadline_at == datetime.datetime(2026, 3, 17, 9, 0, tzinfo=AMS)
    assert main_category.deadline_at == datetime.datetime(2026, 3, 23, 9, 0, tzinfo=AMS)


def test_the_deadline_is_stored_once_and_not_recomputed(setup: Setup, time_machine: Any) -> None:
    _at(time_machine, FRIDAY_16)
    report = person_report(setup)
    stored = report.deadline_at
    setup.person.deadline_amount = 2
    setup.person.deadline_unit = DeadlineUnit.CALENDAR_DAYS
    setup.person.save()
    report.refresh_from_db()
    assert report.deadline_at == stored
    setup.person.deadline_amount = None
    setup.person.save()
    _at(time_machine, SATURDAY_10)
    assert person_report(setup).deadline_at is None  # no deadline set: none stored


@pytest.fixture
def lead(setup: Setup) -> Any:
    lead = make_user(Role.PROFESSIONAL, setup.municipality, display_name="Lea Leider")
    setup.public_space.members.add(lead)
    setup.public_space.leads.add(lead)
    return lead


@pytest.mark.django_db(transaction=True)
def test_an_overdue_report_is_escalated_once_to_the_lead_and_the_on_call_person(
    setup: Setup, lead: Any, areas: Any, time_machine: Any
) -> None:
    areas.neighbourhood.latitude, areas.neighbourhood.longitude = 52.36, 4.93
    areas.neighbourhood.save()
    _at(time_machine, FRIDAY_16)
    overdue = place_report(setup, latitude=52.36, longitude=4.93)
    handled = place_report(setup)
    services.report_transition(report=handled, to=S.HANDLED, by=setup.coordinator, text="Klaar")
    not_yet = person_report(setup)  # 24 hours
    services.report_set_deadline(
        report=not_yet, by=setup.coordinator, deadline_at=FRIDAY_16 + datetime.timedelta(days=30)
    )
    later = FRIDAY_16 + datetime.timedelta(days=8)  # past the 5 working days
    Shift.objects.create(
        district=areas.district,
        user=setup.outreach_worker,
        kind=ShiftKind.PRIMARY,
        starts_at=later - datetime.timedelta(hours=1),
        ends_at=later + datetime.timedelta(hours=12),
        mobile="0612345678",
    )
    mail.outbox.clear()
    _at(time_machine, later)
    assert services.reports_escalate() == 1
    run_worker()  # the mail is stored and sent by a task
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {lead.email, setup.outreach_worker.email}
    assert message.subject == f"Melding {overdue.reference} is over de termijn"
    assert "donker" not in message.body  # no details in the mail, only the link
    assert overdue.get_absolute_url() in message.body
    row = overdue.events.last()
    assert row is not None
    assert (row.by_label, row.text) == (
        "system",
        "Termijn verlopen. Gemeld aan de teamleider en wie dienst heeft (2).",
    )
    # Again, a day later: nothing new.
    _at(time_machine, later + datetime.timedelta(days=1))
    assert services.reports_escalate() == 0
    run_worker()
    assert len(mail.outbox) == 1
    assert ReportEscalation.objects.count() == 1
    # A coordinator gives more time; when that passes too, a new escalation follows.
    services.report_set_deadline(
        report=overdue, by=setup.coordinator, deadline_at=later + datetime.timedelta(days=2)
    )
    assert services.reports_escalate() == 0
    _at(time_machine, later + datetime.timedelta(days=3))
    assert services.reports_escalate() == 1
    run_worker()
    assert ReportEscalation.objects.filter(report=overdue).count() == 2
    # Only the lead now: nobody is on call at this moment.
    assert mail.outbox[-1].to == [lead.email]


@pytest.mark.django_db(transaction=True)
def test_the_tick_command_enqueues_the_escalation_for_the_worker(
    setup: Setup, lead: Any, time_machine: Any
) -> None:
    _at(time_machine, FRIDAY_16)
    place_report(setup)
    _at(time_machine, FRIDAY_16 + datetime.timedelta(days=8))
    mail.outbox.clear()
    call_command("reports_tick", verbosity=0)
    call_command("reports_tick", verbosity=0)  # twice: still one e-mail
    assert DBTaskResult.objects.count() == 6  # escalation, privacy, mail retries; twice
    run_worker()  # runs them, and the mail task the escalation enqueued
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert len(mail.outbox) == 1


def test_only_a_coordinator_moves_a_deadline(
    client: Client, setup: Setup, time_machine: Any
) -> None:
    _at(time_machine, FRIDAY_16)
    report = place_report(setup)
    before = report.deadline_at
    with pytest.raises(PermissionDenied):
        services.report_set_deadline(report=report, by=setup.street_worker, deadline_at=None)
    login(client, setup.street_worker)
    response = client.post(
        report.get_absolute_url(), {"action": "deadline", "d-deadline_at": "2026-04-01T12:00"}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.deadline_at == before
    client.logout()
    login(client, setup.coordinator)
    response = client.post(
        report.get_absolute_url(), {"action": "deadline", "d-deadline_at": "2026-04-01T12:00"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.deadline_at == datetime.datetime(2026, 4, 1, 12, 0, tzinfo=AMS)
    # Bad input: a Dutch error, nothing saved.
    response = client.post(
        report.get_absolute_url(), {"action": "deadline", "d-deadline_at": "morgen"}
    )
    assert response.status_code == 200
    assert "Voer een geldige datum/tijd in." in response.content.decode()


def test_the_overdue_view_and_filter_show_only_what_the_team_may_see(
    client: Client, setup: Setup, time_machine: Any
) -> None:
    _at(time_machine, FRIDAY_16)
    place = place_report(setup)
    person = person_report(setup)
    fresh_place = None
    _at(time_machine, FRIDAY_16 + datetime.timedelta(days=8))
    fresh_place = place_report(setup)

    def refs(path: str) -> set[str]:
        page = client.get(path).content.decode()
        return {r.reference for r in (place, person, fresh_place) if r.reference in page}

    login(client, setup.coordinator)
    assert refs("/meldingen/te-laat/") == {place.reference, person.reference}
    assert refs("/meldingen/?overdue=on") == {place.reference, person.reference}
    assert refs("/meldingen/") == {place.reference, person.reference, fresh_place.reference}
    client.logout()
    # The public-space team sees its own overdue report, not the outreach team's.
    login(client, setup.street_worker)
    assert refs("/meldingen/te-laat/") == {place.reference}
    assert refs("/meldingen/?overdue=on") == {place.reference}
    client.logout()
    # Handled reports are not overdue.
    services.report_transition(report=place, to=S.HANDLED, by=setup.coordinator, text="Klaar")
    login(client, setup.coordinator)
    assert refs("/meldingen/te-laat/") == {person.reference}
    client.logout()
    # Without any role in the report point: refused.
    outsider = make_user(Role.VOLUNTEER, setup.municipality)
    login(client, outsider)
    assert client.get("/meldingen/te-laat/").status_code == 403
