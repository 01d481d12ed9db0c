"""Reads for neighbourhood circles. Staff reads of participant data are audit-logged here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from omzien.accounts.models import Role
from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.circles.models import (
    Agreement,
    Circle,
    Meeting,
    MeetingAttendance,
    Membership,
    ParticipantAnswer,
)
from omzien.circles.services import AUDIT_CATEGORY
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.directory.models import Location, LocationType, Publication
from omzien.people.models import Consent, ConsentCategory, ConsentPurpose, Person
from omzien.people.selectors import persons_visible_to


def _active_count() -> Count:
    return Count(
        "memberships",
        filter=Q(memberships__left_on__isnull=True, memberships__person__erased_at__isnull=True),
        distinct=True,
    )


def circles_for_staff(user: Any) -> QuerySet[Circle]:
    """Circles the user manages (coach, volunteer, coordinator of the area), with their
    size; no participant names."""
    if not getattr(user, "is_authenticated", False):
        return Circle.objects.none()
    areas = neighbourhoods_for_roles(user, [Role.COORDINATOR]).values("pk")
    return (
        Circle.objects.filter(Q(coach=user) | Q(volunteer=user) | Q(neighbourhood__in=areas))
        .select_related("neighbourhood", "coach", "volunteer")
        .annotate(size=_active_count())
        .order_by("neighbourhood__name", "status", "-starts_on", "pk")
    )


def _audit_read(user: Any, people: list[Person], circle: Circle, what: str) -> None:
    for person in people:
        audit_record(
            actor=user,
            subject=person,
            category=AUDIT_CATEGORY,
            purpose=ConsentPurpose.SUPPORT,
            detail=f"{what} circle {circle.pk}",
        )


@dataclass
class CircleDetail:
    circle: Circle
    members: list[Membership]
    former: list[Membership]
    meetings: list[Any]
    agreements: list[Agreement]
    came: dict[int, int]  # person id → meetings attended by name
    evaluation: Any


def circle_detail(*, user: Any, circle: Circle) -> CircleDetail:
    """Everything a coach, volunteer or coordinator sees of a circle. Logged per
    participant, as it shows who takes part."""
    permissions.require(user, "circles.manage", circle)
    memberships = list(
        circle.memberships.filter(person__erased_at__isnull=True).select_related("person")
    )
    members = [m for m in memberships if m.left_on is None]
    former = [m for m in memberships if m.left_on is not None]
    meetings = list(
        circle.meetings.select_related("location").annotate(
            named=Count("attendances", distinct=True)
        )
    )
    agreements = list(
        circle.agreements.prefetch_related(
            Prefetch("people", queryset=Person.objects.order_by("first_name"))
        )
    )
    came = dict(
        MeetingAttendance.objects.filter(meeting__circle=circle)
        .values_list("person_id")
        .annotate(n=Count("pk"))
        .values_list("person_id", "n")
    )
    for membership in memberships:
        membership.came = came.get(membership.person_id, 0)  # type: ignore[attr-defined]
    evaluation = None
    if circle.is_ended and hasattr(circle, "evaluation"):
        evaluation = circle.evaluation
        evaluation.answer_list = list(  # type: ignore[attr-defined]
            ParticipantAnswer.objects.filter(evaluation=evaluation).select_related("person")
        )
    _audit_read(user, [m.person for m in memberships], circle, "viewed")
    return CircleDetail(circle, members, former, meetings, agreements, came, evaluation)


def attendance_list(*, user: Any, meeting: Meeting) -> dict[str, Any]:
    """The phone page: participants who may be named (with whether they are here), and how
    many others there are, who can only be counted."""
    permissions.require(user, "circles.manage", meeting.circle)
    consented = Consent.objects.in_force(timezone.localdate(meeting.starts_at)).filter(
        person=OuterRef("person_id"), category=ConsentCategory.ATTENDANCE
    )
    members = list(
        meeting.circle.memberships.active()
        .select_related("person")
        .annotate(may_name=Exists(consented))
        .order_by("person__first_name", "person__last_name", "pk")
    )
    here = set(meeting.attendances.values_list("person_id", flat=True))
    named = [m for m in members if getattr(m, "may_name", False)]
    _audit_read(user, [m.person for m in named], meeting.circle, f"attendance meeting {meeting.pk}")
    return {
        "rows": [{"person": m.person, "here": m.person_id in here} for m in named],
        "unnamed": len(members) - len(named),
    }


def candidates(*, user: Any, circle: Circle) -> QuerySet[Person]:
    """Residents the user may add: people they may see anyway, from the circle's district,
    not already in it."""
    return (
        persons_visible_to(user)
        .filter(neighbourhood__district_id=circle.neighbourhood.district_id)
        .exclude(circle_memberships__circle=circle)
        .exclude(user_id__in=[pk for pk in (circle.coach_id, circle.volunteer_id) if pk])
        .order_by("first_name", "last_name", "pk")
    )


def locations_for(circle: Circle) -> QuerySet[Location]:
    """Places on the social map in the circle's district where a meeting could be."""
    return (
        Location.objects.filter(
            neighbourhood__district_id=circle.neighbourhood.district_id,
            location_type=LocationType.PHYSICAL,
            service_at_locations__service__publication=Publication.PUBLISHED,
        )
        .exclude(name="")
        .distinct()
        .order_by("name")
    )


# --- a participant's own view -----------------------------------------------------------------


def has_own_circle(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_omzien_has_circle"):
        user._omzien_has_circle = Membership.objects.active().filter(person__user=user).exists()
    return bool(user._omzien_has_circle)


@dataclass
class OwnCircle:
    circle: Circle
    first_names: list[str]
    meetings: list[Meeting]
    agreements: list[Agreement]


def own_circles(user: Any) -> list[OwnCircle]:
    """The circles the user takes part in: the others' first names only, the meetings,
    and the agreements the user is part of."""
    memberships = (
        Membership.objects.active()
        .filter(person__user=user)
        .select_related("circle__neighbourhood", "circle__coach", "circle__volunteer")
        .order_by("-circle__starts_on")
    )
    result = []
    for membership in memberships:
        circle = membership.circle
        permissions.require(user, "circles.view_own", circle)
        names = list(
            circle.memberships.active()
            .exclude(pk=membership.pk)
            .order_by("person__first_name")
            .values_list("person__first_name", flat=True)
        )
        meetings = list(circle.meetings.select_related("location"))
        agreements = list(
            circle.agreements.filter(people=membership.person).prefetch_related(
                Prefetch("people", queryset=Person.objects.only("pk", "first_name"))
            )
        )
        result.append(OwnCircle(circle, names, meetings, agreements))
    return result
