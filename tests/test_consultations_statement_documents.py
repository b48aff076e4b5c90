"""The statement as PDF and .docx in the city's layout, read back with pypdf and python-docx."""

import datetime
import io

import docx
from django.urls import reverse
from pypdf import PdfReader

from mrplan.consultations import signing
from mrplan.consultations.actions.statements import (
    approval_steps_set,
    statement_approve,
    statement_update,
)
from mrplan.consultations.models import Approval, Statement, StatementVersion
from mrplan.consultations.statements.documents import render_docx, render_pdf
from tests.consultations_statement_base import StatementTestCase

SEED_TEXTS = {
    "department_name": "Nämndkansliet",
    "document_date": datetime.date(2024, 12, 27),
    "meeting_date": datetime.date(2025, 1, 23),
    "summary": "Utifrån Stockholm stads program för de mänskliga rättigheterna har staden "
    "tagit fram en handlingsplan mot rasism.",
    "background": "Kommunstyrelsen har tagit fram en handlingsplan mot rasism.",
    "matter": "Handlingsplan mot rasism syftar till att stärka och utveckla Stockholm stads "
    "arbete mot rasism.",
    "preparation_text": "Ärendet har beretts inom nämndkansliet i samråd med avdelningarna "
    "för äldreomsorg samt förskola.",
    "views": "Förvaltningen välkomnar att staden samlar sitt arbete mot rasism.",
    "attachments_text": "Remissunderlag Handlingsplan mot rasism",
    "signatures": [
        {
            "name": "Lee Orberson",
            "title": "stadsdelsdirektör",
            "organisation": "Hägersten-Älvsjö stadsdelsförvaltning",
        },
        {
            "name": "Lars Wennberg",
            "title": "avdelningschef",
            "organisation": "Hägersten-Älvsjö stadsdelsförvaltning",
        },
    ],
}

HEADINGS = [
    "Förvaltningens förslag till beslut",
    "Sammanfattning",
    "Bakgrund",
    "Ärendet",
    "Ärendets beredning",
    "Förvaltningens synpunkter och förslag",
    "Bilagor",
]


def _flat(text: str) -> str:
    return " ".join(text.split())


class StatementDocumentTests(StatementTestCase):
    def setUp(self) -> None:
        self.statement = self.make_statement(**SEED_TEXTS)
        approval_steps_set(
            actor=self.editor,
            statement=self.statement,
            steps=[(self.approver, "avdelningschef"), (self.director, "stadsdelsdirektör")],
        )
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        statement_approve(actor=self.director, statement=self.statement, version=1)
        Approval.objects.filter(approver_name="Lars Wennberg").update(
            approved_at=datetime.datetime(2025, 1, 7, 9, 0, tzinfo=datetime.UTC)
        )
        Approval.objects.filter(approver_name="Lee Orberson").update(
            approved_at=datetime.datetime(2025, 1, 9, 7, 51, tzinfo=datetime.UTC)
        )
        signing.reseal(StatementVersion.objects.get(statement=self.statement, number=1))
        self.statement = Statement.objects.get(pk=self.statement.pk)

    def expected(self) -> list[str]:
        return [
            "Hägersten-Älvsjö stadsdelsförvaltning",
            "Nämndkansliet",
            "Tjänsteutlåtande",
            "Dnr HÄ 2024/689",
            "2024-12-27",
            "Handläggare",
            "Jens Westlund",
            "Telefon: 08-50821150",
            "Till",
            "Hägersten-Älvsjö stadsdelsnämnd",
            "2025-01-23",
            "Handlingsplan för arbete mot rasism",
            "Yttrande till kommunstyrelsen",
            *HEADINGS,
            self.statement.decision_proposal,
            *(SEED_TEXTS[name] for name in ("summary", "background", "matter", "views")),
            SEED_TEXTS["preparation_text"],
            "Remissunderlag Handlingsplan mot rasism",
            "Lee Orberson",
            "stadsdelsdirektör",
            "Lars Wennberg",
            "avdelningschef",
            "Detta dokument har godkänts digitalt av följande personer:",
            "Namn",
            "Datum",
        ]

    def test_the_pdf_has_every_header_field_section_and_attestation_line(self) -> None:
        reader = PdfReader(io.BytesIO(render_pdf(self.statement)))
        text = _flat("\n".join(page.extract_text() for page in reader.pages))
        for expected in self.expected():
            assert _flat(str(expected)) in text, expected
        positions = [text.index(heading) for heading in HEADINGS[1:]]
        assert positions == sorted(positions)
        assert "Lee Orberson, stadsdelsdirektör 2025-01-09" in text
        assert "Lars Wennberg, avdelningschef 2025-01-07" in text

    def test_the_docx_has_every_header_field_section_and_attestation_line(self) -> None:
        document = docx.Document(io.BytesIO(render_docx(self.statement)))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
                for cell in row.cells:
                    parts.extend(paragraph.text for paragraph in cell.paragraphs)
        text = _flat("\n".join(parts))
        for expected in self.expected():
            assert _flat(str(expected)) in text, expected
        assert "Lee Orberson, stadsdelsdirektör 2025-01-09" in text
        assert "Lars Wennberg, avdelningschef 2025-01-07" in text
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert [h for h in headings if h in HEADINGS] == HEADINGS

    def test_voided_approvals_are_left_out_of_the_attestation_block(self) -> None:
        statement_update(
            actor=self.editor, statement=self.statement, data={"views": "Ändrat."}, version=1
        )
        statement = Statement.objects.get(pk=self.statement.pk)
        text = _flat(
            "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(statement))).pages)
        )
        assert "Detta dokument har godkänts digitalt" not in text
        assert "Lars Wennberg, avdelningschef 2025-01-07" not in text


class StatementDownloadViewTests(StatementTestCase):
    def test_members_download_pdf_and_docx_others_do_not(self) -> None:
        statement = self.make_statement()
        pdf = reverse("consultations-statement-pdf", args=[statement.pk])
        word = reverse("consultations-statement-docx", args=[statement.pk])
        response = self.client_for(self.reader).get(pdf)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert "tjansteutlatande-HA-2024-689.pdf" in response["Content-Disposition"]
        response = self.client_for(self.reader).get(word)
        assert response.status_code == 200
        assert self.client_for(self.outsider).get(pdf).status_code == 404
        assert self.client_for(None).get(word).status_code == 302
