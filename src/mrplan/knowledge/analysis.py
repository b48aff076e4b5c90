"""The analysis of one measure: the selection (filters), its series, the table and the gap.

A selection compares either areas (one series per area, the breakdown fixed by the filters)
or the values of one dimension (one series per group, in one area). The page, the chart,
the table and the downloads are all built from the same `Analysis`, so they always show the
same numbers. It costs a fixed number of queries whatever the size of the measure.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.permissions import roles_for
from mrplan.knowledge import charts
from mrplan.knowledge.models import (
    Area,
    AreaKind,
    Dimension,
    Direction,
    Measure,
    Observation,
    Period,
    breakdown_key,
)

COMPARE_AREAS = "omraden"
Z_95 = 1.96
DIMENSION_PREFIX = "d-"


@dataclass
class Cell:
    value: float | None
    count: int | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    suppressed: bool = False


@dataclass
class SeriesRow:
    label: str
    cells: list[Cell | None]  # one per period; None = no observation
    area: Area | None = None
    breakdown: dict[str, str] = field(default_factory=dict)  # dimension slug -> value label


@dataclass
class GapRow:
    period: str
    best_label: str
    best: float
    worst_label: str
    worst: float
    difference: float
    ratio: float | None
    # Standard error of the difference from the two cells' intervals; None without intervals.
    difference_se: float | None = None
    partly_uncertain: bool = False  # one of the two cells has an interval, the other not


@dataclass
class Gap:
    rows: list[GapRow]
    trend: str  # "widening", "narrowing", "unchanged", "uncertain" or "" (too few periods)
    neutral: bool

    @property
    def trend_label(self) -> str:
        return {
            "widening": _("Skillnaden ökar"),
            "narrowing": _("Skillnaden minskar"),
            "unchanged": _("Skillnaden är oförändrad"),
            "uncertain": _("Ingen säker förändring av skillnaden"),
        }.get(self.trend, _("För få perioder för att se en trend"))


@dataclass
class Analysis:
    measure: Measure
    periods: list[Period]
    series: list[SeriesRow]
    gap: Gap
    compare_label: str
    selection_text: str
    targets: list[charts.TargetLine] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)

    def chart(self) -> charts.Chart:
        return charts.Chart(
            title=_("%(measure)s över tid") % {"measure": self.measure.name},
            description=_(
                "Linjediagram över %(measure)s per period, %(selection)s. "
                "Samma siffror finns i tabellen under diagrammet."
            )
            % {"measure": self.measure.name, "selection": self.selection_text},
            periods=[period.label for period in self.periods],
            series=[
                charts.Series(
                    label=row.label,
                    values=[
                        cell.value if cell is not None and not cell.suppressed else None
                        for cell in row.cells
                    ],
                )
                for row in self.series
            ],
            unit=self.measure.unit,
            targets=self.targets,
        )

    @property
    def has_suppressed(self) -> bool:
        return any(
            cell is not None and cell.suppressed for row in self.series for cell in row.cells
        )

    def table_rows(self) -> list[tuple[Period, list[Cell | None]]]:
        """Return one row per period with the cell of every series."""
        return [
            (period, [row.cells[index] for row in self.series])
            for index, period in enumerate(self.periods)
        ]


class MeasureContext:
    """What a measure holds: its areas, dimensions and breakdown keys (three queries)."""

    def __init__(self, measure: Measure) -> None:
        self.measure = measure
        self.keys = set(
            Observation.objects.filter(measure=measure)
            .order_by()
            .values_list("breakdown_key", flat=True)
            .distinct()
        )
        used: dict[str, set[str]] = {}
        for key in self.keys:
            for pair in filter(None, key.split("|")):
                dimension, _sep, value = pair.partition(":")
                used.setdefault(dimension, set()).add(value)
        self.dimensions = list(Dimension.objects.filter(slug__in=used).prefetch_related("values"))
        self.values = {
            dimension.slug: [v for v in dimension.values.all() if v.slug in used[dimension.slug]]
            for dimension in self.dimensions
        }
        self.areas = list(Area.objects.filter(observations__measure=measure).distinct())
        # Dimensions the measure has no totals over: every figure belongs to one of their
        # groups, so "all" cannot be offered for them (it would show one group as the total).
        self.without_total = {
            dimension.slug
            for dimension in self.dimensions
            if all(f"{dimension.slug}:" in key for key in self.keys)
        }

    def default_area(self) -> Area | None:
        for area in self.areas:
            if area.kind == AreaKind.CITY:
                return area
        return self.areas[0] if self.areas else None


class FilterForm(forms.Form):
    """The GET form above the chart. Invalid choices get Django's Swedish messages."""

    def __init__(self, data: Any, *, context: MeasureContext) -> None:
        super().__init__(data)
        self.context = context
        self.fields["jamfor"] = forms.ChoiceField(
            label=gettext_lazy("Jämför"),
            choices=[(COMPARE_AREAS, _("Områden"))]
            + [(d.slug, _("Grupper: %(name)s") % {"name": d.name}) for d in context.dimensions],
            required=False,
        )
        self.fields["omrade"] = forms.MultipleChoiceField(
            label=gettext_lazy("Områden"),
            help_text=gettext_lazy(
                "Inget val visar alla områden. När du jämför grupper väljer du högst ett område."
            ),
            choices=[(str(area.pk), area.name) for area in context.areas],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        for dimension in context.dimensions:
            groups = [(value.slug, value.label) for value in context.values[dimension.slug]]
            if dimension.slug in context.without_total:
                field = forms.ChoiceField(
                    label=dimension.name,
                    choices=groups,
                    required=False,
                    help_text=gettext_lazy("Måttet har inga siffror för alla grupper tillsammans."),
                )
            else:
                field = forms.ChoiceField(
                    label=dimension.name,
                    choices=[("", _("Alla (totalt)")), *groups],
                    required=False,
                )
            self.fields[DIMENSION_PREFIX + dimension.slug] = field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        compare = cleaned.get("jamfor") or COMPARE_AREAS
        cleaned["jamfor"] = compare
        for slug in self.context.without_total:
            # No total exists: the first group is shown, and the selector says so.
            name = DIMENSION_PREFIX + slug
            if not cleaned.get(name) and self.context.values[slug]:
                cleaned[name] = self.context.values[slug][0].slug
                # Re-render the selector with the group shown (the GET data is read-only).
                data = cast(QueryDict, self.data).copy()
                data[name] = cleaned[name]
                self.data = data
        if compare != COMPARE_AREAS and len(cleaned.get("omrade") or []) > 1:
            self.add_error(
                "omrade", _("Välj högst ett område när du jämför grupper inom en indelning.")
            )
        return cleaned


def _targets(measure: Measure, user: Any) -> list[charts.TargetLine]:
    """Target values of the indicators that rest on MEASURE (signed-in users only)."""
    if not roles_for(user).is_internal:
        return []
    from mrplan.planning.models import Indicator

    indicators = (
        Indicator.objects.filter(
            Q(evidence_links__measure=measure) | Q(knowledge_source__measure=measure),
            target_value__isnull=False,
        )
        .select_related("goal__organisation")
        .distinct()
        .order_by("pk")
    )
    return [
        charts.TargetLine(
            label=_("Målvärde %(value)s (%(year)s): %(name)s, %(organisation)s")
            % {
                "value": charts.format_number(float(indicator.target_value or 0)),
                "year": indicator.target_year or "–",
                "name": indicator.name,
                "organisation": indicator.goal.organisation.name,
            },
            value=float(indicator.target_value or 0),
        )
        for indicator in indicators
    ]


def _gap(measure: Measure, periods: list[Period], series: list[SeriesRow]) -> Gap:
    neutral = measure.direction == Direction.NEUTRAL
    rows: list[GapRow] = []
    for index, period in enumerate(periods):
        shown = [
            (row.label, cell.value, _standard_error(cell))
            for row in series
            if (cell := row.cells[index]) is not None
            and not cell.suppressed
            and cell.value is not None
        ]
        if len(shown) < 2:
            continue
        low = min(shown, key=lambda item: item[1])
        high = max(shown, key=lambda item: item[1])
        best, worst = (low, high) if measure.direction == Direction.LOWER else (high, low)
        ratio = high[1] / low[1] if low[1] > 0 else None
        errors = [low[2], high[2]]
        rows.append(
            GapRow(
                period=period.label,
                best_label=best[0],
                best=best[1],
                worst_label=worst[0],
                worst=worst[1],
                difference=high[1] - low[1],
                ratio=ratio,
                difference_se=(
                    math.hypot(low[2], high[2])
                    if low[2] is not None and high[2] is not None
                    else None
                ),
                partly_uncertain=errors.count(None) == 1,
            )
        )
    return Gap(rows=rows, trend=_trend(rows), neutral=neutral)


def _standard_error(cell: Cell) -> float | None:
    """Return the standard error implied by CELL's 95 % interval (None without one)."""
    if cell.ci_low is None or cell.ci_high is None:
        return None
    return (cell.ci_high - cell.ci_low) / (2 * Z_95)


def _trend(rows: list[GapRow]) -> str:
    """Say whether the gap widened from the first period to the last, as far as we can tell.

    Exact figures (no intervals) are compared as they are. With intervals, the change must
    exceed 1.96 standard errors of the difference of the two differences; otherwise, or
    when only some figures have intervals, there is no certain change.
    """
    if len(rows) < 2:
        return ""
    first, last = rows[0], rows[-1]
    change = last.difference - first.difference
    errors = [first.difference_se, last.difference_se]
    if first.partly_uncertain or last.partly_uncertain or errors.count(None) == 1:
        return "uncertain"
    if (
        first.difference_se is not None
        and last.difference_se is not None
        and abs(change) <= Z_95 * math.hypot(first.difference_se, last.difference_se)
    ):
        return "uncertain"
    return "widening" if change > 1e-9 else "narrowing" if change < -1e-9 else "unchanged"


def build(
    measure: Measure, context: MeasureContext, cleaned: dict[str, Any], user: Any
) -> Analysis:
    """Return the analysis of MEASURE for a valid selection CLEANED (one or two queries)."""
    compare = cleaned.get("jamfor") or COMPARE_AREAS
    chosen = {
        dimension.slug: cleaned.get(DIMENSION_PREFIX + dimension.slug) or ""
        for dimension in context.dimensions
    }
    area_ids = {int(pk) for pk in cleaned.get("omrade") or []}
    by_slug = {d.slug: d for d in context.dimensions}
    fixed = [(slug, value) for slug, value in chosen.items() if value and slug != compare]
    value_labels = {
        (slug, value.slug): value.label
        for slug, values in context.values.items()
        for value in values
    }
    selection = [
        f"{by_slug[slug].name}: {value_labels[(slug, value)]}" for slug, value in sorted(fixed)
    ]
    series_keys: list[tuple[str, Area | None, list[tuple[str, str]]]]  # label, area, breakdown
    if compare == COMPARE_AREAS:
        areas = [a for a in context.areas if not area_ids or a.pk in area_ids]
        series_keys = [(area.name, area, fixed) for area in areas]
        compare_label = _("områden")
    else:
        area = next((a for a in context.areas if a.pk in area_ids), None) or context.default_area()
        dimension = by_slug[compare]
        series_keys = [
            (value.label, area, [*fixed, (compare, value.slug)])
            for value in context.values[compare]
        ]
        compare_label = _("grupper efter %(name)s") % {"name": dimension.name.lower()}
        if area:
            selection.insert(0, area.name)
    if not selection:
        selection = [_("totalt")]
    wanted_keys = {breakdown_key(pairs) for _label, _area, pairs in series_keys}
    wanted_areas = {area.pk for _label, area, _pairs in series_keys if area is not None}
    observations = list(
        Observation.objects.filter(
            measure=measure, breakdown_key__in=wanted_keys, area_id__in=wanted_areas
        )
        .select_related("period")
        .order_by("period__start", "period__end")
    )
    periods: list[Period] = []
    period_index: dict[int, int] = {}
    for observation in observations:
        if observation.period_id not in period_index:
            period_index[observation.period_id] = len(periods)
            periods.append(observation.period)
    by_cell: dict[tuple[int | None, str, int], Observation] = {
        (o.area_id, o.breakdown_key, o.period_id): o for o in observations
    }
    series: list[SeriesRow] = []
    for label, area, pairs in series_keys:
        key = breakdown_key(pairs)
        cells: list[Cell | None] = []
        for period in periods:
            found = by_cell.get((area.pk if area else None, key, period.pk))
            cells.append(
                None
                if found is None
                else Cell(
                    value=None if found.suppressed else found.value,
                    count=None if found.suppressed else found.count,
                    ci_low=None if found.suppressed else found.ci_low,
                    ci_high=None if found.suppressed else found.ci_high,
                    suppressed=found.suppressed,
                )
            )
        if any(cell is not None for cell in cells):
            series.append(
                SeriesRow(
                    label=label,
                    cells=cells,
                    area=area,
                    breakdown={slug: value_labels[(slug, value)] for slug, value in pairs},
                )
            )
    return Analysis(
        measure=measure,
        periods=periods,
        series=series,
        gap=_gap(measure, periods, series),
        compare_label=compare_label,
        selection_text=_("jämför %(what)s, %(selection)s")
        % {"what": compare_label, "selection": ", ".join(selection)},
        targets=_targets(measure, user),
        dimensions=context.dimensions,
    )


def export_columns(analysis: Analysis) -> list[str]:
    """Return the download's header: the series, its area and every breakdown, then figures."""
    return [
        _("Period"),
        _("Serie"),
        _("Område"),
        _("Områdeskod"),
        *[dimension.name for dimension in analysis.dimensions],
        _("Värde"),
        _("Antal (n)"),
        _("Konfidensintervall, nedre"),
        _("Konfidensintervall, övre"),
        _("Anmärkning"),
    ]


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 6)))


def export_rows(analysis: Analysis) -> list[list[Any]]:
    """Return the table's cells, one row per period and series, exactly as the page shows them.

    Every row names its area and its group in every dimension (empty = all groups, the
    total), so a file is never ambiguous about what a figure counts. A suppressed cell has
    no value, no n and no interval, only the note.
    """
    rows: list[list[Any]] = []
    for period, cells in analysis.table_rows():
        for row, cell in zip(analysis.series, cells, strict=True):
            if cell is None:
                continue
            described = [
                period.label,
                row.label,
                row.area.name if row.area else "",
                row.area.code if row.area else "",
                *[row.breakdown.get(dimension.slug, "") for dimension in analysis.dimensions],
            ]
            if cell.suppressed:
                rows.append([*described, None, None, None, None, _("För få svar")])
            else:
                rows.append(
                    [
                        *described,
                        _decimal(cell.value),
                        cell.count,
                        _decimal(cell.ci_low),
                        _decimal(cell.ci_high),
                        "",
                    ]
                )
    return rows
