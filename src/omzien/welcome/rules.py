"""Permission rules for tasks, contributions and the warm welcome. See omzien.core.permissions.

- Hosts of an activity and staff of its neighbourhood define its tasks and mark them done
  (the same people who may check people in).
- A resident takes on a task for themself only: nothing is assigned without their yes.
- Someone is referred by staff of their neighbourhood or by a buddy they gave a personal
  consent to; never by themself.
- The heads-up (the person's own words) is read by the referrer, the activity's hosts, the
  assigned welcomer and the person themself. Staff of another activity, or other hosts, not.
"""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES
from omzien.accounts.selectors import user_has_role_for
from omzien.activities.models import Activity, ActivityRole, ActivityRoleKind
from omzien.core import permissions
from omzien.core.permissions import rule
from omzien.people.models import Consent, Person
from omzien.people.selectors import is_self
from omzien.welcome.models import FollowUp, Referral


def is_host_of(user: Any, activity_id: int) -> bool:
    return ActivityRole.objects.filter(
        activity_id=activity_id, role=ActivityRoleKind.HOST, person__user=user
    ).exists()


def is_staff_for(user: Any, person: Person) -> bool:
    return user_has_role_for(user, STAFF_ROLES, person.neighbourhood)


def is_buddy_of(user: Any, person: Person) -> bool:
    """The person gave this user a consent by name (not just to a role) that is in force."""
    return Consent.objects.in_force().filter(person=person, grantee_user=user).exists()


@rule("welcome.manage_tasks")
def manage_tasks(user: Any, activity: Activity) -> bool:
    return permissions.can(user, "activities.check_in", activity)


@rule("welcome.take_task")
def take_task(user: Any, person: Person) -> bool:
    return person.erased_at is None and is_self(user, person)


@rule("welcome.refer")
def refer(user: Any, person: Person) -> bool:
    if person.erased_at is not None or is_self(user, person):
        return False
    return is_staff_for(user, person) or is_buddy_of(user, person)


@rule("welcome.read_heads_up")
def read_heads_up(user: Any, referral: Referral) -> bool:
    if referral.referrer_id == user.pk or is_self(user, referral.person):
        return True
    welcomer = referral.welcomer
    if welcomer is not None and welcomer.user_id == user.pk:
        return True
    return is_host_of(user, referral.activity_id)


@rule("welcome.assign_welcomer")
def assign_welcomer(user: Any, referral: Referral) -> bool:
    return is_host_of(user, referral.activity_id)


@rule("welcome.record_visit")
def record_visit(user: Any, referral: Referral) -> bool:
    """Hosts (and staff who check people in) say the newcomer came."""
    return permissions.can(user, "activities.check_in", referral.activity)


@rule("welcome.answer_follow_up")
def answer_follow_up(user: Any, follow_up: FollowUp) -> bool:
    return follow_up.user_id == user.pk
