"""Small builders for tie data: activities and sessions, circles, matches, consent."""

from __future__ import annotations

import datetime
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from tests.conftest import make_user
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.activities.models import Activity, Attendance, Session
from omzien.circles.models import Circle, Meeting, MeetingAttendance, Membership
from omzien.matching.models import Kind, Listing, Match, MatchState, Topic
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Consent, ConsentCategory, ConsentMethod, Person
from omzien.support.models import EarlyWarningPlan

AMS = ZoneInfo("Europe/Amsterdam")
#: "Today" in these tests; the period is the third quarter of 2026.
TODAY = datetime.datetime(2026, 10, 15, 10, 0, tzinfo=AMS)
START = datetime.date(2026, 7, 1)
END = datetime.date(2026, 9, 30)
IN_PERIOD = datetime.datetime(2026, 8, 4, 14, 0, tzinfo=AMS)

_counter = itertools.count()


@pytest.fixture
def today(time_machine: Any) -> datetime.datetime:
    time_machine.move_to(TODAY, tick=False)
    return TODAY


def consent(person: Person, *, purpose: str = "activities", **extra: Any) -> Consent:
    return Consent.objects.create(
        person=person,
        category=ConsentCategory.ATTENDANCE,
        purpose=purpose,
        grantee_role=Role.VOLUNTEER,
        method=ConsentMethod.SPOKEN,
        valid_from=datetime.date(2026, 1, 1),
        given_on=datetime.date(2026, 1, 1),
        **extra,
    )


def residents(neighbourhood: Neighbourhood, count: int, *, consented: bool = True) -> list[Person]:
    people = [PersonFactory(neighbourhood=neighbourhood) for _i in range(count)]
    if consented:
        for person in people:
            consent(person)
    return people


def extra_support(*people: Person) -> None:
    for person in people:
        EarlyWarningPlan.objects.create(person=person)


def activity(neighbourhood: Neighbourhood, name: str = "Koffie") -> Activity:
    return Activity.objects.create(name=name, neighbourhood=neighbourhood, starts_at=IN_PERIOD)


def session(act: Activity, when: datetime.datetime = IN_PERIOD, **extra: Any) -> Session:
    # Each session its own occurrence (unique per activity).
    when = when + datetime.timedelta(minutes=next(_counter))
    return Session.objects.create(
        activity=act,
        occurrence=when,
        starts_at=when,
        ends_at=when + datetime.timedelta(hours=2),
        **extra,
    )


def attend(sess: Session, *people: Person) -> None:
    Attendance.objects.bulk_create(Attendance(session=sess, person=p) for p in people)


def circle(neighbourhood: Neighbourhood, *members: Person, coach: Any = None) -> Circle:
    coach = coach or make_user(None, None)
    made = Circle.objects.create(
        name="Cirkel",
        neighbourhood=neighbourhood,
        coach=coach,
        starts_on=datetime.date(2026, 6, 1),
        planned_end_on=datetime.date(2027, 6, 1),
    )
    for person in members:
        Membership.objects.create(
            circle=made,
            person=person,
            joined_on=datetime.date(2026, 6, 1),
            agreed_how=ConsentMethod.SPOKEN,
        )
    return made


def meeting(c: Circle, *people: Person, when: datetime.datetime = IN_PERIOD) -> Meeting:
    made = Meeting.objects.create(circle=c, starts_at=when, topic="Samen")
    for person in people:
        MeetingAttendance.objects.create(meeting=made, person=person)
    return made


def match(
    asker: Person,
    helper: Person,
    *,
    topic: str = Topic.HELP,
    state: str = MatchState.ACCEPTED,
    accepted: datetime.datetime | None = IN_PERIOD,
) -> Match:
    request = Listing.objects.create(
        kind=Kind.REQUEST, topic=topic, owner=asker, neighbourhood=asker.neighbourhood, title="Hulp"
    )
    offer = Listing.objects.create(
        kind=Kind.OFFER,
        topic=topic,
        owner=helper,
        neighbourhood=helper.neighbourhood,
        title="Ik help",
    )
    return Match.objects.create(
        request=request,
        offer=offer,
        state=state,
        request_accepted_at=accepted,
        offer_accepted_at=accepted,
    )
