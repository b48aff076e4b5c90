"""Import activities and indicator values from .xlsx or .csv files.

The files have the columns of the export (mrplan.planning.exports), so an export can be
edited and read back. An import runs in two steps: a preview, which runs every row through
the planning actions inside a transaction that is rolled back, and the real run, which saves
every row or, if any row fails, nothing. The rows travel between the two as plain text (see
read_table), so nothing is written to disk.
"""

import csv
import datetime
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.models import User
from mrplan.core.exports import decode_csv, read_xlsx, restore
from mrplan.organisations.models import Department, Organisation
from mrplan.planning import actions
from mrplan.planning.actions._checks import check_year_open
from mrplan.planning.actions.plan import ACTIVITY_FIELDS
from mrplan.planning.actions.reports import check_editable
from mrplan.planning.exports import activity_columns, indicator_value_columns
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    Goal,
    Indicator,
    IndicatorValue,
    PlanningYear,
    Report,
)
from mrplan.planning.permissions import check_write
from mrplan.programmes.models import DevelopmentArea

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
EXTENSIONS = (".xlsx", ".csv")

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
OUTCOME_LABELS = {
    NEW: gettext_lazy("Ny"),
    CHANGED: gettext_lazy("Ändras"),
    UNCHANGED: gettext_lazy("Oförändrad"),
    ERROR: gettext_lazy("Fel"),
}

# One row of the file: its row number and its cells by column name, all as text.
Row = tuple[int, dict[str, str]]


class UnreadableFile(ValueError):
    """The upload is not a table this import can read; the message says why, in Swedish."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_names(columns: Sequence[str]) -> dict[str, str]:
    """Return the column names in every language, each mapped to its name in COLUMNS."""
    names = {name: name for name in columns}
    for columns_for, _importer in IMPORTERS.values():
        if list(columns_for()) != list(columns):
            continue
        for code, _language in settings.LANGUAGES:
            with translation.override(code):
                names.update(zip(columns_for(), columns, strict=True))
    return names


def _rows_from_grid(grid: Sequence[Sequence[Any]], columns: Sequence[str]) -> list[Row]:
    if not grid:
        raise UnreadableFile(_("Filen är tom."))
    # An export made in English reads back under Swedish, and the other way round.
    names = _header_names(columns)
    header = [names.get(_text(cell), _text(cell)) for cell in grid[0]]
    missing = [name for name in columns if name not in header]
    if missing:
        raise UnreadableFile(
            _("Filen saknar kolumnerna %(columns)s. Utgå från en export av samma lista.")
            % {"columns": ", ".join(missing)}
        )
    rows: list[Row] = []
    for number, cells in enumerate(grid[1:], start=2):
        texts = [_text(restore(cell)) for cell in cells]
        if not any(texts):
            continue
        texts += [""] * (len(header) - len(texts))
        rows.append(
            (number, {name: texts[header.index(name)] for name in columns}),
        )
    if not rows:
        raise UnreadableFile(_("Filen innehåller inga rader under rubrikraden."))
    if len(rows) > MAX_ROWS:
        raise UnreadableFile(
            _("Filen har fler än %(count)d rader. Dela upp den.") % {"count": MAX_ROWS}
        )
    return rows


def read_table(name: str, content: bytes, columns: Sequence[str]) -> list[Row]:
    """Return the rows of an .xlsx or .csv file, or raise UnreadableFile."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        try:
            grid = read_xlsx(content)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise UnreadableFile(_("Filen kunde inte läsas som en Excel-fil (.xlsx).")) from error
        return _rows_from_grid(grid, columns)
    if lowered.endswith(".csv"):
        text, delimiter = decode_csv(content)
        try:
            grid = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
        except csv.Error as error:
            raise UnreadableFile(_("Filen kunde inte läsas som en CSV-fil.")) from error
        return _rows_from_grid(grid, columns)
    raise UnreadableFile(_("Välj en fil av typen .xlsx eller .csv."))


@dataclass
class RowResult:
    number: int
    label: str
    outcome: str = UNCHANGED
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])

    def fail(self, *messages: Any) -> None:
        self.outcome = ERROR
        self.errors.extend(str(message) for message in messages)


@dataclass
class ImportResult:
    rows: list[RowResult]
    # The versions the rows were checked against, keyed "activity-<pk>" / "report-<pk>":
    # the real run refuses anything saved by someone else since the preview.
    versions: dict[str, int]

    @property
    def has_errors(self) -> bool:
        return any(row.outcome == ERROR for row in self.rows)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _parse_int(text: str, label: str, errors: list[str]) -> int | None:
    try:
        return int(text.replace(" ", ""))
    except ValueError:
        errors.append(_("%(column)s måste vara ett heltal.") % {"column": label})
        return None


def _parse_date(text: str, label: str, errors: list[str]) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        errors.append(
            _("%(column)s måste vara ett datum som ÅÅÅÅ-MM-DD.") % {"column": label},
        )
        return None


