"""Render a compiled follow-up report as PDF (WeasyPrint) and as Word (.docx).

The PDF is drawn from an HTML template set in the DejaVu fonts installed on the machine.
The format (A4, Swedish, page numbers, tagged PDF, author) is the city's, from
mrplan.core.documents, which also keeps rendering off the network and the file system.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from mrplan.core import documents
from mrplan.core.documents import refuse_fetch as _refuse_fetch  # noqa: F401 (kept for callers)
from mrplan.organisations.selectors import coordinating_office_name
from mrplan.planning.compiled import Compilation, ReportedActivity


def render_html(compilation: Compilation) -> str:
    return render_to_string("planning/compiled_document.html", {"compilation": compilation})


def write_pdf(
    html: str, *, title: str = "", author: str = "", laid_out: Callable[[], None] | None = None
) -> bytes:
    """Return HTML as a PDF in the city's format (A4, Swedish, page numbers, tagged)."""
    return documents.html_to_pdf(
        html, title=title, author=author or coordinating_office_name(), laid_out=laid_out
    )


def new_docx(title: str, author: str = "") -> Any:
    """Return a new Word document in the city's format (A4, sv-SE, page numbers)."""
    return documents.new_docx(title=title, author=author or coordinating_office_name())


def _table_of_contents(document: Any) -> None:
    """Add a table-of-contents field that Word fills in from the headings."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = document.add_paragraph().add_run()
    parts = [
        ("w:fldChar", {"w:fldCharType": "begin"}),
        ("w:instrText", {"xml:space": "preserve"}),
        ("w:fldChar", {"w:fldCharType": "separate"}),
        ("w:t", {}),
        ("w:fldChar", {"w:fldCharType": "end"}),
    ]
    for tag, attributes in parts:
        element = OxmlElement(tag)
        for name, value in attributes.items():
            element.set(qn(name), value)
        if tag == "w:instrText":
            element.text = 'TOC \\o "1-2" \\h \\z \\u'
        if tag == "w:t":
            element.text = _("Högerklicka och välj Uppdatera fält för att visa innehållet.")
        run._r.append(element)


def render_pdf(compilation: Compilation, *, progress: Callable[[int], None] | None = None) -> bytes:
    """Return the compiled report as a PDF; PROGRESS, if given, hears how far it has come.

    Laying out the pages takes most of the time (WeasyPrint, about a quarter of a second a
    page), so progress is reported when the HTML is ready (10 %) and when it is laid out
    (70 %) of the rendering.
    """
    html = render_html(compilation)
    if progress is not None:
        progress(10)
    return write_pdf(
        html,
        title=compilation.title,
        laid_out=None if progress is None else (lambda: progress(70)),
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

    document = new_docx(compilation.title)
    period = compilation.period
    document.add_heading(compilation.action_plan.title, level=0)
    document.add_paragraph(_("Sammanställd uppföljning till kommunstyrelsen"))
    document.add_paragraph(
        _("Period: %(name)s %(year)s (%(code)s)")
        % {"name": period.name, "year": period.planning_year.year, "code": period.code}
    )
    document.add_paragraph(
        _("Diarienummer: %(number)s") % {"number": compilation.diary_number or "–"}
    )
    document.add_paragraph(_("Datum: %(date)s") % {"date": f"{compilation.generated_on:%Y-%m-%d}"})
    document.add_paragraph(_("Stadsledningskontoret"))
    document.add_paragraph(
        _(
            "Uppgifterna om aktiviteternas status och framdrift, indikatorvärden och "
            "målanalyser kommer bara från godkända rapporter, så som de godkändes. "
            "Organisationer utan godkänd rapport listas utan värden. Aktiviteterna bedöms "
            "per periodens sista dag, %(date)s."
        )
        % {"date": f"{compilation.assessed_on:%Y-%m-%d}" if compilation.assessed_on else "–"}
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(_("Innehåll"), level=1)
    _table_of_contents(document)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    document.add_heading(_("Sammanfattning"), level=1)
    if compilation.text is not None and compilation.text.summary:
        document.add_paragraph(compilation.text.summary)
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
    document.add_paragraph(_("Framdrift per organisation"))
    _table(
        document,
        [_("Organisation"), _("Framdrift")],
        [
            [section.organisation.name, _percent(section.rollup.percent)]
            for section in compilation.organisations
            if section.approved
        ],
    )
    document.add_heading(_("Stadsledningskontorets analys"), level=1)
    document.add_paragraph(
        compilation.text.analysis
        if compilation.text is not None and compilation.text.analysis
        else _("Ingen analys är skriven.")
    )
    document.add_heading(_("Organisationer och rapportstatus"), level=1)
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
                *(
                    [
                        str(section.goal_count),
                        str(section.activity_count),
                        _percent(section.rollup.percent),
                        str(section.rollup.level.label),
                    ]
                    if section.approved
                    else ["–", "–", "–", "–"]
                ),
            ]
            for section in compilation.organisations
        ],
    )

    document.add_heading(_("Organisationer som inte har rapporterat"), level=1)
    if compilation.not_reported:
        for section in compilation.not_reported:
            document.add_paragraph(
                f"{section.organisation.name}: {section.status_label}", style="List Bullet"
            )
    else:
        document.add_paragraph(_("Alla organisationer som ska rapportera har en godkänd rapport."))

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
    document.add_page_break()
    document.add_heading(_("Organisationernas rapporter"), level=1)
    for section in compilation.organisations:
        if not section.approved:
            continue
        document.add_heading(section.organisation.name, level=1)
        note = _("Uppgifterna kommer från den godkända rapporten.")
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


# One organisation's own report, for its nämnd.


def build_report_pdf(report: Any) -> bytes:
    """Return one organisation's report as PDF: as approved when approved."""
    from mrplan.planning.selectors import report_page

    page = report_page(report)
    html = render_to_string("planning/report_document.html", {"report": report, "page": page})
    return write_pdf(html, title=str(report), author=report.organisation.name)


