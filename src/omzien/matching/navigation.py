from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions
from omzien.people.selectors import has_own_profile

navigation.register(
    navigation.NavItem(
        _("Ask and offer"),
        "matching:board",
        lambda user: has_own_profile(user) or permissions.can(user, "matching.manage", None),
        order=30,
        group=navigation.TOGETHER,
    )
)
navigation.register(
    navigation.NavItem(
        _("What I gave and received"),
        "matching:give_and_take",
        lambda user: has_own_profile(user),
        order=31,
        group=navigation.MINE,
    )
)
navigation.register(
    navigation.NavItem(
        _("Giving and receiving in figures"),
        "matching:figures",
        lambda user: permissions.can(user, "people.view_aggregates", None),
        order=80,
        group=navigation.NEIGHBOURHOOD,
    )
)
