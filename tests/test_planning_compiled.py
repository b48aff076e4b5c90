"""The compiled follow-up report for KS: PDF and Word per action plan and period."""

import datetime
import io
import zipfile
from decimal import Decimal
from typing import Any
from unittest import mock

import docx
import pypdf
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mrplan.jobs.models import Job
from mrplan.planning.compiled import Compilation, compile_report
from mrplan.planning.documents import _refuse_fetch, render_html
from mrplan.planning.models import (
    ActivityStatus,
    ActivityUpdate,
    CompiledReportText,
    GoalAnalysis,
    Indicator,
    IndicatorValue,
    Report,
    ReportSnapshot,
    ReportStatus,
)
from mrplan.planning.snapshots import snapshot_create
from tests.factories import OrganisationFactory, TargetGroupFactory
from tests.jobs_support import run_queued_tasks
from tests.test_planning_support import PlanningTestCase


def squash(text: str) -> str:
    """Drop all whitespace, so that words wrapped in table cells still match."""
    return "".join(text.split())


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return squash(" ".join(page.extract_text() for page in reader.pages))


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return squash(" ".join(parts))


class CompiledReportTestCase(PlanningTestCase):
    def setUp(self) -> None:
        self.unreached = TargetGroupFactory(name="Antisemitism")
        # Hägersten-Älvsjö: an approved T1 report.
        self.goal = self.make_goal(title="Medarbetare har kunskap om rasism")
        self.indicator = self.make_indicator(
            self.goal,
            unit="procent",
            baseline_value=Decimal("20"),
            baseline_year=2025,
            target_value=Decimal("80"),
            target_year=2028,
        )
        self.training = self.make_activity(self.goal, title="Utbildning för alla chefer")
        self.training.target_groups.set([self.target_group])
        self.survey = self.make_activity(
            self.goal,
            title="Kartläggning av bemötande",
            status=ActivityStatus.DELAYED,
            progress=10,
        )
        report = self.make_report("T1")
        ActivityUpdate.objects.filter(report=report, activity=self.training).update(
            status=ActivityStatus.COMPLETED, progress=100, comment="Alla chefer är utbildade."
        )
        IndicatorValue.objects.update_or_create(
            report=report, indicator=self.indicator, category="", defaults={"value": 55}
        )
        GoalAnalysis.objects.update_or_create(
            report=report, goal=self.goal, defaults={"text": "Utbildningen har gått bra."}
        )
        report.status = ReportStatus.APPROVED
        report.save(update_fields=["status"])
        snapshot_create(report=report, actor=self.coordinator)
        # Kulturförvaltningen: a submitted report, not yet approved.
        other_goal = self.make_goal(self.other_org, title="Biblioteken motverkar rasism")
        self.other_indicator = self.make_indicator(other_goal, name="Antal bokprat")
        self.make_activity(other_goal, title="Bokprat om rasism", progress=30)
        other_report = self.make_report("T1", organisation=self.other_org)
        IndicatorValue.objects.update_or_create(
            report=other_report,
            indicator=self.other_indicator,
            category="",
            defaults={"value": 987},
        )
        other_report.status = ReportStatus.SUBMITTED
        other_report.save(update_fields=["status"])

    def url(self, extension: str, *, slug: str = "", year: int = 2026, code: str = "T1") -> str:
        return reverse(
            f"planning-compiled-{extension}",
            args=[slug or self.action_plan.slug, year, code],
        )

    def build(self, extension: str) -> bytes:
        """Ask for the compiled report as a coordinator, let the worker build it, return it."""
        client = self.client_for(self.coordinator)
        started = client.post(self.url(extension))
        self.assertEqual(started.status_code, 302)
        self.assertEqual(run_queued_tasks(), 1)
        job = Job.objects.latest("created_at")
        response = client.get(reverse("jobs-download", args=[job.pk]))
        self.assertEqual(response.status_code, 200)
        return b"".join(response.streaming_content)


