"""Register the publication rules for the shared "Historik" page."""

from mrplan.core.history import register
from mrplan.public.models import PublicationRule
from mrplan.public.permissions import get_rule_history_for_user

register("publication-rule", PublicationRule)(get_rule_history_for_user)
