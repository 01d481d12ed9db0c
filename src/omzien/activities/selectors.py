"""Reads for activities: the agenda, the check-in list and the signals someone may see."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from omzien.accounts.models import STAFF_ROLES
from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.activities.models import (
    AbsenceNotice,
    AbsenceSignal,
    Attendance,
    Session,
    SignalStatus,
    SignalStep,
)
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.people.models import Consent, ConsentCategory, ConsentPurpose, Person


def agenda(
    *, neighbourhood: Any = None, days: int = 28, now: datetime.datetime | None = None
) -> QuerySet[Session]:
    """Coming sessions of active activities (cancelled ones too, marked as such)."""
    now = now or timezone.now()
    sessions = Session.objects.filter(
        activity__is_active=True,
        ends_at__gte=now,
        starts_at__lte=now + datetime.timedelta(days=days),
    ).select_related("activity__neighbourhood", "activity__location")
    if neighbourhood is not None:
        sessions = sessions.filter(activity__neighbourhood=neighbourhood)
    return sessions.order_by("starts_at", "pk")


def check_in_list(*, user: Any, session: Session) -> list[dict[str, Any]]:
    """The people a host can tap: those who agreed to be registered by name and came to
    this activity before (or are checked in now), with whether they are here today."""
    permissions.require(user, "activities.check_in", session.activity)
    today = timezone.localdate(session.starts_at)
    consented = Consent.objects.in_force(today).filter(
        person=OuterRef("pk"), category=ConsentCategory.ATTENDANCE
    )
    people = (
        Person.objects.filter(
            Q(attendances__session__activity=session.activity), erased_at__isnull=True
        )
        .filter(Exists(consented))
        .annotate(
            times=Count("attendances", filter=Q(attendances__session__activity=session.activity))
        )
        .order_by("first_name", "last_name", "pk")
        .distinct()
    )
    here = dict(
        Attendance.objects.filter(session=session).values_list("person_id", "with_trusted_person")
    )
    away = set(AbsenceNotice.objects.filter(session=session).values_list("person_id", flat=True))
    return [
        {
            "person": p,
            "times": getattr(p, "times", 0),
            "here": p.pk in here,
            "with_trusted_person": here.get(p.pk, False),
            "announced_absence": p.pk in away,
        }
        for p in people
    ]


def signals_for(user: Any) -> QuerySet[AbsenceSignal]:
    """Signals whose current task is the user's, and (for staff) every signal in their
    neighbourhoods. Names only: the detail page shows more and writes the audit entry."""
    mine = SignalStep.objects.filter(signal=OuterRef("pk"), user=user)
    areas = neighbourhoods_for_roles(user, STAFF_ROLES)
    return (
        AbsenceSignal.objects.filter(Q(Exists(mine)) | Q(person__neighbourhood__in=areas))
        .select_related("person", "activity", "last_seen")
        .order_by("status", "due_at", "-created_at")
    )


def open_signal_count(user: Any) -> int:
    return signals_for(user).filter(status=SignalStatus.OPEN).count()


def signal_detail(*, user: Any, signal: AbsenceSignal) -> AbsenceSignal:
    """The signal with its history; viewing it is audit-logged (it tells who stopped coming)."""
    permissions.require(user, "activities.answer_signal", signal)
    audit_record(
        actor=user,
        subject=signal.person,
        category=ConsentCategory.ATTENDANCE,
        purpose=ConsentPurpose.STAYING_IN_VIEW,
        detail=f"signal {signal.pk}",
    )
    return signal
