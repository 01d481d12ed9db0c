"""Writes for activities: sessions from the repeat rule, attendance, announced absence,
and the absence signal (scan, outcome, escalation)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omzien.activities import recurrence
from omzien.activities.models import (
    AbsenceNotice,
    AbsenceSignal,
    Activity,
    ActivityRole,
    ActivityRoleKind,
    Admission,
    Attendance,
    Outcome,
    Session,
    SessionStatus,
    SignalContact,
    SignalPlan,
    SignalStatus,
    SignalStep,
    SignUp,
)
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction
from omzien.people.models import Consent, ConsentCategory, ConsentMethod, ConsentPurpose, Person

#: Sessions are materialised this far ahead.
GENERATE_AHEAD = datetime.timedelta(weeks=12)
#: The scan looks back this far for a person's recent sessions…
SCAN_LOOKBACK = datetime.timedelta(days=400)
#: … and at most at this many sessions per activity more than the longest plan needs.
SCAN_SLACK = 10

# --- activities and sessions --------------------------------------------------------------


@transaction.atomic
def activity_save(
    *, user: Any, activity: Activity, hosts: Iterable[Person] | None = None
) -> Activity:
    """Create or change an activity, then (re)generate its coming sessions.

    `hosts`, when given, become the activity's hosts (others lose the role). Past sessions
    and their attendance are never touched; coming sessions follow the new rule, and when
    there is more room now, people on a waiting list move up.
    """
    permissions.require(user, "activities.manage", activity.neighbourhood)
    if activity.pk:
        # The old neighbourhood must be the user's too: nobody moves an activity out of
        # someone else's area into their own.
        before = Activity.objects.select_related("neighbourhood").get(pk=activity.pk)
        permissions.require(user, "activities.manage", before.neighbourhood)
    try:
        recurrence.parse(activity.recurrence, starts_at=activity.starts_at)
    except ValidationError as error:
        raise ValidationError({"recurrence": error.messages}) from error
    activity.full_clean()
    is_new = activity._state.adding
    activity.save()
    if hosts is not None:
        wanted = {p.pk for p in hosts}
        ActivityRole.objects.filter(activity=activity, role=ActivityRoleKind.HOST).exclude(
            person_id__in=wanted
        ).delete()
        have = set(
            ActivityRole.objects.filter(activity=activity, role=ActivityRoleKind.HOST).values_list(
                "person_id", flat=True
            )
        )
        ActivityRole.objects.bulk_create(
            [
                ActivityRole(activity=activity, person_id=pk, role=ActivityRoleKind.HOST)
                for pk in sorted(wanted - have)
            ]
        )
    # A new activity may start in the past (its history is entered afterwards); a changed
    # rule only reaches forward: no sessions appear in the past.
    sessions_generate(activity=activity, since=None if is_new else timezone.now())
    if activity.admission == Admission.SIGN_UP:
        waiting = set(
            activity.sessions.filter(
                starts_at__gt=timezone.now(),
                status=SessionStatus.PLANNED,
                signups__isnull=False,
                signups__place__isnull=True,
            ).values_list("pk", flat=True)
        )
        for session in (
            Session.objects.select_for_update().filter(pk__in=waiting).select_related("activity")
        ):
            _fill_places(session)
    return activity


@transaction.atomic
def activity_describe(*, user: Any, activity: Activity, description: str) -> Activity:
    """A host (or staff) changes only the text that says what happens."""
    permissions.require(user, "activities.edit_description", activity)
    activity.description = description
    activity.full_clean()
    activity.save(update_fields=["description", "updated_at"])
    return activity


@transaction.atomic
def sessions_generate(
    *,
    activity: Activity,
    until: datetime.datetime | None = None,
    since: datetime.datetime | None = None,
) -> list[Session]:
    """Make sure every occurrence of the rule up to `until` has a session, and drop coming
    sessions the rule no longer has (unless someone came or said they would not).

    Running it twice changes nothing: sessions are keyed by the occurrence the rule gave.
    With `since`, no new session is made before that moment.
    """
    now = timezone.now()
    until = until or now + GENERATE_AHEAD
    wanted = set(
        recurrence.occurrences(
            activity.recurrence,
            starts_at=activity.starts_at,
            after=activity.starts_at,
            until=until,
        )
    )
    existing = {s.occurrence: s for s in activity.sessions.filter(occurrence__lte=until)}
    new = [
        Session(
            activity=activity,
            occurrence=moment,
            starts_at=moment,
            ends_at=moment + activity.duration,
        )
        for moment in sorted(wanted - existing.keys())
        if since is None or moment >= since
    ]
    Session.objects.bulk_create(new, ignore_conflicts=True)
    # Coming sessions the rule still has, and that were not moved by hand, follow a
    # changed duration.
    Session.objects.filter(
        activity=activity,
        starts_at__gt=now,
        starts_at=F("occurrence"),
        occurrence__in=[moment for moment in wanted if moment > now],
    ).exclude(ends_at=F("starts_at") + activity.duration).update(
        ends_at=F("starts_at") + activity.duration
    )
    stale = [s.pk for moment, s in existing.items() if moment not in wanted and s.starts_at > now]
    if stale:
        Session.objects.filter(
            pk__in=stale, attendances__isnull=True, absences__isnull=True, signups__isnull=True
        ).delete()
        # Someone signed up for, or said they would not come to, a time that is no
        # longer in the rule: the session stays, cancelled, so they can be told.
        for session in Session.objects.filter(pk__in=stale, status=SessionStatus.PLANNED):
            session.status = SessionStatus.CANCELLED
            session.note = _("The times of this activity have changed.")
            session.save(update_fields=["status", "note", "updated_at"])
            _tell_signed_up(session, cancelled=True)
    return new


@transaction.atomic
def session_cancel(*, user: Any, session: Session, note: str = "") -> Session:
    """Cancel one session (a holiday, the host is ill). A cancelled session never counts
    as missed."""
    permissions.require(user, "activities.manage", session.activity.neighbourhood)
    was_planned = session.status == SessionStatus.PLANNED
    session.status = SessionStatus.CANCELLED
    session.note = note[:200]
    session.save(update_fields=["status", "note", "updated_at"])
    if was_planned:
        _tell_signed_up(session, cancelled=True)
    return session


@transaction.atomic
def session_restore(*, user: Any, session: Session) -> Session:
    permissions.require(user, "activities.manage", session.activity.neighbourhood)
    session.status = SessionStatus.PLANNED
    session.save(update_fields=["status", "updated_at"])
    return session


@transaction.atomic
def session_move(
    *, user: Any, session: Session, starts_at: datetime.datetime, note: str = ""
) -> Session:
    """Move one session to another time; the rule is unchanged."""
    permissions.require(user, "activities.manage", session.activity.neighbourhood)
    length = session.ends_at - session.starts_at
    session.starts_at = starts_at
    session.ends_at = starts_at + length
    session.note = note[:200]
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Choose a time in the future.")})
    session.full_clean()
    session.save(update_fields=["starts_at", "ends_at", "note", "updated_at"])
    _tell_signed_up(session, cancelled=False)
    return session


# --- attendance ---------------------------------------------------------------------------


def may_be_named(person: Person, on: datetime.date | None = None) -> bool:
    """Attendance names a person only when they agreed to attendance registration."""
    return (
        Consent.objects.in_force(on)
        .filter(person=person, category=ConsentCategory.ATTENDANCE)
        .exists()
    )


@transaction.atomic
def attendance_record(
    *, user: Any, session: Session, person: Person, with_trusted_person: bool = False
) -> Attendance:
    """Check a person in. Refused for someone who did not agree to be registered by name:
    count them with ``head_count_change`` instead."""
    permissions.require(user, "activities.check_in", session.activity)
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if not may_be_named(person, timezone.localdate(session.starts_at)):
        raise ValidationError(
            _("%(name)s did not agree to be registered by name. Count them without a name instead.")
            % {"name": person.first_name}
        )
    attendance, created = Attendance.objects.get_or_create(
        session=session,
        person=person,
        defaults={"with_trusted_person": with_trusted_person, "recorded_by": user},
    )
    if not created and attendance.with_trusted_person != with_trusted_person:
        attendance.with_trusted_person = with_trusted_person
        attendance.save(update_fields=["with_trusted_person", "updated_at"])
    audit_record(
        actor=user,
        subject=person,
        category=ConsentCategory.ATTENDANCE,
        action=AuditAction.WRITE,
        purpose=ConsentPurpose.ACTIVITIES,
        detail=f"check-in session {session.pk}",
    )
    return attendance


@transaction.atomic
def attendance_remove(*, user: Any, session: Session, person: Person) -> None:
    """Undo a check-in tapped by mistake."""
    permissions.require(user, "activities.check_in", session.activity)
    deleted, _rows = Attendance.objects.filter(session=session, person=person).delete()
    if deleted:
        audit_record(
            actor=user,
            subject=person,
            category=ConsentCategory.ATTENDANCE,
            action=AuditAction.WRITE,
            purpose=ConsentPurpose.ACTIVITIES,
            detail=f"check-in undone session {session.pk}",
        )


@transaction.atomic
def head_count_change(*, user: Any, session: Session, delta: int) -> Session:
    """Count people who came without registering their name (never below zero)."""
    permissions.require(user, "activities.check_in", session.activity)
    Session.objects.filter(pk=session.pk).update(
        head_count=Greatest(F("head_count") + delta, Value(0))
    )
    session.refresh_from_db(fields=["head_count"])
    return session


@transaction.atomic
def absence_announce(
    *, user: Any, person: Person, session: Session, message: str = ""
) -> AbsenceNotice:
    """ "I won't be there": by the person themself, or by a host or professional for them."""
    _require_self_or_host(user, person, session.activity)
    if session.starts_at <= timezone.now() - datetime.timedelta(days=7):
        raise ValidationError(_("This session was too long ago."))
    notice, _created = AbsenceNotice.objects.update_or_create(
        session=session, person=person, defaults={"message": message[:300]}
    )
    # Whoever does not come gives their place to the next person on the waiting list.
    signup = SignUp.objects.filter(session=session, person=person).first()
    if signup is not None:
        _signup_remove(signup)
    return notice


@transaction.atomic
def absence_withdraw(*, user: Any, person: Person, session: Session) -> None:
    """Undo "I won't be there". A place given up stays given up: sign up again."""
    _require_self_or_host(user, person, session.activity)
    AbsenceNotice.objects.filter(session=session, person=person).delete()


def _require_self_or_host(user: Any, person: Person, activity: Activity) -> None:
    """The person themself (or staff of their neighbourhood), or a host or staff member of
    the activity on their behalf."""
    if permissions.can(user, "activities.announce_absence", person):
        return
    # A host acts only for the people of their own activity: those who came or signed
    # up before, or whom the host just wrote down as someone new. Not for any resident.
    if permissions.can(user, "activities.sign_up_others", activity) and (
        person.registered_by_id == user.pk
        or Attendance.objects.filter(person=person, session__activity=activity).exists()
        or SignUp.objects.filter(person=person, session__activity=activity).exists()
    ):
        return
    raise PermissionDenied


# --- signing up, with a waiting list ------------------------------------------------------


@transaction.atomic
def signup_create(*, user: Any, session: Session, person: Person) -> SignUp:
    """Sign a person up for one session: a place when there is one, otherwise the waiting
    list. By the person themself, or by a host or staff member for them.

    The session row is locked while places are counted, and (session, place) is unique,
    so two people signing up at once never get more places than there are.
    """
    _require_self_or_host(user, person, session.activity)
    session = Session.objects.select_for_update().select_related("activity").get(pk=session.pk)
    activity = session.activity
    if activity.admission != Admission.SIGN_UP:
        raise ValidationError(_("You do not need to sign up for this activity. Just come."))
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started."))
    existing = SignUp.objects.filter(session=session, person=person).first()
    if existing is not None:
        return existing
    signup = SignUp(
        session=session,
        person=person,
        place=_free_place(session),
        signed_up_by=user if getattr(user, "is_authenticated", False) else None,
    )
    signup.full_clean(exclude=["session", "person"])
    signup.save()
    # Signing up means coming after all.
    AbsenceNotice.objects.filter(session=session, person=person).delete()
    return signup


@transaction.atomic
def signup_cancel(*, user: Any, signup: SignUp) -> SignUp | None:
    """Take back a sign-up. When it held a place, the first person on the waiting list
    gets it and an e-mail. Returns the sign-up that moved up, if any."""
    _require_self_or_host(user, signup.person, signup.session.activity)
    return _signup_remove(signup)


def _signup_remove(signup: SignUp) -> SignUp | None:
    session = (
        Session.objects.select_for_update().select_related("activity").get(pk=signup.session_id)
    )
    deleted, _rows = SignUp.objects.filter(pk=signup.pk).delete()
    if not deleted:
        return None
    promoted = _fill_places(session)
    return promoted[0] if promoted else None


def _free_place(session: Session) -> int | None:
    """The lowest free place number, or None when the session is full."""
    taken = set(
        SignUp.objects.filter(session=session, place__isnull=False).values_list("place", flat=True)
    )
    capacity = session.activity.capacity
    if capacity is not None and len(taken) >= capacity:
        return None
    place = 1
    while place in taken:
        place += 1
    return place


def _fill_places(session: Session) -> list[SignUp]:
    """Give free places to the waiting list, first come first served (the caller holds
    the session's lock, or runs in the activity's save). Only for sessions to come."""
    if session.starts_at <= timezone.now() or session.is_cancelled:
        return []
    promoted: list[SignUp] = []
    waiting = SignUp.objects.filter(session=session, place__isnull=True).select_related(
        "person__user"
    )
    for signup in waiting.order_by("created_at", "pk"):
        place = _free_place(session)
        if place is None:
            break
        signup.place = place
        signup.promoted_at = timezone.now()
        signup.save(update_fields=["place", "promoted_at", "updated_at"])
        promoted.append(signup)
        _mail_person(
            signup.person,
            subject=_("There is a place for you: %(name)s") % {"name": session.activity.name},
            message=_(
                "Good news! A place came free at %(name)s on %(when)s.\n"
                "You were on the waiting list. Now you have a place.\n"
                "Can you not come after all? Please say so here:\n%(link)s"
            )
            % {"name": session.activity.name, "when": _when(session), "link": _my_link()},
        )
    return promoted


def _tell_signed_up(session: Session, *, cancelled: bool) -> None:
    """E-mail everyone signed up for the session (waiting list too) that it is cancelled
    or moved."""
    people = [
        s.person for s in SignUp.objects.filter(session=session).select_related("person__user")
    ]
    name = session.activity.name
    if cancelled:
        subject = _("Cancelled: %(name)s") % {"name": name}
        message = _("%(name)s on %(when)s does not take place.") % {
            "name": name,
            "when": _when(session),
        }
        if session.note:
            message += "\n" + _("Reason: %(note)s") % {"note": session.note}
    else:
        subject = _("New time: %(name)s") % {"name": name}
        message = _("%(name)s has a new time: %(when)s.") % {"name": name, "when": _when(session)}
    message += "\n" + _("See your activities: %(link)s") % {"link": _my_link()}
    for person in people:
        _mail_person(person, subject=subject, message=message)


def _when(session: Session) -> str:
    return date_format(timezone.localtime(session.starts_at), "l j F, H:i")


def _my_link() -> str:
    return settings.OMZIEN_BASE_URL.rstrip("/") + reverse("activities:mine")


def _mail_person(person: Person, *, subject: str, message: str) -> None:
    """Send after commit, to the person's own address (profile or account)."""
    address = person.email or (person.user.email if person.user_id and person.user else "")
    if not address:
        return
    transaction.on_commit(
        lambda: send_mail(
            subject=subject,
            message=message,
            from_email=None,
            recipient_list=[address],
            fail_silently=True,
        )
    )


