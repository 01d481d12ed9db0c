from django.utils.translation import gettext_lazy as _

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_has_role
from omzien.core import navigation
from omzien.core.navigation import NavItem, register
from omzien.people.selectors import has_own_profile

register(
    NavItem(_("My network"), "support:my_network", has_own_profile, order=12, group=navigation.MINE)
)
register(NavItem(_("My plan"), "support:my_plan", has_own_profile, order=14, group=navigation.MINE))
# Residents who were given a plan to read find the link on their own network page.
register(
    NavItem(
        _("Shared with me"),
        "support:shared",
        lambda u: user_has_role(u, [*STAFF_ROLES, Role.VOLUNTEER]),
        order=30,
        group=navigation.PEOPLE,
    )
)
