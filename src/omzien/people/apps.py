from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "omzien.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from omzien.people import navigation, rules, subject_data  # noqa: F401
