"""What the planning endpoints send and accept: the cycle, the plans and the reports.

Related rows are read through `.all()` (or lists the endpoint attaches) so that the
querysets' prefetches are used and every endpoint costs a fixed number of queries.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from mrplan.api.schemas.base import DatabaseId, ids
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    ActivityUpdate,
    Direction,
    Goal,
    Indicator,
    PeriodStatus,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from mrplan.planning.rollup import Level, Rollup, activity_level, rollup
from mrplan.planning.snapshots import approved_snapshot

# The planning cycle


class PeriodOut(Schema):
    id: int
    code: str
    name: str
    deadline: datetime.date
    status: PeriodStatus
    status_label: str
    position: int

    @staticmethod
    def resolve_status_label(obj: ReportingPeriod) -> str:
        return str(obj.get_status_display())


class PlanningYearOut(Schema):
    id: int
    year: int
    periods: list[PeriodOut]

    @staticmethod
    def resolve_periods(obj: Any) -> list[Any]:
        return list(obj.periods.all())


# Roll-up


class LevelOut(Schema):
    colour: str = Field(description="green, yellow, red eller grey (ingen bedömning).")
    label: str = Field(description='Bedömningen i text, t.ex. "I fas".')

    @staticmethod
    def resolve_label(obj: Level) -> str:
        return str(obj.label)


class RollupOut(Schema):
    progress: float | None = Field(description="Framdriften 0–100, eller null.")
    percent: int | None = Field(description="Framdriften avrundad till hela procent.")
    colour: str
    label: str
    method: str = Field(description="Hur framdriften räknas ut.")
    counted: int = Field(description="Antal aktiviteter som räknas.")
    excluded: int = Field(description="Antal inställda aktiviteter som inte räknas.")
    total_weight: int

    @staticmethod
    def resolve_colour(obj: Rollup) -> str:
        return obj.level.colour

    @staticmethod
    def resolve_label(obj: Rollup) -> str:
        return str(obj.level.label)

    @staticmethod
    def resolve_method(obj: Rollup) -> str:
        return str(obj.method)


# Plans


class MilestoneOut(Schema):
    id: int
    date: datetime.date
    title: str
    done: bool


class ActivityOut(Schema):
    id: int
    organisation_id: int
    year: int
    goal_id: int | None
    development_area_id: int | None
    city_activity_id: int | None
    title: str
    description: str
    responsible_department_id: int | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    status: ActivityStatus
    status_label: str
    progress: int
    weight: int
    target_group_ids: list[int]
    milestones: list[MilestoneOut]
    assessment: LevelOut = Field(description="Bedömningen i dag: i fas, risk eller försenad.")
    version: int = Field(description="Skicka tillbaka vid ändring (PATCH).")

    @staticmethod
    def resolve_year(obj: Activity) -> int:
        return obj.planning_year.year

    @staticmethod
    def resolve_status_label(obj: Activity) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_target_group_ids(obj: Activity) -> list[int]:
        return ids(obj.target_groups)

    @staticmethod
    def resolve_milestones(obj: Activity) -> list[Any]:
        return list(obj.milestones.all())

    @staticmethod
    def resolve_assessment(obj: Activity) -> Level:
        return activity_level(obj, timezone.localdate())


class IndicatorOut(Schema):
    id: int
    goal_id: int
    name: str
    unit: str
    direction: Direction
    direction_label: str
    baseline_value: float | None  # a JSON number, like every number the API returns
    baseline_year: int | None
    target_value: float | None
    target_year: int | None
    breakdown_dimension: str
    breakdown_categories: list[str]
    position: int

    @staticmethod
    def resolve_direction_label(obj: Indicator) -> str:
        return str(obj.get_direction_display())


class GoalOut(Schema):
    id: int
    organisation_id: int
    year: int
    title: str
    description: str
    position: int
    development_area_ids: list[int]
    target_group_ids: list[int]
    sdg_target_codes: list[str]
    indicators: list[IndicatorOut]
    activities: list[ActivityOut]
    progress: RollupOut = Field(description="Målets framdrift räknad från aktiviteterna.")

    @staticmethod
    def resolve_year(obj: Goal) -> int:
        return obj.planning_year.year

    @staticmethod
    def resolve_development_area_ids(obj: Goal) -> list[int]:
        return ids(obj.development_areas)

    @staticmethod
    def resolve_target_group_ids(obj: Goal) -> list[int]:
        return ids(obj.target_groups)

    @staticmethod
    def resolve_sdg_target_codes(obj: Goal) -> list[str]:
        return [target.code for target in obj.sdg_targets.all()]

    @staticmethod
    def resolve_indicators(obj: Goal) -> list[Any]:
        return list(obj.indicators.all())

    @staticmethod
    def resolve_activities(obj: Goal) -> list[Any]:
        return list(getattr(obj, "plan_activities", []))

    @staticmethod
    def resolve_progress(obj: Goal) -> Rollup:
        return rollup(getattr(obj, "plan_activities", []), on=timezone.localdate())


class ActionPlanProgressOut(Schema):
    action_plan_id: int
    title: str
    progress: RollupOut


class PlanOut(Schema):
    organisation_id: int
    organisation_name: str
    year: int
    is_open: bool = Field(description="Om planen kan ändras: någon period är öppen.")
    periods: list[PeriodOut]
    goals: list[GoalOut]
    other_activities: list[ActivityOut] = Field(
        description="Aktiviteter direkt under ett utvecklingsområde eller en stadsgemensam "
        "aktivitet, utan mål."
    )
    action_plans: list[ActionPlanProgressOut] = Field(
        description="Organisationens framdrift per handlingsplan."
    )


class MilestoneIn(Schema):
    model_config = ConfigDict(extra="forbid")

    id: DatabaseId | None = Field(None, description="Utelämna för ett nytt delmål.")
    date: datetime.date | None = None
    title: str = ""
    done: bool = False
    delete: bool = Field(False, description="true tar bort delmålet.")


class ActivityPatch(Schema):
    """The fields to change, and the version the caller read; leave out what stays."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="Aktivitetens `version` när du läste den.")
    title: str | None = None
    description: str | None = None
    status: ActivityStatus | None = None
    progress: int | None = Field(None, ge=0, le=100)
    weight: int | None = Field(None, ge=1, le=100)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    responsible_department_id: DatabaseId | None = None
    target_group_ids: list[DatabaseId] | None = None
    milestones: list[MilestoneIn] | None = Field(
        None, description="Delmål att lägga till, ändra (med id) eller ta bort (delete)."
    )

    @field_validator(
        "title",
        "description",
        "status",
        "progress",
        "weight",
        "start_date",
        "end_date",
        "responsible_department_id",
        "target_group_ids",
        "milestones",
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # None is only the default meaning "not sent"; an explicit null is a mistake.
        if value is None:
            raise ValueError(_("Värdet får inte vara null. Utelämna fältet i stället."))
        return value


# Reports


class ReportOut(Schema):
    id: int
    organisation_id: int
    action_plan_id: int
    period_id: int
    period_code: str
    year: int
    status: ReportStatus
    status_label: str
    review_comment: str
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    version: int

    @staticmethod
    def resolve_period_code(obj: Report) -> str:
        return obj.period.code

    @staticmethod
    def resolve_year(obj: Report) -> int:
        return obj.period.planning_year.year

    @staticmethod
    def resolve_status_label(obj: Report) -> str:
        return str(obj.get_status_display())


class ActivityUpdateOut(Schema):
    activity_id: int
    status: ActivityStatus
    status_label: str
    progress: int
    comment: str

    @staticmethod
    def resolve_status_label(obj: ActivityUpdate) -> str:
        return str(obj.get_status_display())


class IndicatorValueOut(Schema):
    indicator_id: int
    category: str = Field(description='"" är totalen; annars en kategori i uppdelningen.')
    value: float | None  # a JSON number, like every number the API returns


class GoalAnalysisOut(Schema):
    goal_id: int
    text: str


class ReportDetailOut(ReportOut):
    activity_updates: list[ActivityUpdateOut]
    indicator_values: list[IndicatorValueOut]
    goal_analyses: list[GoalAnalysisOut]
    approved_snapshot: dict[str, Any] | None = Field(
        None,
        description="Rapporten som den godkändes (se docs/planning.md för schemat); "
        "null om rapporten inte är godkänd.",
    )

    @staticmethod
    def resolve_approved_snapshot(obj: Report) -> dict[str, Any] | None:
        snapshot = approved_snapshot(obj)
        return None if snapshot is None else snapshot.data

    @staticmethod
    def resolve_activity_updates(obj: Report) -> list[Any]:
        return list(obj.activity_updates.all())

    @staticmethod
    def resolve_indicator_values(obj: Report) -> list[Any]:
        return list(obj.indicator_values.all())

    @staticmethod
    def resolve_goal_analyses(obj: Report) -> list[Any]:
        return list(obj.goal_analyses.all())


class ReportReturnIn(Schema):
    model_config = ConfigDict(extra="forbid")

    comment: str = Field(description="Vad organisationen ska ändra. Måste anges.")


# Writes to the plan: goals, activities and indicators


def _refuse_null(value: Any) -> Any:
    # In a PATCH, None is only the default meaning "not sent"; an explicit null is a mistake.
    if value is None:
        raise ValueError(_("Värdet får inte vara null. Utelämna fältet i stället."))
    return value


class GoalIn(Schema):
    """A new goal (nämndmål) in an organisation's plan for a year."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(description="Målets titel. Måste anges.")
    description: str = ""
    position: int = Field(0, ge=0, le=32767, description="Ordningen i listan, lägst först.")
    development_area_ids: list[DatabaseId] = Field(
        default_factory=list,
        description="Utvecklingsområdena målet svarar mot; målet följs upp i rapporterna för "
        "deras handlingsplaner.",
    )
    target_group_ids: list[DatabaseId] = Field(default_factory=list)
    sdg_target_codes: list[str] = Field(
        default_factory=list, description='Delmål i Agenda 2030, t.ex. "10.3".'
    )


class GoalPatch(Schema):
    """The fields to change; leave out those that stay as they are."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    description: str | None = None
    position: int | None = Field(None, ge=0, le=32767)
    development_area_ids: list[DatabaseId] | None = None
    target_group_ids: list[DatabaseId] | None = None
    sdg_target_codes: list[str] | None = None

    @field_validator("*")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        return _refuse_null(value)


class MilestoneNewIn(Schema):
    model_config = ConfigDict(extra="forbid")

    date: datetime.date
    title: str
    done: bool = False


class ActivityIn(Schema):
    """A new activity: under a goal, or directly under a development area or city activity."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(description="Aktivitetens titel. Måste anges.")
    description: str = ""
    goal_id: DatabaseId | None = Field(
        None, description="Ett mål i samma organisations plan för samma år."
    )
    development_area_id: DatabaseId | None = None
    city_activity_id: DatabaseId | None = Field(
        None, description="En stadsgemensam aktivitet (i utvecklingsområdet, om det anges)."
    )
    responsible_department_id: DatabaseId | None = Field(
        None, description="En avdelning i organisationen."
    )
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    status: ActivityStatus = ActivityStatus.NOT_STARTED
    progress: int = Field(0, ge=0, le=100)
    weight: int = Field(1, ge=1, le=100)
    target_group_ids: list[DatabaseId] = Field(default_factory=list)
    milestones: list[MilestoneNewIn] = Field(default_factory=list)


class IndicatorIn(Schema):
    """A new indicator measuring a goal."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Indikatorns namn. Måste anges.")
    unit: str = Field("", description="Till exempel procent eller antal.")
    direction: Direction = Direction.HIGHER
    baseline_value: Decimal | None = None
    baseline_year: int | None = Field(None, description="Måste anges med utgångsvärdet.")
    target_value: Decimal | None = None
    target_year: int | None = Field(None, description="Måste anges med målvärdet.")
    breakdown_dimension: str = Field(
        "", description="Vad värdet delas upp efter, t.ex. kön. Tomt: ingen uppdelning."
    )
    breakdown_categories: list[str] = Field(
        default_factory=list, description="Minst två kategorier när värdet delas upp."
    )
    position: int = Field(0, ge=0, le=32767, description="Ordningen i listan, lägst först.")


