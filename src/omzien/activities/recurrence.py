"""RFC 5545 recurrence for activities, in local (wall-clock) time.

"Every Tuesday at 12:00" stays at 12:00 across daylight-saving changes: the rule is
expanded on naive local times and each occurrence is then made aware.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from dateutil.rrule import rruleset, rrulestr
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

#: A safety net against rules such as FREQ=SECONDLY.
MAX_OCCURRENCES = 2000

ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")


def _local_naive(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def _aware(naive: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(naive, timezone.get_current_timezone())


def parse(text: str, *, starts_at: datetime.datetime) -> rruleset:
    """The rule set for `text` (RRULE, RDATE and EXDATE lines). Raises ValidationError
    with a message in the user's language when the text is not a rule we accept."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        single = rruleset()
        single.rdate(_local_naive(starts_at))
        return single
    for line in lines:
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name not in {"RRULE", "RDATE", "EXDATE"}:
            raise ValidationError(
                _("Only RRULE, RDATE and EXDATE lines are allowed, not %(line)s.")
                % {"line": line[:40]}
            )
        if name == "RRULE":
            freq = next(
                (
                    p.split("=", 1)[1].upper()
                    for p in line[6:].split(";")
                    if p.upper().startswith("FREQ=")
                ),
                "",
            )
            if freq not in ALLOWED_FREQUENCIES:
                raise ValidationError(
                    _("Repeat daily, weekly, monthly or yearly (FREQ=%(freq)s is not possible).")
                    % {"freq": freq or "?"}
                )
    try:
        rules = rrulestr("\n".join(lines), dtstart=_local_naive(starts_at), forceset=True)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("This is not a valid repeat rule: %(error)s") % {"error": error}
        ) from error
    if not isinstance(rules, rruleset):  # forceset=True always gives a set
        raise ValidationError(_("This is not a valid repeat rule."))
    try:  # An EXDATE or UNTIL with a time zone cannot be compared with local times.
        rules.after(_local_naive(starts_at))
    except TypeError as error:
        raise ValidationError(
            _("Write dates in the rule in local time, without a time zone (no Z or TZID).")
        ) from error
    return rules


def occurrences(
    text: str,
    *,
    starts_at: datetime.datetime,
    after: datetime.datetime,
    until: datetime.datetime,
) -> Iterator[datetime.datetime]:
    """Aware start times of the occurrences in [after, until]."""
    rules = parse(text, starts_at=starts_at)
    for count, naive in enumerate(
        rules.between(_local_naive(after), _local_naive(until), inc=True)
    ):
        if count >= MAX_OCCURRENCES:
            break
        # EXDATE values may carry a time zone; the set compares naive local times.
        yield _aware(naive.replace(tzinfo=None))
