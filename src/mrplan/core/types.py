from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:  # core imports no feature app at run time (see docs/architecture.md)
    from mrplan.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind @login_required, whose user is a real User."""

    user: "User"
