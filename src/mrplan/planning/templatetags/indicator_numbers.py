"""`{{ value|indicator_number:indicator }}`: a value shown with the indicator's decimals."""

from decimal import Decimal
from typing import Any

from django import template

from mrplan.planning.models import Indicator

register = template.Library()


@register.filter
def indicator_number(value: Decimal | float | None, indicator: Indicator | Any) -> str:
    """Return VALUE with INDICATOR's decimals and the reader's decimal sign; "–" when empty."""
    if isinstance(indicator, Indicator):
        return indicator.format_value(value)
    return "–" if value is None else str(value)
