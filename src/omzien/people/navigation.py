from django.utils.translation import gettext_lazy as _

from omzien.core import permissions
from omzien.core.navigation import NavItem, register
from omzien.people.selectors import has_own_profile

register(NavItem(_("Home"), "people:start", lambda u: u.is_authenticated, order=0))
register(NavItem(_("My profile"), "people:my_profile", has_own_profile, order=10))
register(NavItem(_("My consents"), "people:my_consents", has_own_profile, order=20))
register(
    NavItem(_("Residents"), "people:list", lambda u: permissions.can(u, "people.list"), order=40)
)
register(
    NavItem(
        _("Figures"),
        "people:figures",
        lambda u: permissions.can(u, "people.view_aggregates"),
        order=50,
    )
)
register(
    NavItem(
        _("Audit log"),
        "people:audit_log",
        lambda u: permissions.can(u, "people.view_audit_log"),
        order=60,
    )
)
