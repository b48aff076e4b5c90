"""Endpoints for the library of information material.

Anyone gets the material marked public; those who work in the city get all of it. Hidden
material answers 404, exactly like missing material.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from mrplan.api.auth import OPTIONAL_AUTH, READ_AUTH, USER_AUTH
from mrplan.api.common import (
    Pagination,
    found,
)
from mrplan.api.schemas.base import ErrorOut
from mrplan.api.schemas.collaboration import MaterialOut
from mrplan.collaboration import permissions, selectors
from mrplan.collaboration.models import Material

router = Router(tags=["Samverkan och kompetens"], auth=USER_AUTH)


@router.get(
    "/collaboration/material/",
    operation_id="mrplan_collaboration_api_material_list",
    response={200: list[MaterialOut], 422: ErrorOut},
    auth=READ_AUTH,
    summary="Lista informationsmaterial",
    description="Utan inloggning visas bara material som är publicerat för allmänheten.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def material_list(request: HttpRequest, q: str = "") -> QuerySet[Material]:
    public_only = not permissions.may_read(request.user)
    return selectors.material(public_only=public_only, query=q)


@router.get(
    "/collaboration/material/{material_id}",
    operation_id="mrplan_collaboration_api_material_detail",
    response={200: MaterialOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ_AUTH,
    summary="Visa informationsmaterial",
    openapi_extra=OPTIONAL_AUTH,
)
def material_detail(request: HttpRequest, material_id: int) -> Material:
    material = found(
        _("Materialet finns inte."), permissions.get_material_for_actor, request.user, material_id
    )
    return selectors.material(public_only=False).get(pk=material.pk)
