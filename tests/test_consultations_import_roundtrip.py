"""Our own statement PDF and .docx re-import with every header field and section equal."""

import datetime

from mrplan.consultations.models import Case, Statement
from mrplan.consultations.parsing import (
    SECTION_KEYS,
    ParsedStatement,
    extract_text,
    parse_statement,
)
from mrplan.consultations.statements.documents import render_docx, render_pdf
from tests.consultations_statement_base import StatementTestCase

TEXTS = {
    "title": "Handlingsplan för arbete mot rasism",
    "subtitle": "Yttrande till kommunstyrelsen",
    "administration_name": "Hägersten-Älvsjö stadsdelsförvaltning",
    "department_name": "Nämndkansliet",
    "document_date": datetime.date(2024, 12, 27),
    "case_officer_name": "Jens Westlund",
    "case_officer_phone": "08-50821150",
    "addressee_name": "Hägersten-Älvsjö stadsdelsnämnd",
    "meeting_date": datetime.date(2025, 1, 23),
    "decision_proposal": "Hägersten-Älvsjö stadsdelsnämnd godkänner förvaltningens "
    "tjänsteutlåtande och överlämnar det till kommunstyrelsen som svar på remissen.",
    "summary": "Utifrån Stockholm stads program för de mänskliga rättigheterna har staden "
    "tagit fram en handlingsplan mot rasism.\n\nFörvaltningen ställer sig positiv till "
    "handlingsplanen.",
    "background": "Handlingsplanen identifierar tre utvecklingsområden. De tre "
    "utvecklingsområdena är:\n\n• Öka kunskapen om rasism och diskriminering\n"
    "• Motverka att barn och unga utsätts för rasism\n"
    "• Stärka samverkan med civilsamhället i arbetet mot rasism\n\n"
    "Till varje utvecklingsområde pekas ett antal aktiviteter ut.",
    # Long enough to run onto a second page, so that page breaks are part of the round trip.
    "matter": "\n\n".join(
        " ".join(
            ["Handlingsplan mot rasism syftar till att stärka och utveckla stadens arbete."] * 6
        )
        for _paragraph in range(8)
    ),
    "preparation_text": "Ärendet har beretts inom nämndkansliet i samråd med avdelningarna "
    "för äldreomsorg samt förskola.",
    "views": "Förvaltningen välkomnar att staden samlar sitt arbete mot rasism.\n\n"
    "Förvaltningen ser behov av:\n\n• utbildning för medarbetare\n• stöd i metodfrågor",
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


class RoundTripTests(StatementTestCase):
    def setUp(self) -> None:
        self.statement = self.make_statement(**TEXTS)

    def assert_round_trips(self, parsed: ParsedStatement, statement: Statement) -> None:
        expected_header = {
            "title": statement.title,
            "subtitle": statement.subtitle,
            "diary_number": statement.diary_number,
            "diary_prefix": "HÄ",
            "diary_year": 2024,
            "diary_serial": 689,
            "document_date": statement.document_date,
            "organisation": statement.administration_name,
            "department": statement.department_name,
            "case_officer": statement.case_officer_name,
            "case_officer_phone": statement.case_officer_phone,
            "addressee": statement.addressee_name,
            "meeting_date": statement.meeting_date,
            "document_kind": "Tjänsteutlåtande",
        }
        actual_header = {name: getattr(parsed, name) for name in expected_header}
        self.assertEqual(actual_header, expected_header)
        for key in SECTION_KEYS:
            self.assertEqual(parsed.sections[key], getattr(statement, key).strip(), key)
        self.assertEqual(
            [signature._asdict() for signature in parsed.signatures], statement.signatures
        )
        self.assertEqual(parsed.unrecognised, [])
        # Not attested here, so the document has no attestation block to read.
        self.assertEqual(parsed.missing, ["digital attestering"])

    def test_our_own_pdf_reimports_field_for_field(self) -> None:
        text = extract_text(render_pdf(self.statement), "utlatande.pdf")
        self.assert_round_trips(parse_statement(text), self.statement)

    def test_our_own_docx_reimports_field_for_field(self) -> None:
        text = extract_text(render_docx(self.statement), "utlatande.docx")
        self.assert_round_trips(parse_statement(text), self.statement)

    def test_a_decided_statement_without_watermark_round_trips_too(self) -> None:
        Statement.objects.filter(pk=self.statement.pk).update(status="decided")
        Case.objects.filter(pk=self.case.pk).update(status="decided")
        statement = Statement.objects.get(pk=self.statement.pk)
        text = extract_text(render_pdf(statement), "utlatande.pdf")
        self.assert_round_trips(parse_statement(text), statement)
