"""Report mails are stored and sent by a background task; a mail server that is down loses
no report and no mail: the task tries again later, and delivers once. Escalation falls back
to the area's coordinators when there is no team lead and nobody on call."""

from __future__ import annotations

import datetime
import logging
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult
from tests.conftest import make_user
from tests.reports.conftest import Setup, place_report, run_worker
from tests.reports.test_views import FORM, form_data

from omzien.accounts.models import Role
from omzien.reports import services
from omzien.reports.models import OutboundMail, OutboundMailKind, OutboundMailStatus, Report
from omzien.reports.models import ReportStatus as S

AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime.datetime(2026, 3, 10, 11, 0, tzinfo=AMS)
FAILING = "tests.reports.failing_mail.Backend"
WORKING = "django.core.mail.backends.locmem.EmailBackend"

pytestmark = pytest.mark.django_db(transaction=True)


def _at(time_machine: Any, moment: datetime.datetime) -> None:
    time_machine.move_to(moment, tick=False)


def test_a_failing_mail_server_loses_nothing_and_the_mail_comes_once_later(
    client: Client, setup: Setup, settings: Any, time_machine: Any
) -> None:
    _at(time_machine, T0)
    settings.EMAIL_BACKEND = FAILING
    response = client.post(FORM, form_data(setup, contact_email="anna@example.org"))
    assert response.status_code == 302
    report = Report.objects.get()
    stored = OutboundMail.objects.get(report=report)
    assert (stored.kind, stored.status, stored.recipients) == (
        OutboundMailKind.CONFIRMATION,
        OutboundMailStatus.PENDING,
        ["anna@example.org"],
    )
    run_worker()  # the server is down
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (OutboundMailStatus.PENDING, 1)
    assert stored.next_attempt_at == T0 + datetime.timedelta(minutes=1)
    assert "ConnectionRefusedError" in stored.last_error
    assert mail.outbox == []
    run_worker()  # too early: the next try waits a minute
    stored.refresh_from_db()
    assert stored.attempts == 1

    # The server comes back; a minute later the worker delivers the mail.
    settings.EMAIL_BACKEND = WORKING
    _at(time_machine, T0 + datetime.timedelta(minutes=1))
    run_worker()
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (OutboundMailStatus.SENT, 2)
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"] and report.reference in message.subject
    # More ticks and workers: still one mail.
    _at(time_machine, T0 + datetime.timedelta(hours=2))
    call_command("reports_tick", verbosity=0)
    run_worker()
    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_after_the_last_attempt_the_mail_is_marked_failed_and_logged(
    setup: Setup, settings: Any, time_machine: Any, caplog: Any
) -> None:
    _at(time_machine, T0)
    settings.EMAIL_BACKEND = FAILING
    report = place_report(setup, contact_email="anna@example.org")
    stored = OutboundMail.objects.get(report=report)
    moment = T0
    waits = []
    with caplog.at_level(logging.WARNING, logger="omzien.reports.services"):
        for _ in range(services.MAIL_MAX_ATTEMPTS):
            run_worker()
            stored.refresh_from_db()
            if stored.next_attempt_at is not None:
                waits.append(int((stored.next_attempt_at - moment).total_seconds() // 60))
                moment = stored.next_attempt_at
                _at(time_machine, moment)
    assert waits == [1, 5, 15, 60, 240, 720]
    assert (stored.status, stored.attempts) == (OutboundMailStatus.FAILED, 7)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "not sent after 7 attempts" in errors[0].getMessage()
    # Nothing is tried any more, and the report is there.
    tasks = DBTaskResult.objects.count()
    _at(time_machine, moment + datetime.timedelta(days=1))
    call_command("reports_tick", verbosity=0)
    run_worker()
    assert DBTaskResult.objects.count() == tasks + 3  # only the three periodic tasks
    assert Report.objects.filter(pk=report.pk).exists()


def test_a_lost_task_is_picked_up_by_the_tick(setup: Setup, time_machine: Any) -> None:
    _at(time_machine, T0)
    report = place_report(setup, contact_email="anna@example.org")
    DBTaskResult.objects.all().delete()  # the queued task got lost
    _at(time_machine, T0 + datetime.timedelta(minutes=5))
    call_command("reports_tick", verbosity=0)
    run_worker()
    assert mail.outbox == []  # not yet: it may still be on its way
    _at(time_machine, T0 + datetime.timedelta(minutes=11))
    call_command("reports_tick", verbosity=0)
    run_worker()
    (message,) = mail.outbox
    assert report.reference in message.subject
    call_command("reports_tick", verbosity=0)
    run_worker()
    assert len(mail.outbox) == 1


def test_status_updates_to_the_reporter_go_through_the_same_queue(
    setup: Setup, settings: Any, time_machine: Any
) -> None:
    _at(time_machine, T0)
    report = place_report(setup, contact_email="anna@example.org", wants_updates=True)
    settings.EMAIL_BACKEND = FAILING
    services.report_transition(
        report=report, to=S.HANDLED, by=setup.coordinator, text="De lamp is vervangen."
    )
    run_worker()
    assert OutboundMail.objects.filter(status=OutboundMailStatus.PENDING).count() == 2
    settings.EMAIL_BACKEND = WORKING
    _at(time_machine, T0 + datetime.timedelta(minutes=1))
    run_worker()
    bodies = sorted(m.body for m in mail.outbox)
    assert len(bodies) == 2 and any("De lamp is vervangen." in b for b in bodies)


def test_nothing_is_stored_or_sent_after_a_rollback(setup: Setup) -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        place_report(setup, contact_email="anna@example.org")
        raise RuntimeError
    run_worker()
    assert not OutboundMail.objects.exists() and mail.outbox == []


def test_without_a_team_lead_or_anyone_on_call_the_coordinators_are_mailed(
    setup: Setup, areas: Any, time_machine: Any
) -> None:
    areas.neighbourhood.latitude, areas.neighbourhood.longitude = 52.36, 4.93
    areas.neighbourhood.save()
    district_coordinator = make_user(Role.COORDINATOR, areas.district, display_name="Dirk")
    make_user(Role.COORDINATOR, areas.other_district, display_name="Elders")  # not this area
    _at(time_machine, T0)
    report = place_report(setup, latitude=52.36, longitude=4.93)
    assert report.team == setup.public_space and not setup.public_space.leads.exists()
    _at(time_machine, T0 + datetime.timedelta(days=10))
    assert services.reports_escalate() == 1
    run_worker()
    (message,) = mail.outbox
    assert set(message.to) == {setup.coordinator.email, district_coordinator.email}
    row = report.events.last()
    assert row is not None and row.by_label == "system"
    assert row.text == (
        "Termijn verlopen. Er is geen teamleider en niemand heeft dienst: "
        "gemeld aan de coördinatoren van het gebied (2)."
    )


def test_mails_to_the_reporter_say_je(setup: Setup, settings: Any, time_machine: Any) -> None:
    _at(time_machine, T0)
    settings.EMAIL_BACKEND = WORKING
    report = place_report(setup, contact_email="anna@example.org", wants_updates=True)
    services.report_transition(
        report=report, to=S.HANDLED, by=setup.coordinator, text="De lamp is vervangen."
    )
    run_worker()
    by_subject = {m.subject: m.body for m in mail.outbox}
    thanks = by_subject[f"Je melding {report.reference}"]
    assert f"Bedankt voor je melding. Je meldingsnummer is {report.reference}." in thanks
    assert "Volg je melding met deze link:" in thanks
    news = by_subject[f"Nieuws over je melding {report.reference}"]
    assert news.startswith("De status van je melding is nu: ")
    for body in by_subject.values():
        for formal in (" u ", " uw ", "Uw ", "U "):
            assert formal not in body