class IndicatorPatch(Schema):
    """The fields to change; null clears a baseline or a target, other fields take no null."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    unit: str | None = None
    direction: Direction | None = None
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    target_value: Decimal | None = None
    target_year: int | None = None
    breakdown_dimension: str | None = None
    breakdown_categories: list[str] | None = None
    position: int | None = Field(None, ge=0, le=32767)

    @field_validator(
        "name", "unit", "direction", "breakdown_dimension", "breakdown_categories", "position"
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        return _refuse_null(value)


# Writes to the reports


class ReportCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    organisation_id: DatabaseId
    action_plan_id: DatabaseId
    period_id: DatabaseId = Field(description="En öppen rapportperiod.")


class ActivityUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    activity_id: DatabaseId
    status: ActivityStatus
    progress: int = Field(ge=0, le=100)
    comment: str = Field("", description="Måste anges för en försenad aktivitet vid inskick.")


class IndicatorValueIn(Schema):
    model_config = ConfigDict(extra="forbid")

    indicator_id: DatabaseId
    category: str = Field("", description='"" är totalen; annars en kategori i uppdelningen.')
    value: Decimal | None = Field(description="null tar bort värdet.")


class GoalAnalysisIn(Schema):
    model_config = ConfigDict(extra="forbid")

    goal_id: DatabaseId
    text: str


class ReportPatch(Schema):
    """The parts of the report to save, and the version the caller read; leave out the rest."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="Rapportens `version` när du läste den.")
    activity_updates: list[ActivityUpdateIn] = Field(default_factory=list)
    indicator_values: list[IndicatorValueIn] = Field(default_factory=list)
    goal_analyses: list[GoalAnalysisIn] = Field(default_factory=list)


class ReportReopenIn(Schema):
    model_config = ConfigDict(extra="forbid")

    comment: str = Field(description="Varför rapporten öppnas igen. Måste anges.")


class ReportFilter(Schema):
    organisation: DatabaseId | None = Field(None, description="Organisationens id.")
    period: DatabaseId | None = Field(None, description="Rapportperiodens id.")
