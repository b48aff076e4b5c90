"""Publish and unpublish buttons for the planning pages, for the users allowed to use them."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from mrplan.planning.models import Activity, Goal, Indicator, Report
from mrplan.planning.selectors import PlanPage
from mrplan.public.permissions import Publishable, may_publish

register = template.Library()

KIND_OF = {Goal: "mal", Activity: "aktivitet", Indicator: "indikator", Report: "rapport"}


def _row(user: Any, obj: Publishable, label: str, kind_label: str) -> dict[str, Any]:
    kind = KIND_OF[type(obj)]
    return {
        "obj": obj,
        "label": label,
        "kind_label": kind_label,
        "may_publish": may_publish(user, obj),
        "publish_url": reverse("public-publish", args=[kind, obj.pk]),
        "unpublish_url": reverse("public-unpublish", args=[kind, obj.pk]),
    }


@register.inclusion_tag("public/includes/plan_publication.html", takes_context=True)
def plan_publication(context: template.Context, page: PlanPage) -> dict[str, Any]:
    """Render the plan page's section on what is published, with buttons where allowed."""
    user = context["request"].user
    rows = []
    for goal_row in page.goals:
        goal = goal_row.goal
        rows.append(_row(user, goal, goal.title, _("Mål")))
        for item in goal_row.indicators:
            indicator = item.indicator
            indicator.goal = goal  # fetched already: no query for the goal's state
            rows.append(_row(user, indicator, indicator.name, _("Indikator")))
        for activity_row in goal_row.activities:
            rows.append(
                _row(user, activity_row.activity, activity_row.activity.title, _("Aktivitet"))
            )
    for activity_row in page.other_activities:
        rows.append(_row(user, activity_row.activity, activity_row.activity.title, _("Aktivitet")))
    published = any(row["obj"].is_published for row in rows)
    return {
        "rows": rows,
        "any_allowed": any(row["may_publish"] for row in rows),
        "public_url": reverse(
            "public-organisation-plan", args=[page.organisation.slug, page.planning_year.year]
        )
        if published
        else None,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("public/includes/report_publication.html", takes_context=True)
def report_publication(context: template.Context, report: Report) -> dict[str, Any]:
    """Render a report's publication state, with the coordinator's button."""
    row = _row(context["request"].user, report, str(report), "")
    row["approved"] = report.status == "approved"
    row["public_url"] = reverse(
        "public-organisation-plan",
        args=[report.organisation.slug, report.period.planning_year.year],
    )
    row["csrf_token"] = context.get("csrf_token")
    return row


@register.inclusion_tag("public/includes/organisation_public_links.html", takes_context=True)
def public_plan_links(context: template.Context, organisation: Any) -> dict[str, Any]:
    """The journalist's path from an organisation: its public plans, reports and feeds."""
    from mrplan.public.selectors import organisation_public_years

    return {
        "organisation": organisation,
        "years": organisation_public_years(organisation),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
