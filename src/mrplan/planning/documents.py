"""Render a compiled follow-up report as PDF (WeasyPrint) and as Word (.docx).

The PDF is drawn from an HTML template set in the DejaVu fonts installed on the machine.
The format (A4, Swedish, page numbers, tagged PDF, author) is the city's, from
mrplan.core.documents, which also keeps rendering off the network and the file system.
"""

from decimal import Decimal
from typing import Any

from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from mrplan.core import documents
from mrplan.core.documents import refuse_fetch as _refuse_fetch  # noqa: F401 (kept for callers)
from mrplan.planning.compiled import Compilation, ReportedActivity


def render_html(compilation: Compilation) -> str:
    return render_to_string("planning/compiled_document.html", {"compilation": compilation})


def render_pdf(compilation: Compilation) -> bytes:
    """Return the compiled report as a PDF."""
    return documents.html_to_pdf(
        render_html(compilation),
        title=compilation.title,
        author=documents.coordinating_office_name(),
    )


def _number(value: Decimal | None) -> str:
    """Format VALUE as the PDF template does (Swedish decimal comma)."""
    return "–" if value is None else str(floatformat(value, "-2"))


def _percent(value: int | None) -> str:
    return "–" if value is None else f"{value} %"


def _table(document: Any, headers: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    document.add_paragraph()


def _activity_rows(entries: list[ReportedActivity]) -> list[list[str]]:
    return [
        [
            entry.activity.title,
            str(entry.status_label),
            _percent(entry.progress),
            str(entry.level.label),
            entry.comment,
        ]
        for entry in entries
    ]


def render_docx(compilation: Compilation) -> bytes:
    """Return the compiled report as a Word document."""
    from docx.enum.text import WD_BREAK

    document = documents.new_docx(
        title=compilation.title, author=documents.coordinating_office_name()
    )

    period = compilation.period
    document.add_heading(compilation.action_plan.title, level=0)
    document.add_paragraph(_("Sammanställd uppföljning"))
    document.add_paragraph(
        _("Period: %(name)s %(year)s (%(code)s)")
        % {"name": period.name, "year": period.planning_year.year, "code": period.code}
    )
    document.add_paragraph(_("Datum: %(date)s") % {"date": f"{compilation.generated_on:%Y-%m-%d}"})
    document.add_paragraph(
        _(
            "Uppgifterna om aktiviteternas status och framdrift, indikatorvärden och "
            "målanalyser kommer bara från godkända rapporter. För organisationer vars "
            "rapport inte är godkänd visas aktiviteternas status och framdrift enligt "
            "planen, utan rapporterade värden."
        )
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    document.add_heading(_("Sammanfattning"), level=1)
    summary = _("%(approved)s av %(total)s organisationer har en godkänd rapport.") % {
        "approved": compilation.approved_count,
        "total": len(compilation.organisations),
    }
    if compilation.rollup.percent is not None:
        summary += " " + _("Handlingsplanens framdrift: %(percent)s %% (%(label)s).") % {
            "percent": compilation.rollup.percent,
            "label": compilation.rollup.level.label,
        }
    document.add_paragraph(summary)
    _table(
        document,
        [
            _("Organisation"),
            _("Rapportstatus"),
            _("Mål"),
            _("Aktiviteter"),
            _("Framdrift"),
            _("Bedömning"),
        ],
        [
            [
                section.organisation.name,
                str(section.status_label),
                str(section.goal_count),
                str(section.activity_count),
                _percent(section.rollup.percent),
                str(section.rollup.level.label),
            ]
            for section in compilation.organisations
        ],
    )

    document.add_heading(_("Aktiviteternas status"), level=1)
    _table(
        document,
        [_("Status"), _("Antal")],
        [[str(label), str(count)] for _value, label, count in compilation.status_counts],
    )

    document.add_heading(_("Målgrupper"), level=1)
    document.add_paragraph(_("Målgrupper som nås av aktiviteter"))
    _table(
        document,
        [_("Målgrupp"), _("Aktiviteter")],
        [[group.name, str(count)] for group, count in compilation.reached],
    )
    document.add_heading(_("Målgrupper som ingen aktivitet når"), level=2)
    if compilation.not_reached:
        for group in compilation.not_reached:
            document.add_paragraph(group.name, style="List Bullet")
    else:
        document.add_paragraph(_("Alla målgrupper nås av minst en aktivitet."))

    activity_headers = [_("Aktivitet"), _("Status"), _("Framdrift"), _("Bedömning"), _("Kommentar")]
    for section in compilation.organisations:
        document.add_page_break()
        document.add_heading(section.organisation.name, level=1)
        note = (
            _("Uppgifterna kommer från den godkända rapporten.")
            if section.approved
            else _(
                "Rapporten är inte godkänd: status och framdrift kommer från planen, "
                "och rapporterade värden visas inte."
            )
        )
        document.add_paragraph(f"{_('Rapportstatus')}: {section.status_label}. {note}")
        for item in section.goals:
            document.add_heading(f"{_('Mål')}: {item.goal.title}", level=2)
            document.add_paragraph(
                f"{_('Framdrift')}: {_percent(item.rollup.percent)} ({item.rollup.level.label})"
            )
            if item.activities:
                _table(document, activity_headers, _activity_rows(item.activities))
            else:
                document.add_paragraph(_("Inga aktiviteter."))
            if item.indicators:
                _table(
                    document,
                    [
                        _("Indikator"),
                        _("Enhet"),
                        _("Utgångsvärde"),
                        _("Målvärde"),
                        _("Rapporterat värde"),
                    ],
                    [
                        [
                            line.indicator.name + (f" – {line.category}" if line.category else ""),
                            line.indicator.unit,
                            ""
                            if line.baseline is None
                            else _number(line.baseline)
                            + (
                                f" ({line.indicator.baseline_year})"
                                if line.indicator.baseline_year
                                else ""
                            ),
                            ""
                            if line.target is None
                            else _number(line.target)
                            + (
                                f" ({line.indicator.target_year})"
                                if line.indicator.target_year
                                else ""
                            ),
                            _number(line.value),
                        ]
                        for line in item.indicators
                    ],
                )
            if item.analysis:
                document.add_heading(_("Analys"), level=3)
                document.add_paragraph(item.analysis)
        if section.other_activities:
            document.add_heading(_("Aktiviteter utan mål i handlingsplanen"), level=2)
            _table(document, activity_headers, _activity_rows(section.other_activities))

    return documents.docx_bytes(document)
