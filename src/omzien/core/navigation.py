"""Navigation items registered by apps and shown only to people who may use them.

Residents see their few items as one flat row. People who work with omzien (volunteers,
professionals, coordinators, analysts, administrators) see many more, so their items are
gathered in a handful of groups that open as a disclosure (`<details>`), which works on a
phone, by keyboard and without JavaScript. Whether a user gets groups is a permission rule
(`GROUPED_ACTION`, registered by the people app), so core knows no roles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from omzien.core import permissions

#: The rule that decides whether a user's menu is grouped (unknown rule: a flat menu).
GROUPED_ACTION = "navigation.grouped"


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str | Promise
    order: int


#: The groups an item may name in `NavItem.group`. An item without a (known) group stays a
#: top-level link for everybody.
GROUPS: dict[str, NavGroup] = {
    group.key: group
    for group in [
        NavGroup("mine", _("Mine"), 5),
        NavGroup("together", _("Together"), 20),
        NavGroup("people", _("People"), 30),
        NavGroup("neighbourhood", _("Neighbourhood"), 40),
        NavGroup("safety", _("Safety"), 50),
        NavGroup("management", _("Management"), 90),
    ]
}
MINE = "mine"
TOGETHER = "together"
PEOPLE = "people"
NEIGHBOURHOOD = "neighbourhood"
SAFETY = "safety"
MANAGEMENT = "management"


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100
    group: str = ""


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if any(existing.url_name == item.url_name for existing in _items):
        return
    _items.append(item)


def _visible_items(user: Any) -> list[NavItem]:
    return [item for item in sorted(_items, key=lambda i: i.order) if item.visible(user)]


def _link(item: NavItem, current_url_name: str) -> dict[str, Any]:
    return {
        "label": item.label,
        "url": reverse(item.url_name),
        "url_name": item.url_name,
        "current": item.url_name == current_url_name,
    }


def items_for(user: Any) -> list[dict[str, Any]]:
    """Every item the user may use, as one flat list in order."""
    return [_link(item, "") for item in _visible_items(user)]


def menu_for(user: Any, current_url_name: str = "") -> list[dict[str, Any]]:
    """The menu as the page shows it: links, and for grouped users, groups of links.

    A link is `{"label", "url", "url_name", "current"}`; a group is `{"group": True, "key",
    "label", "items": [links], "current"}`. A group with one visible item is shown as that
    item, so nobody opens a group to find a single link.
    """
    visible = _visible_items(user)
    if not permissions.can(user, GROUPED_ACTION):
        return [_link(item, current_url_name) for item in visible]
    entries: list[tuple[int, dict[str, Any]]] = []
    by_group: dict[str, list[NavItem]] = {}
    for item in visible:
        if item.group in GROUPS:
            by_group.setdefault(item.group, []).append(item)
        else:
            entries.append((item.order, _link(item, current_url_name)))
    for key, members in by_group.items():
        if len(members) == 1:
            entries.append((members[0].order, _link(members[0], current_url_name)))
            continue
        links = [_link(item, current_url_name) for item in members]
        group = GROUPS[key]
        entries.append(
            (
                group.order,
                {
                    "group": True,
                    "key": key,
                    "label": group.label,
                    "items": links,
                    "current": any(link["current"] for link in links),
                },
            )
        )
    return [entry for _order, entry in sorted(entries, key=lambda e: e[0])]
