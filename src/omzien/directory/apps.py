from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "omzien.directory"
    label = "directory"
    verbose_name = _("Social map")

    def ready(self) -> None:
        from omzien.directory import navigation, rules  # noqa: F401