# --- the absence signal ---------------------------------------------------------------------


@dataclass(frozen=True)
class Streak:
    """What the rule found for one person at one activity."""

    person_id: int
    activity_id: int
    first_missed: int  # session id
    last_seen: int | None
    missed: int


def streak_of(
    countable: list[int], attended: set[int], plan: SignalPlan | _PlanRule
) -> Streak | None:
    """Apply the rule to one person's countable sessions of one activity (oldest first;
    cancelled sessions and announced absences are already left out).

    A regular came at least ``regular_attended`` times in the ``regular_window`` sessions
    before the streak; the streak is at least ``missed_in_a_row`` missed sessions up to
    now. Returns None when there is nothing to signal.
    """
    missed = 0
    for session_id in reversed(countable):
        if session_id in attended:
            break
        missed += 1
    if missed < plan.missed_in_a_row:
        return None
    before = countable[: len(countable) - missed]
    window = before[-plan.regular_window :]
    came = sum(1 for session_id in window if session_id in attended)
    if came < plan.regular_attended:
        return None
    return Streak(
        person_id=0,
        activity_id=0,
        first_missed=countable[len(countable) - missed],
        last_seen=before[-1] if before else None,
        missed=missed,
    )


@dataclass(frozen=True)
class _PlanRule:
    regular_attended: int
    regular_window: int
    missed_in_a_row: int


