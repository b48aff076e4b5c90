"""The `sv` filter, built into every template: mark Swedish content on pages in English.

Everything people write into mrplan (titles, names, descriptions) is Swedish. On a page in
another language (/en/…) such text is wrapped in <span lang="sv"> so screen readers speak it
with Swedish pronunciation (WCAG 3.1.2, language of parts). On Swedish pages it is left as is.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter(is_safe=True)
def sv(value: object) -> object:
    """Return VALUE marked lang="sv" when the page is not in Swedish."""
    if value is None or value == "":
        return value
    if (get_language() or "sv").split("-")[0] == "sv":
        return value
    return format_html('<span lang="sv">{}</span>', value)
