"""Writes for tasks, contributions and the warm welcome."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.activities import services as activity_services
from omzien.activities.models import ActivityRole, ActivityRoleKind, Session
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction
from omzien.people.models import ConsentMethod, ConsentPurpose, Person
from omzien.welcome.models import (
    ActivityTask,
    Contribution,
    ContributionKind,
    FirstVisit,
    FollowUp,
    FollowUpOutcome,
    Referral,
    ReferrerRole,
    TaskClaim,
)
from omzien.welcome.rules import is_staff_for

#: The referrer asks "how was the first visit?" within this time after the session.
FOLLOW_UP_AFTER = datetime.timedelta(days=7)
#: The audit log's name for the heads-up (the person's own words).
AUDIT_CATEGORY = "welcome"

# --- tasks ------------------------------------------------------------------------------


@transaction.atomic
def task_save(*, user: Any, task: ActivityTask) -> ActivityTask:
    """Create or change a task at an activity (for every session, or for one)."""
    permissions.require(user, "welcome.manage_tasks", task.activity)
    task.name = task.name.strip()
    if task.session is not None and task.session.activity_id != task.activity_id:
        raise ValidationError({"session": _("Choose a date of this activity.")})
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def task_deactivate(*, user: Any, task: ActivityTask) -> ActivityTask:
    """Stop offering a task. Tasks people already did stay in their contributions."""
    permissions.require(user, "welcome.manage_tasks", task.activity)
    task.is_active = False
    task.save(update_fields=["is_active", "updated_at"])
    return task


def _session_open(session: Session, now: datetime.datetime) -> None:
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if session.ends_at <= now:
        raise ValidationError(_("This session is over."))


@transaction.atomic
def task_take(*, user: Any, person: Person, task: ActivityTask, session: Session) -> TaskClaim:
    """The person says "I do this" for one session. Only they can say so themself."""
    permissions.require(user, "welcome.take_task", person)
    # Lock the task so two people cannot take the last place at the same moment.
    task = ActivityTask.objects.select_for_update().get(pk=task.pk)
    if not task.applies_to(session):
        raise ValidationError(_("This task is not there on this date."))
    _session_open(session, timezone.now())
    existing = TaskClaim.objects.filter(task=task, session=session, person=person).first()
    if existing is not None:
        return existing
    if TaskClaim.objects.filter(task=task, session=session).count() >= task.places:
        raise ValidationError(_("Someone else already does this task. Thank you anyway!"))
    return TaskClaim.objects.create(task=task, session=session, person=person)


@transaction.atomic
def task_give_back(*, user: Any, claim: TaskClaim) -> None:
    """The person cannot do it after all. That is fine: the place is free again."""
    permissions.require(user, "welcome.take_task", claim.person)
    if claim.done_at is not None:
        raise ValidationError(_("This task is already done."))
    _session_open(claim.session, timezone.now())
    claim.delete()


@transaction.atomic
def task_mark_done(*, user: Any, claim: TaskClaim) -> Contribution:
    """A host says the task was done: it counts as the person's contribution."""
    permissions.require(user, "welcome.manage_tasks", claim.task.activity)
    if claim.session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if claim.done_at is None:
        claim.done_at = timezone.now()
        claim.done_by = user
        claim.save(update_fields=["done_at", "done_by", "updated_at"])
    contribution, _created = Contribution.objects.get_or_create(
        claim=claim,
        defaults={
            "person": claim.person,
            "kind": ContributionKind.TASK,
            "activity": claim.task.activity,
            "session": claim.session,
            "title": claim.task.name,
        },
    )
    return contribution


@transaction.atomic
def task_mark_not_done(*, user: Any, claim: TaskClaim) -> TaskClaim:
    """Undo "done" tapped by mistake."""
    permissions.require(user, "welcome.manage_tasks", claim.task.activity)
    Contribution.objects.filter(claim=claim).delete()
    claim.done_at = None
    claim.done_by = None
    claim.save(update_fields=["done_at", "done_by", "updated_at"])
    return claim


# --- contributions ----------------------------------------------------------------------


def contribution_record_hosting(*, session: Session, host_user_id: int) -> Contribution | None:
    """The host who checks people in hosted this session (counted once per session)."""
    role = (
        ActivityRole.objects.filter(
            activity_id=session.activity_id,
            role=ActivityRoleKind.HOST,
            person__user_id=host_user_id,
            person__erased_at__isnull=True,
        )
        .select_related("person")
        .first()
    )
    if role is None:
        return None
    contribution, _created = Contribution.objects.get_or_create(
        person=role.person,
        session=session,
        kind=ContributionKind.HOST,
        defaults={"activity_id": session.activity_id},
    )
    return contribution


# --- the warm welcome ---------------------------------------------------------------------


