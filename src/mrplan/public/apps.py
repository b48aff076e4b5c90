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

        from mrplan.core import slots
        from mrplan.public.templatetags import publication as tags

        # Public's blocks on lower apps' pages (core.slots: they may not load our tags).
        slots.register(
            "planning.plan.end",
            slots.inclusion("public/includes/plan_publication.html", tags.plan_publication),
        )
        slots.register(
            "planning.report.head",
            slots.inclusion("public/includes/report_publication.html", tags.report_publication),
        )
        slots.register(
            "organisations.organisation",
            slots.inclusion(
                "public/includes/organisation_public_links.html", tags.public_plan_links
            ),
        )
