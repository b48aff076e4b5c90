"""Register organisations and departments for the shared "Historik" page."""

from mrplan.core.history import register
from mrplan.organisations.models import Department, Organisation
from mrplan.organisations.permissions import (
    get_department_history_for_user,
    get_organisation_history_for_user,
)

register("organisation", Organisation)(get_organisation_history_for_user)
register("department", Department)(get_department_history_for_user)
