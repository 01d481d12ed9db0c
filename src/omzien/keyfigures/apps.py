from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyFiguresConfig(AppConfig):
    name = "omzien.keyfigures"
    label = "keyfigures"
    verbose_name = _("CBS key figures")

    def ready(self) -> None:
        from omzien.keyfigures import dashboard_sections, navigation, rules  # noqa: F401
