"""Server-rendered SVG line charts: accessible, printable, no JavaScript.

Every chart is an <svg role="img"> with a <title> and a <desc> that says what it shows; each
series has its own dash pattern and marker shape (never colour alone) and is named in a text
legend. The page always shows a table with the same numbers next to it.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 760
PLOT_TOP = 20
PLOT_LEFT = 70
PLOT_RIGHT = 30
PLOT_HEIGHT = 260
LEGEND_ROW = 22

# Dark, distinct colours (all ≥ 4.5:1 on white); the dash and the marker carry the meaning.
COLOURS = ["#1f4e79", "#8a3b12", "#2d6a2d", "#6b2c7a", "#7a5c00", "#005f6b", "#9b1c31", "#3d3d3d"]
DASHES = ["", "8 4", "2 4", "12 4 2 4", "4 4", "1 5"]
MARKERS = ["circle", "square", "triangle", "diamond", "cross", "plus"]


@dataclass
class Series:
    label: str
    values: list[float | None]


@dataclass
class TargetLine:
    label: str
    value: float


@dataclass
class Chart:
    title: str
    description: str
    periods: list[str]
    series: list[Series]
    unit: str = ""
    targets: list[TargetLine] = field(default_factory=list)


def style(index: int) -> tuple[str, str, str]:
    """Return (colour, dash pattern, marker) of series INDEX; no two of the first 36 alike."""
    return (
        COLOURS[index % len(COLOURS)],
        DASHES[index % len(DASHES)],
        MARKERS[(index // len(DASHES) + index) % len(MARKERS)],
    )


def format_number(value: float) -> str:
    rounded = round(value, 2)
    if rounded == int(rounded):
        return str(number_format(int(rounded), use_l10n=True))
    return str(number_format(rounded, use_l10n=True))


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Return round tick values covering LOW..HIGH."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    size = 4.5
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size}" fill="{colour}"/>'
    if kind == "square":
        return (
            f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size}" '
            f'height="{2 * size}" fill="{colour}"/>'
        )
    if kind == "triangle":
        points = f"{x:.1f},{y - size - 1:.1f} {x - size - 1:.1f},{y + size:.1f} "
        points += f"{x + size + 1:.1f},{y + size:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "diamond":
        points = f"{x:.1f},{y - size - 1:.1f} {x + size + 1:.1f},{y:.1f} "
        points += f"{x:.1f},{y + size + 1:.1f} {x - size - 1:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="white" stroke="{colour}" stroke-width="2"/>'
    if kind == "cross":
        return (
            f'<path d="M{x - size:.1f} {y - size:.1f}L{x + size:.1f} {y + size:.1f}'
            f'M{x - size:.1f} {y + size:.1f}L{x + size:.1f} {y - size:.1f}" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
    return (
        f'<path d="M{x - size:.1f} {y:.1f}H{x + size:.1f}M{x:.1f} {y - size:.1f}V{y + size:.1f}" '
        f'stroke="{colour}" stroke-width="2.5"/>'
    )


def _segments(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Split a line where values are missing or suppressed: no line is drawn across a gap."""
    segments: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if segments[-1]:
                segments.append([])
        else:
            segments[-1].append(point)
    return [segment for segment in segments if segment]


def render_line_chart(chart: Chart, *, chart_id: str = "diagram") -> SafeString:
    """Return CHART as an accessible SVG line chart."""
    values = [v for s in chart.series for v in s.values if v is not None]
    values += [t.value for t in chart.targets]
    low = min([0.0, *values]) if values else 0.0
    high = max(values) if values else 1.0
    ticks = nice_ticks(low, high)
    y_low, y_high = ticks[0], ticks[-1]
    plot_width = WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_bottom = PLOT_TOP + PLOT_HEIGHT
    legend_items = len(chart.series) + len(chart.targets)
    height = plot_bottom + 50 + legend_items * LEGEND_ROW

    def y_of(value: float) -> float:
        return plot_bottom - (value - y_low) / (y_high - y_low) * PLOT_HEIGHT

    count = max(len(chart.periods), 1)
    step = plot_width / count

    def x_of(index: int) -> float:
        return PLOT_LEFT + step * (index + 0.5)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>',
        '<g font-family="sans-serif" font-size="13" fill="#1a1a1a">',
    ]
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{PLOT_LEFT}" x2="{WIDTH - PLOT_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{PLOT_LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(format_number(tick))}</text>"
        )
    if chart.unit:
        parts.append(f'<text x="8" y="{PLOT_TOP - 6}">{escape(chart.unit)}</text>')
    parts.append(
        f'<line x1="{PLOT_LEFT}" x2="{WIDTH - PLOT_RIGHT}" y1="{plot_bottom}" '
        f'y2="{plot_bottom}" stroke="#1a1a1a"/>'
    )
    label_every = max(1, math.ceil(count / 12))
    for index, period in enumerate(chart.periods):
        if index % label_every == 0:
            parts.append(
                f'<text x="{x_of(index):.1f}" y="{plot_bottom + 20}" text-anchor="middle">'
                f"{escape(period)}</text>"
            )
    for target in chart.targets:
        y = y_of(target.value)
        parts.append(
            f'<line x1="{PLOT_LEFT}" x2="{WIDTH - PLOT_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#1a1a1a" stroke-width="1.5" stroke-dasharray="3 3"/>'
        )
    for index, series in enumerate(chart.series):
        colour, dash, marker = style(index)
        points = [
            None if value is None else (x_of(position), y_of(value))
            for position, value in enumerate(series.values)
        ]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f"<g><title>{escape(series.label)}</title>")
        for segment in _segments(points):
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash_attr}/>'
            )
        for point in points:
            if point is not None:
                parts.append(_marker(marker, point[0], point[1], colour))
        parts.append("</g>")
    y = plot_bottom + 50
    for index, series in enumerate(chart.series):
        colour, dash, marker = style(index)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{PLOT_LEFT}" x2="{PLOT_LEFT + 48}" y1="{y - 4}" y2="{y - 4}" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            + _marker(marker, PLOT_LEFT + 24, y - 4, colour)
            + f'<text x="{PLOT_LEFT + 58}" y="{y}">{escape(series.label)}</text>'
        )
        y += LEGEND_ROW
    for target in chart.targets:
        parts.append(
            f'<line x1="{PLOT_LEFT}" x2="{PLOT_LEFT + 48}" y1="{y - 4}" y2="{y - 4}" '
            f'stroke="#1a1a1a" stroke-width="1.5" stroke-dasharray="3 3"/>'
            f'<text x="{PLOT_LEFT + 58}" y="{y}">{escape(target.label)}</text>'
        )
        y += LEGEND_ROW
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)