@dataclass
class ScanResult:
    plans: int = 0
    checked: int = 0
    created: int = 0
    closed: int = 0


@transaction.atomic
def absence_scan(*, now: datetime.datetime | None = None, notify: bool = True) -> ScanResult:
    """Find regulars who stopped coming and open a signal for each; close open signals
    of people who came back. Idempotent: a streak that already has a signal is skipped.

    Works in a few set-based queries whatever the number of people: sessions, attendance
    and announced absences of people with a plan are read once, then the rule runs per
    (person, activity) on small in-memory lists.
    """
    now = now or timezone.now()
    result = ScanResult()
    plans = {
        p.person_id: _PlanRule(p.regular_attended, p.regular_window, p.missed_in_a_row)
        for p in SignalPlan.objects.filter(is_active=True, person__erased_at__isnull=True)
    }
    result.plans = len(plans)
    if not plans:
        return result
    since = now - SCAN_LOOKBACK
    sessions = list(
        Session.objects.filter(
            activity__is_active=True,
            ends_at__lte=now,
            starts_at__gte=since,
            status=SessionStatus.PLANNED,
        )
        .order_by("starts_at", "pk")
        .values_list("pk", "activity_id")
    )
    by_activity: dict[int, list[int]] = defaultdict(list)
    for session_id, activity_id in sessions:
        by_activity[activity_id].append(session_id)
    # The rule looks at the last few sessions of each activity only: a streak that began
    # before them was signalled back then. Slack covers announced absences.
    keep = max(p.regular_window + p.missed_in_a_row for p in plans.values()) + SCAN_SLACK
    for activity_id, ids in by_activity.items():
        by_activity[activity_id] = ids[-keep:]
    session_activity = {s: a for a, ids in by_activity.items() for s in ids}
    attended: dict[tuple[int, int], set[int]] = defaultdict(set)
    kept = list(session_activity)
    for start in range(0, len(kept), 5000):
        rows = Attendance.objects.filter(session_id__in=kept[start : start + 5000]).values_list(
            "person_id", "session_id"
        )
        for person_id, session_id in rows.iterator(chunk_size=20000):
            if person_id in plans:
                attended[(person_id, session_activity[session_id])].add(session_id)
    excused: dict[int, set[int]] = defaultdict(set)
    for person_id, session_id in AbsenceNotice.objects.filter(
        session__starts_at__gte=since, person__signal_plan__is_active=True
    ).values_list("person_id", "session_id"):
        excused[person_id].add(session_id)

    streaks: list[Streak] = []
    came_back: set[tuple[int, int]] = set()
    for (person_id, activity_id), seen in attended.items():
        result.checked += 1
        plan = plans[person_id]
        skip = excused.get(person_id, set())
        countable = [s for s in by_activity[activity_id] if s not in skip]
        streak = streak_of(countable, seen, plan)
        if streak is None:
            if countable and countable[-1] in seen:
                came_back.add((person_id, activity_id))
            continue
        streaks.append(
            Streak(
                person_id=person_id,
                activity_id=activity_id,
                first_missed=streak.first_missed,
                last_seen=streak.last_seen,
                missed=streak.missed,
            )
        )

    result.closed = _close_for_returners(came_back, now=now)
    existing = set(
        AbsenceSignal.objects.filter(
            first_missed_id__in=[s.first_missed for s in streaks]
        ).values_list("person_id", "activity_id", "first_missed_id")
    )
    fresh = [s for s in streaks if (s.person_id, s.activity_id, s.first_missed) not in existing]
    if not fresh:
        return result
    # A person with an open signal for this activity already has someone looking.
    open_pairs = set(
        AbsenceSignal.objects.filter(
            status=SignalStatus.OPEN, person_id__in=[s.person_id for s in fresh]
        ).values_list("person_id", "activity_id")
    )
    fresh = [s for s in fresh if (s.person_id, s.activity_id) not in open_pairs]
    result.created = _open_signals(fresh, now=now, notify=notify)
    return result


