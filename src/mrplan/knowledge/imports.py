"""Read observation files: tidy tables, Kolada API v3 JSON and survey microdata.

Each reader turns a file into plain rows (JSON-friendly dicts, so they can wait in the
session between preview and confirmation) or raises ImportFileError with Swedish messages.
Names of areas, periods, measures and dimensions are resolved later, by
mrplan.knowledge.actions.observations_import, which saves all rows or none.

Microdata is aggregated here (mrplan.knowledge.aggregation) with suppression; only the
aggregates leave this module, never the respondents' rows.
"""

import csv
import io
import json
import math
from collections.abc import Callable, Sequence
from typing import Any, TypedDict

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from mrplan.core.exports import decode_csv, read_xlsx
from mrplan.knowledge.aggregation import aggregate

FORMATS = ("tidy", "kolada", "microdata")

# Column names a file may use, in English or Swedish, for the fixed columns.
ALIASES = {
    "period": "period",
    "år": "period",
    "area": "area",
    "område": "area",
    "measure": "measure",
    "mått": "measure",
    "value": "value",
    "värde": "value",
    "n": "n",
    "antal": "n",
    "ci_low": "ci_low",
    "ki_nedre": "ci_low",
    "ci_high": "ci_high",
    "ki_övre": "ci_high",
    "weight": "weight",
    "vikt": "weight",
}
KOLADA_GENDERS = {"T": None, "K": "K", "M": "M"}
GENDER_DIMENSION = "Kön"
GENDER_LABELS = {"K": "Kvinnor", "M": "Män"}


class ParsedRow(TypedDict):
    row: int
    measure: str
    area: str
    period: str
    breakdown: dict[str, str]  # dimension name -> value label ("code:K" for a source code)
    value: float | None
    count: int | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool


class ImportFileError(ValueError):
    """The file cannot be imported; `messages` says why, row by row, in Swedish."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


def max_bytes() -> int:
    return int(settings.KNOWLEDGE_MAX_UPLOAD_BYTES)


def min_group_size() -> int:
    return int(settings.KNOWLEDGE_MIN_GROUP_SIZE)


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise ImportFileError(
            [
                _("Filen är större än %(limit)s MB och kan inte läsas in.")
                % {"limit": f"{limit / 1024 / 1024:g}"}
            ]
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_grid(name: str, content: bytes) -> list[list[str]]:
    """Return the cells of the first sheet of an .xlsx file or of a .csv file, as text."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        try:
            grid = [[_text(cell) for cell in row] for row in read_xlsx(content)]
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(
                [_("Filen kunde inte läsas som en Excel-fil (.xlsx).")]
            ) from error
        return grid
    if lowered.endswith(".csv"):
        text, delimiter = decode_csv(content)
        try:
            return [
                [cell.strip() for cell in row]
                for row in csv.reader(io.StringIO(text), delimiter=delimiter)
            ]
        except csv.Error as error:
            raise ImportFileError([_("Filen kunde inte läsas som en CSV-fil.")]) from error
    raise ImportFileError([_("Välj en fil av typen .csv eller .xlsx.")])


