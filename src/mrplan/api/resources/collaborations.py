"""Endpoints for collaborations between the city's organisations and partners.

For those who work in the city (others get 401 or 403).
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    INTERNAL_DETAIL_ERRORS,
    INTERNAL_ERRORS,
    Pagination,
    found,
)
from mrplan.api.schemas.collaboration import CollaborationOut
from mrplan.collaboration import permissions, selectors
from mrplan.collaboration.models import Collaboration

router = Router(tags=["Samverkan och kompetens"], auth=USER_AUTH)


@router.get(
    "/collaboration/collaborations/",
    operation_id="mrplan_collaboration_api_collaboration_list",
    response={200: list[CollaborationOut], **INTERNAL_ERRORS},
    summary="Lista samarbeten",
)
@paginate(Pagination)
def collaboration_list(
    request: HttpRequest, organisation_id: int | None = None
) -> QuerySet[Collaboration]:
    permissions.check_reader(request.user)
    result = selectors.collaborations()
    if organisation_id is not None:
        result = result.filter(organisations=organisation_id)
    return result


@router.get(
    "/collaboration/collaborations/{collaboration_id}",
    operation_id="mrplan_collaboration_api_collaboration_detail",
    response={200: CollaborationOut, **INTERNAL_DETAIL_ERRORS},
    summary="Visa ett samarbete",
)
def collaboration_detail(request: HttpRequest, collaboration_id: int) -> Collaboration:
    collaboration = found(
        _("Samarbetet finns inte."),
        permissions.get_collaboration_for_actor,
        request.user,
        collaboration_id,
    )
    return selectors.collaborations().get(pk=collaboration.pk)
