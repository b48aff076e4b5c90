"""Numbers in the measure page's tables."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format

register = template.Library()

HUNDREDTH = Decimal("0.01")


@register.filter
def decimals(value: Any) -> str:
    """Return VALUE as `floatformat:"-2"` does (an integer without decimals, else two,
    rounded half up, the locale's decimal separator, no grouping), at a fraction of its cost:
    the measure page and its district comparison format hundreds of numbers."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return floatformat(value, "-2")
    if not number.is_finite():
        return floatformat(value, "-2")
    if number == number.to_integral_value():
        return str(int(number))
    rounded = number.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    if not rounded:
        rounded = abs(rounded)  # floatformat shows -0.001 as "0,00", not "-0,00"
    return f"{rounded:f}".replace(".", get_format("DECIMAL_SEPARATOR"))
