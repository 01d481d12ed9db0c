"""The status table: replay valid and invalid sequences; history is append-only."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.reports.conftest import Setup, place_report, run_worker

from omzien.core.models import HistoryIsAppendOnly
from omzien.reports import services, workflow
from omzien.reports.models import ReportEvent
from omzien.reports.models import ReportStatus as S

TEXT = "Uitleg"

VALID = [
    [S.IN_PROGRESS, S.HANDLED],
    [S.WAITING, S.IN_PROGRESS, S.PLANNED, S.IN_PROGRESS, S.HANDLED],
    [S.PLANNED, S.CANCELLED],
    [S.HANDLED, S.REOPENED, S.IN_PROGRESS, S.HANDLED],
    [S.CANCELLED],
]

INVALID = [
    ([], S.RECEIVED),  # no change to the same state
    ([], S.REOPENED),  # nothing to reopen yet
    ([S.HANDLED], S.IN_PROGRESS),  # handled is final unless reopened
    ([S.CANCELLED], S.IN_PROGRESS),
    ([S.IN_PROGRESS], "nonsense"),
    ([S.HANDLED], S.REOPEN_REQUESTED),  # only the reporter asks to reopen
]


@pytest.mark.parametrize("sequence", VALID)
def test_valid_sequences_replay_and_leave_history(setup: Setup, sequence: list[str]) -> None:
    report = place_report(setup)
    for to in sequence:
        services.report_transition(report=report, to=to, by=setup.street_worker, text=TEXT)
    report.refresh_from_db()
    assert report.status == sequence[-1]
    # System rows (routing) change no status; leave them out.
    changes = report.events.exclude(by_label="system")
    steps = [(e.from_status, e.to_status) for e in changes]
    expected = list(zip([S.RECEIVED, *sequence[:-1]], sequence, strict=True))
    assert steps == [("", S.RECEIVED), *expected]
    assert all(e.by_label == "Sam Straat" for e in changes[1:])


@pytest.mark.parametrize(("before", "to"), INVALID)
def test_invalid_steps_are_refused_and_change_nothing(
    setup: Setup, before: list[str], to: str
) -> None:
    report = place_report(setup)
    for step in before:
        services.report_transition(report=report, to=step, by=setup.street_worker, text=TEXT)
    events = report.events.count()
    with pytest.raises(ValidationError):
        services.report_transition(report=report, to=to, by=setup.street_worker, text=TEXT)
    report.refresh_from_db()
    assert report.status == (before[-1] if before else S.RECEIVED)
    assert report.events.count() == events


@pytest.mark.parametrize("to", [S.HANDLED, S.CANCELLED])
def test_handling_requires_a_text(setup: Setup, to: str) -> None:
    report = place_report(setup)
    with pytest.raises(ValidationError) as error:
        services.report_transition(report=report, to=to, by=setup.street_worker, text="  ")
    assert error.value.message_dict["text"] == ["Leg deze stap kort uit."]
    report.refresh_from_db()
    assert report.status == S.RECEIVED


def test_reopening_requires_a_text(setup: Setup) -> None:
    report = place_report(setup)
    services.report_transition(report=report, to=S.HANDLED, by=setup.street_worker, text=TEXT)
    with pytest.raises(ValidationError):
        services.report_transition(report=report, to=S.REOPENED, by=setup.street_worker, text="")


def test_every_edge_has_a_reason_and_handling_edges_need_text() -> None:
    for (frm, to), edge in workflow.TRANSITIONS.items():
        assert edge.reason, (frm, to)
        if to in (S.HANDLED, S.CANCELLED, S.REOPENED, S.REOPEN_REQUESTED):
            assert edge.text_required, (frm, to)
    assert workflow.next_states(S.HANDLED, by=workflow.REPORTER) == [S.REOPEN_REQUESTED]


def test_the_wrong_team_may_not_change_the_status(setup: Setup) -> None:
    report = place_report(setup)
    with pytest.raises(PermissionDenied):
        services.report_transition(report=report, to=S.IN_PROGRESS, by=setup.outreach_worker)
    report.refresh_from_db()
    assert report.status == S.RECEIVED


def test_a_coordinator_may_change_the_status(setup: Setup) -> None:
    report = place_report(setup)
    services.report_transition(report=report, to=S.IN_PROGRESS, by=setup.coordinator)
    assert report.status == S.IN_PROGRESS


def test_history_cannot_be_changed_or_deleted(setup: Setup) -> None:
    report = place_report(setup)
    event = report.events.first()
    assert event is not None
    event.text = "anders"
    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    with pytest.raises(HistoryIsAppendOnly):
        event.delete()
    with pytest.raises(HistoryIsAppendOnly):
        ReportEvent.objects.filter(report=report).update(text="anders")
    with pytest.raises(HistoryIsAppendOnly):
        ReportEvent.objects.filter(report=report).delete()


def test_feedback_not_satisfied_requests_reopening(setup: Setup) -> None:
    report = place_report(setup)
    services.report_transition(report=report, to=S.HANDLED, by=setup.street_worker, text=TEXT)
    services.report_feedback(report=report, satisfied=False, text="Nog steeds donker")
    report.refresh_from_db()
    assert report.status == S.REOPEN_REQUESTED
    assert report.satisfied is False
    last = report.events.last()
    assert last is not None
    assert (last.by_label, last.text) == ("reporter", "Nog steeds donker")
    # Staff reopen it; once handled again the reporter is asked again.
    services.report_transition(report=report, to=S.REOPENED, by=setup.street_worker, text=TEXT)
    services.report_transition(report=report, to=S.HANDLED, by=setup.street_worker, text=TEXT)
    report.refresh_from_db()
    assert report.satisfied is None
    services.report_feedback(report=report, satisfied=True)
    report.refresh_from_db()
    assert (report.status, report.satisfied) == (S.HANDLED, True)


def test_feedback_only_once_and_only_when_handled(setup: Setup) -> None:
    report = place_report(setup)
    with pytest.raises(PermissionDenied):
        services.report_feedback(report=report, satisfied=True)
    services.report_transition(report=report, to=S.HANDLED, by=setup.street_worker, text=TEXT)
    services.report_feedback(report=report, satisfied=True)
    with pytest.raises(PermissionDenied):
        services.report_feedback(report=report, satisfied=False, text="toch niet")


def test_unhappy_feedback_needs_a_text(setup: Setup) -> None:
    report = place_report(setup)
    services.report_transition(report=report, to=S.HANDLED, by=setup.street_worker, text=TEXT)
    with pytest.raises(ValidationError):
        services.report_feedback(report=report, satisfied=False, text="")
    report.refresh_from_db()
    assert (report.status, report.satisfied) == (S.HANDLED, None)


@pytest.mark.django_db(transaction=True)
def test_a_reporter_who_wants_updates_gets_the_message(setup: Setup, mailoutbox: Any) -> None:
    report = place_report(setup, contact_email="anna@example.org", wants_updates=True)
    run_worker()
    mailoutbox.clear()
    services.report_transition(
        report=report, to=S.HANDLED, by=setup.street_worker, text="De lamp is vervangen."
    )
    run_worker()  # the mail is stored and sent by a background task
    (message,) = mailoutbox
    assert "De lamp is vervangen." in message.body
    assert "Afgehandeld" in message.body or "afgehandeld" in message.body
