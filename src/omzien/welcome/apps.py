from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelcomeConfig(AppConfig):
    name = "omzien.welcome"
    label = "welcome"
    verbose_name = _("Welcome and taking part")

    def ready(self) -> None:
        from omzien.welcome import navigation, receivers, rules, subject_data  # noqa: F401