def _open_signals(streaks: list[Streak], *, now: datetime.datetime, notify: bool) -> int:
    """Open a signal per streak and give each to the first contact who agreed, in bulk."""
    if not streaks:
        return 0
    persons = {s.person_id for s in streaks}
    contacts: dict[int, list[SignalContact]] = defaultdict(list)
    for contact in (
        SignalContact.objects.filter(plan__person_id__in=persons, user__is_active=True)
        .select_related("plan", "user")
        .order_by("order")
    ):
        contacts[contact.plan.person_id].append(contact)
    allowed = set(
        Consent.objects.in_force(timezone.localdate(now))
        .filter(
            person_id__in=persons,
            category=ConsentCategory.ATTENDANCE,
            purpose=ConsentPurpose.STAYING_IN_VIEW,
            grantee_user__isnull=False,
        )
        .values_list("person_id", "grantee_user_id")
    )
    signals: list[AbsenceSignal] = []
    firsts: list[SignalContact | None] = []
    for streak in streaks:
        first = next(
            (c for c in contacts[streak.person_id] if (streak.person_id, c.user_id) in allowed),
            None,
        )
        firsts.append(first)
        signals.append(
            AbsenceSignal(
                person_id=streak.person_id,
                activity_id=streak.activity_id,
                first_missed_id=streak.first_missed,
                last_seen_id=streak.last_seen,
                missed=streak.missed,
                status=SignalStatus.OPEN if first else SignalStatus.EXHAUSTED,
                due_at=now + datetime.timedelta(hours=first.hours_to_respond) if first else None,
            )
        )
    AbsenceSignal.objects.bulk_create(signals, batch_size=1000)
    steps = SignalStep.objects.bulk_create(
        [
            SignalStep(signal=signal, contact=first, user=first.user, due_at=signal.due_at)
            for signal, first in zip(signals, firsts, strict=True)
            if first is not None and signal.due_at is not None
        ],
        batch_size=1000,
    )
    if notify:
        for step in steps:
            transaction.on_commit(lambda step=step: _notify(step))  # type: ignore[misc]
    return len(signals)


