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

        from mrplan.core import slots
        from mrplan.knowledge.templatetags import knowledge_evidence as tags

        # Knowledge's blocks on the planning pages (core.slots: planning may not load our tags).
        slots.register(
            "planning.plan.goal",
            slots.inclusion("knowledge/evidence_block.html", tags.goal_evidence),
        )
        slots.register(
            "planning.report.after_form",
            slots.inclusion("knowledge/report_values_button.html", tags.report_values_button),
        )
