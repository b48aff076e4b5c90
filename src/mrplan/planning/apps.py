from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "mrplan.planning"
    label = "planning"
    verbose_name = _("Planering och uppföljning")

    def ready(self) -> None:
        from mrplan.planning import history, jobs  # noqa: F401  (register history kinds, jobs)
