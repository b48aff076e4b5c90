"""Approved reports, frozen: the snapshot written on approval and the pages read from it.

On approval the report is stored as it then reads (goals, activities, indicators with their
targets and categories, values, analyses, milestones, who approved and when). Approved
reports are shown, compiled, published and exported from that snapshot, so later changes
to the plan never change what was approved. The schema is in docs/planning.md.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from mrplan.accounts.models import User
from mrplan.planning.models import (
    SNAPSHOT_SCHEMA_VERSION,
    Activity,
    ActivityUpdate,
    Goal,
    Indicator,
    Report,
    ReportSnapshot,
    ReportStatus,
)
from mrplan.planning.rollup import assessment_date


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _activity_data(entry: Any) -> dict[str, Any]:
    activity: Activity = entry.activity
    update: ActivityUpdate | None = entry.update
    source: Any = update or activity
    return {
        "id": activity.pk,
        "title": activity.title,
        "description": activity.description,
        "goal_id": activity.goal_id,
        "responsible_department": str(activity.responsible_department or ""),
        "start_date": _date(activity.start_date),
        "end_date": _date(activity.end_date),
        "weight": activity.weight,
        "status": source.status,
        "progress": source.progress,
        "comment": update.comment if update else "",
        "reported": update is not None,
        "target_groups": [
            {"id": group.pk, "name": group.name} for group in activity.target_groups.all()
        ],
        "milestones": [
            {"date": _date(stone.date), "title": stone.title, "done": stone.done}
            for stone in activity.milestones.all()
        ],
    }


def build_snapshot_data(
    report: Report, *, approved_at: datetime.datetime | None, approver: Any
) -> dict[str, Any]:
    """Return REPORT as it reads now, in the snapshot schema (version 1)."""
    from mrplan.planning.selectors import live_report_page

    return snapshot_data(live_report_page(report), approved_at=approved_at, approver=approver)


def build_snapshot_data_many(
    reports: list[Report],
    *,
    approved_at: Callable[[Report], datetime.datetime | None],
    approver: Any,
) -> list[dict[str, Any]]:
    """Return build_snapshot_data() of each of REPORTS, reading their rows all at once.

    For bulk loads (the synthetic city): the same schema code, fed by live_report_pages().
    """
    from mrplan.planning.selectors import live_report_pages

    return [
        snapshot_data(page, approved_at=approved_at(page.report), approver=approver)
        for page in live_report_pages(reports)
    ]


def snapshot_data(
    page: Any, *, approved_at: datetime.datetime | None, approver: Any
) -> dict[str, Any]:
    """Return the live report PAGE (a selectors.ReportPage) in the snapshot schema."""
    report = page.report
    period = report.period
    return {
        "schema_version": SNAPSHOT_SCHEMA_VERSION,
        "report": {
            "id": report.pk,
            "organisation": {
                "id": report.organisation_id,
                "name": report.organisation.name,
                "slug": report.organisation.slug,
            },
            "action_plan": {"id": report.action_plan_id, "title": report.action_plan.title},
            "period": {
                "id": period.pk,
                "code": period.code,
                "name": period.name,
                "year": period.planning_year.year,
                "deadline": _date(period.deadline),
            },
        },
        "approved_at": approved_at.isoformat() if approved_at else None,
        "approved_by": {
            "id": getattr(approver, "pk", None),
            "name": str(approver.get_full_name() or approver.get_username()) if approver else "",
        },
        "assessed_on": _date(assessment_date(period, timezone.localdate())),
        "goals": [
            {
                "id": section.goal.pk,
                "title": section.goal.title,
                "description": section.goal.description,
                "analysis": section.analysis,
                "activities": [_activity_data(entry) for entry in section.activities],
                "indicators": [
                    {
                        "id": entry.indicator.pk,
                        "name": entry.indicator.name,
                        "unit": entry.indicator.unit,
                        "direction": entry.indicator.direction,
                        "baseline_value": _decimal(entry.indicator.baseline_value),
                        "baseline_year": entry.indicator.baseline_year,
                        "target_value": _decimal(entry.indicator.target_value),
                        "target_year": entry.indicator.target_year,
                        "breakdown_dimension": entry.indicator.breakdown_dimension,
                        "decimals": entry.indicator.decimals,
                        "values": [
                            {"category": category, "value": _decimal(value)}
                            for _index, category, value in entry.values
                        ],
                    }
                    for entry in section.indicators
                ],
            }
            for section in page.goals
        ],
        "other_activities": [_activity_data(entry) for entry in page.other_activities],
    }


def snapshot_create(*, report: Report, actor: User | None) -> ReportSnapshot:
    """Freeze REPORT as it is approved (called by report_approve, inside its transaction)."""
    approved_at = report.reviewed_at or timezone.now()
    return ReportSnapshot.objects.create(
        report=report,
        data=build_snapshot_data(report, approved_at=approved_at, approver=actor),
        approved_at=approved_at,
        approved_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def latest_snapshots(report_ids: "list[int] | QuerySet[Any]") -> dict[int, ReportSnapshot]:
    """Return the latest snapshot of each report in REPORT_IDS (a list or a subquery of
    ids), by report id, in one query."""
    found: dict[int, ReportSnapshot] = {}
    for snapshot in ReportSnapshot.objects.filter(report_id__in=report_ids).order_by(
        "report_id", "approved_at", "pk"
    ):
        found[snapshot.report_id] = snapshot
    return found


def approved_snapshot(report: Report) -> ReportSnapshot | None:
    """Return the snapshot an approved REPORT is read from (None if not approved)."""
    if report.status != ReportStatus.APPROVED:
        return None
    return latest_snapshots([report.pk]).get(report.pk)


# Reading a snapshot back: unsaved model instances, so templates and roll-ups work unchanged.


def _parse_date(value: str | None) -> datetime.date | None:
    return None if not value else datetime.date.fromisoformat(value)


def _parse_decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def frozen_activity(data: dict[str, Any], report: Report) -> tuple[Activity, ActivityUpdate | None]:
    """Return the activity (and its update, if it was reported) as the snapshot has them."""
    activity = Activity(
        pk=data["id"],
        organisation_id=report.organisation_id,
        planning_year_id=report.period.planning_year_id,
        goal_id=data["goal_id"],
        title=data["title"],
        description=data["description"],
        start_date=_parse_date(data["start_date"]),
        end_date=_parse_date(data["end_date"]),
        status=data["status"],
        progress=data["progress"],
        weight=data["weight"],
    )
    update = None
    if data["reported"]:
        update = ActivityUpdate(
            report=report,
            activity_id=data["id"],
            status=data["status"],
            progress=data["progress"],
            comment=data["comment"],
        )
    return activity, update


def frozen_goal(data: dict[str, Any], report: Report) -> Goal:
    return Goal(
        pk=data["id"],
        organisation=report.organisation,
        planning_year=report.period.planning_year,
        title=data["title"],
        description=data["description"],
    )


def frozen_indicator(data: dict[str, Any], goal: Goal) -> Indicator:
    categories = [item["category"] for item in data["values"] if item["category"]]
    return Indicator(
        pk=data["id"],
        goal=goal,
        name=data["name"],
        unit=data["unit"],
        direction=data["direction"],
        baseline_value=_parse_decimal(data["baseline_value"]),
        baseline_year=data["baseline_year"],
        target_value=_parse_decimal(data["target_value"]),
        target_year=data["target_year"],
        breakdown_dimension=data["breakdown_dimension"],
        breakdown_categories=categories,
        # Snapshots taken before decimals were frozen show the field's default.
        decimals=data.get("decimals", Indicator._meta.get_field("decimals").get_default()),
    )


def frozen_values(data: dict[str, Any]) -> list[tuple[int, str, Decimal | None]]:
    """Return an indicator's (index, category, value) rows as the snapshot has them."""
    return [
        (index, item["category"], _parse_decimal(item["value"]))
        for index, item in enumerate(data["values"])
    ]
