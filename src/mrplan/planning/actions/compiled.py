"""SLK's own text in the compiled report for KS: diary number, summary and analysis."""

from django.db import transaction

from mrplan.accounts.models import User
from mrplan.core.actions import save_audited
from mrplan.planning.models import CompiledReportText, ReportingPeriod
from mrplan.planning.permissions import check_review
from mrplan.programmes.models import ActionPlan


@transaction.atomic
def compiled_text_update(
    *,
    actor: User,
    action_plan: ActionPlan,
    period: ReportingPeriod,
    diary_number: str,
    summary: str,
    analysis: str,
) -> CompiledReportText:
    """Save SLK's diary number, summary and analysis for a compilation (coordinators)."""
    check_review(actor)
    text = (
        CompiledReportText.objects.select_for_update()
        .filter(action_plan=action_plan, period=period)
        .first()
    )
    return save_audited(
        text or CompiledReportText(action_plan=action_plan, period=period),
        actor=actor,
        data={
            "diary_number": diary_number.strip(),
            "summary": summary.strip(),
            "analysis": analysis.strip(),
        },
    )
