from django import template
from django.db import models
from django.utils.translation import gettext as _

from mrplan.core import slots
from mrplan.core.history import history_url

register = template.Library()


@register.simple_tag
def history_link(obj: models.Model) -> str:
    """Return the URL of OBJ's history page."""
    return history_url(obj)


@register.simple_tag(takes_context=True)
def slot(context: template.Context, name: str, obj: object) -> str:
    """`{% slot "planning.goal" goal %}`: the blocks higher apps show here (core.slots)."""
    return slots.render(name, context, obj)


@register.filter
def display_value(value: object) -> str:
    """Render a recorded field value for people: lists joined, booleans as Ja/Nej."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
