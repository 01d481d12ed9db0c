from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "omzien.scan"
    label = "scan"
    verbose_name = _("Neighbourhood scan")

    def ready(self) -> None:
        from omzien.scan import dashboard_sections, navigation, rules  # noqa: F401