def _close_for_returners(pairs: set[tuple[int, int]], *, now: datetime.datetime) -> int:
    if not pairs:
        return 0
    open_signals = AbsenceSignal.objects.filter(
        status=SignalStatus.OPEN, person_id__in={p for p, _a in pairs}
    )
    closed = 0
    for signal in open_signals:
        if (signal.person_id, signal.activity_id) not in pairs:
            continue
        signal.steps.filter(outcome="").update(
            outcome=Outcome.FINE, outcome_at=now, note=_("They came back to the activity.")
        )
        signal.status = SignalStatus.CLOSED
        signal.due_at = None
        signal.save(update_fields=["status", "due_at", "updated_at"])
        closed += 1
    return closed


def _contacts_in_order(signal: AbsenceSignal, *, on: datetime.date) -> list[SignalContact]:
    """The plan's contacts whose consent is still in force, in the person's order."""
    contacts = list(
        SignalContact.objects.filter(plan__person_id=signal.person_id)
        .select_related("user")
        .order_by("order")
    )
    allowed = set(
        Consent.objects.in_force(on)
        .filter(
            person_id=signal.person_id,
            category=ConsentCategory.ATTENDANCE,
            purpose=ConsentPurpose.STAYING_IN_VIEW,
            grantee_user__isnull=False,
        )
        .values_list("grantee_user_id", flat=True)
    )
    return [c for c in contacts if c.user_id in allowed and c.user.is_active]


