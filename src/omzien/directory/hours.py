"""Opening hours: which HSDS schedules apply on a day, and "nu open tot 17:00".

Rules (a subset of RFC 5545 as HSDS uses it):

* A schedule applies only inside its validity window (``valid_from``–``valid_to``) and
  between ``dtstart`` and ``until``.
* WEEKLY: on the weekdays in ``byday`` ("MO,TU"); every ``interval`` weeks counted from
  ``dtstart``. MONTHLY: on ``byday`` entries with an ordinal ("1TU" first Tuesday, "-1FR"
  last Friday) or on the days in ``bymonthday``.
* Exceptions (one day when only ``valid_from`` is given): a CLOSED schedule that applies on
  a day closes the entry all that day; a SPECIAL one replaces the regular hours that day.
* ``closes_at`` before ``opens_at`` means open past midnight.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from omzien.directory.models import Schedule, ScheduleKind, Weekday

CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def day_code(day: date) -> str:
    return CODES[day.weekday()]


def _split(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def monthly_codes(day: date) -> set[str]:
    """The ``byday`` values that match `day` in a MONTHLY rule: '2TU', '-1TU', …"""
    code = day_code(day)
    nth = (day.day - 1) // 7 + 1
    codes = {f"{nth}{code}", f"+{nth}{code}"}
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    from_end = (days_in_month - day.day) // 7 + 1
    codes.add(f"-{from_end}{code}")
    return codes


def in_window(schedule: Schedule, day: date) -> bool:
    if schedule.valid_from and day < schedule.valid_from:
        return False
    valid_to = schedule.valid_to
    if valid_to is None and schedule.kind != ScheduleKind.REGULAR:
        valid_to = schedule.valid_from  # an exception with one date is about that day only
    if valid_to and day > valid_to:
        return False
    if schedule.dtstart and day < schedule.dtstart:
        return False
    return not (schedule.until and day > schedule.until)


def applies_on(schedule: Schedule, day: date) -> bool:
    if not in_window(schedule, day):
        return False
    days = _split(schedule.byday)
    if schedule.kind != ScheduleKind.REGULAR:
        # An exception covers every day of its window (or only the weekdays named).
        return not days or day_code(day) in days
    if schedule.freq == "MONTHLY":
        month_days = {int(d) for d in _split(schedule.bymonthday) if d.lstrip("-").isdigit()}
        if day.day in month_days:
            return True
        return bool(monthly_codes(day) & set(days)) or (day_code(day) in days and not month_days)
    if schedule.freq == "WEEKLY" or days:
        if days and day_code(day) not in days:
            return False
        if not days and schedule.dtstart and schedule.dtstart.weekday() != day.weekday():
            return False
        interval = schedule.interval or 1
        if interval > 1 and schedule.dtstart:
            weeks = (day - schedule.dtstart).days // 7
            return weeks % interval == 0
        return True
    # No rule at all: every day of the window.
    return schedule.freq == ""


def intervals_on(schedules: Sequence[Schedule], day: date) -> list[tuple[time, time]]:
    applying = [s for s in schedules if applies_on(s, day)]
    if any(s.kind == ScheduleKind.CLOSED for s in applying):
        return []
    special = [s for s in applying if s.kind == ScheduleKind.SPECIAL]
    chosen = special or [s for s in applying if s.kind == ScheduleKind.REGULAR]
    return sorted({(s.opens_at, s.closes_at) for s in chosen if s.opens_at and s.closes_at})


def hhmm(value: time) -> str:
    """Dutch style: 9:00, 17:30."""
    return f"{value.hour}:{value.minute:02d}"


def _day_name(day: date) -> str:
    """Lower case in Dutch ("opent dinsdag"), capitalised in English ("opens Tuesday")."""
    name = str(Weekday[day_code(day)].label)
    return name if translation.get_language() == "en" else name.lower()


@dataclass(frozen=True)
class OpeningStatus:
    open_now: bool
    text: str
    until: time | None = None
    next_open: datetime | None = None


def _open_intervals(
    schedules: Sequence[Schedule], start: date, days: int
) -> Iterable[tuple[datetime, datetime]]:
    tz = timezone.get_current_timezone()
    for offset in range(-1, days):
        day = start + timedelta(days=offset)
        for opens, closes in intervals_on(schedules, day):
            begin = datetime.combine(day, opens, tzinfo=tz)
            end_day = day + timedelta(days=1) if closes <= opens else day
            yield begin, datetime.combine(end_day, closes, tzinfo=tz)


def opening_status(
    schedules: Sequence[Schedule], now: datetime | None = None
) -> OpeningStatus | None:
    """'nu open tot 17:00', 'gesloten, opent dinsdag 9:00', or None without any hours."""
    if not any(s.opens_at and s.closes_at for s in schedules):
        return None
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    spans = sorted(_open_intervals(schedules, today, 15))
    for begin, end in spans:
        if begin <= now < end:
            # Merge with spans that start where this one ends (e.g. 9–12, 12–17).
            for next_begin, next_end in spans:
                if next_begin <= end < next_end:
                    end = next_end
            return OpeningStatus(
                True, _("open now until %(time)s") % {"time": hhmm(end.time())}, until=end.time()
            )
    upcoming = [begin for begin, _end in spans if begin > now]
    if not upcoming:
        return OpeningStatus(False, _("closed for now"))
    first = upcoming[0]
    when = first.date()
    if when == today:
        text = _("closed, opens today at %(time)s")
    elif when == today + timedelta(days=1):
        text = _("closed, opens tomorrow at %(time)s")
    elif when < today + timedelta(days=7):
        text = _("closed, opens %(day)s %(time)s")
    else:
        text = _("closed, opens %(day)s %(date)s at %(time)s")
    return OpeningStatus(
        False,
        text
        % {"time": hhmm(first.time()), "day": _day_name(when), "date": f"{when.day}-{when.month}"},
        next_open=first,
    )


@dataclass(frozen=True)
class WeekRow:
    day: str
    hours: str


def week_table(schedules: Sequence[Schedule], today: date | None = None) -> list[WeekRow]:
    """The regular hours for the coming seven days, Monday first (exceptions applied)."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    rows = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        if day < today:
            day += timedelta(days=7)
        spans = intervals_on(schedules, day)
        hours = ", ".join(f"{hhmm(a)}–{hhmm(b)}" for a, b in spans) or _("closed")
        rows.append(WeekRow(str(Weekday[CODES[offset]].label), hours))
    return rows


def upcoming_exceptions(
    schedules: Sequence[Schedule], today: date | None = None, days: int = 60
) -> list[Schedule]:
    today = today or timezone.localdate()
    horizon = today + timedelta(days=days)

    def current(schedule: Schedule) -> bool:
        end = schedule.valid_to or schedule.valid_from
        start = schedule.valid_from
        return (end is None or end >= today) and (start is None or start <= horizon)

    exceptions = [s for s in schedules if s.kind != ScheduleKind.REGULAR and current(s)]
    return sorted(exceptions, key=lambda s: s.valid_from or today)
