from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "omzien.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from omzien.insights import dashboard_sections, rules  # noqa: F401
