"""What a report form shows next to its inputs: baseline, target and last period's value for
each indicator, and each activity's status in every period of the year (VP → T1 → T2 → VB)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from mrplan.planning.models import ActivityStatus, ActivityUpdate, Indicator, IndicatorValue, Report


@dataclass
class ReportContext:
    # (indicator id, category) -> (value, period code) from the latest earlier period.
    previous_values: dict[tuple[int, str], tuple[Decimal | None, str]]
    # activity id -> [(period code, status label or "–")] for every period of the year.
    statuses: dict[int, list[tuple[str, str]]]
    current_code: str


def report_context(report: Report, activity_ids: list[int]) -> ReportContext:
    """Return the earlier values and the status history for REPORT's form (two queries)."""
    period = report.period
    periods = list(period.planning_year.periods.order_by("position", "deadline"))
    earlier = (
        IndicatorValue.objects.filter(
            report__organisation_id=report.organisation_id,
            report__action_plan_id=report.action_plan_id,
            report__period__planning_year_id=period.planning_year_id,
            report__period__position__lt=period.position,
        )
        .select_related("report__period")
        .order_by("-report__period__position")
    )
    previous: dict[tuple[int, str], tuple[Decimal | None, str]] = {}
    for value in earlier:
        previous.setdefault(
            (value.indicator_id, value.category), (value.value, value.report.period.code)
        )
    labels = dict(ActivityStatus.choices)
    found: dict[tuple[int, int], str] = {}
    updates = ActivityUpdate.objects.filter(
        activity_id__in=activity_ids,
        report__organisation_id=report.organisation_id,
        report__period__planning_year_id=period.planning_year_id,
    ).values_list("activity_id", "report__period_id", "status")
    for activity_id, period_id, status in updates:
        found[(activity_id, period_id)] = str(labels.get(status, status))
    statuses = {
        activity_id: [(each.code, found.get((activity_id, each.pk), "–")) for each in periods]
        for activity_id in activity_ids
    }
    return ReportContext(previous_values=previous, statuses=statuses, current_code=period.code)


def indicator_help(indicator: Indicator, category: str, context: ReportContext) -> str:
    """Return "Utgångsvärde … · Målvärde … · Förra perioden (T1): …" for one input."""
    parts = []
    if indicator.baseline_value is not None and not category:
        parts.append(
            _("Utgångsvärde %(value)s (%(year)s)")
            % {
                "value": indicator.format_value(indicator.baseline_value),
                "year": indicator.baseline_year,
            }
        )
    if indicator.target_value is not None and not category:
        parts.append(
            _("Målvärde %(value)s (%(year)s)")
            % {
                "value": indicator.format_value(indicator.target_value),
                "year": indicator.target_year,
            }
        )
    previous = context.previous_values.get((indicator.pk, category))
    if previous is not None:
        parts.append(
            _("Förra perioden (%(period)s): %(value)s")
            % {"period": previous[1], "value": indicator.format_value(previous[0])}
        )
    return " · ".join(parts)


def status_help(activity_id: int, context: ReportContext) -> str:
    """Return "Status per period: VP Pågår → T1 Pågår → T2 – → VB –" for one activity."""
    steps = [
        f"{code} {label}" + (f" ({_('den här rapporten')})" if code == context.current_code else "")
        for code, label in context.statuses.get(activity_id, [])
    ]
    return _("Status per period: %(steps)s") % {"steps": " → ".join(steps)} if steps else ""
