from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions
from omzien.people.selectors import has_own_profile

navigation.register(
    navigation.NavItem(
        _("Activities"), "activities:agenda", lambda user: True, order=20, group=navigation.TOGETHER
    )
)
# Buddies and key figures reach a signal through the link in their e-mail.
navigation.register(
    navigation.NavItem(
        _("Someone is missed"),
        "activities:signals",
        lambda user: permissions.can(user, "activities.manage", None),
        order=25,
        group=navigation.PEOPLE,
    )
)
# A resident's own coming sessions: "Ik kom niet", sign-ups, moving up from a waiting list.
navigation.register(
    navigation.NavItem(
        _("My activities"),
        "activities:mine",
        lambda user: has_own_profile(user),
        order=21,
        group=navigation.MINE,
    )
)
