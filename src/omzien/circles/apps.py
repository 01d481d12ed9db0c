from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "omzien.circles"
    label = "circles"
    verbose_name = _("Neighbourhood circles")

    def ready(self) -> None:
        from omzien.circles import navigation, rules, subject_data  # noqa: F401