def build_report_docx(report: Any) -> bytes:
    """Return one organisation's report as a Word document: as approved when approved."""
    from mrplan.planning.selectors import report_page

    page = report_page(report)
    period = report.period
    document = new_docx(f"{report.organisation.name}: {report}", author=report.organisation.name)
    document.add_heading(
        f"{report.organisation.name}: {period.name} {period.planning_year.year}", level=0
    )
    document.add_paragraph(f"{_('Handlingsplan')}: {report.action_plan.title}")
    status = str(report.get_status_display())
    if page.snapshot is not None:
        status += " – " + _("som godkänd %(date)s") % {
            "date": f"{page.snapshot.approved_at:%Y-%m-%d}"
        }
    document.add_paragraph(f"{_('Status')}: {status}")
    document.add_paragraph(
        _("Aktiviteterna bedöms per periodens sista dag, %(date)s.")
        % {"date": f"{page.assessed_on:%Y-%m-%d}"}
    )
    headers = [_("Aktivitet"), _("Status"), _("Framdrift"), _("Bedömning"), _("Kommentar")]

    def activity_rows(entries: Any) -> list[list[str]]:
        rows = []
        for entry in entries:
            source = entry.update or entry.activity
            rows.append(
                [
                    entry.activity.title,
                    str(source.get_status_display()),
                    _percent(source.progress),
                    str(entry.level.label) if entry.level else "",
                    entry.update.comment if entry.update else "",
                ]
            )
        return rows

    for section in page.goals:
        document.add_heading(f"{_('Mål')}: {section.goal.title}", level=1)
        if section.activities:
            _table(document, headers, activity_rows(section.activities))
        if section.indicators:
            _table(
                document,
                [_("Indikator"), _("Kategori"), _("Värde")],
                [
                    [entry.indicator.name, category or _("Totalt"), _number(value)]
                    for entry in section.indicators
                    for _index, category, value in entry.values
                ],
            )
        document.add_paragraph(
            f"{_('Analys')}: {section.analysis or _('Ingen analys är skriven.')}"
        )
    if page.other_activities:
        document.add_heading(_("Aktiviteter direkt under handlingsplanen"), level=1)
        _table(document, headers, activity_rows(page.other_activities))
    return documents.docx_bytes(document)
