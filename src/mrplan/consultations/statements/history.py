"""History registration for statements."""

from django.http import HttpRequest

from mrplan.consultations.models import Statement
from mrplan.consultations.permissions import get_statement_for_user
from mrplan.core.history import register


@register("statement", Statement)
def get_statement_history_for_user(request: HttpRequest, key: str) -> Statement:
    """Return statement KEY if the user may read it (the case organisation's members)."""
    return get_statement_for_user(request, key)
