"""One helper that answers "may this user do X to this object".

Apps register a rule per action name in their `rules.py` (imported by `AppConfig.ready`).
Views, API endpoints, services and selectors all ask `can()` or `require()`; templates
only ever show what a selector already allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied

Rule = Callable[[Any, Any], bool]
_rules: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    """Register `func(user, obj) -> bool` as the rule for `action`."""

    def decorator(func: Rule) -> Rule:
        if action in _rules and _rules[action] is not func:
            raise ValueError(f"A rule for {action!r} is already registered.")
        _rules[action] = func
        return func

    return decorator


def can(user: Any, action: str, obj: Any = None) -> bool:
    """True when `user` may do `action` to `obj`. Unknown actions are refused."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not getattr(user, "is_active", False):
        return False
    func = _rules.get(action)
    if func is None:
        return False
    return bool(func(user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(action)


def registered_actions() -> list[str]:
    return sorted(_rules)
