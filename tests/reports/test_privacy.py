"""The privacy jobs: the reporter's contact details are removed N days after a report is
finished, the details of a worry about someone after a shorter period. Frozen clock."""

from __future__ import annotations

import datetime
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from tests.reports.conftest import Setup, jpeg_with_exif, person_report, place_report, run_worker

from omzien.people.models import Person
from omzien.reports import services
from omzien.reports.models import (
    OutboundMail,
    OutreachTask,
    Question,
    QuestionKind,
    Report,
    ReportNote,
    ReportPhoto,
)
from omzien.reports.models import ReportStatus as S
from omzien.reports.photo import photo_clean

AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime.datetime(2026, 3, 10, 11, 0, tzinfo=AMS)  # a Tuesday, office hours
DAY = datetime.timedelta(days=1)
MARKER = "[verwijderd na bewaartermijn]"


def _at(time_machine: Any, moment: datetime.datetime) -> None:
    time_machine.move_to(moment, tick=False)


def _handled(setup: Setup, report: Report) -> Report:
    services.report_transition(report=report, to=S.HANDLED, by=setup.coordinator, text="Klaar.")
    report.refresh_from_db()
    return report


def _contact(report: Report) -> tuple[str, str, bool]:
    report.refresh_from_db()
    return report.contact_email, report.contact_phone, report.wants_updates


def test_contact_details_go_365_days_after_the_report_was_finished(
    setup: Setup, time_machine: Any
) -> None:
    _at(time_machine, T0)
    report = place_report(
        setup, contact_email="anna@example.org", contact_phone="0612345678", wants_updates=True
    )
    open_report = place_report(setup, contact_email="bram@example.org")
    _handled(setup, report)
    assert report.final_at == T0

    _at(time_machine, T0 + 364 * DAY)
    assert services.reports_anonymise_contact() == 0
    assert _contact(report) == ("anna@example.org", "0612345678", True)

    _at(time_machine, T0 + 365 * DAY + datetime.timedelta(minutes=1))
    events = report.events.count()
    assert services.reports_anonymise_contact() == 1
    assert _contact(report) == ("", "", False)
    assert report.contact_anonymised_at == T0 + 365 * DAY + datetime.timedelta(minutes=1)
    # Category, status and dates stay for the statistics.
    assert (report.status, report.category_id, report.created_at) == (
        S.HANDLED,
        setup.place.pk,
        T0,
    )
    row = report.events.last()
    assert row is not None and row.by is None and row.by_label == "system"
    assert row.text == (
        "De contactgegevens van de melder zijn verwijderd na 365 dagen (bewaartermijn)."
    )
    assert report.events.count() == events + 1
    # The copies of the address in the stored mails (confirmation, update) go as well.
    recipients = OutboundMail.objects.filter(report=report).values_list("recipients", flat=True)
    assert list(recipients) == [[], []]
    # The open report keeps its contact details.
    assert _contact(open_report)[0] == "bram@example.org"

    # A second run changes nothing.
    _at(time_machine, T0 + 400 * DAY)
    assert services.reports_anonymise_contact() == 0
    assert report.events.count() == events + 1


def test_the_contact_retention_period_is_a_setting(
    setup: Setup, time_machine: Any, settings: Any
) -> None:
    settings.REPORTS_CONTACT_RETENTION_DAYS = 30
    _at(time_machine, T0)
    report = _handled(setup, place_report(setup, contact_email="anna@example.org"))
    _at(time_machine, T0 + 29 * DAY)
    assert services.reports_anonymise_contact() == 0
    _at(time_machine, T0 + 31 * DAY)
    assert services.reports_anonymise_contact() == 1
    assert _contact(report)[0] == ""
    assert "na 30 dagen" in (report.events.last().text or "")


def test_a_reopened_report_is_not_touched_and_counts_again_from_its_new_end(
    setup: Setup, time_machine: Any
) -> None:
    _at(time_machine, T0)
    report = _handled(setup, place_report(setup, contact_email="anna@example.org"))
    # The reporter is not satisfied: the report is not final any more.
    _at(time_machine, T0 + 2 * DAY)
    services.report_feedback(report=report, satisfied=False, text="Het is nog steeds donker.")
    report.refresh_from_db()
    assert (report.status, report.final_at) == (S.REOPEN_REQUESTED, None)
    _at(time_machine, T0 + 500 * DAY)
    assert services.reports_anonymise_contact() == 0
    assert _contact(report)[0] == "anna@example.org"
    # Handled again: the period starts at that moment.
    services.report_transition(
        report=report, to=S.HANDLED, by=setup.coordinator, text="De lamp is vervangen."
    )
    _at(time_machine, T0 + 864 * DAY)
    assert services.reports_anonymise_contact() == 0
    _at(time_machine, T0 + 866 * DAY)
    assert services.reports_anonymise_contact() == 1


