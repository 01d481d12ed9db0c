from typing import Any

from django.utils.translation import gettext_lazy as _

from omzien.accounts.models import Role
from omzien.accounts.selectors import user_roles
from omzien.core import navigation, permissions
from omzien.core.navigation import NavItem, register
from omzien.people.selectors import has_own_profile


@permissions.rule(navigation.GROUPED_ACTION)
def grouped_navigation(user: Any, _obj: Any) -> bool:
    """Anyone with a role beyond resident sees many items, so gets them in groups."""
    return bool(user_roles(user) - {Role.RESIDENT})


MINE = navigation.MINE
register(NavItem(_("Home"), "people:start", lambda u: u.is_authenticated, order=0))
register(NavItem(_("My profile"), "people:my_profile", has_own_profile, order=10, group=MINE))
register(NavItem(_("My consents"), "people:my_consents", has_own_profile, order=20, group=MINE))
register(
    NavItem(
        _("Residents"),
        "people:list",
        lambda u: permissions.can(u, "people.list"),
        order=40,
        group=navigation.PEOPLE,
    )
)
register(
    NavItem(
        _("Figures"),
        "people:figures",
        lambda u: permissions.can(u, "people.view_aggregates"),
        order=50,
        group=navigation.NEIGHBOURHOOD,
    )
)
register(
    NavItem(
        _("Audit log"),
        "people:audit_log",
        lambda u: permissions.can(u, "people.view_audit_log"),
        order=60,
        group=navigation.MANAGEMENT,
    )
)
