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
    Activity,
    Attendance,
    Session,
    SignalStatus,
    SignalStep,
    SignUp,
)
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.directory.models import Location, Service
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Consent, ConsentCategory, ConsentPurpose, Person


def agenda(
    *,
    neighbourhood: Any = None,
    days: int = 28,
    now: datetime.datetime | None = None,
    kind: str = "",
    week: datetime.date | None = None,
) -> QuerySet[Session]:
    """Coming sessions of active (published) activities, cancelled ones too (marked as
    such), each with ``taken``: the number of places given out.

    `week` (a Monday) narrows the list to that week; `kind` to one kind of activity.
    """
    now = now or timezone.now()
    sessions = Session.objects.filter(
        activity__is_active=True,
        ends_at__gte=now,
        starts_at__lte=now + datetime.timedelta(days=days),
    ).select_related("activity__neighbourhood", "activity__location")
    if neighbourhood is not None:
        sessions = sessions.filter(activity__neighbourhood=neighbourhood)
    if kind:
        sessions = sessions.filter(activity__kind=kind)
    if week is not None:
        start = timezone.make_aware(datetime.datetime.combine(week, datetime.time()))
        sessions = sessions.filter(
            starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=7)
        )
    return sessions.annotate(
        taken=Count("signups", filter=Q(signups__place__isnull=False))
    ).order_by("starts_at", "pk")


def agenda_weeks(*, weeks: int, now: datetime.datetime | None = None) -> list[datetime.date]:
    """The Mondays of this week and the coming ones, for the week filter."""
    today = timezone.localdate(now or timezone.now())
    monday = today - datetime.timedelta(days=today.weekday())
    return [monday + datetime.timedelta(weeks=n) for n in range(weeks)]


def my_sessions(
    *, person: Person, days: int = 35, now: datetime.datetime | None = None
) -> list[dict[str, Any]]:
    """The coming sessions of the activities a person came to in the last months or
    signed up for, with their sign-up and whether they said they would not come.
    For the person's own page only (the caller passes their own profile)."""
    now = now or timezone.now()
    recent = now - datetime.timedelta(days=120)
    activity_ids = set(
        Attendance.objects.filter(person=person, session__starts_at__gte=recent).values_list(
            "session__activity_id", flat=True
        )
    ) | set(
        SignUp.objects.filter(person=person, session__ends_at__gte=now).values_list(
            "session__activity_id", flat=True
        )
    )
    sessions = list(
        Session.objects.filter(
            activity_id__in=activity_ids,
            activity__is_active=True,
            ends_at__gte=now,
            starts_at__lte=now + datetime.timedelta(days=days),
        )
        .select_related("activity__location")
        .order_by("starts_at", "pk")
    )
    ids = [s.pk for s in sessions]
    signups = {s.session_id: s for s in SignUp.objects.filter(person=person, session_id__in=ids)}
    notices = {
        n.session_id: n for n in AbsenceNotice.objects.filter(person=person, session_id__in=ids)
    }
    return [
        {"session": s, "signup": signups.get(s.pk), "absence": notices.get(s.pk)} for s in sessions
    ]


def session_signups(*, user: Any, session: Session) -> tuple[list[SignUp], list[SignUp]]:
    """Who has a place and who waits (in order). For the activity's hosts and staff;
    the names tell who is coming, so the view is audit-logged."""
    permissions.require(user, "activities.sign_up_others", session.activity)
    rows = list(
        SignUp.objects.filter(session=session)
        .select_related("person", "signed_up_by")
        .order_by("created_at", "pk")
    )
    for row in rows:
        audit_record(
            actor=user,
            subject=row.person,
            category=ConsentCategory.ATTENDANCE,
            purpose=ConsentPurpose.ACTIVITIES,
            detail=f"sign-ups of session {session.pk}",
        )
    return [r for r in rows if r.place is not None], [r for r in rows if r.place is None]


def activities_managed_by(user: Any) -> QuerySet[Activity]:
    """Activities in the neighbourhoods where the user is staff (for the edit links)."""
    areas = neighbourhoods_for_roles(user, STAFF_ROLES)
    return Activity.objects.filter(neighbourhood__in=areas).select_related("neighbourhood")


def check_in_list(*, user: Any, session: Session) -> list[dict[str, Any]]:
    """The people a host can tap: those who agreed to be registered by name and came to
    this activity before (or are checked in now), with whether they are here today; and
    everyone signed up for this session (with a place or waiting). Someone signed up who
    did not agree to be registered by name is listed, but counted without a name."""
    permissions.require(user, "activities.check_in", session.activity)
    today = timezone.localdate(session.starts_at)
    consented = Consent.objects.in_force(today).filter(
        person=OuterRef("pk"), category=ConsentCategory.ATTENDANCE
    )
    signed_up = {
        s.person_id: s for s in SignUp.objects.filter(session=session).order_by("created_at")
    }
    people = (
        Person.objects.filter(
            (Q(attendances__session__activity=session.activity) & Q(Exists(consented)))
            | Q(pk__in=list(signed_up)),
            erased_at__isnull=True,
        )
        .annotate(
            times=Count("attendances", filter=Q(attendances__session__activity=session.activity)),
            may_name=Exists(consented),
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
            "signup": signed_up.get(p.pk),
            "may_name": getattr(p, "may_name", False),
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


def activity_form_choices(user: Any) -> dict[str, Any]:
    """What staff may pick in the activity form: their neighbourhoods, the social map's
    places and entries in those municipalities, and people with an account there (hosts)."""
    areas = neighbourhoods_for_roles(user, STAFF_ROLES)
    municipalities = areas.values("district__municipality_id")
    locations = Location.objects.filter(
        Q(neighbourhood__in=areas) | Q(organization__municipality_id__in=municipalities)
    ).order_by("name", "pk")
    services = (
        Service.objects.published()
        .filter(Q(neighbourhood__in=areas) | Q(municipality_id__in=municipalities))
        .order_by("name", "pk")
    )
    hosts = (
        Person.objects.active()
        .filter(user__isnull=False, neighbourhood__in=areas)
        .order_by("first_name", "last_name", "pk")
    )
    return {
        "neighbourhoods": areas.order_by("name"),
        "locations": locations,
        "services": services,
        "hosts": hosts,
    }


def neighbourhoods_with_activities() -> QuerySet[Neighbourhood]:
    """Neighbourhoods with at least one published activity, for the agenda's links."""
    return Neighbourhood.objects.filter(
        Exists(Activity.objects.filter(neighbourhood=OuterRef("pk"), is_active=True))
    ).order_by("name")
