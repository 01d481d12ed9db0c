"""Sessions from an RFC 5545 rule: wall-clock times, exceptions, moves, idempotence."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from tests.activities.conftest import AMS, FIRST, Cafe, week

from omzien.activities import recurrence, services
from omzien.activities.models import Attendance, SessionStatus


def test_weekly_sessions_keep_their_local_time_across_the_clock_change(cafe: Cafe) -> None:
    # Summer time ends on 25 October 2026; the café stays at 12:00 local time.
    local = [s.starts_at.astimezone(AMS) for s in cafe.sessions]
    assert [t.strftime("%a %H:%M") for t in local] == ["Tue 12:00"] * 12
    assert local[0].date() == datetime.date(2026, 9, 1)
    assert local[-1].date() == datetime.date(2026, 11, 17)
    assert {t.utcoffset() for t in local} == {
        datetime.timedelta(hours=2),
        datetime.timedelta(hours=1),
    }
    assert all(s.ends_at - s.starts_at == datetime.timedelta(hours=2) for s in cafe.sessions)


def test_generating_again_changes_nothing(cafe: Cafe) -> None:
    assert services.sessions_generate(activity=cafe.activity, until=week(11)) == []
    assert cafe.activity.sessions.count() == 12


def test_an_exdate_skips_a_date_and_a_changed_rule_drops_empty_future_sessions(
    cafe: Cafe,
) -> None:
    Attendance.objects.create(session=cafe.sessions[3], person=cafe.regular)
    cafe.activity.recurrence = "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20260922T120000,20261006T120000"
    services.sessions_generate(activity=cafe.activity, until=week(11))
    dates = [s.starts_at.astimezone(AMS).date() for s in cafe.activity.sessions.all()]
    # 6 October is gone (nobody came yet); 22 September stays: someone attended it.
    assert datetime.date(2026, 10, 6) not in dates
    assert datetime.date(2026, 9, 22) in dates
    assert len(dates) == 11


def test_a_cancelled_or_moved_session_survives_generation(cafe: Cafe, coordinator: Any) -> None:
    services.session_cancel(user=coordinator, session=cafe.sessions[2], note="Herfstvakantie")
    moved_to = week(4) + datetime.timedelta(days=1)
    services.session_move(user=coordinator, session=cafe.sessions[4], starts_at=moved_to)
    services.sessions_generate(activity=cafe.activity, until=week(11))
    cafe.sessions[2].refresh_from_db()
    cafe.sessions[4].refresh_from_db()
    assert cafe.sessions[2].status == SessionStatus.CANCELLED
    assert cafe.sessions[2].note == "Herfstvakantie"
    assert cafe.sessions[4].starts_at == moved_to
    assert cafe.activity.sessions.count() == 12


def test_a_volunteer_cannot_cancel_a_session(cafe: Cafe) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.session_cancel(user=cafe.host, session=cafe.sessions[2])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("RRULE:FREQ=SECONDLY", "FREQ=SECONDLY"),
        ("RRULE:FREQ=WEEKLY;BYDAY=XX", "geen goede herhaalregel"),
        ("DTSTART:20260101T120000\nRRULE:FREQ=DAILY", "Alleen regels met RRULE, RDATE en EXDATE"),
        ("RRULE:FREQ=WEEKLY\nEXDATE:20261006T100000Z", "zonder tijdzone"),
    ],
)
def test_bad_rules_get_a_clear_message_in_dutch(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        recurrence.parse(text, starts_at=FIRST)
    assert message in " ".join(error.value.messages)


def test_an_empty_rule_is_a_single_session() -> None:
    until = FIRST + datetime.timedelta(days=365)
    assert list(recurrence.occurrences("", starts_at=FIRST, after=FIRST, until=until)) == [FIRST]


def test_a_bad_rule_on_save_names_the_field_in_dutch(cafe: Cafe, coordinator: Any) -> None:
    from django.utils import translation

    cafe.activity.recurrence = "RRULE:FREQ=HOURLY"
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        services.activity_save(user=coordinator, activity=cafe.activity)
    assert "recurrence" in error.value.message_dict
    assert "wekelijks" in error.value.message_dict["recurrence"][0]
