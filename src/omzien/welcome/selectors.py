"""Reads for tasks, contributions and the warm welcome. The heads-up (someone's own words)
is only returned after the permission check, and every read of it is audit-logged."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from omzien.accounts.models import STAFF_ROLES
from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.activities.models import Session, SessionStatus
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.people.models import Consent, ConsentPurpose, Person
from omzien.welcome.models import (
    ActivityTask,
    Contribution,
    ContributionKind,
    FirstVisit,
    FollowUp,
    Referral,
    TaskClaim,
)
from omzien.welcome.services import AUDIT_CATEGORY

# --- tasks ------------------------------------------------------------------------------


@dataclass
class TaskSlot:
    task: ActivityTask
    claims: list[TaskClaim]
    mine: TaskClaim | None = None

    @property
    def free(self) -> int:
        return max(self.task.places - len(self.claims), 0)


@dataclass
class SessionTasks:
    session: Session
    slots: list[TaskSlot] = field(default_factory=list)


def _slots(sessions: list[Session], *, person: Person | None = None) -> list[SessionTasks]:
    """Each session with its active tasks and who took them, in three queries."""
    if not sessions:
        return []
    activity_ids = {s.activity_id for s in sessions}
    session_ids = [s.pk for s in sessions]
    tasks = list(
        ActivityTask.objects.filter(activity_id__in=activity_ids, is_active=True)
        .filter(Q(session__isnull=True) | Q(session_id__in=session_ids))
        .order_by("name", "pk")
    )
    claims: dict[tuple[int, int], list[TaskClaim]] = defaultdict(list)
    for claim in TaskClaim.objects.filter(session_id__in=session_ids).select_related("person"):
        claims[(claim.task_id, claim.session_id)].append(claim)
    result = []
    for session in sessions:
        slots = []
        for task in tasks:
            if not task.applies_to(session):
                continue
            taken = claims.get((task.pk, session.pk), [])
            mine = next((c for c in taken if person and c.person_id == person.pk), None)
            slots.append(TaskSlot(task=task, claims=taken, mine=mine))
        if slots:
            result.append(SessionTasks(session=session, slots=slots))
    return result


def tasks_to_take(*, person: Person, days: int = 28) -> list[SessionTasks]:
    """Coming sessions in the person's neighbourhood that have small tasks."""
    now = timezone.now()
    sessions = list(
        Session.objects.filter(
            activity__is_active=True,
            activity__neighbourhood_id=person.neighbourhood_id,
            activity__welcome_tasks__is_active=True,
            status=SessionStatus.PLANNED,
            ends_at__gt=now,
            starts_at__lte=now + datetime.timedelta(days=days),
        )
        .select_related("activity")
        .distinct()
        .order_by("starts_at", "pk")
    )
    return _slots(sessions, person=person)


def tasks_of_session(*, user: Any, session: Session) -> list[TaskSlot]:
    permissions.require(user, "welcome.manage_tasks", session.activity)
    found = _slots([session])
    return found[0].slots if found else []


def tasks_of_activity(*, user: Any, activity: Any) -> QuerySet[ActivityTask]:
    permissions.require(user, "welcome.manage_tasks", activity)
    return (
        ActivityTask.objects.filter(activity=activity, is_active=True)
        .select_related("session")
        .order_by("session__starts_at", "name", "pk")
    )


# --- contributions ----------------------------------------------------------------------


@dataclass
class ContributionSummary:
    contributions: list[Contribution]
    counts: dict[str, int]
    total: int


def own_contributions(*, person: Person) -> ContributionSummary:
    """What the person did for others. Only ever for the person themself: the view passes
    the signed-in user's own profile, and there is no way to ask for someone else's."""
    rows = list(
        Contribution.objects.filter(person=person).select_related("activity", "session")[:200]
    )
    counts = Counter(Contribution.objects.filter(person=person).values_list("kind", flat=True))
    return ContributionSummary(
        contributions=rows,
        counts={kind: counts.get(kind, 0) for kind in ContributionKind.values},
        total=sum(counts.values()),
    )


# --- the warm welcome ---------------------------------------------------------------------


def referable_people(user: Any) -> QuerySet[Person]:
    """People the user may refer: those in their work area (staff), and those who gave
    them a consent by name (a buddy)."""
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    areas = neighbourhoods_for_roles(user, STAFF_ROLES).values("pk")
    by_name = Consent.objects.in_force().filter(grantee_user=user).values("person_id")
    return (
        Person.objects.active()
        .filter(Q(neighbourhood__in=areas) | Q(pk__in=by_name))
        .exclude(user_id=user.pk)
        .select_related("neighbourhood")
        .order_by("first_name", "last_name", "pk")
    )


def sessions_to_refer_to(*, days: int = 42) -> QuerySet[Session]:
    now = timezone.now()
    return (
        Session.objects.filter(
            activity__is_active=True,
            status=SessionStatus.PLANNED,
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(days=days),
        )
        .select_related("activity__neighbourhood")
        .order_by("activity__name", "starts_at", "pk")
    )


def _audit_heads_up(user: Any, referral: Referral, where: str) -> None:
    audit_record(
        actor=user,
        subject=referral.person,
        category=AUDIT_CATEGORY,
        purpose=ConsentPurpose.ACTIVITIES,
        detail=f"heads-up {referral.pk} ({where})",
    )


def referral_detail(*, user: Any, referral: Referral) -> Referral:
    """The heads-up with the person's own words; reading it is audit-logged."""
    permissions.require(user, "welcome.read_heads_up", referral)
    _audit_heads_up(user, referral, "page")
    return referral


@dataclass
class HeadsUp:
    referral: Referral
    may_read: bool


def heads_ups_for_check_in(*, user: Any, session: Session) -> list[HeadsUp]:
    """Newcomers referred to this session, for the check-in page. The own words are only
    given to those who may read them (and that read is logged); others see a first name."""
    permissions.require(user, "activities.check_in", session.activity)
    referrals = list(
        Referral.objects.filter(session=session, person__erased_at__isnull=True)
        .select_related("person", "welcomer", "activity", "session")
        .order_by("pk")
    )
    result = []
    for referral in referrals:
        may_read = permissions.can(user, "welcome.read_heads_up", referral)
        if may_read:
            _audit_heads_up(user, referral, "check-in")
        result.append(HeadsUp(referral=referral, may_read=may_read))
    return result


def referrals_made_by(user: Any) -> QuerySet[Referral]:
    """Names and dates only: the own words are on the detail page."""
    return (
        Referral.objects.filter(referrer=user)
        .select_related("person", "activity", "session", "follow_up")
        .order_by("-session__starts_at", "-pk")
    )


def heads_ups_for_host(user: Any) -> QuerySet[Referral]:
    """Coming newcomers at activities the user hosts, or whom they welcome."""
    return (
        Referral.objects.filter(
            Q(activity__roles__person__user=user, activity__roles__role="host")
            | Q(welcomer__user=user),
            first_visit=FirstVisit.WAITING,
            person__erased_at__isnull=True,
        )
        .select_related("person", "activity", "session")
        .distinct()
        .order_by("session__starts_at", "pk")
    )


def follow_ups_for(user: Any) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(user=user)
        .select_related("referral__person", "referral__activity", "referral__session")
        .order_by("outcome", "due_at", "pk")
    )


def follow_up_detail(*, user: Any, follow_up: FollowUp) -> FollowUp:
    permissions.require(user, "welcome.answer_follow_up", follow_up)
    return follow_up