def _parse_decimal(text: str, label: str, errors: list[str]) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation:
        errors.append(_("%(column)s måste vara ett tal.") % {"column": label})
        return None
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        errors.append(_("%(column)s är inte ett giltigt tal.") % {"column": label})
        return None
    return value.quantize(Decimal("0.01"))


def _statuses() -> dict[str, str]:
    names = {_key(value): value for value in ActivityStatus.values}
    for code, _language in settings.LANGUAGES:
        with translation.override(code):
            names.update({_key(str(label)): value for value, label in ActivityStatus.choices})
    return names


def _lookup(table: Mapping[str, list[Any]], text: str) -> tuple[Any, bool]:
    """Return (the one item named TEXT or None, whether the name is ambiguous)."""
    found = table.get(_key(text), [])
    return (found[0] if len(found) == 1 else None), len(found) > 1


def _index(items: Sequence[Any], name: Callable[[Any], str]) -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = {}
    for item in items:
        table.setdefault(_key(name(item)), []).append(item)
    return table


# Activities

# A row is compared on what the action takes, but for the links the sheet does not carry.
ACTIVITY_COMPARED = tuple(
    name for name in ACTIVITY_FIELDS if name not in {"city_activity", "target_groups"}
)


def _import_activities(
    *,
    actor: User,
    organisation: Organisation,
    planning_year: PlanningYear,
    rows: Sequence[Row],
    versions: Mapping[str, int],
) -> ImportResult:
    (c_id, c_title, c_description, c_goal, c_area, c_department, c_start, c_end, c_status) = (
        activity_columns()[:9]
    )
    c_progress, c_weight = activity_columns()[9:]
    existing = {
        activity.pk: activity
        for activity in Activity.objects.filter(
            organisation=organisation, planning_year=planning_year
        ).select_related("goal", "development_area", "responsible_department", "city_activity")
    }
    goals = _index(
        list(Goal.objects.filter(organisation=organisation, planning_year=planning_year)),
        lambda goal: goal.title,
    )
    areas = _index(list(DevelopmentArea.objects.all()), lambda area: area.title)
    departments = _index(
        list(Department.objects.filter(organisation=organisation)), lambda dep: dep.name
    )
    statuses = _statuses()
    result = ImportResult(rows=[], versions=dict(versions))
    seen: set[int] = set()
    for number, cells in rows:
        row = RowResult(number=number, label=cells[c_title])
        result.rows.append(row)
        errors: list[str] = []
        activity: Activity | None = None
        if cells[c_id]:
            pk = _parse_int(cells[c_id], c_id, errors)
            if pk is not None:
                activity = existing.get(pk)
                if activity is None:
                    errors.append(
                        _("Det finns ingen aktivitet med ID %(id)s i planen.") % {"id": pk}
                    )
                elif pk in seen:
                    errors.append(_("Aktiviteten med ID %(id)s finns på flera rader.") % {"id": pk})
                seen.add(pk)
        data: dict[str, Any] = {"title": cells[c_title], "description": cells[c_description]}
        if not cells[c_title]:
            errors.append(_("Titel måste anges."))
        for column, table, name, what in (
            (c_goal, goals, "goal", _("mål")),
            (c_area, areas, "development_area", _("utvecklingsområde")),
            (c_department, departments, "responsible_department", _("avdelning")),
        ):
            data[name] = None
            if cells[column]:
                item, ambiguous = _lookup(table, cells[column])
                if ambiguous:
                    errors.append(
                        _("Det finns flera %(what)s som heter ”%(name)s”.")
                        % {"what": what, "name": cells[column]}
                    )
                elif item is None:
                    errors.append(
                        _("Okänt %(what)s: ”%(name)s”.") % {"what": what, "name": cells[column]}
                    )
                data[name] = item
        data["start_date"] = _parse_date(cells[c_start], c_start, errors)
        data["end_date"] = _parse_date(cells[c_end], c_end, errors)
        status = statuses.get(_key(cells[c_status]))
        if status is None:
            errors.append(
                _("Okänd status ”%(status)s”. Använd någon av: %(choices)s.")
                % {
                    "status": cells[c_status],
                    "choices": ", ".join(str(label) for label in ActivityStatus.labels),
                }
            )
        data["status"] = status
        progress = _parse_int(cells[c_progress] or "0", c_progress, errors)
        if progress is not None and not 0 <= progress <= 100:
            errors.append(_("Framdriften måste vara mellan 0 och 100 procent."))
        data["progress"] = progress
        data["weight"] = _parse_int(cells[c_weight] or "1", c_weight, errors)
        if errors:
            row.fail(*errors)
            continue
        if activity is not None:
            changed = [name for name in ACTIVITY_COMPARED if getattr(activity, name) != data[name]]
            if not changed:
                row.outcome = UNCHANGED
                continue
            row.outcome = CHANGED
            row.changes = [
                str(getattr(Activity._meta.get_field(name), "verbose_name", name))
                for name in changed
            ]
            version = result.versions.setdefault(f"activity-{activity.pk}", activity.version)
        else:
            row.outcome = NEW
        try:
            with transaction.atomic():
                if activity is not None:
                    actions.activity_update(
                        actor=actor, activity=activity, data=data, version=version
                    )
                else:
                    actions.activity_create(
                        actor=actor,
                        organisation=organisation,
                        planning_year=planning_year,
                        data=data,
                    )
        except ValidationError as error:
            row.fail(*_messages(error))
    return result


