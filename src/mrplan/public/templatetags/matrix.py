"""Template helpers for the large public matrices."""

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def count_cells(counts: list[int]) -> SafeString:
    """Return a table row's counts as <td> cells.

    The target-group matrix has a cell per target group and organisation (3,600 at city
    scale); a template loop with a variable per cell costs more than the rest of the page.
    The counts are integers, so they need no escaping.
    """
    return mark_safe("".join(f"<td>{int(count)}</td>" for count in counts))  # noqa: S308
