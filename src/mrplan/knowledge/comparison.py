"""District comparison: one measure, one breakdown, the latest period, every district and the city.

The comparison shows each district (Area of kind "district", tied to its stadsdelsnämnd) with
its area code and code system, value, 95 % interval and n for the latest period that has
district figures, the city total beside them for reference, and a dot-and-whisker chart of
the same numbers. Intervals are the ones the import computed (Wilson for shares, the normal
interval cut to the scale for means: knowledge.aggregation); a share imported with n but no
interval gets its Wilson interval here. Suppressed cells have no value, n or interval.

It costs three queries whatever the number of observations.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mrplan.core.publication import published_rule
from mrplan.knowledge import charts
from mrplan.knowledge.aggregation import wilson
from mrplan.knowledge.models import (
    Aggregation,
    Area,
    AreaKind,
    Dimension,
    Direction,
    Measure,
    Observation,
    Period,
)

MISSING = "missing"
SUPPRESSED = "suppressed"


@dataclass
class ComparisonRow:
    area: Area
    value: float | None = None
    count: int | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    status: str = ""  # "", SUPPRESSED or MISSING

    @property
    def suppressed(self) -> bool:
        return self.status == SUPPRESSED

    @property
    def note(self) -> str:
        if self.status == SUPPRESSED:
            return str(
                _("Undertryckt: för få svar. Värdet visas inte så att ingen svarande kan pekas ut.")
            )
        if self.status == MISSING:
            return str(_("Saknas: inga siffror för perioden."))
        return ""


@dataclass
class Comparison:
    measure: Measure
    period: Period
    breakdown_key: str
    breakdown: dict[str, str]  # dimension slug -> value label ({} = total)
    dimensions: list[Dimension]
    rows: list[ComparisonRow]
    city: ComparisonRow | None
    schemes: list[str] = field(default_factory=list)

    @property
    def breakdown_text(self) -> str:
        by_slug = {dimension.slug: dimension.name for dimension in self.dimensions}
        parts = [f"{by_slug.get(slug, slug)}: {label}" for slug, label in self.breakdown.items()]
        return ", ".join(parts) if parts else str(_("totalt"))

    @property
    def order_text(self) -> str:
        if self.measure.direction == Direction.LOWER:
            return str(_("Sorterad efter värde, lägst (bäst) först."))
        if self.measure.direction == Direction.HIGHER:
            return str(_("Sorterad efter värde, högst (bäst) först."))
        return str(_("Sorterad efter värde, högst först."))

    @property
    def has_suppressed(self) -> bool:
        return any(row.suppressed for row in self.rows)

    def all_rows(self) -> list[ComparisonRow]:
        return [*self.rows, *([self.city] if self.city else [])]

    def chart_svg(self, *, chart_id: str = "stadsdelar") -> SafeString:
        return render_comparison_chart(self, chart_id=chart_id)


def _row(area: Area, observation: Observation | None, measure: Measure) -> ComparisonRow:
    if observation is None:
        return ComparisonRow(area=area, status=MISSING)
    if observation.suppressed or observation.value is None:
        return ComparisonRow(area=area, status=SUPPRESSED)
    low, high = observation.ci_low, observation.ci_high
    if (
        (low is None or high is None)
        and measure.aggregation == Aggregation.SHARE
        and measure.unit == "%"
        and observation.count
        and observation.count >= 2
        and 0 <= observation.value <= 100
    ):
        bounds = wilson(observation.value / 100, float(observation.count))
        low, high = float(bounds[0]) * 100, float(bounds[1]) * 100
    return ComparisonRow(
        area=area, value=observation.value, count=observation.count, ci_low=low, ci_high=high
    )


def _sort_key(measure: Measure, row: ComparisonRow) -> tuple[int, float, str]:
    if row.value is None:
        return (1 if row.suppressed else 2, 0.0, row.area.name)
    signed = row.value if measure.direction == Direction.LOWER else -row.value
    return (0, signed, row.area.name)


def district_comparison(
    measure: Measure, key: str = "", dimensions: list[Dimension] | None = None
) -> Comparison | None:
    """Return the comparison of the districts for MEASURE and breakdown KEY, or None.

    None when no district has a figure (shown or suppressed) for that breakdown.
    """
    observations = list(
        Observation.objects.filter(
            measure=measure,
            breakdown_key=key,
            area__kind__in=[AreaKind.DISTRICT, AreaKind.CITY],
        )
        .select_related("area", "period")
        .order_by("period__start", "period__end", "pk")
    )
    # Asked for even when unused, so that a page costs the same queries whatever the data.
    districts = list(Area.objects.filter(kind=AreaKind.DISTRICT).order_by("name"))
    district_periods = [o.period for o in observations if o.area.kind == AreaKind.DISTRICT]
    if not district_periods:
        return None
    latest = max(district_periods, key=lambda period: (period.start, period.end))
    at_latest = {o.area_id: o for o in observations if o.period_id == latest.pk}
    rows = [_row(area, at_latest.get(area.pk), measure) for area in districts]
    rows.sort(key=lambda row: _sort_key(measure, row))
    city_observation = next((o for o in at_latest.values() if o.area.kind == AreaKind.CITY), None)
    city = _row(city_observation.area, city_observation, measure) if city_observation else None
    if dimensions is None:
        used = {pair.partition(":")[0] for pair in key.split("|") if pair}
        dimensions = list(Dimension.objects.filter(slug__in=used).prefetch_related("values"))
    labels = {
        (dimension.slug, value.slug): value.label
        for dimension in dimensions
        for value in dimension.values.all()
    }
    breakdown = {}
    for pair in filter(None, key.split("|")):
        slug, _sep, value = pair.partition(":")
        breakdown[slug] = labels.get((slug, value), value)
    schemes = sorted({row.area.code_scheme for row in rows if row.area.code_scheme})
    return Comparison(
        measure=measure,
        period=latest,
        breakdown_key=key,
        breakdown=breakdown,
        dimensions=dimensions,
        rows=rows,
        city=city,
        schemes=schemes,
    )


# -- the chart --

WIDTH = 760
LABEL_WIDTH = 200
RIGHT = 30
TOP = 30
ROW = 26


def render_comparison_chart(comparison: Comparison, *, chart_id: str) -> SafeString:
    """Return the comparison as an accessible SVG: a dot per area, a line for its interval."""
    rows = comparison.all_rows()
    numbers = [
        number
        for row in rows
        for number in (row.value, row.ci_low, row.ci_high)
        if number is not None
    ]
    ticks = charts.nice_ticks(min([0.0, *numbers]), max(numbers) if numbers else 1.0)
    low, high = ticks[0], ticks[-1]
    plot_left, plot_right = LABEL_WIDTH, WIDTH - RIGHT
    height = TOP + ROW * len(rows) + 50

    def x_of(value: float) -> float:
        return plot_left + (value - low) / ((high - low) or 1) * (plot_right - plot_left)

    title = _("%(measure)s per stadsdel %(period)s") % {
        "measure": comparison.measure.name,
        "period": comparison.period.label,
    }
    description = _(
        "Punktdiagram: värdet för varje stadsdel och för hela staden %(period)s, "
        "%(breakdown)s, med 95 %% konfidensintervall som linje. Undertryckta värden visas "
        "inte. Samma siffror finns i tabellen."
    ) % {"period": comparison.period.label, "breakdown": comparison.breakdown_text}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        '<g font-family="sans-serif" font-size="13" fill="#1a1a1a">',
    ]
    bottom = TOP + ROW * len(rows)
    for tick in ticks:
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 6}" y2="{bottom}" stroke="#d0d0d0"/>'
            f'<text x="{x:.1f}" y="{bottom + 20}" text-anchor="middle">'
            f"{escape(charts.format_number(tick))}</text>"
        )
    if comparison.measure.unit:
        parts.append(
            f'<text x="{plot_right}" y="{bottom + 40}" text-anchor="end">'
            f"{escape(comparison.measure.unit)}</text>"
        )
    for index, row in enumerate(rows):
        y = TOP + ROW * index + ROW / 2
        is_city = row is comparison.city
        weight = ' font-weight="bold"' if is_city else ""
        parts.append(
            f'<text x="{plot_left - 10}" y="{y + 4:.1f}" text-anchor="end"{weight}>'
            f"{escape(row.area.name)}</text>"
        )
        if row.value is None:
            parts.append(
                f'<text x="{plot_left + 6}" y="{y + 4:.1f}" font-style="italic">'
                f"{escape(_('undertryckt') if row.suppressed else _('saknas'))}</text>"
            )
            continue
        colour = "#1a1a1a" if is_city else charts.COLOURS[0]
        if row.ci_low is not None and row.ci_high is not None:
            parts.append(
                f'<line x1="{x_of(row.ci_low):.1f}" x2="{x_of(row.ci_high):.1f}" '
                f'y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="2"/>'
            )
        marker = (
            f'<rect x="{x_of(row.value) - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" '
            f'fill="{colour}"/>'
            if is_city
            else f'<circle cx="{x_of(row.value):.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
        )
        parts.append(marker)
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


# -- downloads --


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 6)))


def export_columns(comparison: Comparison) -> list[str]:
    """Return the download's header: area and code, every breakdown, then the figures."""
    return [
        _("Period"),
        _("Område"),
        _("Områdeskod"),
        _("Kodsystem"),
        _("Typ av område"),
        *[dimension.name for dimension in comparison.dimensions],
        _("Värde"),
        _("Antal (n)"),
        _("Konfidensintervall, nedre"),
        _("Konfidensintervall, övre"),
        _("Undertryckt"),
        _("Anmärkning"),
    ]


