"""`{% goal_evidence goal %}`: the "Kunskapsunderlag" block of a goal on a plan.

The first use on a page loads the evidence of every goal of the same organisation and year
(three queries), so a plan with many goals still costs a fixed number of queries.
"""

from typing import Any

from django import template
from django.template.context import Context

from mrplan.accounts.types import Actor
from mrplan.knowledge import evidence
from mrplan.planning.models import Goal, Report
from mrplan.planning.permissions import may_write

register = template.Library()

CACHE = "knowledge-evidence-by-goal"


@register.inclusion_tag("knowledge/evidence_block.html", takes_context=True)
def goal_evidence(context: Context, goal: Goal) -> dict[str, Any]:
    cache: dict[tuple[int, int], dict[int, evidence.GoalEvidence]] = (
        context.render_context.get(CACHE) or {}
    )
    context.render_context[CACHE] = cache
    plan = (goal.organisation_id, goal.planning_year_id)
    if plan not in cache:
        ids = list(
            Goal.objects.filter(
                organisation_id=goal.organisation_id, planning_year_id=goal.planning_year_id
            )
            .order_by()
            .values_list("pk", flat=True)
        )
        if goal.pk not in ids:
            ids.append(goal.pk)
        cache[plan] = evidence.evidence_by_goal(ids)
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "goal": goal,
        "evidence": cache[plan].get(goal.pk) or evidence.GoalEvidence(),
        "may_link": bool(user) and evidence.may_link(user, goal),
        "heading_level": context.get("evidence_heading_level", 4),
    }


@register.filter
def may_link_evidence(user: Actor) -> bool:
    """`{% if user|may_link_evidence %}`: whether USER may link evidence to any plan."""
    return evidence.may_link_any(user)


@register.inclusion_tag("knowledge/report_values_button.html", takes_context=True)
def report_values_button(context: Context, report: Report) -> dict[str, Any]:
    """`{% report_values_button report %}`: "Hämta värden från kunskapsunderlaget" (no queries).

    Shown to the report's writers while it can be changed; place it outside the report form.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = (
        user is not None
        and user.is_authenticated
        and report.is_editable
        and may_write(user, report.organisation_id)
    )
    return {
        "report": report,
        "shown": shown,
        "csrf_token": context.get("csrf_token"),
    }
