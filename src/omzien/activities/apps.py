from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "omzien.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from omzien.activities import navigation, rules  # noqa: F401
