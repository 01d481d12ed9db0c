"""Reads for the on-call rota: who may work with it, who is on call, where the gaps are."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from omzien.accounts.models import STAFF_ROLES, Role, User
from omzien.accounts.selectors import user_grants
from omzien.core import worktime
from omzien.core.audit import audit_record
from omzien.core.permissions import require
from omzien.neighbourhoods.models import District, Neighbourhood
from omzien.oncall.models import Shift, ShiftKind

#: Audit category for every view of on-call phone numbers and team contacts.
AUDIT_CATEGORY = "oncall_contacts"


def gap_days() -> int:
    return int(getattr(settings, "OMZIEN_ONCALL_GAP_DAYS", 14))


def cover_round_the_clock() -> bool:
    """True: the rota must cover office hours too (24/7); False: only outside them."""
    return bool(getattr(settings, "OMZIEN_ONCALL_ALWAYS", False))


def district_of(area: District | Neighbourhood) -> District:
    return area if isinstance(area, District) else area.district


# --- who works where ------------------------------------------------------------------------


def user_works_in_district(
    user: Any, roles: Iterable[str], district: District, *, whole: bool = False
) -> bool:
    """True when the user holds one of `roles` for the district or its municipality, or
    (unless `whole`) for one of the district's neighbourhoods."""
    wanted = set(roles)
    neighbourhood_ids = []
    for grant in user_grants(user):
        if grant.role not in wanted:
            continue
        if grant.municipality_id is not None and grant.municipality_id == district.municipality_id:
            return True
        if grant.district_id is not None and grant.district_id == district.pk:
            return True
        if grant.neighbourhood_id is not None:
            neighbourhood_ids.append(grant.neighbourhood_id)
    if whole or not neighbourhood_ids:
        return False
    return Neighbourhood.objects.filter(pk__in=neighbourhood_ids, district=district).exists()


def _role_in_district(roles: Iterable[str], district: District, *, whole: bool) -> Q:
    condition = Q(roles__municipality_id=district.municipality_id) | Q(roles__district=district)
    if not whole:
        condition |= Q(roles__neighbourhood__district=district)
    return Q(roles__role__in=list(roles)) & condition


def professionals_of(district: District) -> QuerySet[User]:
    """Who may be put on the rota: professionals and coordinators working in the district."""
    return (
        User.objects.filter(_role_in_district(STAFF_ROLES, district, whole=False), is_active=True)
        .distinct()
        .order_by("display_name", "email")
    )


def coordinators_of(district: District) -> QuerySet[User]:
    """Who gets the gap warnings: coordinators of the whole district."""
    return (
        User.objects.filter(
            _role_in_district({Role.COORDINATOR}, district, whole=True), is_active=True
        )
        .distinct()
        .order_by("display_name", "email")
    )


def team_of(district: District) -> list[User]:
    """The district's team during office hours: staff with a role on the district or one of
    its neighbourhoods; when there is none, the municipality's staff."""
    local = list(
        User.objects.filter(
            Q(roles__role__in=list(STAFF_ROLES))
            & (Q(roles__district=district) | Q(roles__neighbourhood__district=district)),
            is_active=True,
        )
        .distinct()
        .order_by("display_name", "email")
    )
    return local or list(professionals_of(district))


def districts_for(user: Any) -> QuerySet[District]:
    """The districts whose rota the user may see."""
    condition = Q(pk__in=[])
    for grant in user_grants(user):
        if grant.role not in STAFF_ROLES:
            continue
        if grant.municipality_id is not None:
            condition |= Q(municipality_id=grant.municipality_id)
        elif grant.district_id is not None:
            condition |= Q(pk=grant.district_id)
        else:
            condition |= Q(neighbourhoods__pk=grant.neighbourhood_id)
    return District.objects.filter(condition).distinct().select_related("municipality")


# --- the rota -------------------------------------------------------------------------------


def shifts_between(
    district: District, start: datetime.datetime, end: datetime.datetime
) -> QuerySet[Shift]:
    return (
        Shift.objects.filter(district=district)
        .overlapping(start, end)
        .select_related("user")
        .order_by("starts_at", "kind", "id")
    )


@dataclass(frozen=True)
class OnCall:
    primary: Shift | None
    backup: Shift | None


