from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions
from omzien.core.navigation import NavItem, register


def _is_participant(user: object) -> bool:
    from omzien.circles.selectors import has_own_circle

    return has_own_circle(user)


register(
    NavItem(
        _("Neighbourhood circles"),
        "circles:list",
        lambda user: permissions.can(user, "circles.list"),
        order=30,
        group=navigation.TOGETHER,
    )
)
register(
    NavItem(
        _("My neighbourhood circle"),
        "circles:mine",
        _is_participant,
        order=15,
        group=navigation.MINE,
    )
)
