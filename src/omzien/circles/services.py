"""Writes for neighbourhood circles: the circle, its participants, meetings and who came,
the agreements members make, and closing with an evaluation.

Every function checks permission first, validates, and saves in one transaction, so a
refused or invalid write leaves nothing half-saved.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_has_role_for
from omzien.activities.services import may_be_named
from omzien.circles.models import (
    HARD_MAX,
    IDEAL_MAX,
    IDEAL_MIN,
    TRANSITIONS,
    Agreement,
    AgreementStatus,
    Circle,
    CircleStatus,
    Evaluation,
    Meeting,
    MeetingAttendance,
    Membership,
    ParticipantAnswer,
)
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction
from omzien.people.models import ConsentCategory, ConsentPurpose, Person

#: The audit-log category for "takes part in a neighbourhood circle".
AUDIT_CATEGORY = "circle"

# --- the circle ---------------------------------------------------------------------------


def _check_leaders(circle: Circle) -> None:
    """The coach works with residents in the area; the volunteer is from the area."""
    errors: dict[str, str] = {}
    if circle.coach_id and not user_has_role_for(circle.coach, STAFF_ROLES, circle.neighbourhood):
        errors["coach"] = _("The coach must be a professional or coordinator in this area.")
    if circle.volunteer_id and not user_has_role_for(
        circle.volunteer, [Role.VOLUNTEER, *STAFF_ROLES], circle.neighbourhood
    ):
        errors["volunteer"] = _("The volunteer must be a volunteer in this neighbourhood.")
    if circle.coach_id and circle.coach_id == circle.volunteer_id:
        errors["volunteer"] = _("The coach and the volunteer are two different people.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def circle_save(*, user: Any, circle: Circle) -> Circle:
    """Create or change a circle (name, goal, coach, volunteer, dates)."""
    if circle.pk is None:
        permissions.require(user, "circles.create", circle.neighbourhood)
        # A professional who is not a coordinator starts circles they coach themselves;
        # otherwise they would create something they cannot open.
        if circle.coach_id != user.pk and not user_has_role_for(
            user, [Role.COORDINATOR], circle.neighbourhood
        ):
            raise ValidationError({"coach": _("You can only start a circle that you coach.")})
    else:
        old = Circle.objects.select_for_update().get(pk=circle.pk)
        permissions.require(user, "circles.manage", old)
        if old.is_ended:
            raise ValidationError(_("This circle has ended. It cannot be changed anymore."))
        leaders_changed = (old.coach_id, old.volunteer_id) != (circle.coach_id, circle.volunteer_id)
        if leaders_changed and not (
            user.pk == old.coach_id
            or user_has_role_for(user, [Role.COORDINATOR], old.neighbourhood)
        ):
            raise ValidationError(
                _("Only the coach or a coordinator can change the coach or the volunteer.")
            )
        circle.neighbourhood_id = old.neighbourhood_id
        circle.status = old.status
        circle.ended_on = old.ended_on
    circle.full_clean()
    _check_leaders(circle)
    circle.save()
    return circle


@transaction.atomic
def circle_start(*, user: Any, circle: Circle) -> Circle:
    """The group has formed and starts meeting."""
    circle = Circle.objects.select_for_update().get(pk=circle.pk)
    permissions.require(user, "circles.manage", circle)
    _transition(circle, CircleStatus.RUNNING)
    if not circle.memberships.active().exists():
        raise ValidationError(_("Add participants before the circle starts."))
    circle.save(update_fields=["status", "updated_at"])
    return circle


def _transition(circle: Circle, to: str) -> None:
    if (circle.status, to) not in TRANSITIONS:
        if circle.status == CircleStatus.ENDED:
            raise ValidationError(_("This circle has already ended."))
        raise ValidationError(_("Only a circle that is forming can start."))
    circle.status = to


def size_warning(active_members: int) -> str:
    """A warning (never a refusal) when the group is smaller or larger than a circle
    usually is; empty when the size is fine."""
    if active_members < IDEAL_MIN:
        return ngettext(
            "This circle has %(n)d participant. A circle usually has %(min)d to %(max)d.",
            "This circle has %(n)d participants. A circle usually has %(min)d to %(max)d.",
            active_members,
        ) % {"n": active_members, "min": IDEAL_MIN, "max": IDEAL_MAX}
    if active_members > IDEAL_MAX:
        return _(
            "This circle has %(n)d participants. That is more than usual (%(min)d to %(max)d)."
        ) % {"n": active_members, "min": IDEAL_MIN, "max": IDEAL_MAX}
    return ""


# --- participants ---------------------------------------------------------------------------


@transaction.atomic
def membership_add(
    *,
    user: Any,
    circle: Circle,
    person: Person,
    agreed_how: str,
    joined_on: datetime.date | None = None,
) -> Membership:
    """Add a resident who said yes to taking part. Refused above HARD_MAX participants,
    for someone already in the circle, and for someone from outside the circle's district."""
    circle = Circle.objects.select_for_update().select_related("neighbourhood").get(pk=circle.pk)
    permissions.require(user, "circles.manage", circle)
    if circle.is_ended:
        raise ValidationError(_("This circle has ended. It cannot be changed anymore."))
    if person.erased_at is not None or person.neighbourhood.district_id != (
        circle.neighbourhood.district_id
    ):
        raise ValidationError(
            {"person": _("Only residents of this neighbourhood or district can take part.")}
        )
    if circle.memberships.filter(person=person).exists():
        raise ValidationError(
            {"person": _("%(name)s is already in this circle.") % {"name": person.first_name}}
        )
    if person.user_id is not None and person.user_id in {circle.coach_id, circle.volunteer_id}:
        raise ValidationError(
            {"person": _("The coach and the volunteer are not participants of their circle.")}
        )
    if circle.memberships.active().count() >= HARD_MAX:
        raise ValidationError(
            _("A circle has at most %(max)d participants. Start a second circle instead.")
            % {"max": HARD_MAX}
        )
    membership = Membership(
        circle=circle,
        person=person,
        agreed_how=agreed_how,
        joined_on=joined_on or timezone.localdate(),
        added_by=user,
    )
    membership.full_clean()
    membership.save()
    audit_record(
        actor=user,
        subject=person,
        category=AUDIT_CATEGORY,
        action=AuditAction.WRITE,
        purpose=ConsentPurpose.SUPPORT,
        detail=f"joined circle {circle.pk}",
    )
    return membership


