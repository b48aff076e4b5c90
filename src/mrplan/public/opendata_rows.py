"""The row selectors of the open data tables (see opendata.py): public rows only, by id."""

import datetime
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from mrplan.collaboration.models import Material
from mrplan.consultations.models import (
    Consultation,
    ConsultationStatus,
    Statement,
    StatementStatus,
)
from mrplan.knowledge.models import Dataset, Measure, Observation
from mrplan.organisations.models import Organisation
from mrplan.planning.models import ActivityUpdate, IndicatorValue
from mrplan.programmes.models import ActionPlan, DevelopmentArea, Programme, TargetGroup
from mrplan.public.selectors import (
    PUBLISHED_REPORT,
    published_activities,
    published_goals,
    published_indicators,
    published_reports,
)

Row = dict[str, Any]


def _date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value is not None else None


def _ids(items: Iterable[Any]) -> list[int]:
    return sorted(item.pk for item in items)


def _codes(items: Iterable[Any]) -> list[str]:
    return sorted(item.code for item in items)


# Visibility of the programme structure (the same rule as the programme pages).


def public_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(is_published=True)


def public_action_plans() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(is_published=True, programme__is_published=True)


def public_development_areas() -> QuerySet[DevelopmentArea]:
    return DevelopmentArea.objects.filter(
        action_plan__is_published=True, action_plan__programme__is_published=True
    )


def _action_plan_is_public(action_plan: ActionPlan | None) -> bool:
    return (
        action_plan is not None and action_plan.is_published and action_plan.programme.is_published
    )


# The tables


def programme_rows() -> list[Row]:
    return [
        {
            "id": p.pk,
            "title": p.title,
            "short_title": p.short_title,
            "slug": p.slug,
            "goal": p.goal,
            "summary": p.summary,
            "status": p.status,
            "adopted_by_id": p.adopted_by_id,
            "adopted_on": p.adopted_on,
            "valid_from": p.valid_from,
            "valid_until": p.valid_until,
        }
        for p in public_programmes().order_by("pk")
    ]


def action_plan_rows() -> list[Row]:
    plans = public_action_plans().prefetch_related("special_focus", "sdg_targets").order_by("pk")
    return [
        {
            "id": plan.pk,
            "programme_id": plan.programme_id,
            "title": plan.title,
            "slug": plan.slug,
            "goal": plan.goal,
            "summary": plan.summary,
            "status": plan.status,
            "valid_from": plan.valid_from,
            "valid_until": plan.valid_until,
            "position": plan.position,
            "special_focus_target_group_ids": _ids(plan.special_focus.all()),
            "sdg_target_codes": _codes(plan.sdg_targets.all()),
        }
        for plan in plans
    ]


def development_area_rows() -> list[Row]:
    areas = public_development_areas().prefetch_related(
        "focus_areas", "target_groups", "sdg_targets"
    )
    return [
        {
            "id": area.pk,
            "action_plan_id": area.action_plan_id,
            "title": area.title,
            "description": area.description,
            "position": area.position,
            "focus_areas": sorted(focus.title for focus in area.focus_areas.all()),
            "target_group_ids": _ids(area.target_groups.all()),
            "sdg_target_codes": _codes(area.sdg_targets.all()),
        }
        for area in areas.order_by("pk")
    ]


def target_group_rows() -> list[Row]:
    return [
        {
            "id": group.pk,
            "name": group.name,
            "slug": group.slug,
            "category": group.category,
            "parent_id": group.parent_id,
            "description": group.description,
            "position": group.position,
        }
        for group in TargetGroup.objects.order_by("pk")
    ]


def organisation_rows() -> list[Row]:
    return [
        {
            "id": o.pk,
            "name": o.name,
            "short_name": o.short_name,
            "slug": o.slug,
            "kind": o.kind,
            "parent_id": o.parent_id,
            "diary_prefix": o.diary_prefix,
            "description": o.description,
            "email": o.email,
            "phone": o.phone,
            "address": o.address,
            "website": o.website,
        }
        for o in Organisation.objects.order_by("pk")
    ]


def goal_rows() -> list[Row]:
    goals = (
        published_goals()
        .select_related("planning_year")
        .prefetch_related(
            Prefetch("development_areas", queryset=public_development_areas()),
            "target_groups",
            "sdg_targets",
        )
        .order_by("pk")
    )
    return [
        {
            "id": goal.pk,
            "organisation_id": goal.organisation_id,
            "year": goal.planning_year.year,
            "title": goal.title,
            "description": goal.description,
            "position": goal.position,
            "development_area_ids": _ids(goal.development_areas.all()),
            "target_group_ids": _ids(goal.target_groups.all()),
            "sdg_target_codes": _codes(goal.sdg_targets.all()),
        }
        for goal in goals
    ]


