"""Endpoints for dialogues with partners and what they raised.

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
from mrplan.api.schemas.collaboration import DialogueOut
from mrplan.collaboration import permissions, selectors
from mrplan.collaboration.models import Dialogue

router = Router(tags=["Samverkan och kompetens"], auth=USER_AUTH)


@router.get(
    "/collaboration/dialogues/",
    operation_id="mrplan_collaboration_api_dialogue_list",
    response={200: list[DialogueOut], **INTERNAL_ERRORS},
    summary="Lista dialoger",
    description="Med `?without_response=true` bara dialoger där stadens svar saknas.",
)
@paginate(Pagination)
def dialogue_list(request: HttpRequest, without_response: bool = False) -> QuerySet[Dialogue]:
    permissions.check_reader(request.user)
    return selectors.dialogues(without_response=without_response)


@router.get(
    "/collaboration/dialogues/{dialogue_id}",
    operation_id="mrplan_collaboration_api_dialogue_detail",
    response={200: DialogueOut, **INTERNAL_DETAIL_ERRORS},
    summary="Visa en dialog",
)
def dialogue_detail(request: HttpRequest, dialogue_id: int) -> Dialogue:
    dialogue = found(
        _("Dialogen finns inte."), permissions.get_dialogue_for_actor, request.user, dialogue_id
    )
    return selectors.dialogues().get(pk=dialogue.pk)