def _ask_next_contact(
    signal: AbsenceSignal, *, now: datetime.datetime, notify: bool = True
) -> SignalStep | None:
    """Give the signal to the next contact who was not asked yet; none left: exhausted."""
    asked = set(signal.steps.exclude(contact=None).values_list("contact_id", flat=True))
    remaining = [
        c for c in _contacts_in_order(signal, on=timezone.localdate(now)) if c.pk not in asked
    ]
    if not remaining:
        signal.status = SignalStatus.EXHAUSTED
        signal.due_at = None
        signal.save(update_fields=["status", "due_at", "updated_at"])
        return None
    contact = remaining[0]
    due = now + datetime.timedelta(hours=contact.hours_to_respond)
    step = SignalStep.objects.create(signal=signal, contact=contact, user=contact.user, due_at=due)
    signal.due_at = due
    signal.save(update_fields=["due_at", "updated_at"])
    if notify:
        transaction.on_commit(lambda: _notify(step))
    return step


def _notify(step: SignalStep) -> None:
    """Tell the contact there is a task, without any detail about the person in the mail."""
    user = step.user
    if user is None or not user.email:
        return
    link = settings.OMZIEN_BASE_URL.rstrip("/") + reverse(
        "activities:signal", args=[step.signal_id]
    )
    send_mail(
        subject=_("Someone may be missing you: please get in touch"),
        message=_(
            "Someone you keep an eye on has not come to an activity for a while.\n"
            "Please give them a call or drop by, and tell us how it went:\n%(link)s"
        )
        % {"link": link},
        from_email=None,
        recipient_list=[user.email],
        fail_silently=True,
    )


