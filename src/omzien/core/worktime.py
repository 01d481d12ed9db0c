"""Office hours, Dutch public holidays and deadlines. Pure functions: no database.

Settings (all optional):

- ``OMZIEN_OFFICE_HOURS``: ``{weekday: ("09:00", "17:00")}`` with Monday = 0. Days that are
  missing are closed. Default: Monday to Friday, 09:00–17:00.
- ``OMZIEN_OFFICE_TIME_ZONE``: the zone the office hours are in. Default ``Europe/Amsterdam``.
- ``OMZIEN_GOOD_FRIDAY_IS_HOLIDAY``: count Good Friday as a day off. Default ``False``.
- ``OMZIEN_LIBERATION_DAY_LUSTRUM_ONLY``: count 5 May only in years divisible by five (as
  many collective agreements do). Default ``False``: every year.

Time-zone behaviour, in short: every function takes and returns timezone-aware datetimes.
"Hours" are elapsed hours (what a stopwatch measures), so 24 hours across the night the
clocks change is 23 or 25 hours on the wall clock. "Calendar days" and "working days" keep
the local clock time, so they are 23- or 25-hour days across such a night. See
:func:`deadline` for the details.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Monday (0) to Friday (4).
DEFAULT_OFFICE_HOURS: dict[int, tuple[str, str]] = dict.fromkeys(range(5), ("09:00", "17:00"))
#: A safety net: no configuration should make us look further than this for an opening.
_MAX_SEARCH_DAYS = 366


class DeadlineUnit(models.TextChoices):
    HOURS = "hours", _("hours")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    WORKING_DAYS = "working_days", _("working days")


def office_zone() -> ZoneInfo:
    return ZoneInfo(getattr(settings, "OMZIEN_OFFICE_TIME_ZONE", "Europe/Amsterdam"))


def _parse_time(value: str | datetime.time) -> datetime.time:
    if isinstance(value, datetime.time):
        return value
    hours, minutes = value.split(":")
    return datetime.time(int(hours), int(minutes))


def office_hours() -> dict[int, tuple[datetime.time, datetime.time]]:
    """Opening and closing time per weekday (Monday = 0); closed days are absent."""
    configured: dict[int, Any] = getattr(settings, "OMZIEN_OFFICE_HOURS", DEFAULT_OFFICE_HOURS)
    hours = {}
    for day, (opens, closes) in configured.items():
        start, end = _parse_time(opens), _parse_time(closes)
        if not start < end:
            raise ValueError(f"Office hours for weekday {day}: opening must be before closing.")
        hours[int(day)] = (start, end)
    return hours


@lru_cache(maxsize=64)
def _holidays(year: int, good_friday: bool, lustrum_only: bool) -> dict[datetime.date, str]:
    sunday = easter(year)  # Western (Gregorian) Easter
    days = {
        datetime.date(year, 1, 1): "Nieuwjaarsdag",
        sunday: "Eerste paasdag",
        sunday + datetime.timedelta(days=1): "Tweede paasdag",
        sunday + datetime.timedelta(days=39): "Hemelvaartsdag",
        sunday + datetime.timedelta(days=49): "Eerste pinksterdag",
        sunday + datetime.timedelta(days=50): "Tweede pinksterdag",
        datetime.date(year, 12, 25): "Eerste kerstdag",
        datetime.date(year, 12, 26): "Tweede kerstdag",
    }
    if good_friday:
        days[sunday - datetime.timedelta(days=2)] = "Goede Vrijdag"
    kings_day = datetime.date(year, 4, 27)
    if kings_day.weekday() == 6:  # never on a Sunday: then the Saturday before
        kings_day = datetime.date(year, 4, 26)
    days[kings_day] = "Koningsdag"
    if not lustrum_only or year % 5 == 0:
        days[datetime.date(year, 5, 5)] = "Bevrijdingsdag"
    return days


def dutch_holidays(year: int) -> dict[datetime.date, str]:
    """The Dutch public holidays of `year` that count as days off, with their Dutch name."""
    return dict(
        _holidays(
            year,
            bool(getattr(settings, "OMZIEN_GOOD_FRIDAY_IS_HOLIDAY", False)),
            bool(getattr(settings, "OMZIEN_LIBERATION_DAY_LUSTRUM_ONLY", False)),
        )
    )


def is_holiday(day: datetime.date) -> bool:
    return day in dutch_holidays(day.year)


def is_working_day(day: datetime.date) -> bool:
    """The office opens on this day: a weekday with office hours that is not a holiday."""
    return day.weekday() in office_hours() and not is_holiday(day)


def _local(dt: datetime.datetime) -> datetime.datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("Give a timezone-aware datetime.")
    return dt.astimezone(office_zone())


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """`time` on `day` in the office zone. A clock time skipped when the clocks go forward
    lands after the jump (02:30 becomes 03:30); a repeated one is its first occurrence."""
    naive = datetime.datetime.combine(day, time)
    aware = naive.replace(tzinfo=office_zone())
    # The round trip through UTC turns a non-existent local time into a real one.
    return aware.astimezone(datetime.UTC).astimezone(office_zone())


def is_office_hours(dt: datetime.datetime) -> bool:
    """True when the office is open at `dt` (opening time included, closing time not)."""
    local = _local(dt)
    hours = office_hours().get(local.weekday())
    if hours is None or is_holiday(local.date()):
        return False
    return hours[0] <= local.time().replace(tzinfo=None) < hours[1]


def office_closes_at(dt: datetime.datetime) -> datetime.datetime | None:
    """When the office closes again, if it is open at `dt`; otherwise None."""
    if not is_office_hours(dt):
        return None
    local = _local(dt)
    return _at(local.date(), office_hours()[local.weekday()][1])


def next_office_opening(dt: datetime.datetime) -> datetime.datetime:
    """When the office is next open: `dt` itself (in the office zone) when it is open then,
    otherwise the opening time of the next working day (which may be later today)."""
    local = _local(dt)
    if is_office_hours(local):
        return local
    day = local.date()
    hours = office_hours()
    for _offset in range(_MAX_SEARCH_DAYS):
        if is_working_day(day):
            opening = _at(day, hours[day.weekday()][0])
            if opening > local:
                return opening
        day += datetime.timedelta(days=1)
    raise ValueError("No office hours configured in the coming year.")


def deadline(start: datetime.datetime, amount: int, unit: str) -> datetime.datetime:
    """The moment `amount` `unit`s after `start`, in the office zone.

    - ``hours``: elapsed time, round the clock, ignoring office hours. 24 hours from
      Saturday 12:00 before the clocks go back ends on Sunday at 11:00 local time.
    - ``calendar_days``: the same local clock time `amount` days later, weekends and
      holidays included (so across a clock change the period is 23 or 25 hours).
    - ``working_days``: counting starts at `start` when the office is open, otherwise at
      the next opening (a report on Saturday counts from Monday 09:00). The deadline is
      that local clock time on the `amount`-th next working day: Friday 16:00 + 1 working
      day is Monday 16:00; Saturday 10:00 + 1 working day is Tuesday 09:00. Weekends,
      closed days and holidays are skipped. A clock time that does not exist on the
      target day moves forward past the jump.

    ``amount`` 0 gives the start (for working days: the start of counting).
    """
    if amount < 0:
        raise ValueError("The amount cannot be negative.")
    local = _local(start)
    if unit == DeadlineUnit.HOURS:
        return (local.astimezone(datetime.UTC) + datetime.timedelta(hours=amount)).astimezone(
            office_zone()
        )
    if unit == DeadlineUnit.CALENDAR_DAYS:
        day = local.date() + datetime.timedelta(days=amount)
        return _at(day, local.time().replace(tzinfo=None, fold=0))
    if unit == DeadlineUnit.WORKING_DAYS:
        begin = next_office_opening(local)
        day = begin.date()
        counted = 0
        for _offset in range(_MAX_SEARCH_DAYS * max(1, amount)):
            if counted == amount:
                break
            day += datetime.timedelta(days=1)
            if is_working_day(day):
                counted += 1
        return _at(day, begin.time().replace(tzinfo=None, fold=0))
    raise ValueError(f"Unknown unit {unit!r}; use one of {', '.join(DeadlineUnit.values)}.")
