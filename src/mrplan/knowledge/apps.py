from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "mrplan.knowledge"
    label = "knowledge"
    verbose_name = _("Kunskapsunderlag")

    def ready(self) -> None:
        from mrplan.knowledge import history, jobs  # noqa: F401  (register history kinds, jobs)
        from mrplan.knowledge.evidence import on_report_created
        from mrplan.planning.signals import report_created

        report_created.connect(on_report_created, dispatch_uid="mrplan-knowledge-report-created")
