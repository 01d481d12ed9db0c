from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions

navigation.register(
    navigation.NavItem(
        _("CBS figures"),
        "keyfigures:imports",
        lambda user: permissions.can(user, "keyfigures.import"),
        order=85,
        group=navigation.MANAGEMENT,
    )
)
