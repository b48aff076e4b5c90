"""Server-rendered SVG bar charts for the compiled report: printable, no JavaScript.

Each chart is an <svg role="img"> with a <title> and a <desc> listing every bar's value,
and each bar carries its value as text, so nothing depends on colour. The document also
has a table with the same numbers.
"""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = 230
BAR_HEIGHT = 18
GAP = 8
COLOUR = "#1f4e79"


def bar_chart(
    *, chart_id: str, title: str, bars: Sequence[tuple[str, float]], maximum: float, unit: str = ""
) -> SafeString:
    """Return a horizontal bar chart of BARS (label, value) scaled to MAXIMUM."""
    suffix = f" {unit}" if unit else ""
    height = GAP + len(bars) * (BAR_HEIGHT + GAP)
    plot = WIDTH - LABEL_WIDTH - 60
    description = "; ".join(f"{label}: {value:g}{suffix}" for label, value in bars)
    parts = [
        f'<svg role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = 0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * plot
        text_y = y + BAR_HEIGHT - 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{text_y}" text-anchor="end" '
            f'font-family="DejaVu Sans" font-size="10">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{COLOUR}"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{text_y}" font-family="DejaVu Sans" '
            f'font-size="10">{value:g}{escape(suffix)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)
