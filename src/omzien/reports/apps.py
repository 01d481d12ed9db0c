from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "omzien.reports"
    label = "reports"
    verbose_name = _("Report point")

    def ready(self) -> None:
        from omzien.reports import navigation, receivers, rules  # noqa: F401