def export_rows(comparison: Comparison) -> list[list[Any]]:
    """Return one row per district and one for the city, as the table shows them."""
    return [
        [
            comparison.period.label,
            row.area.name,
            row.area.code,
            row.area.code_scheme,
            row.area.get_kind_display(),
            *[comparison.breakdown.get(d.slug, "") for d in comparison.dimensions],
            _decimal(row.value),
            row.count,
            _decimal(row.ci_low),
            _decimal(row.ci_high),
            _("ja") if row.suppressed else _("nej"),
            row.note,
        ]
        for row in comparison.all_rows()
    ]


def export_json(comparison: Comparison) -> dict[str, Any]:
    """Return the comparison as JSON with the open data's field names (area_code is text)."""
    return {
        "measure": comparison.measure.name,
        "dataset": comparison.measure.dataset.slug,
        "period": comparison.period.label,
        "breakdown_key": comparison.breakdown_key,
        "area_code_schemes": comparison.schemes,
        "rows": [
            {
                "area_name": row.area.name,
                "area_code": row.area.code,
                "area_code_scheme": row.area.code_scheme,
                "area_kind": row.area.kind,
                **{
                    f"breakdown_{d.slug}": comparison.breakdown.get(d.slug, "")
                    for d in comparison.dimensions
                },
                "value": row.value,
                "count": row.count,
                "ci_low": row.ci_low,
                "ci_high": row.ci_high,
                "suppressed": row.suppressed,
                "note": row.note,
            }
            for row in comparison.all_rows()
        ],
    }


