from typing import Any

from django.http import HttpRequest

from mrplan.accounts.permissions import roles_for


def roles(request: HttpRequest) -> dict[str, Any]:
    """Expose the signed-in user's roles to every template as `roles`."""
    return {"roles": roles_for(getattr(request, "user", None))}
