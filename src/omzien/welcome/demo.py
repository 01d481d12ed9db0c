"""Demo data for the warm welcome and small tasks, at the demo's Eetcafé De Linde: the demo
volunteer hosts it, a resident welcomes newcomers, there are small tasks (the demo
resident took some on), and the demo professional referred two people: one is coming
next week, one came last week and waits for "Hoe was het eerste bezoek?".

Needs the people and activities demo. Safe to run again: nothing is added twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from omzien.accounts.models import Role, User
from omzien.activities.models import (
    Activity,
    ActivityRole,
    ActivityRoleKind,
    Session,
    SessionStatus,
)
from omzien.people.models import Consent, ConsentCategory, ConsentMethod, Person
from omzien.welcome.models import (
    ActivityTask,
    Contribution,
    ContributionKind,
    FirstVisit,
    FollowUp,
    Referral,
    ReferrerRole,
    TaskClaim,
)
from omzien.welcome.services import FOLLOW_UP_AFTER

ACTIVITY = "Eetcafé De Linde"
NEIGHBOURHOOD = "BU99010101"
TASKS = [("Koffie inschenken", 2), ("Tafel dekken", 1), ("Afwassen en opruimen", 2)]
COMING_WORDS = "Ik ben een beetje verlegen. Ik kom samen met mijn buurvrouw Els."
PAST_WORDS = "Ik vind drukte lastig. Ik zit graag aan de kant bij het raam."


@dataclass
class WelcomeDemoResult:
    tasks: int = 0
    contributions: int = 0
    referrals: int = 0


def _demo_user(role: str) -> User | None:
    return User.objects.filter(roles__role=role, email__startswith="demo-").first()


def _person_of(user: User, neighbourhood: Any) -> Person:
    person = Person.objects.filter(user=user).first()
    if person is None:
        first, _space, last = (user.display_name or "Demo").partition(" ")
        person = Person(user=user, first_name=first, last_name=last, neighbourhood=neighbourhood)
        person.full_clean()
        person.save()
    return person


def _newcomers(neighbourhood: Any) -> list[Person]:
    """Residents without a login who never came to an activity: newcomers to refer."""
    named = Consent.objects.filter(category=ConsentCategory.ATTENDANCE).values("person_id")
    return list(
        Person.objects.active()
        .filter(neighbourhood=neighbourhood, user__isnull=True)
        .exclude(pk__in=named)
        .order_by("pk")[:2]
    )


@transaction.atomic
def build_welcome_demo(*, stdout: Any = None) -> WelcomeDemoResult:
    result = WelcomeDemoResult()
    activity = Activity.objects.filter(name=ACTIVITY, neighbourhood__code=NEIGHBOURHOOD).first()
    volunteer = _demo_user(Role.VOLUNTEER)
    resident = _demo_user(Role.RESIDENT)
    professional = _demo_user(Role.PROFESSIONAL)
    if activity is None or volunteer is None or resident is None or professional is None:
        return result  # the activities demo is not there: nothing to add to
    now = timezone.now()
    host = _person_of(volunteer, activity.neighbourhood)
    ActivityRole.objects.get_or_create(activity=activity, person=host, role=ActivityRoleKind.HOST)
    regulars = list(
        Person.objects.filter(attendances__session__activity=activity, user__isnull=True)
        .distinct()
        .order_by("pk")[:3]
    )
    welcomer = regulars[-1] if regulars else host
    ActivityRole.objects.get_or_create(
        activity=activity, person=welcomer, role=ActivityRoleKind.WELCOMER
    )

    tasks = {}
    for name, places in TASKS:
        task, created = ActivityTask.objects.get_or_create(
            activity=activity, name=name, defaults={"places": places}
        )
        tasks[name] = task
        result.tasks += int(created)

    planned = Session.objects.filter(activity=activity, status=SessionStatus.PLANNED)
    past = list(planned.filter(ends_at__lte=now).order_by("-starts_at")[:4])
    coming = list(planned.filter(starts_at__gt=now).order_by("starts_at")[:2])
    me = Person.objects.filter(user=resident, erased_at__isnull=True).first()

    # The host hosted the last four times; the demo resident set the table twice.
    for session in past:
        _c, created = Contribution.objects.get_or_create(
            person=host,
            session=session,
            kind=ContributionKind.HOST,
            defaults={"activity": activity},
        )
        result.contributions += int(created)
    if me is not None:
        for session in past[:2]:
            claim, _created = TaskClaim.objects.get_or_create(
                task=tasks["Tafel dekken"],
                session=session,
                person=me,
                defaults={"done_at": session.ends_at, "done_by": volunteer},
            )
            _c, created = Contribution.objects.get_or_create(
                claim=claim,
                defaults={
                    "person": me,
                    "kind": ContributionKind.TASK,
                    "activity": activity,
                    "session": session,
                    "title": claim.task.name,
                },
            )
            result.contributions += int(created)
        if coming:
            TaskClaim.objects.get_or_create(
                task=tasks["Koffie inschenken"], session=coming[0], person=me
            )

    # Two referrals by the demo professional (written directly: the demo sends no mail).
    if not Referral.objects.filter(activity=activity, referrer=professional).exists():
        newcomers = _newcomers(activity.neighbourhood)
        plans: list[tuple[Session | None, str]] = [
            (coming[0] if coming else None, COMING_WORDS),
            (past[0] if past else None, PAST_WORDS),
        ]
        for person, (first_visit, words) in zip(newcomers, plans, strict=False):
            if first_visit is None:
                continue
            session = first_visit
            referral = Referral.objects.create(
                person=person,
                activity=activity,
                session=session,
                referrer=professional,
                referrer_role=ReferrerRole.PROFESSIONAL,
                own_words=words,
                agreed_method=ConsentMethod.SPOKEN,
                agreed_on=timezone.localdate(session.starts_at - datetime.timedelta(days=7)),
                welcomer=welcomer,
            )
            result.referrals += 1
            if session.ends_at <= now:
                # She came last week: the welcomer's welcome counts, the follow-up waits.
                Referral.objects.filter(pk=referral.pk).update(
                    first_visit=FirstVisit.CAME, first_visit_at=session.ends_at
                )
                Contribution.objects.get_or_create(
                    person=welcomer,
                    session=session,
                    kind=ContributionKind.WELCOMER,
                    defaults={"activity": activity, "referral": referral},
                )
                FollowUp.objects.get_or_create(
                    referral=referral,
                    defaults={"user": professional, "due_at": session.ends_at + FOLLOW_UP_AFTER},
                )
    if stdout is not None:
        stdout.write(
            f"Warm welkom: {result.tasks} taakjes, {result.contributions} bijdragen, "
            f"{result.referrals} verwijzingen.\n"
        )
    return result
