"""Office hours, Dutch holidays and deadlines, with concrete dates (no database)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from omzien.core.worktime import (
    DeadlineUnit,
    deadline,
    dutch_holidays,
    is_holiday,
    is_office_hours,
    is_working_day,
    next_office_opening,
)

AMS = ZoneInfo("Europe/Amsterdam")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMS)


def elapsed(start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
    """Real time between two moments (Python subtracts wall-clock times within one zone)."""
    return end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC)


def d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


# --- holidays -------------------------------------------------------------------------------


def test_holidays_2026() -> None:
    # Easter 2026 is on 5 April.
    assert dutch_holidays(2026) == {
        d(2026, 1, 1): "Nieuwjaarsdag",
        d(2026, 4, 5): "Eerste paasdag",
        d(2026, 4, 6): "Tweede paasdag",
        d(2026, 4, 27): "Koningsdag",
        d(2026, 5, 5): "Bevrijdingsdag",
        d(2026, 5, 14): "Hemelvaartsdag",
        d(2026, 5, 24): "Eerste pinksterdag",
        d(2026, 5, 25): "Tweede pinksterdag",
        d(2026, 12, 25): "Eerste kerstdag",
        d(2026, 12, 26): "Tweede kerstdag",
    }


@pytest.mark.parametrize("year", [2014, 2025, 2031])
def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday(year: int) -> None:
    assert d(year, 4, 27).weekday() == 6
    assert is_holiday(d(year, 4, 26))
    assert not is_holiday(d(year, 4, 27))
    assert dutch_holidays(year)[d(year, 4, 26)] == "Koningsdag"


def test_easter_based_holidays_2025() -> None:
    # Easter 2025 is on 20 April.
    holidays = dutch_holidays(2025)
    assert holidays[d(2025, 4, 21)] == "Tweede paasdag"
    assert holidays[d(2025, 5, 29)] == "Hemelvaartsdag"
    assert holidays[d(2025, 6, 9)] == "Tweede pinksterdag"
    assert d(2025, 4, 18) not in holidays  # Good Friday: not by default


def test_good_friday_is_a_setting(settings: pytest.FixtureRequest) -> None:
    settings.OMZIEN_GOOD_FRIDAY_IS_HOLIDAY = True  # type: ignore[attr-defined]
    assert dutch_holidays(2026)[d(2026, 4, 3)] == "Goede Vrijdag"
    assert not is_working_day(d(2026, 4, 3))


def test_liberation_day_every_year_or_only_lustrum_years(settings: pytest.FixtureRequest) -> None:
    assert is_holiday(d(2026, 5, 5))
    settings.OMZIEN_LIBERATION_DAY_LUSTRUM_ONLY = True  # type: ignore[attr-defined]
    assert not is_holiday(d(2026, 5, 5))
    assert is_holiday(d(2025, 5, 5))
    assert is_holiday(d(2030, 5, 5))


def test_is_working_day() -> None:
    assert is_working_day(d(2026, 4, 28))  # Tuesday
    assert not is_working_day(d(2026, 4, 27))  # King's Day, a Monday
    assert not is_working_day(d(2026, 5, 2))  # Saturday
    assert not is_working_day(d(2026, 5, 3))  # Sunday


# --- office hours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 11, 30, 9, 0), True),  # Monday, opening time counts
        (at(2026, 11, 30, 8, 59), False),
        (at(2026, 11, 30, 16, 59), True),
        (at(2026, 11, 30, 17, 0), False),  # closing time does not
        (at(2026, 11, 28, 12, 0), False),  # Saturday
        (at(2026, 11, 29, 12, 0), False),  # Sunday
        (at(2026, 4, 27, 12, 0), False),  # King's Day (Monday)
        (at(2026, 12, 25, 12, 0), False),  # Christmas (Friday)
        (at(2026, 5, 14, 12, 0), False),  # Ascension (Thursday)
    ],
)
def test_is_office_hours(moment: datetime.datetime, expected: bool) -> None:
    assert is_office_hours(moment) is expected


def test_office_hours_use_amsterdam_time_whatever_zone_is_given() -> None:
    # 08:30 UTC is 09:30 in Amsterdam in winter and 10:30 in summer.
    assert is_office_hours(datetime.datetime(2026, 11, 30, 8, 30, tzinfo=datetime.UTC))
    assert is_office_hours(datetime.datetime(2026, 6, 1, 7, 30, tzinfo=datetime.UTC))
    # 16:30 UTC is 17:30 in winter: closed.
    assert not is_office_hours(datetime.datetime(2026, 11, 30, 16, 30, tzinfo=datetime.UTC))


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        is_office_hours(datetime.datetime(2026, 11, 30, 10, 0))  # noqa: DTZ001


def test_office_hours_are_a_setting(settings: pytest.FixtureRequest) -> None:
    settings.OMZIEN_OFFICE_HOURS = {  # type: ignore[attr-defined]
        0: ("08:00", "12:30"),
        5: ("10:00", "14:00"),
    }
    assert is_office_hours(at(2026, 11, 30, 8, 0))  # Monday
    assert not is_office_hours(at(2026, 11, 30, 13, 0))
    assert not is_office_hours(at(2026, 12, 1, 10, 0))  # Tuesday is closed now
    assert is_office_hours(at(2026, 11, 28, 11, 0))  # Saturday is open now


# --- next opening ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 11, 30, 11, 15), at(2026, 11, 30, 11, 15)),  # open now: now
        (at(2026, 11, 30, 7, 0), at(2026, 11, 30, 9, 0)),  # later today
        (at(2026, 11, 27, 17, 30), at(2026, 11, 30, 9, 0)),  # Friday evening → Monday
        (at(2026, 11, 28, 12, 0), at(2026, 11, 30, 9, 0)),  # Saturday → Monday
        (at(2026, 4, 24, 17, 0), at(2026, 4, 28, 9, 0)),  # Friday → Tuesday (King's Day)
        (at(2026, 12, 24, 18, 0), at(2026, 12, 28, 9, 0)),  # Christmas weekend
        (at(2026, 12, 31, 17, 0), at(2027, 1, 4, 9, 0)),  # New Year on Friday
    ],
)
def test_next_office_opening(moment: datetime.datetime, expected: datetime.datetime) -> None:
    assert next_office_opening(moment) == expected


def test_next_office_opening_skips_good_friday_only_when_set(
    settings: pytest.FixtureRequest,
) -> None:
    evening = at(2026, 4, 2, 18, 0)  # Thursday before Easter
    assert next_office_opening(evening) == at(2026, 4, 3, 9, 0)
    settings.OMZIEN_GOOD_FRIDAY_IS_HOLIDAY = True  # type: ignore[attr-defined]
    assert next_office_opening(evening) == at(2026, 4, 7, 9, 0)


def test_next_office_opening_across_the_clock_change() -> None:
    # Saturday night before the clocks go back (25 October 2026) → Monday 09:00 winter time.
    opening = next_office_opening(at(2026, 10, 24, 23, 0))
    assert opening == at(2026, 10, 26, 9, 0)
    assert opening.utcoffset() == datetime.timedelta(hours=1)


# --- deadlines ------------------------------------------------------------------------------


def test_hours_are_elapsed_hours_round_the_clock() -> None:
    assert deadline(at(2026, 11, 27, 16, 0), 24, DeadlineUnit.HOURS) == at(2026, 11, 28, 16, 0)
    assert deadline(at(2026, 11, 30, 10, 0), 3, "hours") == at(2026, 11, 30, 13, 0)


def test_hours_across_the_clock_change() -> None:
    # Clocks go back on Sunday 25 October 2026 at 03:00: 24 hours end at 11:00 on the wall.
    autumn = deadline(at(2026, 10, 24, 12, 0), 24, DeadlineUnit.HOURS)
    assert autumn == at(2026, 10, 25, 11, 0)
    assert autumn.utcoffset() == datetime.timedelta(hours=1)
    assert elapsed(at(2026, 10, 24, 12, 0), autumn) == datetime.timedelta(hours=24)
    # Clocks go forward on Sunday 29 March 2026 at 02:00: 24 hours end at 13:00.
    spring = deadline(at(2026, 3, 28, 12, 0), 24, DeadlineUnit.HOURS)
    assert spring == at(2026, 3, 29, 13, 0)
    assert elapsed(at(2026, 3, 28, 12, 0), spring) == datetime.timedelta(hours=24)
    assert spring.utcoffset() == datetime.timedelta(hours=2)


def test_calendar_days_keep_the_clock_time() -> None:
    assert deadline(at(2026, 11, 27, 16, 0), 3, DeadlineUnit.CALENDAR_DAYS) == at(
        2026, 11, 30, 16, 0
    )
    # Holidays and weekends count as calendar days.
    assert deadline(at(2026, 12, 24, 10, 0), 2, DeadlineUnit.CALENDAR_DAYS) == at(
        2026, 12, 26, 10, 0
    )


def test_calendar_days_across_the_clock_change() -> None:
    end = deadline(at(2026, 10, 24, 12, 0), 1, DeadlineUnit.CALENDAR_DAYS)
    assert (end.date(), end.hour) == (d(2026, 10, 25), 12)
    assert elapsed(at(2026, 10, 24, 12, 0), end) == datetime.timedelta(hours=25)
    # 02:30 does not exist on 29 March 2026: the deadline moves past the jump.
    skipped = deadline(at(2026, 3, 28, 2, 30), 1, DeadlineUnit.CALENDAR_DAYS)
    assert (skipped.date(), skipped.hour, skipped.minute) == (d(2026, 3, 29), 3, 30)
    assert skipped.utcoffset() == datetime.timedelta(hours=2)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (at(2026, 11, 30, 10, 0), 1, at(2026, 12, 1, 10, 0)),  # Monday → Tuesday
        (at(2026, 11, 27, 16, 0), 1, at(2026, 11, 30, 16, 0)),  # Friday → Monday
        (at(2026, 11, 27, 16, 0), 5, at(2026, 12, 4, 16, 0)),  # a whole week
        (at(2026, 11, 28, 10, 0), 1, at(2026, 12, 1, 9, 0)),  # Saturday: counts from Monday
        (at(2026, 11, 27, 18, 0), 2, at(2026, 12, 2, 9, 0)),  # Friday evening
        (at(2026, 11, 30, 7, 0), 1, at(2026, 12, 1, 9, 0)),  # before opening
        (at(2026, 4, 24, 10, 0), 1, at(2026, 4, 28, 10, 0)),  # skips King's Day
        (at(2026, 5, 13, 10, 0), 1, at(2026, 5, 15, 10, 0)),  # skips Ascension
        (at(2026, 5, 4, 10, 0), 1, at(2026, 5, 6, 10, 0)),  # skips Liberation Day
        (at(2026, 12, 24, 10, 0), 2, at(2026, 12, 29, 10, 0)),  # skips Christmas
        (at(2026, 12, 31, 10, 0), 1, at(2027, 1, 4, 10, 0)),  # skips New Year
        (at(2025, 4, 25, 10, 0), 1, at(2025, 4, 28, 10, 0)),  # King's Day on Saturday 2025
        (at(2026, 11, 30, 10, 0), 0, at(2026, 11, 30, 10, 0)),
        (at(2026, 11, 28, 10, 0), 0, at(2026, 11, 30, 9, 0)),  # 0: the start of counting
    ],
)
def test_working_days(start: datetime.datetime, days: int, expected: datetime.datetime) -> None:
    assert deadline(start, days, DeadlineUnit.WORKING_DAYS) == expected


def test_working_days_across_the_clock_change() -> None:
    end = deadline(at(2026, 10, 23, 10, 0), 1, DeadlineUnit.WORKING_DAYS)
    assert end == at(2026, 10, 26, 10, 0)
    assert end.utcoffset() == datetime.timedelta(hours=1)
    assert elapsed(at(2026, 10, 23, 10, 0), end) == datetime.timedelta(days=3, hours=1)


def test_deadline_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="negative"):
        deadline(at(2026, 11, 30, 10, 0), -1, DeadlineUnit.HOURS)
    with pytest.raises(ValueError, match="Unknown unit"):
        deadline(at(2026, 11, 30, 10, 0), 1, "weeks")
    with pytest.raises(ValueError, match="timezone-aware"):
        deadline(datetime.datetime(2026, 11, 30, 10, 0), 1, "hours")  # noqa: DTZ001


def test_office_closes_at() -> None:
    from omzien.core.worktime import office_closes_at

    assert office_closes_at(at(2026, 11, 30, 10, 0)) == at(2026, 11, 30, 17, 0)
    assert office_closes_at(at(2026, 11, 30, 18, 0)) is None
    assert office_closes_at(at(2026, 11, 28, 10, 0)) is None
