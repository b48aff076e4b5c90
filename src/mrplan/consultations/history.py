"""History registration for consultations, cases and decisions."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from mrplan.consultations import permissions
from mrplan.consultations.models import Case, Consultation, Decision
from mrplan.core.history import register


@register("consultation", Consultation)
def get_consultation_history(request: HttpRequest, key: str) -> Consultation:
    """Coordinators see a consultation's history."""
    consultation = permissions.get_consultation_for_user(request, key)
    if not permissions.may_manage_consultations(request.user):
        raise PermissionDenied
    return consultation


@register("case", Case)
def get_case_history(request: HttpRequest, key: str) -> Case:
    """The organisation's members and coordinators see a case's history."""
    return permissions.get_case_for_user(request, key)


@register("decision", Decision)
def get_decision_history(request: HttpRequest, key: str) -> Decision:
    """The organisation's members and coordinators see a decision's history."""
    return permissions.get_decision_for_user(request, key)
