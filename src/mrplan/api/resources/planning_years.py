"""Endpoints for the planning cycle: the planning years with their reporting periods.

Not public: a signed-in caller who works in the city (others get 401 or 403).
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    INTERNAL_ERRORS,
    Pagination,
)
from mrplan.api.schemas.planning import PlanningYearOut
from mrplan.planning.models import PlanningYear
from mrplan.planning.permissions import check_read
from mrplan.planning.selectors import planning_years

router = Router(tags=["Planering och uppföljning"], auth=USER_AUTH)


@router.get(
    "/planning/years/",
    operation_id="mrplan_api_planning_planning_year_list",
    response={200: list[PlanningYearOut], **INTERNAL_ERRORS},
    summary="Lista planeringsår",
    description="Varje planeringsår, nyaste först, med sina rapportperioder "
    "(kod, namn, sista dag, status).",
)
@paginate(Pagination)
def planning_year_list(request: HttpRequest) -> QuerySet[PlanningYear]:
    """Return every planning year with its reporting periods."""
    check_read(request.user)
    return planning_years().order_by("-year")
