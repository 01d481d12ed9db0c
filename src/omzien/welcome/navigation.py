from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions
from omzien.people.selectors import has_own_profile

navigation.register(
    navigation.NavItem(
        _("Help out"), "welcome:tasks", has_own_profile, order=22, group=navigation.MINE
    )
)
# Professionals refer people; buddies reach the same page from their home page.
navigation.register(
    navigation.NavItem(
        _("Warm welcome"),
        "welcome:referrals",
        lambda user: permissions.can(user, "activities.manage", None),
        order=26,
        group=navigation.PEOPLE,
    )
)
