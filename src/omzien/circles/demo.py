"""Demo neighbourhood circles in Lindehof: one running (9 participants, 4 meetings with
attendance, 3 agreements) and one that ended last spring with an evaluation. The demo
resident Noor takes part in the running one, so "Mijn buurtcirkel" shows. Safe to re-run:
a circle that exists is left alone."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from omzien.accounts.models import Role, User
from omzien.activities.services import may_be_named
from omzien.circles import selectors, services
from omzien.circles.models import AgreementStatus, Circle, Continuation, Meeting
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Consent, ConsentCategory, ConsentMethod, Person

NEIGHBOURHOOD = "BU99010101"
RUNNING = "Buurtcirkel Lindehof"
ENDED = "Buurtcirkel Lindehof 2025"
#: Who came to each of the four meetings (indexes into the participants), for a history
#: that looks like a real group: most come, one or two miss a meeting now and then.
CAME = [
    {0, 1, 2, 3, 4, 5, 6, 7, 8},
    {0, 1, 2, 4, 5, 6, 8},
    {0, 1, 3, 4, 5, 6, 7},
    {0, 1, 2, 3, 5, 6, 7, 8},
]
TOPICS = [
    "Kennismaken: wie ben je en wat wil je?",
    "Wat kunnen we voor elkaar doen?",
    "Samen koken",
    "Wandelen door het park en koffie",
]


@dataclass
class CirclesDemoResult:
    circles: int = 0
    participants: int = 0
    meetings: int = 0


def _user(role: str) -> User:
    user = User.objects.filter(roles__role=role, email__startswith="demo-").first()
    if user is None:
        raise RuntimeError("The demo accounts are missing: run omzien.people.demo.build_demo().")
    return user


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@transaction.atomic
def build_circles_demo(*, stdout: Any = None) -> CirclesDemoResult:
    result = CirclesDemoResult()
    coach = _user(Role.PROFESSIONAL)
    volunteer = _user(Role.VOLUNTEER)
    neighbourhood = Neighbourhood.objects.get(code=NEIGHBOURHOOD)
    residents = (
        Person.objects.active()
        .filter(neighbourhood=neighbourhood, user__isnull=True)
        .order_by("pk")
    )
    consented_ids = Consent.objects.in_force().filter(category=ConsentCategory.ATTENDANCE)
    consented = list(residents.filter(pk__in=consented_ids.values("person_id"))[:12])
    others = list(residents.exclude(pk__in=consented_ids.values("person_id"))[:8])
    noor = Person.objects.active().filter(user__email="demo-resident@omzien.invalid").first()
    today = timezone.localdate()
    if not Circle.objects.filter(name=RUNNING, neighbourhood=neighbourhood).exists():
        # Most agreed to be named when they come; two did not, and Noor neither: they
        # are counted without a name.
        people = ([noor] if noor else []) + consented[:6] + others[:2]
        _running(result, coach, volunteer, neighbourhood, people[:9], today)
    if not Circle.objects.filter(name=ENDED, neighbourhood=neighbourhood).exists():
        _ended(result, coach, volunteer, neighbourhood, (consented[6:] + others[2:])[:9], today)
    if stdout is not None:
        stdout.write(
            f"Buurtcirkels: {result.circles} nieuw, {result.participants} deelnemers, "
            f"{result.meetings} bijeenkomsten.\n"
        )
    return result


def _running(
    result: CirclesDemoResult,
    coach: User,
    volunteer: User,
    neighbourhood: Neighbourhood,
    people: list[Person],
    today: datetime.date,
) -> None:
    start = today - datetime.timedelta(weeks=9)
    circle = services.circle_save(
        user=coach,
        circle=Circle(
            name=RUNNING,
            neighbourhood=neighbourhood,
            goal=(
                "We willen elkaar leren kennen en elkaar helpen met kleine dingen. "
                "Samen eten, wandelen en boodschappen doen. Zodat we ons minder alleen voelen."
            ),
            coach=coach,
            volunteer=volunteer,
            starts_on=start,
            planned_end_on=start + datetime.timedelta(weeks=40),
        ),
    )
    for person in people:
        services.membership_add(
            user=coach,
            circle=circle,
            person=person,
            agreed_how=ConsentMethod.SPOKEN,
            joined_on=start,
        )
    services.circle_start(user=coach, circle=circle)
    # The neighbourhood centre from the social map, or else any place there.
    places = selectors.locations_for(circle)
    location = places.filter(name__icontains="buurthuis").first() or places.first()
    for n, (topic, came) in enumerate(zip(TOPICS, CAME, strict=True)):
        meeting = services.meeting_save(
            user=volunteer,
            meeting=Meeting(
                circle=circle,
                starts_at=_at(start + datetime.timedelta(weeks=1 + 2 * n), 14),
                topic=topic,
                location=location if n != 3 else None,
                place="" if location and n != 3 else "Het park aan de Lindelaan",
            ),
        )
        unnamed = 0
        for index in sorted(came):
            if index >= len(people):
                continue
            person = people[index]
            if may_be_named(person, timezone.localdate(meeting.starts_at)):
                services.meeting_attendance_record(user=volunteer, meeting=meeting, person=person)
            else:
                unnamed += 1
        if unnamed:
            services.meeting_head_count_change(user=volunteer, meeting=meeting, delta=unnamed)
        result.meetings += 1
    if len(people) >= 6:
        a, b, c, d, e, f = people[:6]
        made = start + datetime.timedelta(weeks=3)
        services.agreement_add(
            user=coach,
            circle=circle,
            people=[b, c],
            text=f"{b.first_name} en {c.first_name} doen samen boodschappen op vrijdag",
            made_on=made,
        )
        services.agreement_add(
            user=coach,
            circle=circle,
            people=[a, d],
            text=f"{a.first_name} belt {d.first_name} elke maandagochtend even op",
            made_on=made,
        )
        changed = services.agreement_add(
            user=volunteer,
            circle=circle,
            people=[e, f],
            text=f"{e.first_name} helpt {f.first_name} met de computer",
            made_on=made + datetime.timedelta(weeks=2),
        )
        services.agreement_update_status(
            user=volunteer,
            agreement=changed,
            status=AgreementStatus.CHANGED,
            note="Nu in het computercafé op woensdag, dat is makkelijker.",
        )
    result.circles += 1
    result.participants += len(people)


def _ended(
    result: CirclesDemoResult,
    coach: User,
    volunteer: User,
    neighbourhood: Neighbourhood,
    people: list[Person],
    today: datetime.date,
) -> None:
    start = today - datetime.timedelta(weeks=60)
    circle = services.circle_save(
        user=coach,
        circle=Circle(
            name=ENDED,
            neighbourhood=neighbourhood,
            goal="Samen dingen doen in de buurt, en weten bij wie je terecht kunt.",
            coach=coach,
            volunteer=volunteer,
            starts_on=start,
            planned_end_on=start + datetime.timedelta(weeks=40),
        ),
    )
    for person in people:
        services.membership_add(
            user=coach,
            circle=circle,
            person=person,
            agreed_how=ConsentMethod.SPOKEN,
            joined_on=start,
        )
    services.circle_start(user=coach, circle=circle)
    for n in range(3):
        services.meeting_save(
            user=coach,
            meeting=Meeting(
                circle=circle,
                starts_at=_at(start + datetime.timedelta(weeks=2 + 12 * n), 14),
                topic=["Kennismaken", "Samen eten", "Terugkijken"][n],
                place="Buurthuis",
            ),
        )
    answers: dict[int, dict[str, str]] = {}
    if len(people) >= 3:
        answers = {
            people[0].pk: {
                "went_well": "De wandelingen op zondag.",
                "brought": "Ik ken nu mensen in mijn straat.",
                "continues": Continuation.YES,
            },
            people[1].pk: {"brought": "Hulp bij mijn post.", "continues": Continuation.UNSURE},
            people[2].pk: {"went_well": "Samen koken.", "continues": Continuation.YES},
        }
    services.circle_close(
        user=coach,
        circle=circle,
        went_well="De groep werd snel hecht. Er waren veel kleine afspraken.",
        brought="Nieuwe contacten in de buurt, en hulp bij boodschappen en post.",
        continues=Continuation.PARTLY,
        coach_summary=(
            "Na 40 weken gaat een deel van de groep zelf verder: ze wandelen op zondag en "
            "eten één keer per maand samen. Twee deelnemers gaan naar het eetcafé."
        ),
        answers=answers,
        ended_on=start + datetime.timedelta(weeks=40),
    )
    result.circles += 1
    result.participants += len(people)