def welcomer_candidates(activity: Any) -> list[Person]:
    """Who a host can ask to welcome a newcomer: the activity's welcomers and hosts, then
    volunteers of its neighbourhood who have a profile."""
    from omzien.accounts.models import Role
    from omzien.accounts.selectors import user_has_role_for

    people: dict[int, Person] = {}
    roles = (
        ActivityRole.objects.filter(activity=activity, person__erased_at__isnull=True)
        .select_related("person")
        .order_by("-role", "pk")  # welcomers first
    )
    for role in roles:
        people.setdefault(role.person_id, role.person)
    volunteers = (
        Person.objects.active()
        .filter(user__isnull=False, user__is_active=True, user__roles__role=Role.VOLUNTEER)
        .select_related("user")
        .distinct()
        .order_by("first_name", "pk")
    )
    for person in volunteers:
        if person.pk not in people and user_has_role_for(
            person.user, [Role.VOLUNTEER], activity.neighbourhood
        ):
            people[person.pk] = person
    return list(people.values())


def _default_welcomer(activity: Any, newcomer: Person) -> Person | None:
    role = (
        ActivityRole.objects.filter(
            activity=activity, role=ActivityRoleKind.WELCOMER, person__erased_at__isnull=True
        )
        .exclude(person=newcomer)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return role.person if role else None


def _link(name: str, pk: int) -> str:
    return settings.OMZIEN_BASE_URL.rstrip("/") + reverse(name, args=[pk])


def _mail(recipients: list[str], subject: str, message: str) -> None:
    if recipients:
        send_mail(
            subject=subject,
            message=message,
            from_email=None,
            recipient_list=sorted(set(recipients)),
            fail_silently=True,
        )


def _notify_heads_up(referral_id: int, *, welcomer_only: bool = False) -> None:
    """Tell the hosts (and the welcomer) that someone new is coming. The mail holds no name
    and none of the person's words: only the activity, the date and a link."""
    referral = Referral.objects.select_related("activity", "session", "welcomer__user").get(
        pk=referral_id
    )
    recipients: list[str] = []
    if not welcomer_only:
        recipients += [
            email
            for email in ActivityRole.objects.filter(
                activity=referral.activity_id, role=ActivityRoleKind.HOST
            ).values_list("person__user__email", flat=True)
            if email
        ]
    welcomer = referral.welcomer
    if welcomer is not None and welcomer.user is not None and welcomer.user.email:
        recipients.append(welcomer.user.email)
    subject = _("Someone new is coming to %(activity)s") % {"activity": referral.activity.name}
    message = _(
        "Someone is coming to %(activity)s for the first time on %(date)s.\n"
        "They told us what they would like you to know. Log in to read it:\n%(link)s\n\n"
        "Thank you for making them feel welcome."
    ) % {
        "activity": referral.activity.name,
        "date": timezone.localtime(referral.session.starts_at).strftime("%d-%m-%Y %H:%M"),
        "link": _link("welcome:referral", referral.pk),
    }
    _mail(recipients, subject, message)


def _notify_follow_up(follow_up_id: int) -> None:
    follow_up = FollowUp.objects.select_related("user").get(pk=follow_up_id)
    if follow_up.user is None or not follow_up.user.email:
        return
    _mail(
        [follow_up.user.email],
        _("How was the first visit?"),
        _(
            "Someone you referred to an activity had their first visit.\n"
            "Please ask them how it was, and write it down here:\n%(link)s"
        )
        % {"link": _link("welcome:follow_up", follow_up.pk)},
    )


@transaction.atomic
def referral_create(
    *,
    user: Any,
    person: Person,
    session: Session,
    own_words: str,
    person_agreed: bool,
    agreed_method: str,
) -> Referral:
    """Refer someone to the first visit of an activity, with what they want the host to
    know in their own words. The person must have agreed; the hosts get a heads-up."""
    permissions.require(user, "welcome.refer", person)
    errors: dict[str, str] = {}
    if not person_agreed:
        errors["person_agreed"] = _("Only refer someone when they agree.")
    if agreed_method not in {ConsentMethod.SPOKEN, ConsentMethod.WRITTEN}:
        errors["agreed_method"] = _("Say how the person agreed.")
    own_words = own_words.strip()
    if not own_words:
        errors["own_words"] = _("Write what the person wants the host to know.")
    session = Session.objects.select_related("activity").get(pk=session.pk)
    if session.is_cancelled or not session.activity.is_active:
        errors["session"] = _("This session is cancelled.")
    elif session.starts_at <= timezone.now():
        errors["session"] = _("Choose a date in the future.")
    elif Referral.objects.filter(person=person, session=session).exists():
        errors["session"] = _("This person is already referred to this date.")
    if errors:
        raise ValidationError(errors)
    referral = Referral(
        person=person,
        activity=session.activity,
        session=session,
        referrer=user,
        referrer_role=ReferrerRole.PROFESSIONAL
        if is_staff_for(user, person)
        else ReferrerRole.BUDDY,
        own_words=own_words,
        agreed_method=agreed_method,
        agreed_on=timezone.localdate(),
        welcomer=_default_welcomer(session.activity, person),
    )
    referral.full_clean()
    referral.save()
    audit_record(
        actor=user,
        subject=person,
        category=AUDIT_CATEGORY,
        action=AuditAction.WRITE,
        purpose=ConsentPurpose.ACTIVITIES,
        detail=f"referral {referral.pk} to session {session.pk}",
    )
    transaction.on_commit(lambda: _notify_heads_up(referral.pk))
    return referral


@transaction.atomic
def referral_assign_welcomer(*, user: Any, referral: Referral, welcomer: Person) -> Referral:
    """The host chooses who welcomes the newcomer."""
    permissions.require(user, "welcome.assign_welcomer", referral)
    allowed = {p.pk for p in welcomer_candidates(referral.activity)} - {referral.person_id}
    if welcomer.pk not in allowed:
        raise ValidationError({"welcomer": _("Choose a host, welcomer or volunteer.")})
    if referral.welcomer_id == welcomer.pk:
        return referral
    referral.welcomer = welcomer
    referral.save(update_fields=["welcomer", "updated_at"])
    transaction.on_commit(lambda: _notify_heads_up(referral.pk, welcomer_only=True))
    return referral


def _follow_up_ensure(referral: Referral) -> FollowUp | None:
    """One follow-up per referral, for the referrer; a second call is a no-op."""
    if referral.referrer_id is None:
        return None
    follow_up, created = FollowUp.objects.get_or_create(
        referral=referral,
        defaults={
            "user_id": referral.referrer_id,
            "due_at": referral.session.ends_at + FOLLOW_UP_AFTER,
        },
    )
    if created:
        transaction.on_commit(lambda: _notify_follow_up(follow_up.pk))
    return follow_up


def referral_mark_came(*, referral: Referral, at: datetime.datetime | None = None) -> None:
    """The newcomer came: the welcomer's welcome counts, and the referrer gets a follow-up.
    Called when their attendance is recorded; a second call changes nothing."""
    if referral.first_visit == FirstVisit.CAME:
        return
    referral.first_visit = FirstVisit.CAME
    referral.first_visit_at = at or timezone.now()
    referral.save(update_fields=["first_visit", "first_visit_at", "updated_at"])
    welcomer = referral.welcomer
    if welcomer is not None and welcomer.erased_at is None:
        Contribution.objects.get_or_create(
            person=welcomer,
            session=referral.session,
            kind=ContributionKind.WELCOMER,
            defaults={"activity_id": referral.activity_id, "referral": referral},
        )
    _follow_up_ensure(referral)


@transaction.atomic
def referral_record_visit(*, user: Any, referral: Referral) -> Referral:
    """The host taps "is here" for the newcomer on the check-in page.

    With the person's consent to be registered by name this is a normal check-in; without
    it they are counted without a name, and only the referral (which they agreed to) says
    that the first visit happened.
    """
    permissions.require(user, "welcome.record_visit", referral)
    session = referral.session
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if referral.first_visit == FirstVisit.CAME:
        return referral
    if activity_services.may_be_named(referral.person, timezone.localdate(session.starts_at)):
        activity_services.attendance_record(user=user, session=session, person=referral.person)
        referral.refresh_from_db()
    else:
        activity_services.head_count_change(user=user, session=session, delta=1)
        contribution_record_hosting(session=session, host_user_id=user.pk)
    referral_mark_came(referral=referral)
    return referral


@transaction.atomic
def follow_ups_for_passed_sessions(*, now: datetime.datetime | None = None) -> int:
    """Referrals whose first-visit session is over without a check-in get their follow-up.
    Idempotent: a referral is handled once, and has at most one follow-up."""
    now = now or timezone.now()
    waiting = list(
        Referral.objects.select_for_update()
        .filter(first_visit=FirstVisit.WAITING, session__ends_at__lte=now)
        .select_related("session")
    )
    for referral in waiting:
        referral.first_visit = (
            FirstVisit.CANCELLED if referral.session.is_cancelled else FirstVisit.NOT_SEEN
        )
        referral.first_visit_at = now
        referral.save(update_fields=["first_visit", "first_visit_at", "updated_at"])
        _follow_up_ensure(referral)
    return len(waiting)


@transaction.atomic
def follow_up_record(*, user: Any, follow_up: FollowUp, outcome: str, note: str = "") -> FollowUp:
    """The referrer says how the first visit was."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    permissions.require(user, "welcome.answer_follow_up", follow_up)
    if outcome not in FollowUpOutcome.values:
        raise ValidationError({"outcome": _("Choose how it went.")})
    if follow_up.outcome:
        raise ValidationError(_("You already answered this."))
    follow_up.outcome = outcome
    follow_up.outcome_at = timezone.now()
    follow_up.note = note.strip()[:2000]
    follow_up.save(update_fields=["outcome", "outcome_at", "note", "updated_at"])
    audit_record(
        actor=user,
        subject=follow_up.referral.person,
        category=AUDIT_CATEGORY,
        action=AuditAction.WRITE,
        purpose=ConsentPurpose.ACTIVITIES,
        detail=f"follow-up {follow_up.pk}: {outcome}",
    )
    return follow_up
