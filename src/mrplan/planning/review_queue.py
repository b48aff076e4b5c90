"""The coordinator's review queue: every submitted report, filtered by period, action plan
and organisation (reads only; the bulk approval is actions.reports_approve)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from mrplan.organisations.models import Organisation
from mrplan.planning.models import Report, ReportingPeriod, ReportStatus
from mrplan.programmes.models import ActionPlan

M = TypeVar("M", bound=Model)


@dataclass
class QueueOptions:
    periods: list[ReportingPeriod]
    action_plans: list[ActionPlan]
    organisations: list[Organisation]


@dataclass
class QueueFilters:
    period: ReportingPeriod | None = None
    action_plan: ActionPlan | None = None
    organisation: Organisation | None = None


def queue_options() -> QueueOptions:
    """Return the choices of the filter form: periods that have submitted reports, every
    action plan and every organisation with a submitted report (three queries)."""
    waiting = Report.objects.filter(status=ReportStatus.SUBMITTED)
    return QueueOptions(
        periods=list(
            ReportingPeriod.objects.filter(reports__in=waiting)
            .distinct()
            .select_related("planning_year")
            .order_by("-planning_year__year", "position")
        ),
        action_plans=list(ActionPlan.objects.order_by("position", "title")),
        organisations=list(
            Organisation.objects.filter(planning_reports__in=waiting).distinct().order_by("name")
        ),
    )


def _pick(params: Mapping[str, str], key: str, objects: Sequence[M], message: str) -> M | None:
    raw = params.get(key, "")
    if not raw:
        return None
    found = {str(obj.pk): obj for obj in objects}.get(raw)
    if found is None:
        raise ValidationError(message, code="invalid")
    return found


def parse_queue_filters(params: Mapping[str, str], options: QueueOptions) -> QueueFilters:
    """Return the filters in PARAMS, or raise ValidationError with a Swedish message."""
    return QueueFilters(
        period=_pick(
            params,
            "period",
            options.periods,
            _("Det finns inga inskickade rapporter för den perioden."),
        ),
        action_plan=_pick(
            params, "handlingsplan", options.action_plans, _("Handlingsplanen finns inte.")
        ),
        organisation=_pick(
            params,
            "organisation",
            options.organisations,
            _("Den organisationen har inga inskickade rapporter."),
        ),
    )


def submitted_reports(filters: QueueFilters | None = None) -> QuerySet[Report]:
    """Return the submitted reports in FILTERS, oldest deadline first (one query)."""
    reports = Report.objects.filter(status=ReportStatus.SUBMITTED)
    filters = filters or QueueFilters()
    if filters.period is not None:
        reports = reports.filter(period=filters.period)
    if filters.action_plan is not None:
        reports = reports.filter(action_plan=filters.action_plan)
    if filters.organisation is not None:
        reports = reports.filter(organisation=filters.organisation)
    return reports.select_related(
        "organisation", "action_plan", "period__planning_year", "submitted_by", "signed_off_by"
    ).order_by("period__deadline", "organisation__name", "action_plan__position", "pk")
