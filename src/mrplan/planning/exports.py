"""An organisation's plan for a year as tables: goals, activities and indicator values.

Each table is a list of rows under Swedish column names, written to .xlsx (openpyxl) or to
.csv the way Swedish Excel reads it (UTF-8 with BOM, semicolons). The activity and
indicator-value tables use the same columns that the import reads back.
"""

import csv
import datetime
import io
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from mrplan.core.exports import neutralise, xlsx_append
from mrplan.organisations.models import Organisation
from mrplan.planning.models import Activity, Goal, IndicatorValue, PlanningYear

Cell = str | int | Decimal | datetime.date | None


def activity_columns() -> list[str]:
    return [
        _("ID"),
        _("Titel"),
        _("Beskrivning"),
        _("Mål"),
        _("Utvecklingsområde"),
        _("Ansvarig avdelning"),
        _("Startdatum"),
        _("Slutdatum"),
        _("Status"),
        _("Framdrift (%)"),
        _("Vikt"),
    ]


def indicator_value_columns() -> list[str]:
    return [
        _("Rapport-ID"),
        _("Period"),
        _("Handlingsplan"),
        _("Mål"),
        _("Indikator-ID"),
        _("Indikator"),
        _("Enhet"),
        _("Kategori"),
        _("Värde"),
    ]


def goal_columns() -> list[str]:
    return [
        _("ID"),
        _("Titel"),
        _("Beskrivning"),
        _("Utvecklingsområden"),
        _("Målgrupper"),
        _("Delmål i Agenda 2030"),
        _("Antal aktiviteter"),
        _("Antal indikatorer"),
    ]


def goal_rows(organisation: Organisation, planning_year: PlanningYear) -> list[list[Cell]]:
    goals = (
        Goal.objects.filter(organisation=organisation, planning_year=planning_year)
        .prefetch_related("development_areas", "target_groups", "sdg_targets", "indicators")
        .prefetch_related("activities")
        .order_by("position", "title", "pk")
    )
    return [
        [
            goal.pk,
            goal.title,
            goal.description,
            ", ".join(area.title for area in goal.development_areas.all()),
            ", ".join(group.name for group in goal.target_groups.all()),
            ", ".join(target.code for target in goal.sdg_targets.all()),
            len(goal.activities.all()),
            len(goal.indicators.all()),
        ]
        for goal in goals
    ]


def activity_rows(organisation: Organisation, planning_year: PlanningYear) -> list[list[Cell]]:
    activities = (
        Activity.objects.filter(organisation=organisation, planning_year=planning_year)
        .select_related("goal", "development_area", "responsible_department")
        .order_by("title", "pk")
    )
    return [
        [
            activity.pk,
            activity.title,
            activity.description,
            activity.goal.title if activity.goal else "",
            activity.development_area.title if activity.development_area else "",
            activity.responsible_department.name if activity.responsible_department else "",
            activity.start_date,
            activity.end_date,
            activity.get_status_display(),
            activity.progress,
            activity.weight,
        ]
        for activity in activities
    ]


def indicator_value_rows(
    organisation: Organisation, planning_year: PlanningYear
) -> list[list[Cell]]:
    values = (
        IndicatorValue.objects.filter(
            report__organisation=organisation, report__period__planning_year=planning_year
        )
        .select_related("report__period", "report__action_plan", "indicator__goal")
        .order_by(
            "report__period__position",
            "report__action_plan__title",
            "indicator__goal__position",
            "indicator__position",
            "indicator__name",
            "category",
            "pk",
        )
    )
    return [
        [
            value.report_id,
            value.report.period.code,
            value.report.action_plan.title,
            value.indicator.goal.title,
            value.indicator_id,
            value.indicator.name,
            value.indicator.unit,
            value.category,
            value.value,
        ]
        for value in values
    ]


EXPORTS: dict[str, tuple[Callable[[], list[str]], Callable[..., list[list[Cell]]], str]] = {
    "goals": (goal_columns, goal_rows, "mal"),
    "activities": (activity_columns, activity_rows, "aktiviteter"),
    "indicator-values": (indicator_value_columns, indicator_value_rows, "indikatorvarden"),
}


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Swedish Excel reads a decimal comma.
        return format(value, "f").replace(".", ",")
    return str(value)


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """Return the table as CSV for Swedish Excel: UTF-8 with BOM, semicolons, no formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_text(neutralise(cell)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """Return the table as an .xlsx workbook: bold frozen header, sized columns, no formulas."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        xlsx_append(sheet, [float(cell) if isinstance(cell, Decimal) else cell for cell in row])
    for index, name in enumerate(columns, start=1):
        letter = get_column_letter(index)
        width = max(
            [len(str(name))] + [len(_csv_text(row[index - 1])) for row in rows],
        )
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
