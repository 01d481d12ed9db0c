from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OncallConfig(AppConfig):
    name = "omzien.oncall"
    label = "oncall"
    verbose_name = _("On-call rota")

    def ready(self) -> None:
        from omzien.oncall import navigation, rules  # noqa: F401
