"""Uploads parsed in jobs: hostile files are refused with a Swedish message, within limits."""

import datetime
import io
import os
import time
import zipfile
from uuid import uuid4

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfWriter

from mrplan.jobs import runner
from mrplan.jobs.models import Job
from mrplan.planning.exports import activity_columns
from tests.jobs_support import run_queued_tasks
from tests.test_planning_import import ImportTestCase, xlsx


def zip_bomb(unpacked_bytes: int) -> bytes:
    """An .xlsx-looking zip whose worksheet inflates from a few kB to UNPACKED_BYTES."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<sheetData>" + b" " * unpacked_bytes)
    return buffer.getvalue()


def many_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class ImportLimitTests(ImportTestCase):
    def test_a_zip_bomb_xlsx_is_refused_before_openpyxl_opens_it(self) -> None:
        bomb = zip_bomb(60 * 1024 * 1024)
        self.assertLess(len(bomb), 200 * 1024)
        with self.assertNoLogs("mrplan.jobs.runner", level="ERROR"):
            response = self.preview(self.client_for(self.editor), bomb, name="bomb.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Filen packas upp till mer än 50 MB och kan inte läsas.")
        self.assertContains(response, "Försök igen med en annan fil")
        job = Job.objects.get()
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertFalse(job.input_file)

    @override_settings(MRPLAN_IMPORT_MAX_ROWS=10)
    def test_a_workbook_with_too_many_rows_is_refused(self) -> None:
        rows = [self.activity_row(None, title=f"Aktivitet {n}") for n in range(12)]
        response = self.preview(self.client_for(self.editor), xlsx(activity_columns(), rows))
        self.assertContains(response, "Filen har fler än 10 rader.")

    @override_settings(MRPLAN_IMPORT_MAX_CELLS=20)
    def test_a_workbook_with_too_many_cells_is_refused(self) -> None:
        rows = [self.activity_row(None, title=f"Aktivitet {n}") for n in range(3)]
        response = self.preview(self.client_for(self.editor), xlsx(activity_columns(), rows))
        self.assertContains(response, "Filen har fler än 20 celler.")

    def test_a_file_within_the_limits_reaches_the_preview(self) -> None:
        rows = [self.activity_row(None, title=f"Aktivitet {n}") for n in range(3)]
        response = self.preview(self.client_for(self.editor), xlsx(activity_columns(), rows))
        self.assertContains(response, "Aktivitet 2")
        self.assertContains(response, "Bekräfta och spara")


class StatementLimitTests(ImportTestCase):
    def test_a_pdf_with_too_many_pages_is_refused(self) -> None:
        client = self.client_for(self.editor)
        file = SimpleUploadedFile("stor.pdf", many_pages(250), content_type="application/pdf")
        response = client.post("/remisser/importera/", {"file": file})
        self.assertEqual(response.status_code, 302)
        run_queued_tasks()
        response = client.get(response["Location"])
        self.assertContains(response, "PDF-filen har 250 sidor; högst 200 sidor kan läsas.")


class StatusPageTests(ImportTestCase):
    def start(self) -> Job:
        return runner.job_start(
            kind="planning-import",
            owner=self.editor,
            params={"title": "Importera aktiviteter", "back_url": "/planering/"},
            input_bytes=b"id;title\n",
            input_suffix=".csv",
        )

    def test_it_shows_progress_and_an_update_link_without_javascript(self) -> None:
        job = self.start()
        runner.job_progress(job, 40)
        response = self.client_for(self.editor).get(reverse("jobs-status", args=[job.pk]))
        self.assertContains(response, "Jobbet väntar på sin tur.")
        self.assertContains(response, 'value="40"')
        self.assertContains(response, f'href="{reverse("jobs-status", args=[job.pk])}"')
        self.assertContains(response, "Uppdatera")
        self.assertNotContains(response, 'http-equiv="refresh"')
        self.assertIn("no-cache", response["Cache-Control"])

    def test_it_renders_in_english(self) -> None:
        job = self.start()
        response = self.client_for(self.editor).get(f"/en/jobb/{job.pk}/")
        self.assertContains(response, "Refresh")
        self.assertContains(response, "waiting for its turn")

    def test_only_the_user_who_started_the_job_sees_it(self) -> None:
        job = self.start()
        url = reverse("jobs-status", args=[job.pk])
        for user in (self.org_admin, self.coordinator, self.outsider):
            self.assertEqual(self.client_for(user).get(url).status_code, 404, user)
        self.assertEqual(self.client_for(None).get(url).status_code, 302)
        missing = reverse("jobs-status", args=[uuid4()])
        self.assertEqual(self.client_for(self.editor).get(missing).status_code, 404)
        download = reverse("jobs-download", args=[job.pk])
        self.assertEqual(self.client_for(self.editor).get(download).status_code, 404)

    def test_the_job_is_queued_in_the_same_transaction(self) -> None:
        job = self.start()
        task = DBTaskResult.objects.get()
        self.assertEqual(task.task_path, "mrplan.jobs.tasks.run_job")
        self.assertEqual(task.args_kwargs["args"], [str(job.pk)])


@runner.register("tests-slow")
def _slow(job: Job) -> None:
    try:
        while True:
            time.sleep(0.01)
    except Exception:  # noqa: S110 (a parser's broad except must not swallow the time limit)
        pass


class TimeLimitTests(ImportTestCase):
    @override_settings(MRPLAN_JOB_TIME_LIMIT_SECONDS=1)
    def test_a_job_past_its_time_limit_is_stopped_with_a_message(self) -> None:
        job = runner.job_start(kind="tests-slow", owner=self.editor)
        started = time.monotonic()
        run_queued_tasks()
        self.assertLess(time.monotonic() - started, 10)
        job.refresh_from_db()
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertEqual(job.message, "Filen tog för lång tid att läsa och avbröts.")
        # The worker goes on with the next job.
        self.assertEqual(DBTaskResult.objects.get().status, "SUCCESSFUL")

    def test_an_unexpected_error_is_logged_and_shown_as_a_plain_message(self) -> None:
        job = runner.job_start(kind="planning-import", owner=self.editor, params={})
        with self.assertLogs("mrplan.jobs.runner", level="ERROR"):
            run_queued_tasks()
        job.refresh_from_db()
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertIn("Något gick fel", job.message)


class PruneTests(ImportTestCase):
    def test_finished_jobs_and_their_files_are_deleted_after_the_keeping_time(self) -> None:
        old = runner.job_start(kind="tests-unknown", owner=self.editor, input_bytes=b"x")
        run_queued_tasks()
        old.refresh_from_db()
        self.assertEqual(old.status, Job.Status.FAILED)
        old.output_file.save("old.pdf", ContentFile(b"%PDF"), save=True)
        path = old.output_file.path
        fresh = runner.job_start(kind="tests-unknown", owner=self.editor)
        later = timezone.now() + datetime.timedelta(days=8)
        Job.objects.filter(pk=fresh.pk).update(finished_at=later - datetime.timedelta(days=1))
        self.assertEqual(runner.prune(now=later), 1)
        self.assertEqual(list(Job.objects.values_list("pk", flat=True)), [fresh.pk])
        self.assertFalse(os.path.exists(path))
