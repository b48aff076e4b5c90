from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "mrplan.collaboration"
    label = "collaboration"
    verbose_name = _("Samverkan och kompetens")

    def ready(self) -> None:
        from mrplan.collaboration import history  # noqa: F401  (registers the history kinds)
