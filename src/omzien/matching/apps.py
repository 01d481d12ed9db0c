from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "omzien.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from omzien.matching import navigation, rules, subject_data  # noqa: F401
