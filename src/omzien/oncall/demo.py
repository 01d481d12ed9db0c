"""A demo on-call rota for district Centrum-Oost: every evening, night and weekend of the
coming two weeks is covered, except one deliberate gap (next week's Wednesday night), so
the rota page and the gap warning have something to show. Weekends have a back-up.

Safe to re-run: a period that already has someone on call is left alone."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from omzien.accounts.models import Role, User
from omzien.neighbourhoods.models import District
from omzien.oncall import selectors, services
from omzien.oncall.models import Shift, ShiftKind

DISTRICT = "WK990101"
#: Fictional numbers (the demo never calls anyone).
MOBILES = {Role.PROFESSIONAL: "0612345601", Role.COORDINATOR: "0612345602"}


@dataclass
class OncallDemoResult:
    shifts: int = 0
    gap_starts_at: datetime.datetime | None = None


def _demo_user(role: str) -> User:
    user = User.objects.filter(roles__role=role, email__startswith="demo-").first()
    if user is None:
        raise RuntimeError("The demo accounts are missing: run omzien.people.demo.build_demo().")
    return user


def _gap_day(today: datetime.date) -> datetime.date:
    """Wednesday of next week."""
    return today + datetime.timedelta(days=7 - today.weekday() + 2)


@transaction.atomic
def build_oncall_demo(
    *, stdout: Any = None, now: datetime.datetime | None = None
) -> OncallDemoResult:
    now = now or timezone.now()
    district = District.objects.get(code=DISTRICT)
    coordinator = _demo_user(Role.COORDINATOR)
    professional = _demo_user(Role.PROFESSIONAL)
    result = OncallDemoResult()
    local_now = timezone.localtime(now)
    start = timezone.make_aware(datetime.datetime.combine(local_now.date(), datetime.time()))
    end = start + datetime.timedelta(days=selectors.gap_days() + 1)
    gap_day = _gap_day(local_now.date())
    for index, (begin, until) in enumerate(selectors.periods_to_cover(start, end)):
        if timezone.localtime(begin).date() == gap_day:
            result.gap_starts_at = begin
            continue
        if Shift.objects.filter(district=district).overlapping(begin, until).exists():
            continue
        person = professional if index % 2 == 0 else coordinator
        services.shift_create(
            actor=coordinator,
            district=district,
            user=person,
            kind=ShiftKind.PRIMARY,
            starts_at=begin,
            ends_at=until,
            mobile=MOBILES[Role.PROFESSIONAL if person == professional else Role.COORDINATOR],
        )
        result.shifts += 1
        if until - begin > datetime.timedelta(days=1):  # a weekend: add a back-up
            backup = coordinator if person == professional else professional
            services.shift_create(
                actor=coordinator,
                district=district,
                user=backup,
                kind=ShiftKind.BACKUP,
                starts_at=begin,
                ends_at=until,
                mobile=MOBILES[Role.PROFESSIONAL if backup == professional else Role.COORDINATOR],
            )
            result.shifts += 1
    if stdout is not None:
        stdout.write(f"Bereikbaarheid: {result.shifts} diensten (shifts) in {district.name}")
    return result
