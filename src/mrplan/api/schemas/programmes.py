"""The steering structure: programmes, action plans, development areas, city activities."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from mrplan.api.schemas.base import DatabaseId, ids
from mrplan.api.schemas.taxonomies import TargetGroupRefOut
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    Programme,
    Status,
)


class FocusAreaOut(Schema):
    id: int
    title: str
    description: str
    position: int


class ActionPlanSummaryOut(Schema):
    id: int
    title: str
    slug: str
    status: Status
    status_label: str
    position: int

    @staticmethod
    def resolve_status_label(obj: ActionPlan) -> str:
        return str(obj.get_status_display())


class ProgrammeOut(Schema):
    id: int
    title: str
    short_title: str
    slug: str
    goal: str
    summary: str
    status: Status
    status_label: str
    adopted_by_id: int | None
    adopted_on: date | None
    valid_from: date | None
    valid_until: date | None
    replaces_ids: list[int] = Field(description="De tidigare program som detta ersätter.")
    focus_areas: list[FocusAreaOut]
    action_plans: list[ActionPlanSummaryOut]

    @staticmethod
    def resolve_status_label(obj: Programme) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_replaces_ids(obj: Programme) -> list[int]:
        return ids(obj.replaces)

    @staticmethod
    def resolve_focus_areas(obj: Programme) -> list[Any]:
        return list(obj.focus_areas.all())

    @staticmethod
    def resolve_action_plans(obj: Programme) -> list[Any]:
        return list(obj.action_plans.all())


class CityActivityOut(Schema):
    id: int
    title: str
    description: str
    position: int
    responsible_id: int | None = Field(description="Den organisation som ansvarar.")
    target_group_ids: list[int]

    @staticmethod
    def resolve_target_group_ids(obj: CityActivity) -> list[int]:
        return ids(obj.target_groups)


class DevelopmentAreaOut(Schema):
    id: int
    action_plan_id: int
    title: str
    description: str
    position: int
    focus_area_ids: list[int] = Field(description="De fokusområden som området svarar mot.")
    target_group_ids: list[int]
    sdg_target_codes: list[str]
    city_activities: list[CityActivityOut]

    @staticmethod
    def resolve_focus_area_ids(obj: DevelopmentArea) -> list[int]:
        return ids(obj.focus_areas)

    @staticmethod
    def resolve_target_group_ids(obj: DevelopmentArea) -> list[int]:
        return ids(obj.target_groups)

    @staticmethod
    def resolve_sdg_target_codes(obj: DevelopmentArea) -> list[str]:
        return [target.code for target in obj.sdg_targets.all()]

    @staticmethod
    def resolve_city_activities(obj: DevelopmentArea) -> list[Any]:
        return list(obj.city_activities.all())


class ActionPlanOut(Schema):
    id: int
    programme_id: int
    title: str
    slug: str
    goal: str
    summary: str
    status: Status
    status_label: str
    valid_from: date | None
    valid_until: date | None
    position: int
    special_focus: list[TargetGroupRefOut] = Field(description="Målgrupper i särskilt fokus.")
    sdg_target_codes: list[str]

    @staticmethod
    def resolve_status_label(obj: ActionPlan) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_special_focus(obj: ActionPlan) -> list[Any]:
        return list(obj.special_focus.all())

    @staticmethod
    def resolve_sdg_target_codes(obj: ActionPlan) -> list[str]:
        return [target.code for target in obj.sdg_targets.all()]


class ActionPlanDetailOut(ActionPlanOut):
    development_areas: list[DevelopmentAreaOut]

    @staticmethod
    def resolve_development_areas(obj: ActionPlan) -> list[Any]:
        return list(obj.development_areas.all())


class DevelopmentAreaPatch(Schema):
    """The fields to change; leave out those that stay as they are."""

    model_config = ConfigDict(extra="forbid", strict=True)

    title: str | None = None
    description: str | None = None
    position: int | None = Field(None, ge=0, le=32767)
    focus_area_ids: list[DatabaseId] | None = Field(
        None, description="Minst ett fokusområde i handlingsplanens program."
    )
    target_group_ids: list[DatabaseId] | None = None

    @field_validator("*")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # None is only the default meaning "not sent"; an explicit null is a mistake.
        if value is None:
            raise ValueError(_("Värdet får inte vara null. Utelämna fältet i stället."))
        return value
