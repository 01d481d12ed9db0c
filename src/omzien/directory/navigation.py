from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions

navigation.register(
    navigation.NavItem(
        _("Social map"),
        "directory:search",
        lambda user: True,
        order=15,
        group=navigation.NEIGHBOURHOOD,
    )
)
navigation.register(
    navigation.NavItem(
        _("Suggestions"),
        "directory:review_queue",
        lambda user: permissions.can(user, "directory.review", None),
        order=60,
        group=navigation.MANAGEMENT,
    )
)
