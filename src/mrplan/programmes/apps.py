from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "mrplan.programmes"
    label = "programmes"
    verbose_name = _("Program och handlingsplaner")

    def ready(self) -> None:
        from mrplan.programmes import history  # noqa: F401  (registers the history kinds)