class Reported(NamedTuple):
    """An activity's status in an approved, published report."""

    when: tuple[int, int, datetime.date]
    status: str
    progress: int | None
    report_id: int
    period_code: str
    comment: str


def activity_rows() -> list[Row]:
    activities = list(
        published_activities()
        .select_related(
            "planning_year",
            "goal",
            "responsible_department",
            "development_area__action_plan__programme",
            "city_activity__development_area__action_plan__programme",
        )
        .prefetch_related("target_groups")
        .order_by("pk")
    )
    # Status and progress come only from approved, published reports: an activity's own
    # fields change while a draft report is being written.
    # Plain tuples, not model objects: a city has hundreds of thousands of updates, and
    # building four objects for each made the download take minutes.
    latest: dict[int, Reported] = {}
    updates = (
        ActivityUpdate.objects.filter(PUBLISHED_REPORT, activity__is_published=True)
        .order_by("pk")
        .values_list(
            "activity_id",
            "report__period__planning_year__year",
            "report__period__position",
            "report__period__deadline",
            "status",
            "progress",
            "report_id",
            "report__period__code",
            "comment",
        )
    )
    for activity_id, year, position, deadline, *found in updates:
        current = latest.get(activity_id)
        when = (year, position, deadline)
        if current is None or current.when < when:
            latest[activity_id] = Reported(when, *found)
    rows = []
    for activity in activities:
        area = activity.development_area
        city_activity = activity.city_activity
        if city_activity is not None and not _action_plan_is_public(
            city_activity.development_area.action_plan
        ):
            city_activity = None
        reported = latest.get(activity.pk)
        department = activity.responsible_department
        rows.append(
            {
                "id": activity.pk,
                "organisation_id": activity.organisation_id,
                "year": activity.planning_year.year,
                "goal_id": activity.goal_id
                if activity.goal is not None and activity.goal.is_published
                else None,
                "development_area_id": area.pk
                if area is not None and _action_plan_is_public(area.action_plan)
                else None,
                "city_activity_id": city_activity.pk if city_activity else None,
                "city_activity_title": city_activity.title if city_activity else "",
                "title": activity.title,
                "description": activity.description,
                "responsible_department": department.name if department else "",
                "start_date": activity.start_date,
                "end_date": activity.end_date,
                "weight": activity.weight,
                "target_group_ids": _ids(activity.target_groups.all()),
                "status": reported.status if reported else "",
                "progress": reported.progress if reported else None,
                "status_report_id": reported.report_id if reported else None,
                "status_period": f"{reported.period_code} {reported.when[0]}" if reported else "",
                "status_comment": reported.comment if reported else "",
            }
        )
    return rows


def indicator_rows() -> list[Row]:
    indicators = published_indicators().select_related("goal__planning_year").order_by("pk")
    return [
        {
            "id": i.pk,
            "goal_id": i.goal_id,
            "organisation_id": i.goal.organisation_id,
            "year": i.goal.planning_year.year,
            "name": i.name,
            "unit": i.unit,
            "direction": i.direction,
            "baseline_value": i.baseline_value,
            "baseline_year": i.baseline_year,
            "target_value": i.target_value,
            "target_year": i.target_year,
            "breakdown_dimension": i.breakdown_dimension,
            "breakdown_categories": list(i.breakdown_categories),
            "position": i.position,
        }
        for i in indicators
    ]


def report_rows() -> list[Row]:
    reports = published_reports().select_related("period__planning_year").order_by("pk")
    return [
        {
            "id": report.pk,
            "organisation_id": report.organisation_id,
            "action_plan_id": report.action_plan_id,
            "year": report.period.planning_year.year,
            "period_code": report.period.code,
            "period_name": report.period.name,
            "published_on": _date(report.published_at),
        }
        for report in reports
    ]


def indicator_value_rows() -> list[Row]:
    # Plain tuples, not model objects (see activity_rows).
    columns = (
        "id",
        "indicator_id",
        "report_id",
        "organisation_id",
        "year",
        "period_code",
        "category",
        "value",
    )
    values = (
        IndicatorValue.objects.filter(
            PUBLISHED_REPORT,
            indicator__is_published=True,
            indicator__goal__is_published=True,
            value__isnull=False,
        )
        .order_by("pk")
        .values_list(
            "pk",
            "indicator_id",
            "report_id",
            "report__organisation_id",
            "report__period__planning_year__year",
            "report__period__code",
            "category",
            "value",
        )
    )
    return [dict(zip(columns, value, strict=True)) for value in values]


def public_consultations() -> QuerySet[Consultation]:
    """Return the published consultations that have been sent (a draft never shows)."""
    return Consultation.objects.filter(is_published=True).exclude(status=ConsultationStatus.DRAFT)


