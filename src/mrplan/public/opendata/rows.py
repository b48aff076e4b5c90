"""The row selectors of the open data tables (see opendata.py): public rows only, by id."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from mrplan.collaboration.models import Material
from mrplan.consultations.models import Consultation, Statement
from mrplan.knowledge.models import Dataset, Measure, Observation
from mrplan.organisations.models import Organisation
from mrplan.planning.models import Activity, ActivityUpdate, Goal, IndicatorValue
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    Programme,
    TargetGroup,
)
from mrplan.public.selectors import (
    published_activities,
    published_goals,
    published_indicators,
    published_reports,
)

Row = dict[str, Any]
# Rows are read from the database this many at a time: a table is written as it is read,
# never held whole in memory (the activities of a national installation run to 100,000s).
CHUNK = 2000


def _date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value is not None else None


def _ids(items: Iterable[Any]) -> list[int]:
    return sorted(item.pk for item in items)


def _codes(items: Iterable[Any]) -> list[str]:
    return sorted(item.code for item in items)


# Every table keeps only what its model's published() keeps (core/publication.py); a link
# to a row the public may not see (an unpublished goal or action plan) is left empty.


# The tables


def programme_rows() -> Iterator[Row]:
    return (
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
        for p in Programme.objects.published().order_by("pk").iterator(CHUNK)
    )


def action_plan_rows() -> Iterator[Row]:
    plans = (
        ActionPlan.objects.published()
        .prefetch_related("special_focus", "sdg_targets")
        .order_by("pk")
    )
    return (
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
        for plan in plans.iterator(CHUNK)
    )


def development_area_rows() -> Iterator[Row]:
    areas = DevelopmentArea.objects.published().prefetch_related(
        "focus_areas", "target_groups", "sdg_targets"
    )
    return (
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
        for area in areas.order_by("pk").iterator(CHUNK)
    )


def target_group_rows() -> Iterator[Row]:
    return (
        {
            "id": group.pk,
            "name": group.name,
            "slug": group.slug,
            "category": group.category,
            "parent_id": group.parent_id,
            "description": group.description,
            "position": group.position,
        }
        for group in TargetGroup.objects.order_by("pk").iterator(CHUNK)
    )


def organisation_rows() -> Iterator[Row]:
    return (
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
        for o in Organisation.objects.order_by("pk").iterator(CHUNK)
    )


def goal_rows() -> Iterator[Row]:
    goals = (
        published_goals()
        .select_related("planning_year")
        .prefetch_related(
            Prefetch("development_areas", queryset=DevelopmentArea.objects.published()),
            "target_groups",
            "sdg_targets",
        )
        .order_by("pk")
    )
    return (
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
        for goal in goals.iterator(CHUNK)
    )


class Reported(NamedTuple):
    """An activity's status in an approved, published report."""

    when: tuple[int, int, datetime.date]
    status: str
    progress: int | None
    report_id: int
    period_code: str
    comment: str