class CompiledDocumentsTest(CompiledReportTestCase):
    def download(self, extension: str, **kwargs: Any) -> Any:
        """Ask for the document, let the worker build it, and download it from the job page."""
        client = self.client_for(self.coordinator)
        url = self.url(extension, **kwargs)
        self.assertContains(client.get(url), "Ta fram dokumentet")
        response = client.post(url)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(run_queued_tasks(), 1)
        status = client.get(response["Location"])
        job = Job.objects.get()
        download = reverse("jobs-download", args=[job.pk])
        self.assertContains(status, download)
        return client.get(download)

    def assert_contents(self, text: str) -> None:
        for expected in [
            "Handlingsplan mot rasism",
            self.periods["T1"].name,
            "Hägersten-Älvsjö stadsdelsförvaltning",
            "Kulturförvaltningen",
            "Godkänd",
            "Inskickad",
            "Medarbetare har kunskap om rasism",
            "Utbildning för alla chefer",
            "Genomförd",
            "Försenad",
            "Alla chefer är utbildade.",
            "Utbildningen har gått bra.",
            "Andel chefer som gått utbildningen",
            "55",
            "80",
            "Afrofobi",
            "Antisemitism",
            "bara från godkända rapporter",
            "Organisationer som inte har rapporterat",
        ]:
            self.assertIn(squash(expected), text)
        # Only approved reports' values: the submitted report's value is left out.
        self.assertNotIn("987", text)

    def test_it_gives_a_coordinator_the_pdf(self) -> None:
        response = self.download("pdf")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn(".pdf", response["Content-Disposition"])
        self.assert_contents(pdf_text(b"".join(response.streaming_content)))

    def test_it_gives_a_coordinator_the_word_document(self) -> None:
        response = self.download("docx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("wordprocessingml", response["Content-Type"])
        self.assert_contents(docx_text(b"".join(response.streaming_content)))

    def test_it_accepts_the_period_code_in_lower_case(self) -> None:
        response = self.download("docx", code="t1")
        self.assertEqual(response.status_code, 200)

    def test_it_refuses_an_editor(self) -> None:
        for extension in ("pdf", "docx"):
            response = self.client_for(self.editor).get(self.url(extension))
            self.assertEqual(response.status_code, 403)
            response = self.client_for(self.editor).post(self.url(extension))
            self.assertEqual(response.status_code, 403)
        self.assertFalse(Job.objects.exists())

    def test_it_sends_an_anonymous_visitor_to_the_login_page(self) -> None:
        response = self.client.get(self.url("pdf"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse(settings.LOGIN_URL), response["Location"])

    def test_the_start_page_costs_the_same_queries_for_few_and_many_reports(self) -> None:
        client = self.client_for(self.coordinator)
        with CaptureQueriesContext(connection) as few:
            self.assertContains(client.get(self.url("pdf")), "Ta fram dokumentet")
        for index in range(3):
            organisation = OrganisationFactory(kind="district_committee", name=f"Ny nämnd {index}")
            self.make_activity(self.make_goal(organisation, title=f"Mål {index}"))
            self.make_report("T1", organisation=organisation, status=ReportStatus.APPROVED)
        with CaptureQueriesContext(connection) as many:
            self.assertContains(client.get(self.url("pdf")), "Ta fram dokumentet")
        self.assertEqual(len(many), len(few))
        # The page only offers the job; the job reads the reports and their snapshots.
        read = [q["sql"] for q in many.captured_queries]
        self.assertFalse([sql for sql in read if '"planning_report"' in sql])
        self.assertFalse([sql for sql in read if '"planning_reportsnapshot"' in sql])

    def test_it_answers_404_for_an_unknown_plan_year_or_period(self) -> None:
        client = self.client_for(self.coordinator)
        for url in [
            self.url("pdf", slug="finns-inte"),
            self.url("docx", year=2031),
            self.url("pdf", code="T9"),
        ]:
            self.assertEqual(client.get(url).status_code, 404, url)


class CompiledJobProgressTest(CompiledReportTestCase):
    """The document is built by a background job whose progress the status page shows."""

    def start(self, extension: str = "pdf") -> Job:
        response = self.client_for(self.coordinator).post(self.url(extension))
        self.assertEqual(response.status_code, 302)
        return Job.objects.get()

    def test_the_job_reports_progress_while_it_renders_the_pdf(self) -> None:
        from mrplan.jobs import runner
        from mrplan.planning import jobs as planning_jobs

        job = self.start()
        self.assertEqual((job.status, job.progress), (Job.Status.QUEUED, 0))
        seen: list[tuple[int, int]] = []

        def record(job_: Job, percent: int) -> None:
            runner.job_progress(job_, percent)
            # What the status page would read at this moment, from the database.
            seen.append((percent, Job.objects.get(pk=job_.pk).progress))

        with mock.patch.object(planning_jobs, "job_progress", record):
            self.assertEqual(run_queued_tasks(), 1)
        percents = [percent for percent, _stored in seen]
        self.assertEqual(percents, sorted(percents))
        self.assertEqual(len(set(percents)), len(percents))
        self.assertEqual([stored for _percent, stored in seen], percents)
        # Steps inside the rendering (HTML ready, pages laid out), not only before and after.
        self.assertTrue(any(15 < percent < 95 for percent in percents), percents)
        self.assertEqual(percents[-1], 95)
        job.refresh_from_db()
        self.assertEqual((job.status, job.progress), (Job.Status.DONE, 100))

    def test_the_word_document_reports_progress_too(self) -> None:
        job = self.start("docx")
        self.assertEqual(run_queued_tasks(), 1)
        job.refresh_from_db()
        self.assertEqual((job.status, job.progress), (Job.Status.DONE, 100))

    def test_the_status_page_shows_how_far_a_running_job_has_come(self) -> None:
        job = self.start()
        Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=71)
        page = self.client_for(self.coordinator).get(reverse("jobs-status", args=[job.pk]))
        self.assertContains(page, "71 procent klart")
        self.assertContains(page, 'value="71"')
        self.assertNotContains(page, reverse("jobs-download", args=[job.pk]))

    def test_another_user_does_not_see_the_job(self) -> None:
        job = self.start()
        page = self.client_for(self.editor).get(reverse("jobs-status", args=[job.pk]))
        self.assertEqual(page.status_code, 404)

    def test_the_start_page_does_not_compile_the_report(self) -> None:
        with mock.patch("mrplan.planning.compiled.compile_report") as compile_report_:
            page = self.client_for(self.coordinator).get(self.url("pdf"))
        self.assertContains(page, "Ta fram dokumentet")
        compile_report_.assert_not_called()


class CompilationDataTest(CompiledReportTestCase):
    def compilation(self) -> Compilation:
        return compile_report(
            action_plan=self.action_plan,
            period=self.periods["T1"],
            today=datetime.date(2026, 6, 1),
        )

    def test_the_pdf_refers_to_nothing_outside_the_document(self) -> None:
        html = render_html(self.compilation())
        self.assertNotIn("http:", html)
        self.assertNotIn("https:", html)
        self.assertNotIn("url(", html)
        with self.assertRaises(ValueError):
            _refuse_fetch("https://example.com/font.ttf")

    def test_it_uses_the_approved_report_and_the_plan_otherwise(self) -> None:
        compilation = self.compilation()
        sections = {section.organisation.name: section for section in compilation.organisations}
        own = sections["Hägersten-Älvsjö stadsdelsförvaltning"]
        other = sections["Kulturförvaltningen"]
        self.assertTrue(own.approved)
        self.assertFalse(other.approved)
        statuses = {entry.activity.title: entry.status for entry in own.activities}
        self.assertEqual(statuses["Utbildning för alla chefer"], ActivityStatus.COMPLETED)
        self.assertEqual(own.goals[0].indicators[0].value, Decimal("55"))
        self.assertEqual(own.goals[0].analysis, "Utbildningen har gått bra.")
        # Not approved: listed with its status, no live values.
        self.assertEqual(other.goals, [])
        self.assertEqual(other.activities, [])
        self.assertEqual(other.status_label, "Inskickad")
        self.assertEqual(compilation.not_reported, [other])
        counts = {value: count for value, _label, count in compilation.status_counts}
        self.assertEqual(counts[ActivityStatus.COMPLETED], 1)
        self.assertEqual(counts[ActivityStatus.DELAYED], 1)
        self.assertEqual(counts[ActivityStatus.ONGOING], 0)
        self.assertEqual([group.name for group, _count in compilation.reached], ["Afrofobi"])
        self.assertIn(self.unreached, compilation.not_reached)
        # (100 + 10) / 2 for Hägersten-Älvsjö; Kulturförvaltningen has no approved report.
        self.assertEqual(own.rollup.percent, 55)
        self.assertEqual(compilation.rollup.percent, 55)

    def test_it_says_when_a_report_is_late(self) -> None:
        period = self.periods["T1"]
        Report.objects.filter(organisation=self.other_org).update(status=ReportStatus.DRAFT)
        compilation = compile_report(
            action_plan=self.action_plan,
            period=period,
            today=period.deadline + datetime.timedelta(days=1),
        )
        labels = {
            section.organisation: section.status_label for section in compilation.organisations
        }
        self.assertEqual(labels[self.other_org], "Utkast (sista dagen har passerat)")
        self.assertEqual(labels[self.org], "Godkänd")

    def test_it_costs_the_same_number_of_queries_at_two_data_sizes(self) -> None:
        def count() -> int:
            with CaptureQueriesContext(connection) as context:
                self.compilation()
            return len(context.captured_queries)

        small = count()
        for number in range(5):
            goal = self.make_goal(self.other_org, title=f"Mål {number}")
            self.make_indicator(goal, name=f"Indikator {number}")
            activity = self.make_activity(goal, title=f"Aktivitet {number}")
            activity.target_groups.set([self.unreached])
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 10)

    def test_a_report_approved_before_snapshots_is_read_as_it_stands(self) -> None:
        ReportSnapshot.objects.all().delete()
        own = next(s for s in self.compilation().organisations if s.organisation == self.org)
        self.assertEqual(own.goals[0].indicators[0].value, Decimal("55"))


