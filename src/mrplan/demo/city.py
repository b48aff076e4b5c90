"""A deterministic synthetic city for benchmarks (issue 14): `mrplan generate_city --scale N`.

Scale 1 is about Stockholm: 60 organisations, the demo programme's action plans, five
planning years of four reporting periods, ~10 activities and ~5 indicators per organisation
and action plan, and reports with activity updates and indicator values. Everything is
written with bulk_create and a seeded random generator, so one seed gives the same rows.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from mrplan.organisations.models import Organisation, OrganisationKind
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    ActivityUpdate,
    Goal,
    Indicator,
    IndicatorValue,
    PlanningYear,
    Report,
    ReportingPeriod,
    ReportSnapshot,
    ReportStatus,
)
from mrplan.planning.snapshots import build_snapshot_data
from mrplan.programmes.models import ActionPlan, DevelopmentArea

ORGANISATIONS_AT_SCALE_1 = 60
YEARS = 5
PERIODS = ("VP", "T1", "T2", "BO")
ACTIVITIES_PER_PLAN = 10
INDICATORS_PER_PLAN = 5
BATCH = 2000


def _count(n: float, scale: float) -> int:
    return max(1, round(n * scale))


@transaction.atomic
def generate_city(*, scale: float, seed: int = 14, first_year: int = 2021) -> dict[str, int]:
    """Add a synthetic city on top of the demo programme; return row counts per model."""
    rng = random.Random(seed)
    plans = list(ActionPlan.objects.order_by("pk"))
    areas_by_plan: dict[int, list[DevelopmentArea]] = {}
    for area in DevelopmentArea.objects.order_by("pk"):
        areas_by_plan.setdefault(area.action_plan_id, []).append(area)
    # The demo gives development areas to only some action plans; a plan needs one for
    # goals and activities to fall in its scope, so the city adds one where missing.
    missing = [plan for plan in plans if plan.pk not in areas_by_plan]
    for area in DevelopmentArea.objects.bulk_create(
        DevelopmentArea(action_plan=plan, title="Syntetiskt utvecklingsområde") for plan in missing
    ):
        areas_by_plan[area.action_plan_id] = [area]

    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Syntetisk nämnd {seed}-{i:04d}",
            short_name=f"SN{i:04d}",
            slug=f"syntetisk-{seed}-{i:04d}",
            kind=rng.choice(
                [OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.SPECIALIST_COMMITTEE]
            ),
        )
        for i in range(_count(ORGANISATIONS_AT_SCALE_1, scale))
    )
    years = []
    for offset in range(YEARS):
        year, _ = PlanningYear.objects.get_or_create(year=first_year + offset)
        years.append(year)
    periods: dict[int, list[ReportingPeriod]] = {}
    for year in years:
        existing = {p.code: p for p in ReportingPeriod.objects.filter(planning_year=year)}
        new = [
            ReportingPeriod(
                planning_year=year,
                code=code,
                name=code,
                deadline=datetime.date(year.year, 3 * position + 3, 15),
                position=position,
            )
            for position, code in enumerate(PERIODS)
            if code not in existing
        ]
        ReportingPeriod.objects.bulk_create(new)
        periods[year.pk] = list(existing.values()) + new

    activities_per_plan = _count(ACTIVITIES_PER_PLAN, min(scale, 1))
    indicators_per_plan = _count(INDICATORS_PER_PLAN, min(scale, 1))
    goals: list[Goal] = []
    for organisation in organisations:
        for year in years:
            for plan in plans:
                goals.append(
                    Goal(
                        organisation=organisation,
                        planning_year=year,
                        title=f"Mål för {plan.title[:200]}",
                    )
                )
    goals = Goal.objects.bulk_create(goals, batch_size=BATCH)
    # A goal belongs to an action plan through its development areas (scope_goals).
    goal_area = Goal.development_areas.through
    goal_plans = [plan for _o in organisations for _y in years for plan in plans]
    goal_area.objects.bulk_create(
        (
            goal_area(goal_id=goal.pk, developmentarea_id=areas_by_plan[plan.pk][0].pk)
            for goal, plan in zip(goals, goal_plans, strict=True)
        ),
        batch_size=BATCH,
    )
    activities: list[Activity] = []
    indicators: list[Indicator] = []
    goal_iter = iter(goals)
    for organisation in organisations:
        for year in years:
            for plan in plans:
                goal = next(goal_iter)
                for n in range(activities_per_plan):
                    activities.append(
                        Activity(
                            organisation=organisation,
                            planning_year=year,
                            goal=goal,
                            development_area=rng.choice(areas_by_plan[plan.pk]),
                            title=f"Aktivitet {n + 1}",
                            status=rng.choice(ActivityStatus.values),
                            progress=rng.randrange(0, 101, 10),
                        )
                    )
                for n in range(indicators_per_plan):
                    indicators.append(
                        Indicator(
                            goal=goal,
                            name=f"Indikator {n + 1}",
                            baseline_value=Decimal(rng.randrange(0, 100)),
                            target_value=Decimal(rng.randrange(50, 150)),
                        )
                    )
    activities = Activity.objects.bulk_create(activities, batch_size=BATCH)
    indicators = Indicator.objects.bulk_create(indicators, batch_size=BATCH)

    reports = Report.objects.bulk_create(
        (
            Report(
                organisation=organisation,
                action_plan=plan,
                period=period,
                status=ReportStatus.APPROVED
                if year.year < first_year + YEARS - 1
                else ReportStatus.DRAFT,
            )
            for organisation in organisations
            for year in years
            for period in periods[year.pk]
            for plan in plans
        ),
        batch_size=BATCH,
    )
    activities_by_key: dict[tuple[int, int, int | None], list[Activity]] = {}
    for activity in activities:
        key = (activity.organisation_id, activity.planning_year_id, activity.goal_id)
        activities_by_key.setdefault(key, []).append(activity)
    goal_by_key = {(g.organisation_id, g.planning_year_id, g.title): g for g in goals}
    indicators_by_goal: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        indicators_by_goal.setdefault(indicator.goal_id, []).append(indicator)
    updates: list[ActivityUpdate] = []
    values: list[IndicatorValue] = []
    for report in reports:
        year_id = report.period.planning_year_id
        goal = goal_by_key[
            (report.organisation_id, year_id, f"Mål för {report.action_plan.title[:200]}")
        ]
        for activity in activities_by_key.get((report.organisation_id, year_id, goal.pk), []):
            updates.append(
                ActivityUpdate(
                    report=report,
                    activity=activity,
                    status=activity.status,
                    progress=activity.progress,
                    comment="Arbetet fortskrider.",
                )
            )
        for indicator in indicators_by_goal.get(goal.pk, []):
            values.append(
                IndicatorValue(
                    report=report, indicator=indicator, value=Decimal(rng.randrange(0, 150))
                )
            )
    ActivityUpdate.objects.bulk_create(updates, batch_size=BATCH)
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)

    # Approved reports get their frozen snapshot. The data comes from the real
    # build_snapshot_data (a few reads per report) so the schema cannot drift; the
    # inserts are bulk. approved_at is derived from the deadline so a seed stays stable.
    snapshots: list[ReportSnapshot] = []
    for report in reports:
        if report.status != ReportStatus.APPROVED:
            continue
        approved_at = datetime.datetime.combine(
            report.period.deadline, datetime.time(12), tzinfo=datetime.UTC
        )
        data = build_snapshot_data(report, approved_at=approved_at, approver=None)
        snapshots.append(ReportSnapshot(report=report, data=data, approved_at=approved_at))
    ReportSnapshot.objects.bulk_create(snapshots, batch_size=500)
    return {
        "organisationer": len(organisations),
        "mål": len(goals),
        "aktiviteter": len(activities),
        "indikatorer": len(indicators),
        "rapporter": len(reports),
        "aktivitetsuppdateringar": len(updates),
        "indikatorvärden": len(values),
        "godkända ögonblicksbilder": len(snapshots),
    }
