"""Opening hours: which schedules apply, and how the status reads in Dutch."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from tests.directory.conftest import build_service, weekly

from omzien.directory import hours
from omzien.directory.models import Schedule, ScheduleKind
from omzien.directory.selectors import SearchParams, search_services

AMS = ZoneInfo("Europe/Amsterdam")
# 2026-11-24 is a Tuesday.
TUESDAY = date(2026, 11, 24)


def at(day: date, hhmm: str) -> datetime:
    hour, minute = hhmm.split(":")
    return datetime.combine(day, time(int(hour), int(minute)), tzinfo=AMS)


def sched(**kwargs: object) -> Schedule:
    defaults: dict[str, object] = {"kind": ScheduleKind.REGULAR, "freq": "WEEKLY"}
    defaults.update(kwargs)
    return Schedule(**defaults)


@pytest.fixture(autouse=True)
def dutch() -> object:
    with translation.override("nl"):
        yield


def test_open_now_until_closing_time() -> None:
    schedules = [sched(byday="TU", opens_at=time(9), closes_at=time(17))]
    status = hours.opening_status(schedules, at(TUESDAY, "10:30"))
    assert status is not None and status.open_now
    assert status.text == "nu open tot 17:00"


def test_closed_opens_next_tuesday() -> None:
    schedules = [sched(byday="TU", opens_at=time(9), closes_at=time(17))]
    status = hours.opening_status(schedules, at(TUESDAY + timedelta(days=2), "12:00"))
    assert status is not None and not status.open_now
    assert status.text == "gesloten, opent dinsdag 9:00"


def test_later_today_and_tomorrow() -> None:
    schedules = [sched(byday="TU,WE", opens_at=time(13), closes_at=time(17))]
    assert hours.opening_status(schedules, at(TUESDAY, "9:00")).text == (  # type: ignore[union-attr]
        "gesloten, opent vandaag om 13:00"
    )
    assert hours.opening_status(schedules, at(TUESDAY, "18:00")).text == (  # type: ignore[union-attr]
        "gesloten, opent morgen om 13:00"
    )


def test_english_reads_naturally() -> None:
    schedules = [sched(byday="TU", opens_at=time(9), closes_at=time(17))]
    with translation.override("en"):
        status = hours.opening_status(schedules, at(TUESDAY + timedelta(days=1), "12:00"))
        assert status is not None
        assert status.text == "closed, opens Tuesday 9:00"


def test_adjacent_slots_merge_into_one_closing_time() -> None:
    schedules = [
        sched(byday="TU", opens_at=time(9), closes_at=time(12)),
        sched(byday="TU", opens_at=time(12), closes_at=time(17)),
    ]
    assert hours.opening_status(schedules, at(TUESDAY, "10:00")).text == "nu open tot 17:00"  # type: ignore[union-attr]


def test_closed_exception_wins_over_regular_hours() -> None:
    schedules = [
        sched(byday="TU", opens_at=time(9), closes_at=time(17)),
        sched(kind=ScheduleKind.CLOSED, freq="", valid_from=TUESDAY, valid_to=TUESDAY),
    ]
    status = hours.opening_status(schedules, at(TUESDAY, "10:00"))
    assert status is not None and not status.open_now
    assert status.text == "gesloten, opent dinsdag 1-12 om 9:00"  # next week: with the date
    assert status.next_open == at(TUESDAY + timedelta(days=7), "9:00")


def test_special_hours_replace_regular_hours_that_day() -> None:
    schedules = [
        sched(byday="TU", opens_at=time(9), closes_at=time(17)),
        sched(
            kind=ScheduleKind.SPECIAL,
            freq="",
            valid_from=TUESDAY,
            valid_to=TUESDAY,
            opens_at=time(10),
            closes_at=time(12),
        ),
    ]
    assert hours.opening_status(schedules, at(TUESDAY, "13:00")).open_now is False  # type: ignore[union-attr]
    assert hours.opening_status(schedules, at(TUESDAY, "11:00")).text == "nu open tot 12:00"  # type: ignore[union-attr]


def test_validity_window_limits_the_hours() -> None:
    schedules = [
        sched(byday="TU", opens_at=time(9), closes_at=time(17), valid_to=TUESDAY - timedelta(1))
    ]
    assert hours.opening_status(schedules, at(TUESDAY, "10:00")).open_now is False  # type: ignore[union-attr]


def test_monthly_first_and_last_weekday() -> None:
    first_tuesday = sched(freq="MONTHLY", byday="1TU", opens_at=time(14), closes_at=time(16))
    last_tuesday = sched(freq="MONTHLY", byday="-1TU", opens_at=time(14), closes_at=time(16))
    assert hours.applies_on(first_tuesday, date(2026, 12, 1))
    assert not hours.applies_on(first_tuesday, date(2026, 12, 8))
    assert hours.applies_on(last_tuesday, TUESDAY)  # 24 November is the last Tuesday
    assert not hours.applies_on(last_tuesday, date(2026, 11, 17))


def test_past_midnight() -> None:
    schedules = [sched(byday="FR", opens_at=time(20), closes_at=time(1))]
    friday = TUESDAY + timedelta(days=3)
    assert hours.opening_status(schedules, at(friday + timedelta(1), "0:30")).text == (  # type: ignore[union-attr]
        "nu open tot 1:00"
    )


def test_no_hours_means_no_status() -> None:
    assert hours.opening_status([sched(byday="TU")], at(TUESDAY, "10:00")) is None


def test_week_table_marks_closed_days_and_exceptions() -> None:
    schedules = [
        sched(byday="MO,TU", opens_at=time(9), closes_at=time(12)),
        sched(kind=ScheduleKind.CLOSED, freq="", valid_from=date(2026, 11, 30)),
    ]
    rows = {row.day: row.hours for row in hours.week_table(schedules, today=TUESDAY)}
    assert rows["Dinsdag"] == "9:00–12:00"
    assert rows["Woensdag"] == "gesloten"
    assert rows["Maandag"] == "gesloten"  # next Monday is 30 November: closed


@pytest.mark.django_db
def test_open_now_filter_in_the_database_agrees_with_the_python_rules(areas: object) -> None:
    """Random schedules and moments: the SQL filter and hours.opening_status agree."""
    rng = random.Random(7)
    services = []
    for n in range(25):
        specs = []
        for _ in range(rng.randint(1, 3)):
            opens = rng.randint(6, 20)
            days = ",".join(sorted(rng.sample(hours.CODES, rng.randint(1, 3))))
            if rng.random() < 0.2:
                specs.append(
                    {
                        "kind": ScheduleKind.REGULAR,
                        "freq": "MONTHLY",
                        "byday": rng.choice(["1TU", "-1TU", "2WE", "1MO"]),
                        "opens_at": time(opens),
                        "closes_at": time(min(opens + rng.randint(1, 4), 23)),
                    }
                )
            else:
                specs.append(
                    weekly(days, f"{opens}:00", f"{min(opens + rng.randint(1, 5), 23)}:30")
                )
        if rng.random() < 0.3:
            start = TUESDAY + timedelta(days=rng.randint(-1, 2))
            specs.append(
                {
                    "kind": rng.choice([ScheduleKind.CLOSED, ScheduleKind.SPECIAL]),
                    "freq": "",
                    "valid_from": start,
                    "valid_to": start + timedelta(days=rng.randint(0, 2)),
                    "opens_at": time(11),
                    "closes_at": time(15),
                }
            )
        services.append(build_service(f"Plek {n}", schedules=specs))
    for moment in [
        at(TUESDAY + timedelta(days=d), f"{h}:15") for d in range(7) for h in (8, 11, 14, 20)
    ]:
        with time_machine.travel(moment, tick=False):
            found = set(
                search_services(None, SearchParams(open_now=True, now=moment)).services.values_list(
                    "pk", flat=True
                )
            )
        expected = {
            s.pk
            for s in services
            if (status := hours.opening_status(list(s.all_schedules.all()), moment))
            and status.open_now
        }
        assert found == expected, moment
