"""The caller's own account."""

from django.http import HttpRequest
from ninja import Router

from mrplan.accounts.models import User
from mrplan.api.auth import USER_AUTH, caller
from mrplan.api.schemas.accounts import MeOut
from mrplan.api.schemas.base import ErrorOut

router = Router(tags=["Konto"])


@router.get(
    "/me",
    operation_id="mrplan_api_me_me",
    auth=USER_AUTH,
    response={200: MeOut, 401: ErrorOut},
    summary="Visa den inloggade användaren",
    description="Användarnamn, namn och roller per organisation för den som anropar.",
)
def me(request: HttpRequest) -> User | None:
    """Return the signed-in caller."""
    return caller(request)
