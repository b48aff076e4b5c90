from django.http import HttpRequest

from mrplan.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind @login_required, whose user is a real User."""

    user: User
