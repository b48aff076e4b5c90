"""The benchmark's figures that need no HTTP server (issue 14), with pass/fail per target.

    DATABASE_URL=<scale-1 database> python -m bench.offline [--json] [--only NAME ...]

- compiled follow-up PDF: the job planning-compiled, run by the job runner as the worker runs
  it (queueing not timed), for the action plan and period with the most approved reports
  (60 organisations in the scale-1 city): < 10 s. The job and its file are rolled back.
- statement PDF: the longest statement in the database rendered to PDF: < 1 s (slowest of
  three after one warm-up).
- .xlsx import: a generated 5 MB observations workbook (tidy format) read by the knowledge
  importer's parse step: < 10 s.
- statement PDF import: a 20-page statement made by our own statement PDF generator, read by
  the import job's parse steps (page-limit check, text extraction, statement parser): < 10 s.
- survey aggregation: 1,000,000 respondents, 3 breakdowns × district × year, every
  combination with primary and secondary suppression (mrplan.knowledge.aggregation):
  < 2 s, and ≥ 3× faster than pandas computing the same cube with the same suppression in the
  same run; both must give the same cells, or the target fails.

Prints a table, or with --json a list of {"name", "figure", "unit", "target", "pass"} (the
shape bench.run joins into bench/results.json). Setup (generating files, survey rows) is
not timed. Nothing is written to the database.
"""

import argparse
import io
import itertools
import json
import os
import random
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

ROWS = 1_000_000
XLSX_BYTES = 5 * 1024 * 1024
STATEMENT_PAGES = 20
DISTRICTS = [
    "Bromma", "Enskede-Årsta-Vantör", "Farsta", "Hägersten-Älvsjö", "Hässelby-Vällingby",
    "Järva", "Kungsholmen", "Norra innerstaden", "Skarpnäck", "Skärholmen", "Södermalm",
]  # fmt: skip
DIMENSIONS = ("kon", "alder", "form")

Figure = dict[str, Any]
# (keys, breakdown) -> (suppressed, count, value): what a cell of the cube says.
Cube = dict[tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]], tuple[Any, ...]]


def figure(name: str, value: float | None, unit: str, wanted: str, passed: bool) -> Figure:
    return {
        "name": name,
        "figure": None if value is None else round(value, 3),
        "unit": unit,
        "target": wanted,
        "pass": bool(passed) and value is not None,
    }


def under(name: str, seconds: float | None, limit: float) -> Figure:
    return figure(name, seconds, "s", f"< {limit:g} s", seconds is not None and seconds < limit)


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


# --- survey aggregation -------------------------------------------------------------------


def survey(rows: int = ROWS, seed: int = 2024) -> dict[str, np.ndarray]:
    """Synthetic survey microdata: one row per respondent, a 0/1 answer and a weight."""
    rng = np.random.default_rng(seed)

    def pick(options: list[str], weights: list[float] | None = None) -> np.ndarray:
        return np.array(options)[rng.choice(len(options), size=rows, p=weights)]

    return {
        "area": pick(DISTRICTS),
        "period": pick([str(year) for year in range(2015, 2025)]),
        "kon": pick(["Flicka", "Pojke", "Annat"], [0.49, 0.49, 0.02]),
        "alder": pick(["Åk 9", "Gymnasiet år 2"]),
        "form": pick(["Afrofobi", "Antisemitism", "Antiziganism", "Islamofobi", "Samer"],
                     [0.4, 0.2, 0.1, 0.29, 0.01]),
        "value": (rng.random(rows) < 0.2).astype(float),
        "weight": rng.uniform(0.5, 1.5, rows),
    }  # fmt: skip


def _cell_key(keys: dict[str, str], breakdown: dict[str, str]) -> Any:
    return (tuple(sorted(keys.items())), tuple(sorted(breakdown.items())))


def cube_numpy(data: dict[str, np.ndarray], min_group_size: int = 5) -> Cube:
    """The cube as the importer computes it (intervals included, as in the import)."""
    from mrplan.knowledge.aggregation import aggregate

    result = aggregate(
        keys={"area": data["area"], "period": data["period"]},
        dimensions={name: data[name] for name in DIMENSIONS},
        values=data["value"],
        weights=data["weight"],
        scale=100,
        min_group_size=min_group_size,
    )
    return {
        _cell_key(cell.keys, cell.breakdown): (cell.suppressed, cell.count, cell.value)
        for cell in result.cells
    }


