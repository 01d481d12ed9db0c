"""A forming circle in Bloemhof with a coach, a volunteer and residents to add."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest
from tests.conftest import make_user
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.circles import services
from omzien.circles.models import Circle
from omzien.people.models import Consent, ConsentCategory, ConsentMethod, Person

#: The clock in these tests: a Monday morning.
TODAY = datetime.date(2026, 10, 5)


def consent_attendance(person: Person) -> Consent:
    """The same consent activities use for named attendance."""
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
class Setup:
    circle: Circle
    coach: Any
    volunteer: Any
    coordinator: Any
    residents: list[Person] = field(default_factory=list)


def add_members(setup: Setup, people: list[Person]) -> None:
    for person in people:
        services.membership_add(
            user=setup.coach, circle=setup.circle, person=person, agreed_how=ConsentMethod.SPOKEN
        )


@pytest.fixture
def setup(areas: Any, time_machine: Any) -> Setup:
    time_machine.move_to(datetime.datetime(2026, 10, 5, 9, 0, tzinfo=datetime.UTC), tick=False)
    coach = make_user(Role.PROFESSIONAL, areas.district, display_name="Carla Coach")
    volunteer = make_user(Role.VOLUNTEER, areas.neighbourhood, display_name="Vera Vrijwilliger")
    coordinator = make_user(Role.COORDINATOR, areas.municipality, display_name="Cato Coördinator")
    circle = services.circle_save(
        user=coach,
        circle=Circle(
            name="Buurtcirkel Bloemhof",
            neighbourhood=areas.neighbourhood,
            goal="Elkaar leren kennen en samen dingen doen.",
            coach=coach,
            volunteer=volunteer,
            starts_on=TODAY,
            planned_end_on=TODAY + datetime.timedelta(days=365),
        ),
    )
    names = ["Ans", "Karim", "Joke", "Mehmet", "Rik", "Sanne", "Fatma", "Henk", "Lies", "Tom"]
    residents = [PersonFactory(neighbourhood=areas.neighbourhood, first_name=n) for n in names]
    return Setup(circle, coach, volunteer, coordinator, residents)