@transaction.atomic
def membership_end(*, user: Any, membership: Membership) -> Membership:
    """The participant stops taking part (their history in the circle stays)."""
    permissions.require(user, "circles.manage", membership.circle)
    if membership.circle.is_ended:
        raise ValidationError(_("This circle has ended. It cannot be changed anymore."))
    if membership.left_on is None:
        membership.left_on = max(timezone.localdate(), membership.joined_on)
        membership.save(update_fields=["left_on", "updated_at"])
        audit_record(
            actor=user,
            subject=membership.person,
            category=AUDIT_CATEGORY,
            action=AuditAction.WRITE,
            purpose=ConsentPurpose.SUPPORT,
            detail=f"left circle {membership.circle_id}",
        )
    return membership


# --- meetings and attendance ----------------------------------------------------------------


@transaction.atomic
def meeting_save(*, user: Any, meeting: Meeting) -> Meeting:
    """Plan or change a meeting. It takes place within the circle's dates."""
    circle = Circle.objects.select_related("neighbourhood").get(pk=meeting.circle_id)
    permissions.require(user, "circles.manage", circle)
    if circle.is_ended:
        raise ValidationError(_("This circle has ended. It cannot be changed anymore."))
    meeting.full_clean()
    day = timezone.localdate(meeting.starts_at)
    if day < circle.starts_on:
        raise ValidationError(
            {
                "starts_at": _("A meeting cannot be before the circle starts (%(date)s).")
                % {"date": circle.starts_on.strftime("%d-%m-%Y")}
            }
        )
    meeting.save()
    return meeting


def _require_open(circle: Circle) -> None:
    if circle.is_ended:
        raise ValidationError(_("This circle has ended. It cannot be changed anymore."))


def _is_member(meeting: Meeting, person: Person) -> bool:
    return meeting.circle.memberships.active().filter(person=person).exists()


@transaction.atomic
def meeting_attendance_record(*, user: Any, meeting: Meeting, person: Person) -> MeetingAttendance:
    """A participant came. Named only with their attendance consent (the same consent as
    at activities); count the others with ``meeting_head_count_change``."""
    permissions.require(user, "circles.manage", meeting.circle)
    _require_open(meeting.circle)
    if not _is_member(meeting, person):
        raise ValidationError(_("%(name)s is not in this circle.") % {"name": person.first_name})
    if not may_be_named(person, timezone.localdate(meeting.starts_at)):
        raise ValidationError(
            _("%(name)s did not agree to be registered by name. Count them without a name instead.")
            % {"name": person.first_name}
        )
    attendance, _created = MeetingAttendance.objects.get_or_create(
        meeting=meeting, person=person, defaults={"recorded_by": user}
    )
    audit_record(
        actor=user,
        subject=person,
        category=ConsentCategory.ATTENDANCE,
        action=AuditAction.WRITE,
        purpose=ConsentPurpose.SUPPORT,
        detail=f"came to circle meeting {meeting.pk}",
    )
    return attendance


