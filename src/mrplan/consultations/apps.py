from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "mrplan.consultations"
    label = "consultations"
    verbose_name = _("Remisser och ärenden")

    def ready(self) -> None:
        from mrplan.consultations import (  # noqa: F401  (register history kinds, search, jobs)
            history,
            jobs,
            search,
        )
        from mrplan.consultations.statements import history as statement_history  # noqa: F401
