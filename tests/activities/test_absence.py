"""The absence rule, the scan, escalation and consent — with a frozen clock."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from tests.activities.conftest import Cafe, attend, consent_attendance, week
from tests.factories import PersonFactory

from omzien.activities import services
from omzien.activities.models import (
    AbsenceNotice,
    AbsenceSignal,
    Outcome,
    SignalContactRole,
    SignalStatus,
)
from omzien.activities.services import _PlanRule, streak_of
from omzien.core.models import AuditEntry
from omzien.people.models import Consent
from omzien.people.services import consent_revoke

RULE = _PlanRule(regular_attended=3, regular_window=5, missed_in_a_row=2)


@pytest.mark.parametrize(
    ("came", "expected"),
    [
        # sessions 1..7; the last two missed
        ({1, 2, 3, 4, 5}, (6, 2)),  # a regular, 2 missed: signal from session 6
        ({3, 4, 5}, (6, 2)),  # exactly 3 of the last 5
        ({2, 5}, None),  # only 2 of the 5 before the streak
        ({1, 2, 3, 4, 5, 6}, None),  # only 1 missed
        ({1, 2, 3}, (4, 4)),  # 4 missed; window before it: 1,2,3 — still a regular
        (set(), None),  # never came
    ],
)
def test_the_rule_tells_regulars_from_occasional_visitors(
    came: set[int], expected: tuple[int, int] | None
) -> None:
    streak = streak_of(list(range(1, 8)), came, RULE)
    if expected is None:
        assert streak is None
    else:
        assert streak is not None
        assert (streak.first_missed, streak.missed) == expected


def _scan_at(time_machine: Any, moment: datetime.datetime) -> services.ScanResult:
    time_machine.move_to(moment, tick=False)
    return services.absence_scan()


# Real commits: the e-mail goes out after the transaction commits.
@pytest.mark.django_db(transaction=True)
def test_a_regular_who_misses_two_sessions_gets_a_signal_for_the_buddy(
    cafe: Cafe, time_machine: Any
) -> None:
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    # After week 5 only one is missed: nothing yet.
    assert _scan_at(time_machine, week(5) + datetime.timedelta(hours=3)).created == 0
    result = _scan_at(time_machine, week(6) + datetime.timedelta(hours=3))
    assert result.created == 1
    signal = AbsenceSignal.objects.get()
    assert signal.person == cafe.regular
    assert signal.first_missed == cafe.sessions[5]
    assert signal.last_seen == cafe.sessions[4]
    assert signal.missed == 2
    step = signal.steps.get()
    assert step.user == cafe.buddy
    assert step.due_at == week(6) + datetime.timedelta(hours=3 + 24)
    assert signal.due_at == step.due_at
    # The buddy gets an e-mail with a link, and nothing about the person.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [cafe.buddy.email]
    assert f"/activiteiten/signalen/{signal.pk}/" in mail.outbox[0].body
    assert "Ria" not in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_running_the_scan_twice_creates_no_second_signal(cafe: Cafe, time_machine: Any) -> None:
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    _scan_at(time_machine, week(6) + datetime.timedelta(hours=3))
    assert _scan_at(time_machine, week(6) + datetime.timedelta(hours=4)).created == 0
    # A week later the same streak is longer, but it is the same streak.
    assert _scan_at(time_machine, week(7) + datetime.timedelta(hours=3)).created == 0
    assert AbsenceSignal.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_occasional_visitor_gets_no_signal(cafe: Cafe, time_machine: Any) -> None:
    attend(cafe.regular, 0, 3, cafe=cafe)
    assert _scan_at(time_machine, week(8) + datetime.timedelta(hours=3)).created == 0


def test_cancelled_sessions_do_not_count_as_missed(
    cafe: Cafe, time_machine: Any, coordinator: Any
) -> None:
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    services.session_cancel(user=coordinator, session=cafe.sessions[5], note="Kerst")
    # Week 5 was cancelled, so after week 6 only one session is missed.
    assert _scan_at(time_machine, week(6) + datetime.timedelta(hours=3)).created == 0
    assert _scan_at(time_machine, week(7) + datetime.timedelta(hours=3)).created == 1
    assert AbsenceSignal.objects.get().first_missed == cafe.sessions[6]


def test_an_announced_absence_does_not_count_as_missed(cafe: Cafe, time_machine: Any) -> None:
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    time_machine.move_to(week(5) - datetime.timedelta(days=2), tick=False)
    services.absence_announce(
        user=cafe.professional, person=cafe.regular, session=cafe.sessions[5], message="Op vakantie"
    )
    assert _scan_at(time_machine, week(6) + datetime.timedelta(hours=3)).created == 0
    assert _scan_at(time_machine, week(7) + datetime.timedelta(hours=3)).created == 1
    assert AbsenceNotice.objects.get().message == "Op vakantie"


def test_a_host_cannot_announce_absence_for_someone_else(cafe: Cafe) -> None:
    with pytest.raises(PermissionDenied):
        services.absence_announce(user=cafe.host, person=cafe.regular, session=cafe.sessions[5])


def test_people_without_a_plan_are_never_signalled(cafe: Cafe, time_machine: Any) -> None:
    other = PersonFactory(neighbourhood=cafe.activity.neighbourhood)
    consent_attendance(other)
    attend(other, 0, 1, 2, 3, 4, cafe=cafe)
    assert _scan_at(time_machine, week(7) + datetime.timedelta(hours=3)).created == 0


@pytest.mark.django_db(transaction=True)
def test_no_answer_in_time_escalates_in_the_persons_order(cafe: Cafe, time_machine: Any) -> None:
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    start = week(6) + datetime.timedelta(hours=3)
    _scan_at(time_machine, start)
    signal = AbsenceSignal.objects.get()
    # Just before the due time nothing happens.
    time_machine.move_to(start + datetime.timedelta(hours=23, minutes=59), tick=False)
    assert services.signals_escalate() == 0
    time_machine.move_to(start + datetime.timedelta(hours=24), tick=False)
    assert services.signals_escalate() == 1
    assert services.signals_escalate() == 0  # idempotent
    steps = list(signal.steps.order_by("created_at", "pk"))
    assert [s.user for s in steps] == [cafe.buddy, cafe.key_figure]
    assert steps[0].outcome == Outcome.NO_ANSWER
    assert steps[1].due_at == start + datetime.timedelta(hours=48)
    # The key figure could not reach her: straight on to the professional.
    services.signal_record_outcome(
        user=cafe.key_figure, signal=signal, outcome=Outcome.UNREACHABLE, note="Niet thuis"
    )
    steps = list(signal.steps.order_by("created_at", "pk"))
    assert [s.user for s in steps] == [cafe.buddy, cafe.key_figure, cafe.professional]
    assert steps[2].due_at == start + datetime.timedelta(hours=24 + 48)
    # The professional does not answer either: nobody is left.
    time_machine.move_to(start + datetime.timedelta(hours=24 + 48), tick=False)
    assert services.signals_escalate() == 1
    signal.refresh_from_db()
    assert signal.status == SignalStatus.EXHAUSTED
    assert [m.to for m in mail.outbox] == [
        [cafe.buddy.email],
        [cafe.key_figure.email],
        [cafe.professional.email],
    ]


def test_all_fine_closes_the_signal_and_only_the_current_contact_may_answer(
    cafe: Cafe, time_machine: Any
) -> None:
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    _scan_at(time_machine, week(6) + datetime.timedelta(hours=3))
    signal = AbsenceSignal.objects.get()
    with pytest.raises(PermissionDenied):  # not asked (yet)
        services.signal_record_outcome(user=cafe.key_figure, signal=signal, outcome=Outcome.FINE)
    with pytest.raises(PermissionDenied):
        services.signal_record_outcome(user=cafe.host, signal=signal, outcome=Outcome.FINE)
    services.signal_record_outcome(
        user=cafe.buddy, signal=signal, outcome=Outcome.FINE, note="Ze was ziek, komt volgende week"
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CLOSED
    with pytest.raises(ValidationError):
        services.signal_record_outcome(user=cafe.buddy, signal=signal, outcome=Outcome.FINE)


def test_a_contact_who_lost_consent_is_skipped(cafe: Cafe, time_machine: Any) -> None:
    consent = Consent.objects.get(person=cafe.regular, grantee_user=cafe.buddy)
    consent_revoke(actor=cafe.professional, consent=consent)
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    _scan_at(time_machine, week(6) + datetime.timedelta(hours=3))
    assert AbsenceSignal.objects.get().steps.get().user == cafe.key_figure


def test_coming_back_closes_the_open_signal(cafe: Cafe, time_machine: Any) -> None:
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    _scan_at(time_machine, week(6) + datetime.timedelta(hours=3))
    attend(cafe.regular, 7, cafe=cafe)
    assert _scan_at(time_machine, week(7) + datetime.timedelta(hours=3)).closed == 1
    signal = AbsenceSignal.objects.get()
    assert signal.status == SignalStatus.CLOSED
    assert signal.steps.get().outcome == Outcome.FINE


def test_viewing_a_signal_is_audit_logged_and_refused_to_others(
    cafe: Cafe, time_machine: Any, other_professional: Any
) -> None:
    from omzien.activities import selectors

    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    _scan_at(time_machine, week(6) + datetime.timedelta(hours=3))
    signal = AbsenceSignal.objects.get()
    for outsider in (other_professional, cafe.host, cafe.key_figure):
        with pytest.raises(PermissionDenied):
            selectors.signal_detail(user=outsider, signal=signal)
    before = AuditEntry.objects.count()
    selectors.signal_detail(user=cafe.buddy, signal=signal)
    selectors.signal_detail(user=cafe.professional, signal=signal)  # staff of the area
    entries = AuditEntry.objects.order_by("pk")[before:]
    assert [e.actor for e in entries] == [cafe.buddy, cafe.professional]
    assert all(e.subject_id == cafe.regular.pk for e in entries)
    assert list(selectors.signals_for(cafe.buddy)) == [signal]
    assert list(selectors.signals_for(other_professional)) == []


def test_without_any_contact_who_agreed_the_signal_shows_nobody_could_be_asked(
    cafe: Cafe, time_machine: Any
) -> None:
    for consent in Consent.objects.filter(person=cafe.regular, grantee_user__isnull=False):
        consent_revoke(actor=cafe.professional, consent=consent)
    attend(cafe.regular, 0, 1, 2, 3, 4, cafe=cafe)
    assert _scan_at(time_machine, week(6) + datetime.timedelta(hours=3)).created == 1
    signal = AbsenceSignal.objects.get()
    assert signal.status == SignalStatus.EXHAUSTED
    assert not signal.steps.exists()
    assert mail.outbox == []


def test_only_the_person_and_staff_of_their_area_set_up_the_signal_plan(
    cafe: Cafe, resident: Any, other_professional: Any
) -> None:
    contact = [(cafe.buddy, SignalContactRole.BUDDY, 24)]
    for outsider in (cafe.host, cafe.buddy, other_professional):
        with pytest.raises(PermissionDenied):
            services.signal_plan_save(actor=outsider, person=cafe.regular, contacts=contact)
    # A resident chooses their own contacts (online consent).
    plan = services.signal_plan_save(actor=resident.user, person=resident, contacts=contact)
    assert [c.user for c in plan.contacts.all()] == [cafe.buddy]
    assert Consent.objects.in_force().filter(person=resident, grantee_user=cafe.buddy).exists()
    # Dropping a contact withdraws their consent.
    services.signal_plan_save(
        actor=resident.user,
        person=resident,
        contacts=[(cafe.key_figure, SignalContactRole.KEY_FIGURE, 24)],
    )
    assert not Consent.objects.in_force().filter(person=resident, grantee_user=cafe.buddy).exists()
