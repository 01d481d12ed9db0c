"""Small pieces the activities pages include, so that app's templates change by one line."""

from __future__ import annotations

from typing import Any

from django import template

from omzien.core import permissions
from omzien.welcome import selectors

register = template.Library()


@register.inclusion_tag("welcome/_check_in.html", takes_context=True)
def welcome_check_in(context: dict[str, Any], session: Any) -> dict[str, Any]:
    """On the host's check-in page: newcomers referred to this session (with the heads-up
    for those who may read it) and the small tasks people took on."""
    user = context["request"].user
    return {
        "session": session,
        "heads_ups": selectors.heads_ups_for_check_in(user=user, session=session),
        "slots": selectors.tasks_of_session(user=user, session=session),
        "may_manage_tasks": permissions.can(user, "welcome.manage_tasks", session.activity),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("welcome/_activity.html", takes_context=True)
def welcome_activity(context: dict[str, Any], activity: Any) -> dict[str, Any]:
    """On the activity page: a way to help out, and (for hosts) the tasks to manage."""
    user = context["request"].user
    return {
        "activity": activity,
        "has_tasks": activity.welcome_tasks.filter(is_active=True).exists(),
        "may_manage_tasks": permissions.can(user, "welcome.manage_tasks", activity),
        "may_refer": selectors.referable_people(user).exists(),
    }
