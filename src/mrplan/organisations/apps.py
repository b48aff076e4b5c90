from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "mrplan.organisations"
    label = "organisations"
    verbose_name = _("Organisationer")

    def ready(self) -> None:
        from mrplan.organisations import history  # noqa: F401  (registers the history kinds)