def activity_rows() -> Iterator[Row]:
    activities = (
        published_activities()
        .annotate(
            goal_public=Goal.objects.is_published_ref("goal"),
            development_area_public=DevelopmentArea.objects.is_published_ref("development_area"),
            city_activity_public=CityActivity.objects.is_published_ref("city_activity"),
        )
        .order_by("pk")
        .values(
            "pk",
            "organisation_id",
            "planning_year__year",
            "goal_id",
            "goal_public",
            "development_area_id",
            "development_area_public",
            "city_activity_id",
            "city_activity_public",
            "city_activity__title",
            "title",
            "description",
            "responsible_department__name",
            "start_date",
            "end_date",
            "weight",
        )
    )
    groups: dict[int, list[int]] = defaultdict(list)
    for activity_id, group_id in (
        Activity.target_groups.through.objects.filter(activity__in=published_activities())
        .order_by("targetgroup_id")
        .values_list("activity_id", "targetgroup_id")
        .iterator(CHUNK)
    ):
        groups[activity_id].append(group_id)
    # Status and progress come only from approved, published reports: an activity's own
    # fields change while a draft report is being written.
    # Plain tuples, not model objects: a city has hundreds of thousands of updates, and
    # building four objects for each made the download take minutes.
    latest: dict[int, Reported] = {}
    updates = (
        ActivityUpdate.objects.published()
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
    for (
        activity_id,
        year,
        position,
        deadline,
        status,
        progress,
        report_id,
        code,
        comment,
    ) in updates.iterator(CHUNK):
        current = latest.get(activity_id)
        when = (year, position, deadline)
        if current is None or current.when < when:
            latest[activity_id] = Reported(when, status, progress, report_id, code, comment)
    for activity in activities.iterator(CHUNK):
        city_activity_id = (
            activity["city_activity_id"] if activity["city_activity_public"] else None
        )
        reported = latest.get(activity["pk"])
        yield (
            {
                "id": activity["pk"],
                "organisation_id": activity["organisation_id"],
                "year": activity["planning_year__year"],
                "goal_id": activity["goal_id"] if activity["goal_public"] else None,
                "development_area_id": activity["development_area_id"]
                if activity["development_area_public"]
                else None,
                "city_activity_id": city_activity_id,
                "city_activity_title": activity["city_activity__title"] if city_activity_id else "",
                "title": activity["title"],
                "description": activity["description"],
                "responsible_department": activity["responsible_department__name"] or "",
                "start_date": activity["start_date"],
                "end_date": activity["end_date"],
                "weight": activity["weight"],
                "target_group_ids": groups.get(activity["pk"], []),
                "status": reported.status if reported else "",
                "progress": reported.progress if reported else None,
                "status_report_id": reported.report_id if reported else None,
                "status_period": f"{reported.period_code} {reported.when[0]}" if reported else "",
                "status_comment": reported.comment if reported else "",
            }
        )


def indicator_rows() -> Iterator[Row]:
    # Plain tuples, not three model objects per indicator (see activity_rows).
    columns = (
        "id",
        "goal_id",
        "organisation_id",
        "year",
        "name",
        "unit",
        "direction",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
        "breakdown_dimension",
        "breakdown_categories",
        "position",
    )
    indicators = (
        published_indicators()
        .order_by("pk")
        .values_list(
            "pk",
            "goal_id",
            "goal__organisation_id",
            "goal__planning_year__year",
            "name",
            "unit",
            "direction",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "breakdown_dimension",
            "breakdown_categories",
            "position",
        )
    )
    for indicator in indicators.iterator(CHUNK):
        row = dict(zip(columns, indicator, strict=True))
        row["breakdown_categories"] = list(row["breakdown_categories"])
        yield row


def report_rows() -> Iterator[Row]:
    # Plain tuples, not three model objects per report (see activity_rows).
    reports = (
        published_reports()
        .order_by("pk")
        .values_list(
            "pk",
            "organisation_id",
            "action_plan_id",
            "period__planning_year__year",
            "period__code",
            "period__name",
            "published_at",
        )
    )
    return (
        {
            "id": pk,
            "organisation_id": organisation_id,
            "action_plan_id": action_plan_id,
            "year": year,
            "period_code": code,
            "period_name": name,
            "published_on": _date(published_at),
        }
        for pk, organisation_id, action_plan_id, year, code, name, published_at in reports.iterator(
            CHUNK
        )
    )


def indicator_value_rows() -> Iterator[Row]:
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
        IndicatorValue.objects.published()
        .filter(value__isnull=False)
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
    return (dict(zip(columns, value, strict=True)) for value in values.iterator(CHUNK))


def consultation_rows() -> Iterator[Row]:
    consultations = (
        Consultation.objects.published()
        .annotate(
            programme_public=Programme.objects.is_published_ref("programme"),
            action_plan_public=ActionPlan.objects.is_published_ref("action_plan"),
        )
        .prefetch_related("questions", "recipients")
        .order_by("pk")
    )
    for c in consultations.iterator(CHUNK):
        yield (
            {
                "id": c.pk,
                "title": c.title,
                "description": c.description,
                "sender_id": c.sender_id,
                "sender_diary_number": c.sender_diary_number,
                "programme_id": c.programme_id if c.programme_public else None,
                "action_plan_id": c.action_plan_id if c.action_plan_public else None,
                "status": c.status,
                "sent_on": _date(c.sent_at),
                "deadline": c.deadline,
                "recipient_organisation_ids": sorted(r.organisation_id for r in c.recipients.all()),
                "questions": [q.text for q in c.questions.all()],
            }
        )


STATEMENT_TEXTS = (
    "decision_proposal",
    "summary",
    "background",
    "matter",
    "preparation_text",
    "views",
    "attachments_text",
)


def consultation_answer_rows() -> Iterator[Row]:
    """Yield the decided statements answering published consultations (no phone numbers)."""
    statements = (
        Statement.objects.published()
        .select_related("case__consultation_recipient", "decision")
        .order_by("pk")
    )
    for s in statements.iterator(CHUNK):
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
        yield row


def dataset_rows() -> Iterator[Row]:
    return (
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
        for d in Dataset.objects.published().order_by("pk").iterator(CHUNK)
    )


def measure_rows() -> Iterator[Row]:
    return (
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
        for m in Measure.objects.published().order_by("pk").iterator(CHUNK)
    )


def observation_rows() -> Iterator[Row]:
    # Plain tuples, not three model objects per observation (see activity_rows).
    observations = (
        Observation.objects.published()
        .order_by("pk")
        .values_list(
            "pk",
            "measure_id",
            "measure__dataset_id",
            "area_id",
            "area__name",
            "area__code",
            "area__code_scheme",
            "area__kind",
            "period__label",
            "period__start",
            "period__end",
            "breakdown_key",
            "value",
            "count",
            "ci_low",
            "ci_high",
            "suppressed",
        )
    )
    for *head, value, count, ci_low, ci_high, suppressed in observations.iterator(CHUNK):
        # A suppressed figure (too few respondents) is never given out, whatever is stored.
        row = dict(zip(OBSERVATION_COLUMNS, head, strict=True))
        row.update(
            {
                "value": None if suppressed else value,
                "count": None if suppressed else count,
                "ci_low": None if suppressed else ci_low,
                "ci_high": None if suppressed else ci_high,
                "suppressed": suppressed,
            }
        )
        yield row


OBSERVATION_COLUMNS = (
    "id",
    "measure_id",
    "dataset_id",
    "area_id",
    "area_name",
    "area_code",
    "area_code_scheme",
    "area_kind",
    "period",
    "period_start",
    "period_end",
    "breakdown_key",
)


def material_rows() -> Iterator[Row]:
    materials = Material.objects.published().prefetch_related("target_groups").order_by("pk")
    return (
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
        for m in materials.iterator(CHUNK)
    )