def for_indicator(indicator: Any) -> Comparison | None:
    """Return the district comparison of the published measure INDICATOR rests on, or None.

    The measure is the indicator's source (with its breakdown) or else the first measure it is
    linked to as evidence (the total); only published datasets count.
    """
    from mrplan.knowledge.models import EvidenceLink, IndicatorSource

    source = (
        IndicatorSource.objects.filter(published_rule(Measure, "measure__"), indicator=indicator)
        .select_related("measure__dataset")
        .first()
    )
    if source is not None:
        return district_comparison(source.measure, source.breakdown_key)
    link = (
        EvidenceLink.objects.filter(
            published_rule(Measure, "measure__"), indicator=indicator, measure__isnull=False
        )
        .select_related("measure__dataset")
        .order_by("pk")
        .first()
    )
    if link is None or link.measure is None:
        return None
    return district_comparison(link.measure, "")


def filter_query(result: Comparison) -> str:
    """Return the measure page's GET query that selects RESULT's breakdown (for downloads)."""
    from urllib.parse import urlencode

    from mrplan.knowledge.analysis import DIMENSION_PREFIX

    pairs = [pair.partition(":") for pair in result.breakdown_key.split("|") if pair]
    return urlencode([(DIMENSION_PREFIX + slug, value) for slug, _sep, value in pairs])
