"""Publish part of the demo data, so that the public site has something to show."""

from django.db import transaction

from mrplan.planning.models import Report, ReportStatus
from mrplan.public.actions import publish_report_and_plan


@transaction.atomic
def publish_demo_content() -> int:
    """Publish every approved report and the goals, activities and indicators it covers.

    Idempotent: what is published already stays as it is. Return how many objects were
    published now.
    """
    reports = Report.objects.filter(status=ReportStatus.APPROVED).select_related(
        "organisation", "action_plan", "period__planning_year"
    )
    return sum(
        publish_report_and_plan(report, actor=None, report_too=True, plan_too=True)
        for report in reports.order_by("pk")
    )
