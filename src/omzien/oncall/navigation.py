from django.utils.translation import gettext_lazy as _

from omzien.accounts.models import STAFF_ROLES
from omzien.accounts.selectors import user_has_role
from omzien.core import navigation

navigation.register(
    navigation.NavItem(
        _("Reachability"),
        "oncall:index",
        lambda user: user_has_role(user, STAFF_ROLES),
        order=60,
        group=navigation.SAFETY,
    )
)
