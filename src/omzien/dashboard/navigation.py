from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions

navigation.register(
    navigation.NavItem(
        _("Neighbourhood dashboard"),
        "dashboard:index",
        lambda user: permissions.can(user, "dashboard.use"),
        order=58,
        group=navigation.NEIGHBOURHOOD,
    )
)
