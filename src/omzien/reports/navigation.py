from django.utils.translation import gettext_lazy as _

from omzien.core import navigation, permissions

navigation.register(
    navigation.NavItem(
        _("Report"), "reports:start", lambda user: True, order=60, group=navigation.SAFETY
    )
)
navigation.register(
    navigation.NavItem(
        _("Unsafe places"),
        "reports:public_map",
        lambda user: True,
        order=62,
        group=navigation.SAFETY,
    )
)
navigation.register(
    navigation.NavItem(
        _("Reports"),
        "reports:staff_list",
        lambda user: permissions.can(user, "reports.back_office"),
        order=61,
        group=navigation.SAFETY,
    )
)