def current_step(signal: AbsenceSignal) -> SignalStep | None:
    return signal.steps.filter(outcome="").select_related("user").first()


@transaction.atomic
def signal_record_outcome(
    *, user: Any, signal: AbsenceSignal, outcome: str, note: str = ""
) -> AbsenceSignal:
    """The contact says how it went. "Could not reach them" passes the task on at once."""
    signal = AbsenceSignal.objects.select_for_update().get(pk=signal.pk)
    permissions.require(user, "activities.answer_signal", signal)
    if outcome not in {Outcome.FINE, Outcome.ATTENTION, Outcome.UNREACHABLE}:
        raise ValidationError({"outcome": _("Choose how it went.")})
    if signal.status != SignalStatus.OPEN:
        raise ValidationError(_("This signal is already closed."))
    now = timezone.now()
    step = current_step(signal)
    if step is None or (step.user_id != user.pk and not staff_may_close(user, signal)):
        raise ValidationError(_("Someone else has this task now."))
    step.outcome = outcome
    step.outcome_at = now
    step.note = note[:2000]
    step.save(update_fields=["outcome", "outcome_at", "note", "updated_at"])
    audit_record(
        actor=user,
        subject=signal.person,
        category=ConsentCategory.ATTENDANCE,
        action=AuditAction.WRITE,
        purpose=ConsentPurpose.STAYING_IN_VIEW,
        detail=f"signal {signal.pk}: {outcome}",
    )
    if outcome == Outcome.UNREACHABLE:
        _ask_next_contact(signal, now=now)
        return signal
    signal.status = SignalStatus.CLOSED
    signal.due_at = None
    signal.save(update_fields=["status", "due_at", "updated_at"])
    return signal