def cube_pandas(data: dict[str, np.ndarray], min_group_size: int = 5) -> Cube:
    """The same cube with a plain pandas groupby: the baseline the target compares with.

    Every combination of the breakdowns gets its own groupby (count, weight sum, weighted
    value sum); primary suppression below MIN_GROUP_SIZE; then secondary suppression in the
    order aggregation.suppress uses (rounds; in each, dimension by dimension; in each, every
    table that breaks down by it): where exactly one cell under a shown total is suppressed,
    the smallest other cell is suppressed too, until nothing changes.
    """
    import pandas as pd

    frame = pd.DataFrame({name: data[name] for name in ("area", "period", *DIMENSIONS)})
    frame["value"] = data["value"]
    frame["weight"] = data["weight"]
    frame["weighted"] = frame["value"] * frame["weight"]
    tables: dict[tuple[str, ...], Any] = {}
    for size in range(len(DIMENSIONS) + 1):
        for chosen in itertools.combinations(DIMENSIONS, size):
            grouped = frame.groupby(["area", "period", *chosen]).agg(
                n=("value", "size"), w=("weight", "sum"), wv=("weighted", "sum")
            )
            grouped["share"] = 100 * grouped["wv"] / grouped["w"]
            grouped["suppressed"] = grouped["n"] < min_group_size
            tables[chosen] = grouped
    for _round in range(100):
        changed = False
        for dimension in DIMENSIONS:
            for chosen, table in tables.items():
                if dimension not in chosen:
                    continue
                rest = tuple(d for d in chosen if d != dimension)
                others = ["area", "period", *rest]
                parent_shown = (
                    ~tables[rest]["suppressed"].reindex(table.index.droplevel(dimension)).to_numpy()
                )
                lonely = table.groupby(others)["suppressed"].transform("sum").to_numpy() == 1
                candidates = table[lonely & parent_shown & ~table["suppressed"].to_numpy()]
                if candidates.empty:
                    continue
                smallest = candidates.groupby(others)["n"].idxmin()
                table.loc[smallest.to_numpy(), "suppressed"] = True
                changed = True
        if not changed:
            break
    cube: Cube = {}
    for chosen, table in tables.items():
        names = ["area", "period", *chosen]
        for index, n, share, suppressed in zip(
            table.index, table["n"], table["share"], table["suppressed"], strict=True
        ):
            labels = dict(zip(names, index if isinstance(index, tuple) else (index,), strict=True))
            keys = {"area": labels.pop("area"), "period": labels.pop("period")}
            cube[_cell_key(keys, labels)] = (
                (True, None, None) if suppressed else (False, int(n), float(share))
            )
    return cube


def same_cube(left: Cube, right: Cube, tolerance: float = 1e-9) -> bool:
    """Whether two cubes have the same cells, suppression and counts, and equal values."""
    if left.keys() != right.keys():
        return False
    for key, (suppressed, count, value) in left.items():
        other_suppressed, other_count, other_value = right[key]
        if suppressed != other_suppressed or count != other_count:
            return False
        if (value is None) != (other_value is None):
            return False
        if value is not None and abs(value - other_value) > tolerance * max(1.0, abs(value)):
            return False
    return True


def survey_figures(rows: int = ROWS) -> list[Figure]:
    data = survey(rows)
    cube_numpy(survey(1000))  # warm up imports, not timed
    numpy_seconds = float("inf")
    ours: Cube = {}
    for _round in range(3):
        seconds, ours = _timed(lambda: cube_numpy(data))
        numpy_seconds = min(numpy_seconds, seconds)
    pandas_seconds, theirs = _timed(lambda: cube_pandas(data))
    equal = same_cube(ours, theirs)
    name = f"survey aggregation, {rows:,} rows, suppressed ({len(ours):,} cells)"
    ratio = pandas_seconds / numpy_seconds
    return [
        under(name, numpy_seconds, 2.0),
        figure(
            f"survey aggregation vs pandas ({pandas_seconds:.1f} s), same cube: {equal}",
            ratio,
            "×",
            "≥ 3 ×, same cells",
            equal and ratio >= 3,
        ),
    ]


# --- the .xlsx import ---------------------------------------------------------------------

XLSX_COLUMNS = ["År", "Område", "Mått", "Kön", "Ålder", "Födelseregion", "Värde", "Antal",
                "KI_nedre", "KI_övre"]  # fmt: skip


