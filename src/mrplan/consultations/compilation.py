"""The remissammanställning: every answer to a consultation, side by side, and its themes.

Only decided answers count: a recipient marked as answered, or one whose statement the
committee has decided. Statements still being written or attested are not answers yet;
their recipients are listed with those who have not answered (pending, late, declined).
The page, the PDF and the .docx are built from the same Compilation, which costs a fixed
number of queries; both documents are in the city's format (mrplan.core.documents), marked
UTKAST until the consultation is closed.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.consultations import themes
from mrplan.consultations.models import (
    STATEMENT_SECTIONS,
    Case,
    Consultation,
    ConsultationQuestion,
    ConsultationRecipient,
    ConsultationStatus,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.consultations.selectors import RecipientRow, recipient_rows
from mrplan.core import documents

# The sections compared side by side (the decision proposal is the same boilerplate everywhere,
# "Bilagor" is a list of files): (field name, heading).
COMPARED_SECTIONS = [
    (name, heading)
    for name, heading in STATEMENT_SECTIONS
    if name not in {"decision_proposal", "attachments_text"}
]
# The sections the themes are read from (see themes.py for why).
THEME_SECTIONS = ("summary", "views")


@dataclass
class Answer:
    """One decided answer: the recipient, its case and statement, and when it answered."""

    recipient: ConsultationRecipient
    case: Case | None
    statement: Statement | None
    answered_on: datetime.date | None

    @property
    def organisation_name(self) -> str:
        return self.recipient.organisation.name

    @property
    def url(self) -> str:
        return self.statement.get_absolute_url() if self.statement is not None else ""

    def text(self, name: str) -> str:
        return str(getattr(self.statement, name, "") or "").strip() if self.statement else ""

    def answer_to(self, question: ConsultationQuestion) -> str:
        if self.statement is None:
            return ""
        return str((self.statement.answers or {}).get(str(question.pk), "")).strip()


@dataclass
class Outstanding:
    """A recipient without a decided answer: pending, late or declined."""

    row: RecipientRow

    @property
    def state(self) -> str:
        return self.row.state

    @property
    def state_label(self) -> str:
        labels = {
            "late": _("Försenad"),
            RecipientStatus.PENDING: _("Inväntar svar"),
            RecipientStatus.DECLINED: _("Avstår"),
        }
        return str(labels.get(self.state, self.row.recipient.get_status_display()))

    @property
    def work_in_progress(self) -> str:
        """The status of an undecided statement, e.g. "Under attestering" ("" if none)."""
        statement = self.row.statement
        return statement.get_status_display() if statement is not None else ""


@dataclass
class Comparison:
    """One section or question with each answer's text (answers without text left out)."""

    heading: str
    entries: list[tuple[Answer, str]]
    question: ConsultationQuestion | None = None


@dataclass
class Compilation:
    consultation: Consultation
    questions: list[ConsultationQuestion]
    answers: list[Answer]
    outstanding: list[Outstanding]
    sections: list[Comparison]
    question_comparisons: list[Comparison]
    findings: list[themes.Finding]
    generated_on: datetime.date

    @property
    def found_themes(self) -> list[themes.Finding]:
        return [finding for finding in self.findings if finding.count]

    @property
    def absent_themes(self) -> list[themes.Finding]:
        return [finding for finding in self.findings if not finding.count]

    def count(self, state: str) -> int:
        return sum(1 for row in self.outstanding if row.state == state)


def is_answer(row: RecipientRow) -> bool:
    """A recipient marked as answered, or whose statement has been decided, has answered."""
    decided = row.statement is not None and row.statement.status == StatementStatus.DECIDED
    return row.recipient.status == RecipientStatus.ANSWERED or decided


def _answered_on(row: RecipientRow) -> datetime.date | None:
    """Return the committee's decision date; the recording date only when there is none."""
    decision = getattr(row.statement, "decision", None) if row.statement is not None else None
    if decision is not None:
        return decision.decided_on
    if row.recipient.answered_at is not None:
        return timezone.localdate(row.recipient.answered_at)
    return None


def build(consultation: Consultation, *, today: datetime.date | None = None) -> Compilation:
    """Collect the consultation's answers, who did not answer, the comparisons and themes."""
    today = today or timezone.localdate()
    rows = recipient_rows(consultation, today=today)
    questions = list(ConsultationQuestion.objects.filter(consultation=consultation))
    answers: list[Answer] = []
    outstanding: list[Outstanding] = []
    for row in rows:
        if is_answer(row):
            answers.append(Answer(row.recipient, row.case, row.statement, _answered_on(row)))
        else:
            outstanding.append(Outstanding(row))

    sections = [
        Comparison(
            str(heading),
            [(answer, answer.text(name)) for answer in answers if answer.text(name)],
        )
        for name, heading in COMPARED_SECTIONS
    ]
    question_comparisons = [
        Comparison(
            question.text,
            [
                (answer, answer.answer_to(question))
                for answer in answers
                if answer.answer_to(question)
            ],
            question=question,
        )
        for question in questions
    ]
    headings = dict(STATEMENT_SECTIONS)
    sources = [
        themes.Source(
            key=str(answer.recipient.pk),
            label=answer.organisation_name,
            url=answer.url,
            texts=[(str(headings[name]), answer.text(name)) for name in THEME_SECTIONS]
            + [(question.text, answer.answer_to(question)) for question in questions],
        )
        for answer in answers
    ]
    return Compilation(
        consultation=consultation,
        questions=questions,
        answers=answers,
        outstanding=outstanding,
        sections=sections,
        question_comparisons=question_comparisons,
        findings=themes.find_themes(sources),
        generated_on=today,
    )


