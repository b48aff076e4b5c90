from django import template
from django.db import models

from mrplan.core.history import history_url

register = template.Library()


@register.simple_tag
def history_link(obj: models.Model) -> str:
    """Return the URL of OBJ's history page."""
    return history_url(obj)
