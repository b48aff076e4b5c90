from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "mrplan.public"
    label = "public"
    verbose_name = _("Öppen webbplats och öppna data")

    def ready(self) -> None:
        from mrplan.public import easyread, history  # noqa: F401  (register the history kinds)
        from mrplan.public.signals import connect

        connect()