@pytest.fixture
def worry(setup: Setup, time_machine: Any) -> Report:
    """A finished worry about someone with every kind of free text the job removes."""
    Question.objects.create(
        category=setup.person, key="wat-gezien", text="Wat heeft u gezien?", kind=QuestionKind.TEXT
    )
    _at(time_machine, T0)
    raw = jpeg_with_exif()
    report = person_report(
        setup,
        answers={"gevaar-nu": "no", "eerder-gezien": "yes", "wat-gezien": "Hij roept 's nachts."},
        contact_email="buur@example.org",
        wants_updates=True,
        postcode="1091 AB",
        house_number="4",
        photo=photo_clean(io.BytesIO(raw), size=len(raw)),
    )
    services.report_note_add(report=report, by=setup.coordinator, text="Meneer woont alleen.")
    task = OutreachTask.objects.get(report=report)
    services.outreach_task_complete(
        task=task, by=setup.outreach_worker, outcome="Langs geweest, hij is naar zijn zus."
    )
    services.report_transition(
        report=report, to=S.HANDLED, by=setup.coordinator, text="Er is iemand langs geweest."
    )
    services.report_feedback(report=report, satisfied=True, text="Fijn, dank u. Hij is mijn oom.")
    report.refresh_from_db()
    return report


def test_details_of_a_worry_about_someone_are_removed_after_90_days(
    setup: Setup, worry: Report, time_machine: Any
) -> None:
    _at(time_machine, T0)
    place = _handled(setup, place_report(setup, description="De doorgang is heel donker."))
    people_before = Person.objects.count()
    _at(time_machine, T0 + 89 * DAY)
    assert services.reports_redact_person_details() == 0
    worry.refresh_from_db()
    assert worry.description.startswith("Mijn buurman")

    _at(time_machine, T0 + 91 * DAY)
    events = worry.events.count()
    assert services.reports_redact_person_details() == 1
    worry.refresh_from_db()
    assert worry.description == MARKER
    assert worry.feedback == MARKER
    assert (worry.address, worry.postcode, worry.house_number) == (MARKER, "", "")
    answers = {a["key"]: a["answer"] for a in worry.answers}
    # Yes/no answers stay (fixed options, for statistics); free text goes.
    assert answers == {"gevaar-nu": "nee", "eerder-gezien": "ja", "wat-gezien": MARKER}
    assert not ReportPhoto.objects.filter(report=worry).exists()
    assert list(ReportNote.objects.filter(report=worry).values_list("text", flat=True)) == [MARKER]
    assert OutreachTask.objects.get(report=worry).outcome == MARKER
    # What statistics need stays.
    assert (worry.category_id, worry.status, worry.created_at, worry.satisfied) == (
        setup.person.pk,
        S.HANDLED,
        T0,
        True,
    )
    row = worry.events.last()
    assert row is not None and row.by is None and row.by_label == "system"
    assert row.text.startswith("De details van deze zorgmelding zijn verwijderd na 90 dagen")
    assert worry.events.count() == events + 1
    # The contact details are the other job's (365 days): still here.
    assert worry.contact_email == "buur@example.org"
    # Other categories keep their text.
    place.refresh_from_db()
    assert place.description == "De doorgang is heel donker."
    assert Person.objects.count() == people_before

    # A second run changes nothing.
    _at(time_machine, T0 + 200 * DAY)
    assert services.reports_redact_person_details() == 0
    assert worry.events.count() == events + 1


def test_an_open_worry_keeps_its_details(setup: Setup, time_machine: Any) -> None:
    _at(time_machine, T0)
    report = person_report(setup)
    _at(time_machine, T0 + 1000 * DAY)
    assert services.reports_redact_person_details() == 0
    report.refresh_from_db()
    assert report.description.startswith("Mijn buurman")


@pytest.mark.django_db(transaction=True)
def test_the_tick_enqueues_the_privacy_jobs_for_the_worker(
    setup: Setup, worry: Report, time_machine: Any
) -> None:
    _at(time_machine, T0 + 366 * DAY)
    call_command("reports_tick", verbosity=0)
    run_worker()
    worry.refresh_from_db()
    assert worry.description == MARKER
    assert worry.contact_email == ""
    texts = [e.text for e in worry.events.filter(by_label="system")]
    assert sum("bewaartermijn" in t for t in texts) == 2
    call_command("reports_tick", verbosity=0)  # again: nothing new
    run_worker()
    assert worry.events.filter(by_label="system").count() == len(texts)
