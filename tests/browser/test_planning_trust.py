"""An approved report stays as approved: sign-off, return, approval, then the plan changes.

The organisation turns on internal sign-off; the editor plans and submits T1; the approver
signs it off; SLK returns it with a comment; the editor resubmits, the approver signs off
again and SLK approves. Then the plan changes: the approved report and the compiled PDF
(with its cover, table of contents and charts) do not. axe-core checks every page.
"""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from mrplan.planning.models import Report, ReportSnapshot, ReportStatus
from tests.browser.conftest import AxeChecker
from tests.browser.test_planning_cycle import (
    ACTION_PLAN,
    ACTIVITY,
    FIRST_ANALYSIS,
    FIXED_ANALYSIS,
    GOAL,
    ORGANISATION,
    RETURN_COMMENT,
    SECOND_ACTIVITY,
    fill_report,
    h1,
    message,
    open_plan_from_start,
    open_report,
    plan_activity,
    plan_goal,
    plan_indicator,
    planning_year,
    report_status,
    sign_in,
    sign_out,
)
from tests.jobs_support import run_queued_tasks

LATE_ACTIVITY = "Aktivitet som läggs till efter godkännandet"
DIARY_NUMBER = "KS 2026/4711"


def sign_off(page: Page, base: str, year: int, check_a11y: AxeChecker) -> None:
    sign_in(page, base, "avdelningschef.ha", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=True)
    open_report(page, check_a11y)
    expect(report_status(page)).to_have_text("Väntar på intern attest")
    page.get_by_role("button", name="Attestera och skicka till samordnaren").click()
    message(page, "Rapporten är attesterad och skickad till samordnaren.")
    expect(report_status(page)).to_have_text("Inskickad")
    check_a11y(page)
    sign_out(page)


def compiled_pdf_text(page: Page, year: int) -> str:
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Planering").click()
    page.get_by_role("link", name=re.compile("Sammanställd uppföljning")).click()
    page.get_by_role("link", name=f"PDF – {ACTION_PLAN}, Tertialrapport 1 {year}").click()
    # The document is built in a background job: start it, let the worker run, download.
    page.get_by_role("button", name="Ta fram dokumentet").click()
    expect(page.get_by_role("link", name="Uppdatera")).to_be_visible()
    run_queued_tasks()
    page.get_by_role("link", name="Uppdatera").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Hämta sammanstallning-")).click()
    with open(download_info.value.path(), "rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_approved_report_and_the_compiled_pdf_stay_as_approved(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    year = planning_year()
    base = live_server.url

    # The organisation's administrator turns on internal sign-off.
    sign_in(page, base, "admin.ha", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=True)
    page.get_by_role("link", name="Intern attest av rapporter").click()
    expect(h1(page)).to_have_text("Intern attest")
    check_a11y(page)
    page.get_by_label(re.compile("Rapporterna attesteras inom organisationen")).check()
    page.get_by_role("button", name="Spara").click()
    message(page, "Inställningen för intern attest är sparad.")
    sign_out(page)

    # The editor plans and submits T1: it goes to the approver first.
    sign_in(page, base, "redaktor.ha", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=True)
    plan_goal(page, check_a11y)
    plan_activity(page, check_a11y, title=ACTIVITY, status="Pågår", progress="20")
    plan_activity(page, check_a11y, title=SECOND_ACTIVITY, status="Ej påbörjad", progress="0")
    plan_indicator(page, check_a11y)
    page.get_by_role("link", name=f"Påbörja rapporten Tertialrapport 1, {ACTION_PLAN}").click()
    page.get_by_role("button", name="Påbörja rapporten").click()
    fill_report(page, FIRST_ANALYSIS)
    page.get_by_role("button", name="Spara och skicka in").click()
    expect(report_status(page)).to_have_text("Väntar på intern attest")
    check_a11y(page)
    sign_out(page)

    sign_off(page, base, year, check_a11y)

    # SLK returns it with a comment; the editor fixes it and resubmits; the approver signs off.
    sign_in(page, base, "samordnare", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=False)
    open_report(page, check_a11y)
    page.get_by_role("link", name="Returnera med kommentar").click()
    page.get_by_label("Kommentar till organisationen").fill(RETURN_COMMENT)
    page.get_by_role("button", name="Returnera till organisationen").click()
    expect(report_status(page)).to_have_text("Returnerad")
    sign_out(page)

    sign_in(page, base, "redaktor.ha", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=True)
    open_report(page, check_a11y)
    expect(page.get_by_text(RETURN_COMMENT)).to_be_visible()
    page.get_by_role("region", name=f"Mål: {GOAL}").get_by_label("Analys").fill(FIXED_ANALYSIS)
    page.get_by_role("button", name="Spara och skicka in").click()
    expect(report_status(page)).to_have_text("Väntar på intern attest")
    sign_out(page)

    sign_off(page, base, year, check_a11y)

    # SLK writes its summary with the diary number and approves the report.
    sign_in(page, base, "samordnare", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=False)
    open_report(page, check_a11y)
    page.get_by_role("button", name="Godkänn rapporten").click()
    message(page, "Rapporten är godkänd och låst.")
    report_url = page.url
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Planering").click()
    page.get_by_role("link", name=re.compile("Sammanställd uppföljning")).click()
    page.get_by_role(
        "link", name=f"Sammanfattning och analys – {ACTION_PLAN}, Tertialrapport 1 {year}"
    ).click()
    check_a11y(page)
    page.get_by_label("Diarienummer").fill(DIARY_NUMBER)
    page.get_by_label("Sammanfattning").fill("Arbetet mot rasism går framåt.")
    page.get_by_role("button", name="Spara").click()
    before = compiled_pdf_text(page, year)
    sign_out(page)

    # The plan changes after approval.
    sign_in(page, base, "redaktor.ha", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=True)
    plan_activity(page, check_a11y, title=LATE_ACTIVITY, status="Pågår", progress="5")

    # The approved report does not change.
    page.goto(report_url)
    expect(report_status(page)).to_have_text("Godkänd")
    expect(page.get_by_text(FIXED_ANALYSIS)).to_be_visible()
    expect(page.get_by_text(LATE_ACTIVITY)).to_have_count(0)
    expect(page.get_by_text(re.compile("visas som den var när den godkändes"))).to_be_visible()
    check_a11y(page)
    sign_out(page)

    # Nor does the compiled PDF, which has a cover, a table of contents and charts.
    sign_in(page, base, "samordnare", check_a11y)
    after = compiled_pdf_text(page, year)
    assert LATE_ACTIVITY not in after
    assert re.sub(r"Datum: \S+", "", after) == re.sub(r"Datum: \S+", "", before)
    assert f"Diarienummer: {DIARY_NUMBER}" in after
    assert "Innehåll" in after and "Organisationernas rapporter ...." in after
    assert "Hela handlingsplanen" in after  # a label of the progress chart
    assert ACTIVITY in after and GOAL in after

    report = Report.objects.get(organisation__name=ORGANISATION, period__code="T1")
    assert report.status == ReportStatus.APPROVED
    assert ReportSnapshot.objects.filter(report=report).count() == 1
    assert timezone.localdate().year == year
