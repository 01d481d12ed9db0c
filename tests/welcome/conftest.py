"""A lunch every Tuesday with a host and a welcomer; a newcomer, and someone who refers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from tests.conftest import make_user
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.activities import services as activity_services
from omzien.activities.models import (
    Activity,
    ActivityKind,
    ActivityRole,
    ActivityRoleKind,
    Session,
)
from omzien.people.models import Consent, ConsentCategory, ConsentMethod, Person

AMS = ZoneInfo("Europe/Amsterdam")
#: The first Tuesday of the lunch; weekly sessions follow.
FIRST = datetime.datetime(2026, 9, 1, 12, 0, tzinfo=AMS)
#: "Now" in most tests: the Monday before the first lunch.
BEFORE = FIRST - datetime.timedelta(days=1)
OWN_WORDS = "Ik ben een beetje verlegen; ik kom met mijn buurvrouw."


def consent_attendance(person: Person) -> Consent:
    return Consent.objects.create(
        person=person,
        category=ConsentCategory.ATTENDANCE,
        purpose="activities",
        grantee_role=Role.VOLUNTEER,
        method=ConsentMethod.SPOKEN,
        valid_from=datetime.date(2026, 1, 1),
        given_on=datetime.date(2026, 1, 1),
    )


@dataclass
class Lunch:
    activity: Activity
    sessions: list[Session]  # weeks 0..5
    coordinator: Any
    host: Any  # a user; their Person hosts
    host_person: Person
    welcomer: Any
    welcomer_person: Person
    newcomer: Person  # registered without a login, no attendance consent


def _person_user(areas: Any, name: str, **kwargs: Any) -> tuple[Any, Person]:
    user = make_user(Role.VOLUNTEER, areas.neighbourhood, display_name=name)
    person = PersonFactory(
        neighbourhood=areas.neighbourhood, user=user, first_name=name.split()[0], **kwargs
    )
    return user, person


@pytest.fixture
def lunch(areas: Any, time_machine: Any) -> Lunch:
    time_machine.move_to(BEFORE, tick=False)
    coordinator = make_user(Role.COORDINATOR, areas.municipality, display_name="Cato")
    activity = activity_services.activity_save(
        user=coordinator,
        activity=Activity(
            name="Open lunch De Linde",
            kind=ActivityKind.LUNCH,
            neighbourhood=areas.neighbourhood,
            starts_at=FIRST,
            duration=datetime.timedelta(hours=2),
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
        ),
    )
    activity_services.sessions_generate(
        activity=activity, until=FIRST + datetime.timedelta(weeks=5)
    )
    host, host_person = _person_user(areas, "Hanna Host")
    ActivityRole.objects.create(activity=activity, person=host_person, role=ActivityRoleKind.HOST)
    welcomer, welcomer_person = _person_user(areas, "Wim Welkom")
    ActivityRole.objects.create(
        activity=activity, person=welcomer_person, role=ActivityRoleKind.WELCOMER
    )
    newcomer = PersonFactory(neighbourhood=areas.neighbourhood, first_name="Noor")
    sessions = list(activity.sessions.order_by("starts_at"))
    return Lunch(
        activity, sessions, coordinator, host, host_person, welcomer, welcomer_person, newcomer
    )


@pytest.fixture
def other_host(areas: Any, lunch: Lunch) -> Any:
    """The host of another activity in the same neighbourhood."""
    other = activity_services.activity_save(
        user=lunch.coordinator,
        activity=Activity(
            name="Wandelgroep",
            kind=ActivityKind.WALKING,
            neighbourhood=areas.neighbourhood,
            starts_at=FIRST,
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=WE",
        ),
    )
    user, person = _person_user(areas, "Olaf Anders")
    ActivityRole.objects.create(activity=other, person=person, role=ActivityRoleKind.HOST)
    return user