# Indicator values


def _import_indicator_values(
    *,
    actor: User,
    organisation: Organisation,
    planning_year: PlanningYear,
    rows: Sequence[Row],
    versions: Mapping[str, int],
) -> ImportResult:
    columns = indicator_value_columns()
    c_report, c_indicator, c_category, c_value = columns[0], columns[4], columns[7], columns[8]
    reports = {
        report.pk: report
        for report in Report.objects.filter(
            organisation=organisation, period__planning_year=planning_year
        ).select_related("period__planning_year", "action_plan")
    }
    indicators = {
        indicator.pk: indicator
        for indicator in Indicator.objects.filter(
            goal__organisation=organisation, goal__planning_year=planning_year
        )
    }
    stored = {
        (value.report_id, value.indicator_id, value.category): value.value
        for value in IndicatorValue.objects.filter(report__in=list(reports))
    }
    result = ImportResult(rows=[], versions=dict(versions))
    # Per report: the values to save and the rows they came from.
    pending: dict[int, dict[tuple[int, str], Decimal | None]] = {}
    sources: dict[int, list[RowResult]] = {}
    seen: set[tuple[int, int, str]] = set()
    for number, cells in rows:
        errors: list[str] = []
        row = RowResult(number=number, label=cells[columns[5]])
        result.rows.append(row)
        report = indicator = None
        report_id = _parse_int(cells[c_report], c_report, errors)
        if report_id is not None:
            report = reports.get(report_id)
            if report is None:
                errors.append(
                    _("Det finns ingen rapport med ID %(id)s för organisationen %(year)s.")
                    % {"id": report_id, "year": planning_year.year}
                )
        indicator_id = _parse_int(cells[c_indicator], c_indicator, errors)
        if indicator_id is not None:
            indicator = indicators.get(indicator_id)
            if indicator is None:
                errors.append(
                    _("Det finns ingen indikator med ID %(id)s i planen.") % {"id": indicator_id}
                )
        category = cells[c_category]
        if indicator is not None and category not in indicator.categories:
            errors.append(
                _("Indikatorn har ingen kategori ”%(category)s”.") % {"category": category}
            )
        value = _parse_decimal(cells[c_value], c_value, errors)
        if report is not None and indicator is not None:
            key = (report.pk, indicator.pk, category)
            if key in seen:
                errors.append(_("Samma värde finns på flera rader."))
            seen.add(key)
        if errors:
            row.fail(*errors)
            continue
        assert report is not None and indicator is not None
        old = stored.get((report.pk, indicator.pk, category))
        if old == value and (old is not None or key in stored):
            # Unchanged rows are skipped, so a whole export reads back even when some of
            # its reports are submitted or approved.
            row.outcome = UNCHANGED
            continue
        try:
            check_editable(report)
        except ValidationError as error:
            row.fail(*_messages(error))
            continue
        row.outcome = NEW if (report.pk, indicator.pk, category) not in stored else CHANGED
        pending.setdefault(report.pk, {})[(indicator.pk, category)] = value
        sources.setdefault(report.pk, []).append(row)
    for report_id, values in pending.items():
        report = reports[report_id]
        version = result.versions.setdefault(f"report-{report.pk}", report.version)
        try:
            with transaction.atomic():
                actions.report_update(
                    actor=actor, report=report, version=version, indicator_values=values
                )
        except ValidationError as error:
            for row in sources[report_id]:
                row.fail(*_messages(error))
    return result


IMPORTERS = {
    "activities": (activity_columns, _import_activities),
    "indicator-values": (indicator_value_columns, _import_indicator_values),
}


def run_import(
    *,
    actor: User,
    organisation: Organisation,
    planning_year: PlanningYear,
    kind: str,
    rows: Sequence[Row],
    commit: bool,
    versions: Mapping[str, int] | None = None,
) -> ImportResult:
    """Run ROWS through the planning actions; keep the result only if COMMIT and no row fails.

    Raises PermissionDenied for anyone who may not change the plan, and ValidationError
    when the year is closed.
    """
    check_write(actor, organisation.pk)
    if kind == "activities":
        check_year_open(planning_year)
    importer = IMPORTERS[kind][1]
    with transaction.atomic():
        result = importer(
            actor=actor,
            organisation=organisation,
            planning_year=planning_year,
            rows=rows,
            versions=versions or {},
        )
        if not commit or result.has_errors:
            transaction.set_rollback(True)
    return result
