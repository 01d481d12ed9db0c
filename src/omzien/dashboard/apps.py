from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "omzien.dashboard"
    label = "dashboard"
    verbose_name = _("Neighbourhood dashboard")

    def ready(self) -> None:
        from omzien.dashboard import navigation, rules  # noqa: F401