@transaction.atomic
def meeting_attendance_remove(*, user: Any, meeting: Meeting, person: Person) -> None:
    """Undo a tap made by mistake."""
    permissions.require(user, "circles.manage", meeting.circle)
    _require_open(meeting.circle)
    deleted, _rows = MeetingAttendance.objects.filter(meeting=meeting, person=person).delete()
    if deleted:
        audit_record(
            actor=user,
            subject=person,
            category=ConsentCategory.ATTENDANCE,
            action=AuditAction.WRITE,
            purpose=ConsentPurpose.SUPPORT,
            detail=f"attendance undone circle meeting {meeting.pk}",
        )


@transaction.atomic
def meeting_head_count_change(*, user: Any, meeting: Meeting, delta: int) -> Meeting:
    """Count participants who came without being registered by name (never below zero)."""
    permissions.require(user, "circles.manage", meeting.circle)
    _require_open(meeting.circle)
    Meeting.objects.filter(pk=meeting.pk).update(
        head_count=Greatest(F("head_count") + delta, Value(0))
    )
    meeting.refresh_from_db(fields=["head_count"])
    return meeting


# --- agreements -----------------------------------------------------------------------------


@transaction.atomic
def agreement_add(
    *, user: Any, circle: Circle, people: Iterable[Person], text: str, made_on: datetime.date
) -> Agreement:
    """Two or more participants agree to do something with or for each other."""
    circle = Circle.objects.select_related("neighbourhood").get(pk=circle.pk)
    permissions.require(user, "circles.manage", circle)
    if circle.is_ended:
        raise ValidationError(_("This circle has ended. It cannot be changed anymore."))
    people = list(people)
    member_ids = set(circle.memberships.active().values_list("person_id", flat=True))
    if len({p.pk for p in people}) < 2:
        raise ValidationError({"people": _("An agreement is between at least two participants.")})
    if any(p.pk not in member_ids for p in people):
        raise ValidationError({"people": _("Only participants of this circle can be chosen.")})
    if made_on < circle.starts_on:
        raise ValidationError(
            {"made_on": _("An agreement cannot be made before the circle starts.")}
        )
    agreement = Agreement(circle=circle, text=text.strip(), made_on=made_on)
    agreement.full_clean()
    agreement.save()
    agreement.people.set(people)
    return agreement


@transaction.atomic
def agreement_update_status(
    *, user: Any, agreement: Agreement, status: str, note: str = ""
) -> Agreement:
    """Say how an agreement is going: kept, changed or stopped."""
    permissions.require(user, "circles.manage", agreement.circle)
    if agreement.circle.is_ended:
        raise ValidationError(_("This circle has ended. It cannot be changed anymore."))
    if status not in AgreementStatus.values:
        raise ValidationError({"status": _("Choose how the agreement is going.")})
    agreement.status = status
    agreement.status_note = note.strip()[:300]
    agreement.status_changed_on = timezone.localdate()
    agreement.full_clean()
    agreement.save(update_fields=["status", "status_note", "status_changed_on", "updated_at"])
    return agreement


# --- closing ----------------------------------------------------------------------------------


@transaction.atomic
def circle_close(
    *,
    user: Any,
    circle: Circle,
    went_well: str,
    brought: str,
    continues: str,
    coach_summary: str,
    answers: Mapping[int, Mapping[str, str]] | None = None,
    ended_on: datetime.date | None = None,
) -> Evaluation:
    """Close the circle with the coach's evaluation and each participant's own short
    answers (optional; keyed by person id)."""
    circle = Circle.objects.select_for_update().get(pk=circle.pk)
    permissions.require(user, "circles.manage", circle)
    _transition(circle, CircleStatus.ENDED)
    circle.ended_on = ended_on or timezone.localdate()
    circle.full_clean()
    circle.save(update_fields=["status", "ended_on", "updated_at"])
    evaluation = Evaluation(
        circle=circle,
        went_well=went_well.strip(),
        brought=brought.strip(),
        continues=continues,
        coach_summary=coach_summary.strip(),
        written_by=user,
    )
    evaluation.full_clean()
    evaluation.save()
    members = {m.person_id: m.person for m in circle.memberships.select_related("person")}
    rows = []
    for person_id, answer in (answers or {}).items():
        if person_id not in members:
            raise ValidationError(_("Only participants of this circle can answer."))
        row = ParticipantAnswer(
            evaluation=evaluation,
            person=members[person_id],
            went_well=(answer.get("went_well") or "").strip(),
            brought=(answer.get("brought") or "").strip(),
            continues=answer.get("continues") or "",
        )
        if not (row.went_well or row.brought or row.continues):
            continue  # nothing said: nothing stored
        row.full_clean(exclude=["evaluation"])
        rows.append(row)
    ParticipantAnswer.objects.bulk_create(rows)
    for row in rows:
        audit_record(
            actor=user,
            subject=row.person,
            category=AUDIT_CATEGORY,
            action=AuditAction.WRITE,
            purpose=ConsentPurpose.SUPPORT,
            detail=f"evaluation answer circle {circle.pk}",
        )
    return evaluation
