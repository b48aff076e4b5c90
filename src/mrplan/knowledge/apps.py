from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "mrplan.knowledge"
    label = "knowledge"
    verbose_name = _("Kunskapsunderlag")

    def ready(self) -> None:
        from mrplan.knowledge import history  # noqa: F401  (registers the history kinds)
