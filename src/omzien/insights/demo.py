"""Demo ties for the insights section: a monthly walk per district over the past year,
where residents of two neighbourhoods meet, so the dashboard shows bonding and bridging
figures and a trend over four quarters. Safe to run again."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from omzien.accounts.models import User
from omzien.activities import services
from omzien.activities.models import Activity, ActivityKind, Attendance
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Consent, ConsentCategory, Person

#: The same pseudo-random history on every machine.
SEED = 20261130
#: (district code, the neighbourhood the walk starts in, the walk's name)
WALKS = [
    ("WK990101", "BU99010101", "Buurtwandeling Centrum-Oost"),
    ("WK990102", "BU99010201", "Buurtwandeling Westerpark-Noord"),
]


@dataclass
class InsightsDemoResult:
    activities: int = 0
    sessions: int = 0
    attendances: int = 0


def _walkers(district_code: str, per_neighbourhood: int) -> list[Person]:
    """Residents with an attendance consent in force, from each neighbourhood of the
    district (people with an account first left out: their own pages stay simple)."""
    consented = Consent.objects.in_force().filter(category=ConsentCategory.ATTENDANCE)
    people: list[Person] = []
    for neighbourhood in Neighbourhood.objects.filter(district__code=district_code).order_by(
        "code"
    ):
        people += list(
            Person.objects.active()
            .filter(neighbourhood=neighbourhood, pk__in=consented.values("person_id"))
            .order_by("pk")[:per_neighbourhood]
        )
    return people


@transaction.atomic
def build_insights_demo(*, stdout: Any = None) -> InsightsDemoResult:
    result = InsightsDemoResult()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    coordinator = User.objects.filter(email="demo-coordinator@omzien.invalid").first()
    recorder = User.objects.filter(email="demo-volunteer@omzien.invalid").first()
    if coordinator is None:
        raise RuntimeError("The demo accounts are missing: run omzien.people.demo.build_demo().")
    now = timezone.now()
    first = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() - datetime.timedelta(days=365), datetime.time(10, 0)
        )
    )
    for district_code, start_code, name in WALKS:
        neighbourhood = Neighbourhood.objects.filter(code=start_code).first()
        if neighbourhood is None or Activity.objects.filter(name=name).exists():
            continue  # already there: never add a second history
        activity = services.activity_save(
            user=coordinator,
            activity=Activity(
                name=name,
                kind=ActivityKind.OTHER,
                description="Eén keer per maand samen een rondje door de wijk. Iedereen is welkom.",
                neighbourhood=neighbourhood,
                starts_at=first,
                duration=datetime.timedelta(hours=2),
                recurrence="RRULE:FREQ=MONTHLY",
            ),
        )
        result.activities += 1
        walkers = _walkers(district_code, 12)
        rows = []
        for session in activity.sessions.filter(ends_at__lte=now).order_by("starts_at"):
            result.sessions += 1
            for person in walkers:
                if rng.random() < 0.45:
                    rows.append(Attendance(session=session, person=person, recorded_by=recorder))
        Attendance.objects.bulk_create(rows, ignore_conflicts=True)
        result.attendances += len(rows)
    if stdout is not None:
        stdout.write(
            f"Inzichten: {result.activities} wandelingen, {result.attendances} keer aanwezig.\n"
        )
    return result
