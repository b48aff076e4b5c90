"""Endpoints for the shared taxonomies: target groups and the goals of Agenda 2030."""

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from mrplan.api.auth import OPTIONAL_AUTH
from mrplan.api.common import (
    READ_ERRORS,
    Pagination,
)
from mrplan.api.schemas.taxonomies import SdgGoalOut, TargetGroupOut
from mrplan.programmes.models import SdgGoal, SdgTarget, TargetGroup, TargetGroupCategory

router = Router()


@router.get(
    "/target-groups/",
    operation_id="mrplan_api_taxonomies_target_group_list",
    response={200: list[TargetGroupOut], **READ_ERRORS},
    summary="Lista målgrupper",
    description="Målgrupper och diskrimineringsgrunder. Filtrera på kategori med `?category=`.",
    tags=["Målgrupper"],
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def target_group_list(
    request: HttpRequest, category: TargetGroupCategory | None = None
) -> QuerySet[TargetGroup]:
    """Return the target groups in their taxonomy order, of one CATEGORY if given."""
    target_groups = TargetGroup.objects.order_by("category", "position", "name", "pk")
    if category is not None:
        target_groups = target_groups.filter(category=category)
    return target_groups


@router.get(
    "/sdg/goals/",
    operation_id="mrplan_api_taxonomies_sdg_goal_list",
    response={200: list[SdgGoalOut], **READ_ERRORS},
    summary="Lista de globala målen",
    description="Agenda 2030:s mål i nummerordning, vart och ett med sina delmål.",
    tags=["Agenda 2030"],
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def sdg_goal_list(request: HttpRequest) -> QuerySet[SdgGoal]:
    """Return the goals of Agenda 2030 with their targets."""
    targets = SdgTarget.objects.order_by("position", "code")
    return SdgGoal.objects.order_by("number").prefetch_related(
        Prefetch("targets", queryset=targets)
    )
