from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "omzien.plans"
    label = "plans"
    verbose_name = _("Action plan")

    def ready(self) -> None:
        from omzien.plans import dashboard_sections, navigation, rules  # noqa: F401
