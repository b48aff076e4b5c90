"""Reads of the programme structure, each with its related rows fetched up front.

The public (anonymous visitors and accounts without a membership) sees only what each
model's `published()` keeps: published programmes, published action plans of published
programmes, and the parts of those. Members also see what is not published.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.db.models import prefetch_related_objects as _prefetch

from mrplan.accounts.permissions import roles_for
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    SdgGoal,
    SdgTarget,
    Status,
    TargetGroup,
    TargetGroupCategory,
)


def _sees_drafts(user: Any) -> bool:
    """Drafts are for those who work in the city; an account without membership is public."""
    return roles_for(user).is_internal


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    """Return the programmes USER may see: all for signed-in users, published ones otherwise."""
    queryset = Programme.objects.select_related("adopted_by")
    if not _sees_drafts(user):
        queryset = queryset.published()
    return queryset


def action_plans_visible_to(user: Any) -> QuerySet[ActionPlan]:
    """Return the action plans USER may see."""
    queryset = ActionPlan.objects.select_related("programme")
    if not _sees_drafts(user):
        queryset = queryset.published()
    return queryset


def focus_areas_visible_to(user: Any) -> QuerySet[FocusArea]:
    """Return the focus areas of the programmes USER may see."""
    queryset = FocusArea.objects.select_related("programme")
    if not _sees_drafts(user):
        queryset = queryset.published()
    return queryset


def development_areas_visible_to(user: Any) -> QuerySet[DevelopmentArea]:
    """Return the development areas of the action plans USER may see."""
    queryset = DevelopmentArea.objects.select_related("action_plan__programme")
    if not _sees_drafts(user):
        queryset = queryset.published()
    return queryset


def city_activities_visible_to(user: Any) -> QuerySet[CityActivity]:
    """Return the city activities of the action plans USER may see."""
    queryset = CityActivity.objects.select_related("development_area__action_plan__programme")
    if not _sees_drafts(user):
        queryset = queryset.published()
    return queryset


def current_programme(*, user: Any) -> Programme | None:
    """Return the adopted programme in force (or the newest visible one) with its parts."""
    queryset = programmes_visible_to(user).prefetch_related(
        "focus_areas",
        Prefetch("action_plans", queryset=action_plans_visible_to(user)),
    )
    return queryset.filter(status=Status.ADOPTED).first() or queryset.first()


_STATUS_ORDER = Case(
    When(status=Status.ADOPTED, then=Value(0)),
    When(status=Status.ON_CONSULTATION, then=Value(1)),
    When(status=Status.DRAFT, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def programme_list(*, user: Any) -> QuerySet[Programme]:
    """Return the programmes USER may see, those in force first, with what replaced them."""
    visible = programmes_visible_to(user)
    return (
        visible.annotate(status_order=_STATUS_ORDER)
        .order_by("status_order", "-valid_from", "title")
        .prefetch_related(
            Prefetch("replaced_by", queryset=visible.order_by("title")),
            Prefetch("action_plans", queryset=action_plans_visible_to(user)),
        )
    )


def programme_detail(*, programme: Programme, user: Any) -> Programme:
    """Fetch everything the programme page shows onto PROGRAMME."""
    visible_programmes = programmes_visible_to(user).order_by("title")
    _prefetch(
        [programme],
        Prefetch(
            "focus_areas",
            queryset=FocusArea.objects.prefetch_related(
                Prefetch(
                    "development_areas",
                    queryset=development_areas_visible_to(user).filter(
                        action_plan__programme=programme
                    ),
                )
            ),
        ),
        Prefetch(
            "action_plans",
            queryset=action_plans_visible_to(user).prefetch_related(
                Prefetch("sdg_targets", queryset=SdgTarget.objects.select_related("goal"))
            ),
        ),
        Prefetch("replaces", queryset=visible_programmes),
        Prefetch("replaced_by", queryset=visible_programmes),
    )
    return programme


def sdg_targets_of(action_plans: list[ActionPlan]) -> list[SdgTarget]:
    """Return the Agenda 2030 targets the (prefetched) ACTION_PLANS link to, in order."""
    targets = {target.pk: target for plan in action_plans for target in plan.sdg_targets.all()}
    return sorted(targets.values(), key=lambda t: (t.goal.number, t.position, t.code))


def _city_activities() -> QuerySet[CityActivity]:
    return CityActivity.objects.select_related("responsible").prefetch_related("target_groups")


def _development_area_parts() -> list[Any]:
    return [
        Prefetch("focus_areas", queryset=FocusArea.objects.select_related("programme")),
        "target_groups",
        Prefetch("sdg_targets", queryset=SdgTarget.objects.select_related("goal")),
        Prefetch("city_activities", queryset=_city_activities()),
    ]


def action_plan_detail(*, action_plan: ActionPlan) -> ActionPlan:
    """Fetch everything the action plan page shows onto ACTION_PLAN."""
    _prefetch(
        [action_plan],
        "special_focus",
        Prefetch("sdg_targets", queryset=SdgTarget.objects.select_related("goal")),
        Prefetch(
            "development_areas",
            queryset=DevelopmentArea.objects.prefetch_related(*_development_area_parts()),
        ),
    )
    return action_plan


def development_area_detail(*, development_area: DevelopmentArea) -> DevelopmentArea:
    """Fetch everything the development area page shows onto DEVELOPMENT_AREA."""
    _prefetch([development_area], *_development_area_parts())
    return development_area


@dataclass
class TargetGroupSection:
    category: str
    label: str
    groups: list[TargetGroup]


def target_groups_by_category(*, user: Any) -> list[TargetGroupSection]:
    """Return every target group, grouped by category in the taxonomy's order."""
    groups = TargetGroup.objects.select_related("parent").prefetch_related(
        Prefetch(
            "focused_by_action_plans",
            queryset=action_plans_visible_to(user).order_by("position", "title"),
        )
    )
    sections = {
        value: TargetGroupSection(value, str(label), [])
        for value, label in TargetGroupCategory.choices
    }
    for group in groups:
        sections[group.category].groups.append(group)
    return [section for section in sections.values() if section.groups]


def sdg_goals(*, user: Any) -> QuerySet[SdgGoal]:
    """Return the 17 goals with their targets and the visible action plans linked to each."""
    return SdgGoal.objects.prefetch_related(
        Prefetch(
            "targets",
            queryset=SdgTarget.objects.prefetch_related(
                Prefetch(
                    "action_plans",
                    queryset=action_plans_visible_to(user).order_by("position", "title"),
                )
            ),
        )
    )