def _number(text: str) -> float:
    """Return TEXT as a finite float (decimal comma allowed) or raise ValueError."""
    number = float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def _table(
    grid: list[list[str]], required: Sequence[str]
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if not grid or not any(grid[0]):
        raise ImportFileError([_("Filen är tom.")])
    header = [ALIASES.get(cell.strip().casefold(), cell.strip()) for cell in grid[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFileError(
            [_("Filen saknar kolumnerna %(columns)s.") % {"columns": ", ".join(missing)}]
        )
    if len(set(header)) != len(header):
        raise ImportFileError([_("Filen har två kolumner med samma namn.")])
    rows = []
    for number, cells in enumerate(grid[1:], start=2):
        if not any(cells):
            continue
        rows.append((number, cells + [""] * (len(header) - len(cells))))
    if not rows:
        raise ImportFileError([_("Filen innehåller inga rader under rubrikraden.")])
    return header, rows


def parse_tidy(name: str, content: bytes) -> list[ParsedRow]:
    """Read one observation per row: period, area, [measure], dimensions…, value, n, ci."""
    header, rows = _table(read_grid(name, content), ["period", "area", "value"])
    fixed = {"period", "area", "measure", "value", "n", "ci_low", "ci_high"}
    dimensions = [column for column in header if column not in fixed and column]
    errors: list[str] = []
    parsed: list[ParsedRow] = []
    # Translated once, not for every row (profiled: a large file spent seconds in gettext).
    labels = {
        "value": _("Värdet"),
        "n": _("Antalet (n)"),
        "ci_low": _("Konfidensintervallets nedre gräns"),
        "ci_high": _("Konfidensintervallets övre gräns"),
    }
    for number, cells in rows:
        row = dict(zip(header, cells, strict=False))
        row_errors: list[str] = []

        def number_or_none(
            column: str,
            row: dict[str, str] = row,
            row_errors: list[str] = row_errors,
        ) -> float | None:
            text = row.get(column, "")
            if not text:
                return None
            try:
                return _number(text)
            except ValueError:
                row_errors.append(
                    _("%(column)s ”%(text)s” är inte ett tal.")
                    % {"column": labels[column], "text": text}
                )
                return None

        value = number_or_none("value")
        if not row["value"]:
            row_errors.append(_("Värdet saknas."))
        count = number_or_none("n")
        if count is not None and (count < 0 or not count.is_integer()):
            row_errors.append(_("Antalet (n) måste vara ett heltal som inte är negativt."))
        for column in ("period", "area"):
            if not row[column]:
                row_errors.append(
                    _("Perioden saknas.") if column == "period" else _("Området saknas.")
                )
        parsed_row = ParsedRow(
            row=number,
            measure=row.get("measure", ""),
            area=row["area"],
            period=row["period"],
            breakdown={column: row[column] for column in dimensions if row[column]},
            value=value,
            count=int(count) if count is not None and count.is_integer() else None,
            ci_low=number_or_none("ci_low"),
            ci_high=number_or_none("ci_high"),
            suppressed=False,
        )
        errors.extend(
            _("Rad %(row)d: %(message)s") % {"row": number, "message": message}
            for message in row_errors
        )
        parsed.append(parsed_row)
    if errors:
        raise ImportFileError(errors)
    return parsed


def parse_kolada(content: bytes) -> list[ParsedRow]:
    """Read a Kolada API v3 data response: {"values": [{kpi, municipality, period, values}]}."""
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportFileError([_("Filen är inte giltig JSON.")]) from error
    if not isinstance(document, dict) or not isinstance(document.get("values"), list):
        raise ImportFileError(
            [_("Filen ser inte ut som ett svar från Koladas API: listan ”values” saknas.")]
        )
    errors: list[str] = []
    parsed: list[ParsedRow] = []
    for number, entry in enumerate(document["values"], start=1):
        where = _("Post %(number)d") % {"number": number}
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), list):
            errors.append(_("%(where)s: posten saknar listan ”values”.") % {"where": where})
            continue
        missing = [key for key in ("kpi", "municipality", "period") if not entry.get(key)]
        if missing:
            errors.append(
                _("%(where)s: fälten %(fields)s saknas.")
                % {"where": where, "fields": ", ".join(missing)}
            )
            continue
        for item in entry["values"]:
            gender = item.get("gender") if isinstance(item, dict) else None
            if gender not in KOLADA_GENDERS:
                errors.append(
                    _("%(where)s: okänt kön ”%(gender)s” (ska vara T, K eller M).")
                    % {"where": where, "gender": gender}
                )
                continue
            raw = item.get("value")
            if raw is None:
                continue  # Kolada has no figure for this cell
            if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
                errors.append(_("%(where)s: värdet är inte ett tal.") % {"where": where})
                continue
            try:
                value = _number(str(raw))
            except ValueError:
                errors.append(
                    _("%(where)s: värdet ”%(value)s” är inte ett tal.")
                    % {"where": where, "value": raw}
                )
                continue
            count = item.get("count")
            if count is not None and (not isinstance(count, int) or isinstance(count, bool)):
                errors.append(_("%(where)s: antalet är inte ett heltal.") % {"where": where})
                continue
            code = KOLADA_GENDERS[gender]
            extra = item.get("breakdown") or {}
            if not isinstance(extra, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in extra.items()
            ):
                errors.append(
                    _("%(where)s: ”breakdown” ska vara indelning och grupp som text.")
                    % {"where": where}
                )
                continue
            parsed.append(
                ParsedRow(
                    row=number,
                    measure=str(entry["kpi"]),
                    area=str(entry["municipality"]),
                    period=str(entry["period"]),
                    breakdown={**extra, **({GENDER_DIMENSION: f"code:{code}"} if code else {})},
                    value=value,
                    count=count,
                    ci_low=None,
                    ci_high=None,
                    suppressed=False,
                )
            )
    if errors:
        raise ImportFileError(errors)
    if not parsed:
        raise ImportFileError([_("Filen innehåller inga värden.")])
    return parsed


def parse_microdata(
    name: str,
    content: bytes,
    *,
    scale: float = 100.0,
    measure: str = "",
    check_area: Callable[[str], bool] | None = None,
    check_period: Callable[[str], bool] | None = None,
) -> list[ParsedRow]:
    """Aggregate one row per respondent (period, area, weight, dimensions…, value).

    SCALE is 100 for a share in per cent (value 0/1) and 1 for a mean. An empty value is a
    non-response and is left out. The result holds only suppressed aggregates.
    """
    header, rows = _table(read_grid(name, content), ["period", "area", "value"])
    fixed = {"period", "area", "value", "weight", "measure", "n", "ci_low", "ci_high"}
    dimensions = [column for column in header if column not in fixed and column]
    index = {column: position for position, column in enumerate(header)}
    errors: list[str] = []
    unknown: dict[tuple[str, str], list[int]] = {}
    columns: dict[str, list[str]] = {column: [] for column in ["period", "area", *dimensions]}
    values: list[float] = []
    weights: list[float] = []
    for number, cells in rows:
        text = cells[index["value"]]
        weight_text = cells[index["weight"]] if "weight" in index else "1"
        if not text:
            continue
        try:
            value = _number(text)
            weight = _number(weight_text)
        except ValueError:
            errors.append(_("Rad %(row)d: värdet och vikten måste vara tal.") % {"row": number})
            continue
        if weight <= 0:
            errors.append(_("Rad %(row)d: vikten måste vara större än noll.") % {"row": number})
            continue
        period, area = cells[index["period"]], cells[index["area"]]
        if check_period is not None and not check_period(period):
            unknown.setdefault(("period", period), []).append(number)
        if check_area is not None and not check_area(area):
            unknown.setdefault(("area", area), []).append(number)
        values.append(value)
        weights.append(weight)
        for column in columns:
            columns[column].append(cells[index[column]] or "–")
    for (kind, text), numbers in unknown.items():
        shown = ", ".join(str(number) for number in numbers[:5])
        more = "…" if len(numbers) > 5 else ""
        message = (
            _("Rad %(rows)s%(more)s: okänd period ”%(text)s”.")
            if kind == "period"
            else _("Rad %(rows)s%(more)s: okänt område ”%(text)s”.")
        )
        errors.append(message % {"rows": shown, "more": more, "text": text})
    if errors:
        raise ImportFileError(errors)
    if not values:
        raise ImportFileError([_("Filen innehåller inga svar.")])
    result = aggregate(
        keys={"period": np.array(columns["period"]), "area": np.array(columns["area"])},
        dimensions={column: np.array(columns[column]) for column in dimensions},
        values=np.array(values),
        weights=np.array(weights),
        min_group_size=min_group_size(),
        scale=scale,
    )
    return [
        ParsedRow(
            row=0,
            measure=measure,
            area=cell.keys["area"],
            period=cell.keys["period"],
            breakdown=cell.breakdown,
            value=cell.value,
            count=cell.count,
            ci_low=cell.ci_low,
            ci_high=cell.ci_high,
            suppressed=cell.suppressed,
        )
        for cell in result.cells
    ]
