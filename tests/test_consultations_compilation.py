"""The remissammanställning: answers side by side, who did not answer, themes, PDF and .docx."""

import datetime
import io
import re
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mrplan.consultations import compilation, themes
from mrplan.consultations.models import (
    Case,
    ConsultationQuestion,
    ConsultationRecipient,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.consultations.parsing import parse_statement
from tests.base import BaseTestCase
from tests.consultations_support import make_consultation
from tests.factories import OrganisationFactory

SEEDS = Path(__file__).resolve().parent.parent / "src/mrplan/consultations/data/seeds"
SEED_000 = SEEDS / "000_cee42084136e04fd.txt"
SEED_003 = SEEDS / "003_3d82ad2851e29e18.txt"


def answer_with_seed(
    recipient: ConsultationRecipient,
    path: Path,
    serial: int,
    *,
    status: str = StatementStatus.DECIDED,
    answers: dict[str, str] | None = None,
) -> Statement:
    """Give RECIPIENT a case and a statement with the seed's text (built directly)."""
    parsed = parse_statement(path.read_text())
    case = Case.objects.create(
        organisation=recipient.organisation,
        year=2024,
        serial=serial,
        diary_number=f"X 2024/{serial}",
        title=parsed.title,
        registered_on=datetime.date(2024, 8, 1),
        consultation_recipient=recipient,
    )
    statement = Statement.objects.create(
        case=case,
        title=parsed.title,
        diary_number=case.diary_number,
        status=status,
        answers=answers or {},
        **parsed.sections,
    )
    if status == StatementStatus.DECIDED:
        recipient.status = RecipientStatus.ANSWERED
        recipient.answered_at = datetime.datetime(2024, 9, 27, 8, tzinfo=datetime.UTC)
        recipient.save()
    return statement


class CompilationTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.skarholmen = OrganisationFactory(
            name="Skärholmens stadsdelsförvaltning", kind="administration", parent=cls.district
        )
        cls.late_org = OrganisationFactory(
            name="Idrottsförvaltningen", kind="administration", parent=cls.other_committee
        )
        cls.declining = OrganisationFactory(name="Stockholm Vatten AB", kind="company_board")
        cls.drafting = OrganisationFactory(
            name="Socialförvaltningen", kind="administration", parent=cls.other_committee
        )
        cls.consultation = make_consultation(
            cls.slk,
            [cls.org, cls.skarholmen, cls.late_org, cls.declining, cls.drafting],
            status="sent",
            deadline=datetime.date(2024, 10, 1),
            title="Program för mänskliga rättigheter",
        )
        cls.question = ConsultationQuestion.objects.create(
            consultation=cls.consultation, position=1, text="Vilket stöd behöver ni?"
        )
        recipients = {r.organisation_id: r for r in cls.consultation.recipients.all()}
        cls.answer_003 = answer_with_seed(
            recipients[cls.org.pk],
            SEED_003,
            427,
            answers={str(cls.question.pk): "Vi behöver utbildning för chefer och uppföljning."},
        )
        cls.answer_000 = answer_with_seed(recipients[cls.skarholmen.pk], SEED_000, 689)
        cls.draft = answer_with_seed(
            recipients[cls.drafting.pk], SEED_000, 700, status=StatementStatus.IN_APPROVAL
        )
        declined = recipients[cls.declining.pk]
        declined.status = RecipientStatus.DECLINED
        declined.declined_reason = "Programmet berör inte bolagets verksamhet."
        declined.save()
        cls.url = reverse("consultations-compilation", args=[cls.consultation.pk])


class CompilationBuildTests(CompilationTestCase):
    def test_only_decided_answers_count(self) -> None:
        result = compilation.build(self.consultation, today=datetime.date(2024, 10, 2))
        self.assertEqual(
            [answer.organisation_name for answer in result.answers],
            ["Hägersten-Älvsjö stadsdelsförvaltning", "Skärholmens stadsdelsförvaltning"],
        )
        states = {row.row.recipient.organisation.name: row.state for row in result.outstanding}
        self.assertEqual(
            states,
            {
                "Idrottsförvaltningen": "late",
                "Socialförvaltningen": "late",
                "Stockholm Vatten AB": "declined",
            },
        )
        drafting = next(r for r in result.outstanding if r.row.statement is not None)
        self.assertEqual(drafting.work_in_progress, "Under attestering")
        self.assertEqual(result.answers[0].answered_on, datetime.date(2024, 9, 27))

    def test_it_compares_every_section_and_question(self) -> None:
        result = compilation.build(self.consultation)
        views = next(
            c for c in result.sections if c.heading == "Förvaltningens synpunkter och förslag"
        )
        self.assertEqual(
            [text for _answer, text in views.entries],
            [self.answer_003.views, self.answer_000.views],
        )
        self.assertEqual(
            [c.heading for c in result.sections],
            [
                "Sammanfattning",
                "Bakgrund",
                "Ärendet",
                "Ärendets beredning",
                "Förvaltningens synpunkter och förslag",
            ],
        )
        (question,) = result.question_comparisons
        self.assertEqual(question.heading, "Vilket stöd behöver ni?")
        self.assertEqual(len(question.entries), 1)

    def test_it_finds_the_themes_of_the_seeds(self) -> None:
        result = compilation.build(self.consultation)
        found = {f.theme.key: {m.source.label for m in f.mentions} for f in result.found_themes}
        both = {"Hägersten-Älvsjö stadsdelsförvaltning", "Skärholmens stadsdelsförvaltning"}
        self.assertEqual(found["coordination"], both)
        self.assertEqual(found["single_plan"], both)
        self.assertEqual(found["information_material"], {"Hägersten-Älvsjö stadsdelsförvaltning"})
        self.assertEqual(found["training"], {"Hägersten-Älvsjö stadsdelsförvaltning"})
        self.assertEqual(found["target_group_knowledge"], {"Hägersten-Älvsjö stadsdelsförvaltning"})
        # From the answer to the question only:
        self.assertEqual(found["follow_up"], {"Hägersten-Älvsjö stadsdelsförvaltning"})
        # The undecided statement is not read.
        self.assertNotIn("Socialförvaltningen", set().union(*found.values()))


class ThemeLexiconTests(BaseTestCase):
    def source(self, path: Path) -> themes.Source:
        parsed = parse_statement(path.read_text())
        return themes.Source(
            parsed.diary_number,
            parsed.diary_number,
            [
                ("Synpunkter", parsed.sections["views"]),
                ("Sammanfattning", parsed.sections["summary"]),
            ],
        )

    def test_both_seeds_ask_the_coordinating_office_for_support(self) -> None:
        findings = {
            f.theme.key: f
            for f in themes.find_themes([self.source(SEED_000), self.source(SEED_003)])
        }
        coordination = findings["coordination"]
        self.assertEqual(coordination.count, 2)
        quotes = [quote for m in coordination.mentions for _h, quote in m.quotes]
        self.assertIn(
            "Förvaltningen ser positivt på att stadsledningskontoret avser att leda och samordna "
            "det gemensamma uppdraget, enligt förvaltningen är det en förutsättning för att "
            "nämnderna och bolagen ska kunna utveckla sitt arbete.",
            quotes,
        )
        self.assertTrue(
            any(q.startswith("Det är önskvärt att stadsledningskontoret bistår") for q in quotes)
        )
        self.assertEqual(
            [m.source.key for m in findings["information_material"].mentions], ["HÄ 2024/427"]
        )
        self.assertEqual([m.source.key for m in findings["training"].mentions], ["HÄ 2024/427"])
        self.assertEqual(findings["follow_up"].count, 0)

    def test_it_matches_word_stems_not_inside_words(self) -> None:
        training = next(t for t in themes.THEMES if t.key == "training")
        self.assertTrue(themes.mentions(training, "Vi önskar utbildningsinsatser."))
        self.assertTrue(themes.mentions(training, "Personalen behöver Utbildning."))
        self.assertFalse(themes.mentions(training, "Vidareutbildningen är klar."))
        coordination = next(t for t in themes.THEMES if t.key == "coordination")
        self.assertFalse(
            themes.mentions(coordination, "Stadsledningskontoret har skickat remissen.")
        )
        self.assertTrue(
            themes.mentions(coordination, "Stadsledningskontoret bör samordna arbetet.")
        )

    def test_it_splits_sentences_and_list_items(self) -> None:
        self.assertEqual(
            themes.sentences("Ett. Två stycken!\n• Tre\n\nFyra"),
            ["Ett.", "Två stycken!", "Tre", "Fyra"],
        )


class CompilationPageTests(CompilationTestCase):
    def test_it_shows_the_compilation_to_coordinators(self) -> None:
        response = self.client_for(self.coordinator).get(self.url)
        self.assertContains(
            response, "<h1>Remissammanställning: Program för mänskliga rättigheter</h1>", html=True
        )
        self.assertContains(response, "2 av 5 remissinstanser har svarat")
        self.assertContains(response, f'href="{self.answer_003.get_absolute_url()}"')
        self.assertContains(response, "Svar från Skärholmens stadsdelsförvaltning")
        self.assertContains(response, "2024-09-27")
        self.assertContains(response, "Skäl: Programmet berör inte bolagets verksamhet.")
        self.assertContains(response, "Försenad")
        self.assertContains(response, "Svaret är inte beslutat (Under attestering).")
        self.assertContains(response, "Endast beslutade svar räknas som svar")
        self.assertContains(response, "Samordning, ledning och stöd från stadsledningskontoret")
        self.assertContains(response, "2 av 2 svar nämner temat.")
        self.assertContains(response, "Informationsmaterial")
        self.assertContains(response, "exempelvis tar fram informationsmaterial och erbjuder")
        self.assertContains(response, "Vi behöver utbildning för chefer och uppföljning.")
        self.assertContains(response, "Svar per avsnitt")
        self.assertContains(
            response, 'href="/remisser/' + str(self.consultation.pk) + '/sammanstallning.pdf"'
        )

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        client = self.client_for(self.coordinator)
        with CaptureQueriesContext(connection) as before:
            client.get(self.url)
        for index in range(3):
            organisation = OrganisationFactory(
                name=f"Förvaltning {index}", kind="administration", parent=self.district
            )
            recipient = ConsultationRecipient.objects.create(
                consultation=self.consultation, organisation=organisation
            )
            answer_with_seed(recipient, SEED_003, 800 + index)
        with self.assertNumQueries(len(before.captured_queries)):
            response = client.get(self.url)
        self.assertContains(response, "5 av 8 remissinstanser har svarat")

    def test_it_refuses_members_of_recipients(self) -> None:
        for user in (self.editor, self.org_admin, self.approver, self.reader):
            for name in (
                "consultations-compilation",
                "consultations-compilation-pdf",
                "consultations-compilation-docx",
            ):
                response = self.client_for(user).get(reverse(name, args=[self.consultation.pk]))
                self.assertEqual(response.status_code, 403, (user, name))

    def test_it_hides_the_consultation_from_others(self) -> None:
        for user in (self.outsider, self.nobody):
            self.assertEqual(self.client_for(user).get(self.url).status_code, 404)
        missing = reverse("consultations-compilation", args=[999999])
        self.assertEqual(self.client_for(self.coordinator).get(missing).status_code, 404)

    def test_it_sends_anonymous_users_to_the_login_page(self) -> None:
        response = self.client_for(None).get(self.url)
        self.assertEqual(response.status_code, 302)

    def test_it_refuses_posts(self) -> None:
        self.assertEqual(self.client_for(self.coordinator).post(self.url).status_code, 405)


class CompilationDocumentTests(CompilationTestCase):
    def test_the_pdf_holds_answers_absentees_and_themes(self) -> None:
        from pypdf import PdfReader

        response = self.client_for(self.coordinator).get(
            reverse("consultations-compilation-pdf", args=[self.consultation.pk])
        )
        self.assertEqual(response["Content-Type"], "application/pdf")
        reader = PdfReader(io.BytesIO(response.content))
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
        for expected in (
            "Remissammanställning",
            "Program för mänskliga rättigheter",
            "Hägersten-Älvsjö stadsdelsförvaltning",
            "Skärholmens stadsdelsförvaltning",
            "Har inte svarat",
            "Stockholm Vatten AB",
            "Programmet berör inte bolagets verksamhet.",
            "Försenad",
            "Samordning, ledning och stöd från stadsledningskontoret: 2 av 2 svar",
            "Informationsmaterial: 1 av 2 svar",
            "Svar per remissfråga",
            "Vilket stöd behöver ni?",
            "Förvaltningens synpunkter och förslag",
        ):
            self.assertIn(expected, text)
        url = f"http://testserver{self.answer_003.get_absolute_url()}"
        self.assertIn(url, text.replace(" ", ""))  # long links wrap in the table

    def test_the_docx_holds_answers_absentees_and_themes(self) -> None:
        from docx import Document

        response = self.client_for(self.coordinator).get(
            reverse("consultations-compilation-docx", args=[self.consultation.pk])
        )
        self.assertIn("attachment", response["Content-Disposition"])
        document = Document(io.BytesIO(response.content))
        paragraphs = [p.text for p in document.paragraphs]
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        self.assertIn("Remissammanställning", paragraphs)
        self.assertIn("Program för mänskliga rättigheter", paragraphs)
        self.assertIn(
            "Samordning, ledning och stöd från stadsledningskontoret: 2 av 2 svar", paragraphs
        )
        self.assertTrue(any("erbjuder utbildningsinsatser" in p for p in paragraphs))
        self.assertIn("Stockholm Vatten AB", cells)
        self.assertIn("Programmet berör inte bolagets verksamhet.", cells)
        self.assertIn("Avstår", cells)
        self.assertIn("2024-09-27", cells)
        # Each paragraph of an answer is a paragraph of its own in the cell.
        self.assertIn(self.answer_000.views.replace("\n\n", "\n"), cells)
        self.assertIn("Vi behöver utbildning för chefer och uppföljning.", cells)
        self.assertIn(f"http://testserver{self.answer_003.get_absolute_url()}", cells)