class CompiledListTest(CompiledReportTestCase):
    def test_it_lists_the_compilations_for_a_coordinator(self) -> None:
        client = self.client_for(self.coordinator)
        # Session, user, roles, action plans, periods.
        with self.assertNumQueries(5):
            response = client.get(reverse("planning-compiled-list"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.url("pdf"))
        self.assertContains(response, self.url("docx"))

    def test_it_refuses_an_editor(self) -> None:
        response = self.client_for(self.editor).get(reverse("planning-compiled-list"))
        self.assertEqual(response.status_code, 403)

    def test_it_sends_an_anonymous_visitor_to_the_login_page(self) -> None:
        response = self.client.get(reverse("planning-compiled-list"))
        self.assertEqual(response.status_code, 302)

    def test_the_year_list_links_to_it_for_coordinators_only(self) -> None:
        link = reverse("planning-compiled-list")
        response = self.client_for(self.coordinator).get(reverse("planning-year-list"))
        self.assertContains(response, link)
        response = self.client_for(self.editor).get(reverse("planning-year-list"))
        self.assertNotContains(response, link)


class CompiledForKsTest(CompiledReportTestCase):
    def text_url(self) -> str:
        return reverse("planning-compiled-text", args=[self.action_plan.slug, 2026, "T1"])

    def write_text(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.text_url(),
            {
                "diary_number": "KS 2026/123",
                "summary": "Arbetet går framåt i de flesta förvaltningar.",
                "analysis": "Stadsledningskontoret bedömer att målgruppen samer behöver nås.",
            },
        )
        self.assertEqual(response.status_code, 302)

    def test_a_coordinator_writes_the_summary_and_it_is_audited(self) -> None:
        self.write_text()
        text = CompiledReportText.objects.get()
        self.assertEqual(text.diary_number, "KS 2026/123")
        self.assertEqual(self.events_for(text)[0].actor, self.coordinator)

    def test_others_cannot_write_it(self) -> None:
        for user in (self.editor, self.org_admin, self.reader):
            response = self.client_for(user).post(self.text_url(), {"summary": "X"})
            self.assertEqual(response.status_code, 403)
        self.assertFalse(CompiledReportText.objects.exists())

    def test_the_pdf_has_a_cover_contents_summary_charts_and_who_did_not_report(self) -> None:
        self.write_text()
        html = render_html(
            compile_report(
                action_plan=self.action_plan,
                period=self.periods["T1"],
                today=datetime.date(2026, 6, 1),
            )
        )
        self.assertEqual(html.count('<svg role="img"'), 2)
        self.assertIn("target-counter(attr(href), page)", html)
        text = pdf_text(self.build("pdf"))
        for expected in [
            "Diarienummer: KS 2026/123",
            "Innehåll",
            "Arbetet går framåt i de flesta förvaltningar.",
            "Stadsledningskontorets analys",
            "Organisationer som inte har rapporterat",
            "Kulturförvaltningen: Inskickad",
            "Hela handlingsplanen 55 %",  # a label of the progress chart
            "Sida 2",
        ]:
            self.assertIn(squash(expected), text)

    def test_the_word_document_has_the_same_parts(self) -> None:
        self.write_text()
        content = self.build("docx")
        text = docx_text(content)
        for expected in [
            "Diarienummer: KS 2026/123",
            "Innehåll",
            "Stadsledningskontorets analys",
            "Kulturförvaltningen: Inskickad",
        ]:
            self.assertIn(squash(expected), text)
        self.assertIn(b"TOC", zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml"))


class CompiledNumbersTest(CompiledReportTestCase):
    def compilation(self) -> Compilation:
        return compile_report(
            action_plan=self.action_plan, period=self.periods["T1"], today=datetime.date(2026, 6, 1)
        )

    def test_numbers_follow_the_indicators_decimals_as_approved(self) -> None:
        # Approved with decimals=2: baseline 20, target 80 and value 55 show two decimals,
        # and a later change of the live indicator does not reach the approved report.
        html = render_html(self.compilation())
        self.assertIn("55,00", html)
        self.assertIn("80,00", html)
        Indicator.objects.filter(pk=self.indicator.pk).update(decimals=0)
        self.assertIn("55,00", render_html(self.compilation()))

    def test_a_report_approved_with_no_decimals_shows_whole_numbers(self) -> None:
        report = Report.objects.get(organisation=self.org, period=self.periods["T1"])
        Indicator.objects.filter(pk=self.indicator.pk).update(decimals=0)
        report.snapshots.all().delete()
        snapshot_create(report=report, actor=self.coordinator)
        html = render_html(self.compilation())
        self.assertNotIn("55,00", html)
        self.assertNotIn("80,00", html)
        self.assertIn(">55<", squash(html))
