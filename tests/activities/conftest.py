"""An eating café every Tuesday, people with consent, and a signal plan."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from tests.conftest import make_user
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.activities import services
from omzien.activities.models import (
    Activity,
    ActivityKind,
    ActivityRole,
    ActivityRoleKind,
    Admission,
    Attendance,
    Session,
    SignalContactRole,
)
from omzien.people.models import Consent, ConsentCategory, ConsentMethod, Person

AMS = ZoneInfo("Europe/Amsterdam")
#: The first Tuesday of the eating café; weekly sessions follow.
FIRST = datetime.datetime(2026, 9, 1, 12, 0, tzinfo=AMS)


def week(n: int) -> datetime.datetime:
    return FIRST + datetime.timedelta(weeks=n)


def consent_attendance(person: Person, **extra: Any) -> Consent:
    return Consent.objects.create(
        person=person,
        category=ConsentCategory.ATTENDANCE,
        purpose="activities",
        grantee_role=Role.VOLUNTEER,
        method=ConsentMethod.SPOKEN,
        valid_from=datetime.date(2026, 1, 1),
        given_on=datetime.date(2026, 1, 1),
        **extra,
    )


@dataclass
class Cafe:
    activity: Activity
    sessions: list[Session]  # weeks 0..11
    host: Any  # a user with a Person who hosts
    buddy: Any
    key_figure: Any
    professional: Any
    regular: Person  # consented, has a plan (buddy, key figure, professional)


def attend(person: Person, *weeks: int, cafe: Cafe) -> None:
    for n in weeks:
        Attendance.objects.create(session=cafe.sessions[n], person=person)


@pytest.fixture
def cafe(areas: Any, time_machine: Any) -> Cafe:
    time_machine.move_to(FIRST - datetime.timedelta(days=7), tick=False)
    coordinator = make_user(Role.COORDINATOR, areas.municipality, display_name="Cato")
    activity = services.activity_save(
        user=coordinator,
        activity=Activity(
            name="Eetcafé De Linde",
            kind=ActivityKind.MEAL,
            neighbourhood=areas.neighbourhood,
            starts_at=FIRST,
            duration=datetime.timedelta(hours=2),
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
        ),
    )
    host = make_user(Role.VOLUNTEER, areas.neighbourhood, display_name="Hanna Host")
    host_person = PersonFactory(neighbourhood=areas.neighbourhood, user=host, first_name="Hanna")
    ActivityRole.objects.create(activity=activity, person=host_person, role=ActivityRoleKind.HOST)
    buddy = make_user(Role.VOLUNTEER, areas.neighbourhood, display_name="Bas Buddy")
    key_figure = make_user(Role.VOLUNTEER, areas.neighbourhood, display_name="Kees Sleutel")
    professional = make_user(Role.PROFESSIONAL, areas.district, display_name="Pim Pro")
    regular = PersonFactory(neighbourhood=areas.neighbourhood, first_name="Ria")
    consent_attendance(regular)
    services.signal_plan_save(
        actor=professional,
        person=regular,
        contacts=[
            (buddy, SignalContactRole.BUDDY, 24),
            (key_figure, SignalContactRole.KEY_FIGURE, 24),
            (professional, SignalContactRole.PROFESSIONAL, 48),
        ],
        method=ConsentMethod.SPOKEN,
    )
    services.sessions_generate(activity=activity, until=week(11))
    sessions = list(activity.sessions.order_by("starts_at"))
    assert len(sessions) == 12
    return Cafe(activity, sessions, host, buddy, key_figure, professional, regular)


@dataclass
class Walk:
    """A sign-up walking group with two places, on Thursdays."""

    activity: Activity
    sessions: list[Session]
    coordinator: Any
    host: Any


@pytest.fixture
def walk(areas: Any, time_machine: Any) -> Walk:
    time_machine.move_to(FIRST - datetime.timedelta(days=7), tick=False)
    coordinator = make_user(Role.COORDINATOR, areas.municipality, display_name="Cato")
    host = make_user(Role.VOLUNTEER, areas.neighbourhood, display_name="Wim Wandel")
    host_person = PersonFactory(neighbourhood=areas.neighbourhood, user=host, first_name="Wim")
    activity = services.activity_save(
        user=coordinator,
        activity=Activity(
            name="Wandelgroep Bloemhof",
            kind=ActivityKind.WALKING,
            neighbourhood=areas.neighbourhood,
            starts_at=FIRST + datetime.timedelta(days=2),
            duration=datetime.timedelta(hours=1),
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=TH",
            admission=Admission.SIGN_UP,
            capacity=2,
        ),
        hosts=[host_person],
    )
    return Walk(activity, list(activity.sessions.order_by("starts_at")), coordinator, host)


def resident_named(areas: Any, first_name: str) -> Person:
    from tests.factories import PASSWORD

    from omzien.people.services import person_signup

    return person_signup(
        email=f"{first_name.lower()}@example.org",
        password=PASSWORD,
        first_name=first_name,
        neighbourhood=areas.neighbourhood,
    )
