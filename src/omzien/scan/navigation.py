from typing import Any

from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions


def _visible(user: Any) -> bool:
    if permissions.can(user, "scan.use", None):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    from omzien.scan.models import Participant

    return Participant.objects.filter(user=user).exists()


navigation.register(
    navigation.NavItem(
        _("Neighbourhood scan"), "scan:index", _visible, order=60, group=navigation.NEIGHBOURHOOD
    )
)
