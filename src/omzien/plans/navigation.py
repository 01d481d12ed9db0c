from typing import Any

from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions


def _visible(user: Any) -> bool:
    return permissions.can(user, "plans.use", None)


navigation.register(
    navigation.NavItem(
        _("Action plan"), "plans:index", _visible, order=65, group=navigation.NEIGHBOURHOOD
    )
)