def on_call_at(area: District | Neighbourhood, when: datetime.datetime) -> OnCall:
    """Who is on call for the area (a district, or a neighbourhood: its district) at `when`.

    For routing, not for display: it writes no audit entry. Show numbers through
    `reachable_now`, which does."""
    district = district_of(area)
    shifts = list(
        Shift.objects.filter(district=district, starts_at__lte=when, ends_at__gt=when)
        .select_related("user")
        .order_by("starts_at")
    )
    return OnCall(
        primary=next((s for s in shifts if s.kind == ShiftKind.PRIMARY), None),
        backup=next((s for s in shifts if s.kind == ShiftKind.BACKUP), None),
    )


# --- gaps -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    starts_at: datetime.datetime
    ends_at: datetime.datetime

    @property
    def duration(self) -> datetime.timedelta:
        return self.ends_at - self.starts_at


Period = tuple[datetime.datetime, datetime.datetime]


def periods_to_cover(start: datetime.datetime, end: datetime.datetime) -> list[Period]:
    """The parts of [start, end) the rota must cover: all of it (24/7), or the parts
    outside office hours."""
    if start >= end:
        return []
    if cover_round_the_clock():
        return [(start, end)]
    periods: list[Period] = []
    cursor = start
    while cursor < end:
        closes = worktime.office_closes_at(cursor)
        if closes is not None:
            cursor = closes
            continue
        until = min(worktime.next_office_opening(cursor), end)
        periods.append((cursor, until))
        cursor = until
    return periods


def _subtract(period: Period, covered: Sequence[Period]) -> list[Period]:
    start, end = period
    left: list[Period] = []
    for cover_start, cover_end in covered:
        if cover_end <= start:
            continue
        if cover_start >= end:
            break
        if cover_start > start:
            left.append((start, cover_start))
        start = max(start, cover_end)
        if start >= end:
            break
    if start < end:
        left.append((start, end))
    return left


def coverage_gaps(
    district: District,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> list[Gap]:
    """Periods in [start, end) (default: now and the coming two weeks) that need cover and
    have nobody on call. A back-up alone does not fill a gap."""
    start = start or timezone.now()
    end = end or start + datetime.timedelta(days=gap_days())
    covered = sorted(
        Shift.objects.filter(district=district, kind=ShiftKind.PRIMARY)
        .overlapping(start, end)
        .values_list("starts_at", "ends_at")
    )
    gaps: list[Gap] = []
    for period in periods_to_cover(start, end):
        gaps.extend(Gap(s, e) for s, e in _subtract(period, covered))
    return gaps


def gaps_fingerprint(gaps: Sequence[Gap]) -> str:
    text = ";".join(f"{g.starts_at.isoformat()}/{g.ends_at.isoformat()}" for g in gaps)
    return hashlib.sha256(text.encode()).hexdigest()


# --- who is reachable now -------------------------------------------------------------------


@dataclass
class Reachable:
    district: District
    at: datetime.datetime
    office_open: bool
    on_call: OnCall
    team: list[User] = field(default_factory=list)
    next_opening: datetime.datetime | None = None


def reachable_now(
    *, viewer: Any, district: District, when: datetime.datetime | None = None
) -> Reachable:
    """Who staff of the district can reach at `when`: the team during office hours, the
    person on call (with their mobile number) outside them. Logged, since it shows numbers."""
    require(viewer, "oncall.view", district)
    when = when or timezone.now()
    office_open = worktime.is_office_hours(when)
    result = Reachable(
        district=district,
        at=when,
        office_open=office_open,
        on_call=on_call_at(district, when),
        next_opening=None if office_open else worktime.next_office_opening(when),
    )
    if office_open:
        result.team = team_of(district)
    shown = [s for s in (result.on_call.primary, result.on_call.backup) if s is not None]
    for shift in shown:
        audit_record(actor=viewer, subject=shift, category=AUDIT_CATEGORY, purpose="reachable_now")
    if not shown:
        audit_record(
            actor=viewer, subject=district, category=AUDIT_CATEGORY, purpose="reachable_now"
        )
    return result


def rota_for(*, viewer: Any, district: District, now: datetime.datetime | None = None) -> Any:
    """The shifts of the coming two weeks (and the ones running now), logged for the viewer
    since the page shows mobile numbers."""
    require(viewer, "oncall.view", district)
    now = now or timezone.now()
    shifts = list(shifts_between(district, now, now + datetime.timedelta(days=gap_days())))
    audit_record(
        actor=viewer,
        subject=district,
        category=AUDIT_CATEGORY,
        purpose="rota",
        detail=f"{len(shifts)} shifts",
    )
    return shifts