def staff_may_close(user: Any, signal: AbsenceSignal) -> bool:
    return permissions.can(user, "activities.manage", signal.activity.neighbourhood)


@transaction.atomic
def signals_escalate(*, now: datetime.datetime | None = None) -> int:
    """Steps whose due time passed without an answer go to the next contact.
    Idempotent: a step is escalated once (it gets the outcome "no answer in time")."""
    now = now or timezone.now()
    overdue = list(
        SignalStep.objects.select_for_update()
        .filter(outcome="", due_at__lte=now, signal__status=SignalStatus.OPEN)
        .select_related("signal")
    )
    for step in overdue:
        step.outcome = Outcome.NO_ANSWER
        step.outcome_at = now
        step.save(update_fields=["outcome", "outcome_at", "updated_at"])
        _ask_next_contact(step.signal, now=now)
    return len(overdue)


# --- signal plans ---------------------------------------------------------------------------


@transaction.atomic
def signal_plan_save(
    *,
    actor: Any,
    person: Person,
    contacts: Iterable[tuple[Any, str, int]],
    regular_attended: int = 3,
    regular_window: int = 5,
    missed_in_a_row: int = 2,
    method: str = "",
) -> SignalPlan:
    """Save the person's plan: the rule and the contacts (user, role, hours) in order.

    Each contact gets the person's consent to see their attendance for "getting in touch
    when I am missed"; contacts left out lose it.
    """
    from omzien.people.services import consent_grant, consent_revoke

    permissions.require(actor, "activities.edit_plan", person)
    plan, _created = SignalPlan.objects.get_or_create(person=person)
    plan.regular_attended = regular_attended
    plan.regular_window = regular_window
    plan.missed_in_a_row = missed_in_a_row
    plan.is_active = True
    plan.full_clean()
    plan.save()
    plan.contacts.all().delete()
    wanted = []
    for order, (user, role, hours) in enumerate(contacts, start=1):
        contact = SignalContact(
            plan=plan, order=order, user=user, role=role, hours_to_respond=hours
        )
        contact.full_clean(exclude=["plan"])
        contact.save()
        wanted.append(user.pk)
    if not wanted:
        raise ValidationError(_("Choose at least one person who gets in touch."))
    current = Consent.objects.in_force().filter(
        person=person,
        category=ConsentCategory.ATTENDANCE,
        purpose=ConsentPurpose.STAYING_IN_VIEW,
        grantee_user__isnull=False,
    )
    have = {c.grantee_user_id: c for c in current}
    for consent in have.values():
        if consent.grantee_user_id not in wanted:
            consent_revoke(actor=actor, consent=consent)
    for contact in plan.contacts.select_related("user"):
        if contact.user_id not in have:
            consent_grant(
                actor=actor,
                person=person,
                category=ConsentCategory.ATTENDANCE,
                purpose=ConsentPurpose.STAYING_IN_VIEW,
                grantee_user=contact.user,
                method=method or ConsentMethod.SELF_ONLINE,
            )
    return plan
