from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "mrplan.public"
    label = "public"
    verbose_name = _("Öppen webbplats och öppna data")

    def ready(self) -> None:
        from mrplan.public import history  # noqa: F401  (registers the history kinds)
