"""Demo activities in Lindehof and Kersenbuurt: three months of attendance, and a regular
who stopped coming, so the absence signal shows in the demo. Safe to run again."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from omzien.accounts.models import Role, User
from omzien.activities import services
from omzien.activities.models import (
    Activity,
    ActivityKind,
    Admission,
    Attendance,
    Session,
    SessionStatus,
    SignalContactRole,
    SignalPlan,
)
from omzien.directory.models import Publication, Service
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import (
    Consent,
    ConsentCategory,
    ConsentMethod,
    ConsentPurpose,
    Person,
)
from omzien.people.services import consent_grant

WEEKS_OF_HISTORY = 13
#: Every resident of the demo has the same pseudo-random history on every machine.
SEED = 20261124


@dataclass(frozen=True)
class _Spec:
    name: str
    kind: str
    neighbourhood: str
    weekday: int  # Monday = 0
    hour: int
    minute: int
    byday: str
    service_name: str
    description: str
    admission: str = Admission.WALK_IN
    capacity: int | None = None


SPECS = [
    _Spec(
        "Eetcafé De Linde",
        ActivityKind.MEAL,
        "BU99010101",
        1,
        17,
        30,
        "TU",
        "Buurtmaaltijd aan de Linde",
        "Elke dinsdag samen eten in het buurthuis. Een maaltijd kost 4 euro.",
    ),
    _Spec(
        "Koffieochtend Lindehof",
        ActivityKind.LUNCH,
        "BU99010101",
        3,
        10,
        0,
        "TH",
        "Buurthuis De Linde",
        "Koffie, thee en een praatje. Je hoeft niets te doen.",
    ),
    _Spec(
        "Computercafé Kersenbuurt",
        ActivityKind.COMPUTER,
        "BU99010102",
        2,
        14,
        0,
        "WE",
        "Buurtkamer De Bloesem",
        "Hulp bij je telefoon, DigiD en e-mail. Neem je eigen apparaat mee.",
        Admission.SIGN_UP,
        6,
    ),
]


@dataclass
class ActivitiesDemoResult:
    activities: int = 0
    sessions: int = 0
    attendances: int = 0
    signals: int = 0
    signups: int = 0


def _first_session(spec: _Spec, today: datetime.date) -> datetime.datetime:
    start = today - datetime.timedelta(weeks=WEEKS_OF_HISTORY)
    start += datetime.timedelta(days=(spec.weekday - start.weekday()) % 7)
    naive = datetime.datetime.combine(start, datetime.time(spec.hour, spec.minute))
    return timezone.make_aware(naive)


def _user(role: str) -> User:
    user = User.objects.filter(roles__role=role, email__startswith="demo-").first()
    if user is None:
        raise RuntimeError("The demo accounts are missing: run omzien.people.demo.build_demo().")
    return user


def _consented(neighbourhood: Neighbourhood) -> list[Person]:
    ids = (
        Consent.objects.in_force()
        .filter(category=ConsentCategory.ATTENDANCE, person__neighbourhood=neighbourhood)
        .values("person_id")
    )
    return list(
        Person.objects.filter(pk__in=ids, erased_at__isnull=True, user__isnull=True).order_by("pk")
    )


@transaction.atomic
def build_activities_demo(*, stdout: Any = None) -> ActivitiesDemoResult:
    result = ActivitiesDemoResult()
    coordinator = _user(Role.COORDINATOR)
    professional = _user(Role.PROFESSIONAL)
    volunteer = _user(Role.VOLUNTEER)
    today = timezone.localdate()
    now = timezone.now()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    stopped: Person | None = None
    for spec in SPECS:
        neighbourhood = Neighbourhood.objects.get(code=spec.neighbourhood)
        activity = Activity.objects.filter(name=spec.name, neighbourhood=neighbourhood).first()
        if activity is not None:
            continue  # already there: never add a second history
        service = Service.objects.filter(
            name=spec.service_name, publication=Publication.PUBLISHED
        ).first()
        location = None
        if service is not None:
            place = service.service_at_locations.select_related("location").first()
            location = place.location if place else None
        activity = services.activity_save(
            user=coordinator,
            activity=Activity(
                name=spec.name,
                kind=spec.kind,
                description=spec.description,
                neighbourhood=neighbourhood,
                service=service,
                location=location,
                starts_at=_first_session(spec, today),
                duration=datetime.timedelta(hours=2),
                recurrence=f"RRULE:FREQ=WEEKLY;BYDAY={spec.byday}",
                admission=spec.admission,
                capacity=spec.capacity,
            ),
        )
        result.activities += 1
        past = list(activity.sessions.filter(ends_at__lte=now).order_by("starts_at"))
        result.sessions += activity.sessions.count()
        if len(past) > 4:
            services.session_cancel(user=coordinator, session=past[4], note="Vakantie")
        people = _consented(neighbourhood)
        regulars, occasional = people[:8], people[8:14]
        rows = []
        for index, session in enumerate(past):
            if session.is_cancelled or index == 4:
                continue
            for position, person in enumerate(regulars):
                # The first regular of the first activity stopped coming three weeks ago.
                gone = position == 0 and stopped is None and index >= len(past) - 3
                if not gone and rng.random() < 0.85:
                    rows.append(Attendance(session=session, person=person, recorded_by=volunteer))
            for person in occasional:
                if rng.random() < 0.25:
                    rows.append(Attendance(session=session, person=person, recorded_by=volunteer))
            Session.objects.filter(pk=session.pk).update(head_count=rng.randint(2, 6))
        Attendance.objects.bulk_create(rows, ignore_conflicts=True)
        result.attendances += len(rows)
        if spec.admission == Admission.SIGN_UP and spec.capacity:
            # The next session is full, with one person on the waiting list.
            coming = activity.sessions.filter(starts_at__gt=now).order_by("starts_at").first()
            if coming is not None:
                for person in people[: spec.capacity + 1]:
                    services.signup_create(user=coordinator, session=coming, person=person)
                    result.signups += 1
        if stopped is None and regulars:
            stopped = regulars[0]
            # She was there for the weeks before: make sure the rule sees a regular.
            for session in past[-8:-3]:
                if not session.is_cancelled:
                    Attendance.objects.get_or_create(
                        session=session, person=stopped, defaults={"recorded_by": volunteer}
                    )
    if stopped is not None and not SignalPlan.objects.filter(person=stopped).exists():
        services.signal_plan_save(
            actor=professional,
            person=stopped,
            contacts=[
                (volunteer, SignalContactRole.BUDDY, 48),
                (professional, SignalContactRole.PROFESSIONAL, 48),
            ],
            method=ConsentMethod.SPOKEN,
        )
    _demo_resident_attends(volunteer, now)
    result.signals = services.absence_scan(notify=False).created
    if stdout is not None:
        stdout.write(
            f"Activiteiten: {result.activities} nieuw, {result.attendances} keer aanwezig, "
            f"{result.signals} signaal.\n"
        )
    return result


def _demo_resident_attends(volunteer: User, now: datetime.datetime) -> None:
    """The demo resident comes to the first activity, so her own pages have something to show.

    She agreed that hosts write her name down; without that she would only be counted.
    """
    person = Person.objects.filter(user__email="demo-resident@omzien.invalid").first()
    activity = Activity.objects.filter(name=SPECS[0].name).first()
    if person is None or activity is None or person.neighbourhood_id != activity.neighbourhood_id:
        return
    consents = Consent.objects.in_force().filter(person=person, category=ConsentCategory.ATTENDANCE)
    if not consents.exists():
        consent_grant(
            actor=person.user,
            person=person,
            category=ConsentCategory.ATTENDANCE,
            purpose=ConsentPurpose.ACTIVITIES,
            grantee_role=Role.VOLUNTEER,
        )
    past = activity.sessions.filter(ends_at__lte=now, status=SessionStatus.PLANNED)
    for session in past.order_by("-starts_at")[:6]:
        Attendance.objects.get_or_create(
            session=session, person=person, defaults={"recorded_by": volunteer}
        )