def consultation_rows() -> list[Row]:
    consultations = (
        public_consultations()
        .select_related("programme", "action_plan__programme")
        .prefetch_related("questions", "recipients")
        .order_by("pk")
    )
    rows = []
    for c in consultations:
        programme = c.programme
        rows.append(
            {
                "id": c.pk,
                "title": c.title,
                "description": c.description,
                "sender_id": c.sender_id,
                "sender_diary_number": c.sender_diary_number,
                "programme_id": programme.pk if programme and programme.is_published else None,
                "action_plan_id": c.action_plan_id
                if _action_plan_is_public(c.action_plan)
                else None,
                "status": c.status,
                "sent_on": _date(c.sent_at),
                "deadline": c.deadline,
                "recipient_organisation_ids": sorted(r.organisation_id for r in c.recipients.all()),
                "questions": [q.text for q in c.questions.all()],
            }
        )
    return rows


STATEMENT_TEXTS = (
    "decision_proposal",
    "summary",
    "background",
    "matter",
    "preparation_text",
    "views",
    "attachments_text",
)


def consultation_answer_rows() -> list[Row]:
    """Return the decided statements answering published consultations (no phone numbers)."""
    statements = (
        Statement.objects.filter(
            status=StatementStatus.DECIDED,
            case__consultation_recipient__consultation__in=public_consultations(),
        )
        .select_related("case__consultation_recipient", "decision")
        .order_by("pk")
    )
    rows = []
    for s in statements:
        recipient = s.case.consultation_recipient
        assert recipient is not None
        decision = getattr(s, "decision", None)
        row: Row = {
            "id": s.pk,
            "consultation_id": recipient.consultation_id,
            "organisation_id": recipient.organisation_id,
            "diary_number": s.diary_number or s.case.diary_number,
            "document_date": s.document_date,
            "case_officer_name": s.case_officer_name,
            "title": s.title,
            "subtitle": s.subtitle,
        }
        row.update({name: getattr(s, name) for name in STATEMENT_TEXTS})
        row["question_answers"] = {str(k): str(v) for k, v in dict(s.answers or {}).items()}
        row["committee_id"] = decision.committee_id if decision else None
        row["decided_on"] = decision.decided_on if decision else None
        row["meeting_date"] = decision.meeting_date if decision else s.meeting_date
        row["decision_paragraph"] = decision.paragraph if decision else ""
        row["decision_text"] = decision.text if decision else ""
        rows.append(row)
    return rows


def dataset_rows() -> list[Row]:
    return [
        {
            "id": d.pk,
            "title": d.title,
            "slug": d.slug,
            "source": d.source,
            "publisher": d.publisher,
            "method_note": d.method_note,
            "licence": d.licence,
            "update_frequency": d.update_frequency,
            "is_illustrative": d.is_illustrative,
        }
        for d in Dataset.objects.filter(is_published=True).order_by("pk")
    ]


def measure_rows() -> list[Row]:
    return [
        {
            "id": m.pk,
            "dataset_id": m.dataset_id,
            "name": m.name,
            "slug": m.slug,
            "code": m.code,
            "unit": m.unit,
            "definition": m.definition,
            "direction": m.direction,
            "aggregation": m.aggregation,
        }
        for m in Measure.objects.filter(dataset__is_published=True).order_by("pk")
    ]


def observation_rows() -> list[Row]:
    observations = (
        Observation.objects.filter(measure__dataset__is_published=True)
        .select_related("measure", "area", "period")
        .order_by("pk")
    )
    rows = []
    for o in observations:
        # A suppressed figure (too few respondents) is never given out, whatever is stored.
        hidden = o.suppressed
        rows.append(
            {
                "id": o.pk,
                "measure_id": o.measure_id,
                "dataset_id": o.measure.dataset_id,
                "area_id": o.area_id,
                "area_name": o.area.name,
                "area_code": o.area.code,
                "area_code_scheme": o.area.code_scheme,
                "area_kind": o.area.kind,
                "period": o.period.label,
                "period_start": o.period.start,
                "period_end": o.period.end,
                "breakdown_key": o.breakdown_key,
                "value": None if hidden else o.value,
                "count": None if hidden else o.count,
                "ci_low": None if hidden else o.ci_low,
                "ci_high": None if hidden else o.ci_high,
                "suppressed": o.suppressed,
            }
        )
    return rows


def material_rows() -> list[Row]:
    materials = Material.objects.public().prefetch_related("target_groups").order_by("pk")
    return [
        {
            "id": m.pk,
            "title": m.title,
            "description": m.description,
            "audience": m.audience,
            "language": m.language,
            "version": m.version,
            "url": m.url,
            "file_url": reverse("collaboration-material-file", args=[m.pk]) if m.file else "",
            "target_group_ids": _ids(m.target_groups.all()),
            "updated_on": _date(m.updated_at),
        }
        for m in materials
    ]
