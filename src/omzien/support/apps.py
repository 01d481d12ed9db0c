from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "omzien.support"
    label = "support"
    verbose_name = _("Support")

    def ready(self) -> None:
        from omzien.support import navigation, rules, subject_data  # noqa: F401