def _document_title(compilation: Compilation) -> str:
    return _("Remissammanställning: %(title)s") % {"title": compilation.consultation.title}


def _is_draft(compilation: Compilation) -> bool:
    """The compilation is final once the consultation is closed; until then it is UTKAST."""
    return compilation.consultation.status != ConsultationStatus.CLOSED


def render_pdf(compilation: Compilation, *, base_url: str = "") -> bytes:
    """Return the compilation as a PDF; links to the answers are absolute with BASE_URL."""
    html = render_to_string(
        "consultations/compilation_document.html",
        {
            "compilation": compilation,
            "base_url": base_url.rstrip("/"),
            "note_on_answers": note_on_answers(),
            "themes_note": themes_note(),
        },
    )
    return documents.html_to_pdf(
        html,
        title=_document_title(compilation),
        author=compilation.consultation.sender.name,
        draft=_is_draft(compilation),
    )


def _table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            documents.add_text(cell, text)


def render_docx(compilation: Compilation, *, base_url: str = "") -> bytes:
    """Return the compilation as a Word document."""
    consultation = compilation.consultation
    document = documents.new_docx(
        title=_document_title(compilation),
        author=consultation.sender.name,
        font_size=10,
        draft=_is_draft(compilation),
    )

    document.add_heading(_("Remissammanställning"), level=0)
    document.add_paragraph(consultation.title, style="Subtitle")
    document.add_paragraph(
        _("Sista svarsdag %(deadline)s. Sammanställd %(today)s.")
        % {"deadline": consultation.deadline.isoformat(), "today": compilation.generated_on}
    )
    document.add_paragraph(note_on_answers())

    document.add_heading(_("Svar"), level=1)
    if compilation.answers:
        _table(
            document,
            [_("Remissinstans"), _("Besvarad"), _("Diarienummer"), _("Länk")],
            [
                [
                    answer.organisation_name,
                    answer.answered_on.isoformat() if answer.answered_on else "",
                    answer.case.diary_number if answer.case else "",
                    f"{base_url.rstrip('/')}{answer.url}" if answer.url else "",
                ]
                for answer in compilation.answers
            ],
        )
    else:
        document.add_paragraph(_("Inga beslutade svar ännu."))

    document.add_heading(_("Har inte svarat"), level=1)
    if compilation.outstanding:
        _table(
            document,
            [_("Remissinstans"), _("Status"), _("Kommentar")],
            [
                [
                    row.row.recipient.organisation.name,
                    row.state_label,
                    row.row.recipient.declined_reason
                    if row.state == RecipientStatus.DECLINED
                    else (
                        _("Svaret är inte beslutat (%(status)s).")
                        % {"status": row.work_in_progress}
                        if row.work_in_progress
                        else ""
                    ),
                ]
                for row in compilation.outstanding
            ],
        )
    else:
        document.add_paragraph(_("Alla remissinstanser har svarat."))

    document.add_heading(_("Återkommande teman"), level=1)
    document.add_paragraph(themes_note())
    for finding in compilation.found_themes:
        document.add_heading(
            _("%(theme)s: %(count)s av %(total)s svar")
            % {
                "theme": finding.theme.label,
                "count": finding.count,
                "total": len(compilation.answers),
            },
            level=2,
        )
        for mention in finding.mentions:
            for heading, quote in mention.quotes:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{mention.source.label} ({heading}): ").bold = True
                paragraph.add_run(f"”{quote}”")
    if not compilation.found_themes:
        document.add_paragraph(_("Inga av temana förekommer i svaren."))

    if compilation.question_comparisons:
        document.add_heading(_("Svar per remissfråga"), level=1)
        for comparison in compilation.question_comparisons:
            _comparison_docx(document, comparison)
    document.add_heading(_("Svar per avsnitt"), level=1)
    for comparison in compilation.sections:
        _comparison_docx(document, comparison)

    return documents.docx_bytes(document)


def _comparison_docx(document: Any, comparison: Comparison) -> None:
    document.add_heading(comparison.heading, level=2)
    if not comparison.entries:
        document.add_paragraph(_("Inget svar tar upp detta."))
        return
    _table(
        document,
        [_("Remissinstans"), _("Svar")],
        [[answer.organisation_name, text] for answer, text in comparison.entries],
    )


def note_on_answers() -> str:
    return _(
        "Endast beslutade svar räknas som svar: remissinstanser som har svarat eller vars "
        "tjänsteutlåtande har beslutats av nämnden. Utlåtanden som fortfarande skrivs eller "
        "attesteras visas under ”Har inte svarat”."
    )


def themes_note() -> str:
    return _(
        "Temana räknas fram ur svarens sammanfattning, förvaltningens synpunkter och svaren "
        "på remissfrågorna med en fast ordlista. Varje tema anger hur många svar som nämner "
        "det och citerar meningarna."
    )