def tidy_workbook(target_bytes: int = XLSX_BYTES, seed: int = 14) -> tuple[bytes, int]:
    """Return (a tidy observations workbook of about TARGET_BYTES, its number of rows).

    What a statistics office exports: one row per measure, district, year and breakdown, with
    value, count and interval. Rows are written in blocks until the file is big enough.
    """
    from openpyxl import Workbook

    rng = random.Random(seed)
    measures = [
        f"Andel som upplevt diskriminering, {topic}"
        for topic in ("skolan", "arbetet", "vården", "bostaden", "fritiden", "polisen",
                      "kollektivtrafiken", "socialtjänsten", "internet", "butiker")
    ]  # fmt: skip
    rows_per_byte = 1 / 56  # measured: about 56 bytes a row once compressed
    wanted = int(target_bytes * rows_per_byte)
    while True:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Data")
        sheet.append(XLSX_COLUMNS)
        for index in range(wanted):
            value = rng.uniform(0, 100)
            margin = rng.uniform(0.5, 8)
            sheet.append([
                str(2015 + index % 10), DISTRICTS[index % len(DISTRICTS)],
                measures[(index // 110) % len(measures)],
                rng.choice(["Kvinnor", "Män"]), rng.choice(["16–24", "25–44", "45–64", "65+"]),
                rng.choice(["Sverige", "Europa", "Utanför Europa"]), round(value, 4),
                rng.randint(5, 5000), round(max(0.0, value - margin), 4),
                round(min(100.0, value + margin), 4),
            ])  # fmt: skip
        output = io.BytesIO()
        workbook.save(output)
        content = output.getvalue()
        if len(content) >= target_bytes * 0.98:
            return content, wanted
        wanted = int(wanted * target_bytes / len(content) * 1.01) + 1


def xlsx_import_figure() -> Figure:
    from django.conf import settings

    from mrplan.knowledge import imports

    content, rows = tidy_workbook()
    seconds, parsed = _timed(lambda: imports.parse_tidy("observationer.xlsx", content))
    assert len(parsed) == rows, (len(parsed), rows)
    limit = settings.MRPLAN_IMPORT_MAX_ROWS
    note = f"; the import job refuses over {limit:,} rows" if rows > limit else ""
    return under(
        f".xlsx import parse, {len(content) / 1024 / 1024:.1f} MB, {rows:,} rows{note}",
        seconds,
        10.0,
    )


# --- statements ---------------------------------------------------------------------------

_WORDS = [
    "förvaltningen", "staden", "nämnden", "barn", "unga", "rasism", "diskriminering",
    "kunskap", "samverkan", "civilsamhället", "uppföljning", "handlingsplanen", "insatser",
    "verksamheterna", "medarbetare", "utbildning", "dialog", "mänskliga", "rättigheter",
    "likabehandling", "tillgänglighet", "arbetet", "analys", "underlag", "målgrupper",
    "bemötande", "skolan", "fritid", "trygghet", "inflytande",
]  # fmt: skip


def _prose(rng: random.Random, characters: int) -> str:
    """Swedish-looking paragraphs of about CHARACTERS characters."""
    paragraphs, size = [], 0
    while size < characters:
        sentences = []
        for _sentence in range(rng.randint(3, 6)):
            words = [rng.choice(_WORDS) for _word in range(rng.randint(8, 18))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def _longest_statement() -> Any:
    from django.db.models import F
    from django.db.models.functions import Length

    from mrplan.consultations.models import Statement

    statement = (
        Statement.objects.select_related("case")
        .annotate(size=Length("summary") + Length("views") + Length("matter"))
        .order_by(F("size").desc(nulls_last=True), "pk")
        .first()
    )
    if statement is None:
        raise LookupError("no statement in the database (load_demo makes some)")
    return statement


def statement_pdf_figure() -> Figure:
    from mrplan.consultations.statements import documents

    statement = _longest_statement()
    documents.render_pdf(statement)  # warm up: fonts, templates
    timings = [_timed(lambda: documents.render_pdf(statement))[0] for _round in range(3)]
    return under(f"statement PDF ({statement.diary_number or statement.pk})", max(timings), 1.0)


def long_statement_pdf(pages: int = STATEMENT_PAGES) -> tuple[bytes, Any]:
    """Return (a statement PDF of at least PAGES pages from our generator, the statement).

    The longest statement in the database gets long generated texts in memory (nothing is
    saved) and is rendered by the statement PDF generator, so its header, sections,
    signatures and attestation are what the importer meets in the city's own files.
    """
    from pypdf import PdfReader

    from mrplan.consultations.statements import documents

    statement = _longest_statement()
    rng = random.Random(20)
    characters = 3200 * pages  # about a page of body text per 3,200 characters
    for _attempt in range(4):
        share = characters // 4
        statement.summary = _prose(rng, share // 4)
        statement.background = _prose(rng, share // 2)
        statement.matter = _prose(rng, share)
        statement.views = _prose(rng, characters - share - share // 4 - share // 2)
        content = documents.render_pdf(statement)
        count = len(PdfReader(io.BytesIO(content)).pages)
        if count >= pages:
            return content, statement
        characters = int(characters * pages / count * 1.05)
    raise RuntimeError(f"could not make a {pages}-page statement")


def statement_import_figure(pages: int = STATEMENT_PAGES) -> Figure:
    """The import job's reading steps (consultations.jobs.statement_import_read, to 80 %)."""
    from pypdf import PdfReader

    from mrplan.consultations.parsing import extract_text, parse_statement
    from mrplan.jobs import limits

    content, statement = long_statement_pdf(pages)
    count = len(PdfReader(io.BytesIO(content)).pages)

    def read() -> Any:
        limits.check_document(content)
        return parse_statement(extract_text(content, "tjansteutlatande.pdf"))

    seconds, parsed = _timed(read)
    recognised = parsed.diary_number == statement.diary_number and bool(parsed.sections["matter"])
    return figure(
        f"statement PDF import parse, {count} pages, {len(content) / 1024:.0f} kB"
        + ("" if recognised else " (NOT recognised)"),
        seconds,
        "s",
        "< 10 s",
        recognised and seconds < 10,
    )


# --- the compiled follow-up ---------------------------------------------------------------


class _Rollback(Exception):
    pass


def _largest_compilation() -> tuple[Any, Any, int]:
    """Return (action plan, period, approved reports) of the biggest compilation there is."""
    from django.db.models import Count

    from mrplan.planning.models import Report, ReportingPeriod, ReportStatus
    from mrplan.programmes.models import ActionPlan

    row = (
        Report.objects.filter(status=ReportStatus.APPROVED)
        .values("action_plan", "period")
        .annotate(reports=Count("id"))
        .order_by("-reports", "-period__deadline", "action_plan")
        .first()
    )
    if row is None:
        raise LookupError("no approved report in the database (run generate_city)")
    period = ReportingPeriod.objects.select_related("planning_year").get(pk=row["period"])
    return ActionPlan.objects.get(pk=row["action_plan"]), period, row["reports"]


def _coordinator() -> Any:
    from mrplan.accounts.models import Membership, Role

    membership = (
        Membership.objects.filter(role=Role.COORDINATOR, organisation__kind="coordinating_office")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise LookupError("no coordinator in the database (load_demo makes one)")
    return membership.user


def compiled_pdf_figure() -> Figure:
    """Run the job planning-compiled as the worker does (runner.run), then roll it back."""
    from django.db import transaction

    from mrplan.jobs import runner
    from mrplan.jobs.models import Job
    from mrplan.planning.jobs import PLANNING_COMPILED

    action_plan, period, reports = _largest_compilation()
    params = {
        "action_plan": action_plan.slug,
        "year": period.planning_year.year,
        "code": period.code,
        "format": "pdf",
        "language": "sv",
    }
    outcome: dict[str, Any] = {}
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=PLANNING_COMPILED, owner=_coordinator(), params=params)
            seconds, status = _timed(lambda: runner.run(str(job.pk)))
            job.refresh_from_db()
            outcome = {"seconds": seconds, "status": status, "progress": job.progress}
            outcome["bytes"] = job.output_file.size if job.output_file else 0
            if job.output_file:
                job.output_file.delete(save=False)
            outcome["message"] = job.message
            raise _Rollback
    except _Rollback:
        pass
    done = outcome.get("status") == "done"
    label = f"{action_plan.slug} {period.code} {period.planning_year.year}"
    return figure(
        f"compiled follow-up PDF job, {reports} approved reports ({label}, "
        f"{outcome.get('bytes', 0) / 1024:.0f} kB)"
        + ("" if done else f" FAILED: {outcome.get('message')}"),
        outcome.get("seconds") if done else None,
        "s",
        "< 10 s",
        done and outcome["seconds"] < 10,
    )


# --- running ------------------------------------------------------------------------------

FIGURES: dict[str, Callable[[], list[Figure]]] = {
    "compiled": lambda: [compiled_pdf_figure()],
    "statement": lambda: [statement_pdf_figure()],
    "xlsx": lambda: [xlsx_import_figure()],
    "statement-import": lambda: [statement_import_figure()],
    "survey": survey_figures,
}


def run(only: list[str] | None = None) -> list[Figure]:
    """Measure every figure (or those named in ONLY); a figure that breaks fails, with why."""
    results: list[Figure] = []
    for name, measure in FIGURES.items():
        if only and name not in only:
            continue
        try:
            results.extend(measure())
        except Exception as error:  # noqa: BLE001 (one broken figure must not hide the others)
            results.append(
                figure(f"{name}: {type(error).__name__}: {error}", None, "", "runs", False)
            )
    return results


def table(results: list[Figure]) -> str:
    lines = [f"{'figure':>10}  {'target':<18} {'':4}  name"]
    for item in results:
        value = "–" if item["figure"] is None else f"{item['figure']:.2f} {item['unit']}"
        verdict = "pass" if item["pass"] else "FAIL"
        lines.append(f"{value:>10}  {item['target']:<18} {verdict:4}  {item['name']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--only", nargs="*", choices=sorted(FIGURES), help="these figures only")
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mrplan.settings")
    import django

    django.setup()
    results = run(arguments.only)
    if arguments.json:
        json.dump(results, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
