"""Done when: the PDF of an imported seed, read back with pypdf, holds the whole seed.

Each seed shipped in src/mrplan/consultations/data/seeds/ is imported as a case of
Hägersten-Älvsjö, printed with WeasyPrint and read back: every header field, every
section heading and its text, the signature block and, for seed 000, the attestation
block made in another system. Texts are compared with whitespace collapsed, since the PDF
breaks lines where the page does.
"""

import hashlib
import io
import re
from pathlib import Path

from pypdf import PdfReader

from mrplan.consultations.importing import statement_import
from mrplan.consultations.models import STATEMENT_SECTIONS, Statement
from mrplan.consultations.parsing import ParsedStatement, parse_statement
from mrplan.consultations.statements.documents import ATTESTATION_LEAD, render_pdf
from tests.base import BaseTestCase

SEEDS = Path(__file__).resolve().parent.parent / "src/mrplan/consultations/data/seeds"
SEED_000 = SEEDS / "000_cee42084136e04fd.txt"
SEED_003 = SEEDS / "003_3d82ad2851e29e18.txt"
# The footer and the draft mark, printed in the page margins.
PAGE_MARKER = re.compile(r"\bSida \d+ \(\d+\)|\bUTKAST\b")
BULLET = "\uf0b7"  # the seeds' Symbol-font bullet; DejaVu Sans has no glyph for it


def _flat(text: str) -> str:
    return " ".join(text.replace(BULLET, "•").split())


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    plain = "\n".join(page.extract_text() or "" for page in reader.pages)
    layout = "\n".join(page.extract_text(extraction_mode="layout") or "" for page in reader.pages)
    return "\n".join(_flat(PAGE_MARKER.sub(" ", text)) for text in (plain, layout))


class SeedPdfTests(BaseTestCase):
    def import_seed(self, path: Path) -> tuple[ParsedStatement, Statement, str]:
        parsed = parse_statement(path.read_text(encoding="utf-8"))
        result = statement_import(
            actor=self.editor, parsed=parsed, organisation=self.org, source_name=path.name
        )
        statement = Statement.objects.get(pk=result.statement.pk)
        return parsed, statement, _pdf_text(render_pdf(statement))

    def assert_in_pdf(self, expected: str, text: str) -> None:
        self.assertIn(_flat(expected), text, f"Not in the PDF: {expected!r}")

    def assert_whole_seed(self, parsed: ParsedStatement, text: str) -> None:
        assert parsed.document_date is not None and parsed.meeting_date is not None
        header = [
            parsed.organisation,
            parsed.department,
            "Tjänsteutlåtande",
            parsed.document_date.isoformat(),
            f"Dnr {parsed.diary_number}",
            "Handläggare",
            parsed.case_officer,
            f"Telefon: {parsed.case_officer_phone}",
            "Till",
            parsed.addressee,
            parsed.meeting_date.isoformat(),
            parsed.title,
            parsed.subtitle,
        ]
        for value in header:
            self.assertTrue(value)
            self.assert_in_pdf(value, text)
        for key, heading in STATEMENT_SECTIONS:
            body = parsed.sections[key]
            self.assertTrue(body, key)
            self.assert_in_pdf(f"{heading} {body}", text)
        for signature in parsed.signatures:
            self.assert_in_pdf(signature.name, text)
            self.assert_in_pdf(signature.title, text)

    def test_seed_003_comes_out_whole(self) -> None:
        parsed, statement, text = self.import_seed(SEED_003)
        self.assertEqual(statement.diary_number, "HÄ 2024/427")
        self.assert_whole_seed(parsed, text)
        self.assertNotIn(ATTESTATION_LEAD, text)

    def test_seed_000_comes_out_whole_with_its_attestation_as_not_verified(self) -> None:
        parsed, statement, text = self.import_seed(SEED_000)
        self.assertEqual(statement.diary_number, "HÄ 2024/689")
        self.assert_whole_seed(parsed, text)
        self.assertNotIn(ATTESTATION_LEAD, text)
        for line in [
            "Attest enligt importerat dokument – ej verifierad i mrplan",
            "Namn Datum",
            "Lee Orberson, stadsdelsdirektör 2025-01-09",
            "Lars Wennberg, avdelningschef 2025-01-07",
        ]:
            self.assert_in_pdf(line, text)

    def test_the_shipped_seeds_are_the_shared_ones_byte_for_byte(self) -> None:
        # SHA-256 of ../shared/seeds/ as handed to the project; the copies must not drift.
        expected = {
            SEED_000: "0c19f94e71e15558840402ad60c9551c8bd672a284be10e52c9629f3c2bab6f8",
            SEED_003: "5cbd22a7e0ce0fae7f4accf4d76efe59c2c2d179c30cb01df63a70b3eb722647",
        }
        for path, digest in expected.items():
            self.assertEqual(hashlib.sha256(path.read_bytes()).hexdigest(), digest)
