"""The planning cycle walked by real users in a browser, through the UI only.

An editor plans a goal with activities and an indicator, fills and submits the T1 report;
the organisation's approver signs it off internally; the coordinator comments on one
activity and returns it with a comment; the editor fixes and resubmits, the approver signs
off again; the coordinator approves it; the city-wide view and the compiled PDF (cover,
contents, charts) show it. Then the plan changes, and the approved report and the compiled
PDF stay as approved; next year's plan is started from this year's. axe-core checks every
page.
"""

import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from mrplan.accounts.models import User
from mrplan.core.models import AuditEvent
from mrplan.demo import users as account_demo
from mrplan.organisations.models import Organisation
from mrplan.planning.actions import planning_year_create, sign_off_setting_update
from mrplan.planning.demo import HAGERSTEN_ALVSJO
from mrplan.planning.models import PlanningYear, Report, ReportStatus
from tests.browser.conftest import AxeChecker, login
from tests.browser.test_crawl import load_demo_data
from tests.jobs_support import run_queued_tasks

PASSWORD = account_demo.DEMO_PASSWORD
ORGANISATION = "Hägersten-Älvsjö stadsdelsförvaltning"
ACTION_PLAN = "Handlingsplan mot rasism"
AREA = "Öka kunskapen om rasism och diskriminering"
GOAL = "Personalen i Hägersten-Älvsjö känner igen och motverkar rasism"
ACTIVITY = "Utbildning om afrofobi för fritidsgårdarna"
SECOND_ACTIVITY = "Samtal om antiziganism med föräldrar"
MILESTONE = "Första utbildningsdagen genomförd"
INDICATOR = "Andel utbildade medarbetare"
FIRST_ANALYSIS = "Utbildningen har börjat enligt plan."
RETURN_COMMENT = "Analysen behöver säga vad ni gör åt förseningen av samtalen."
ACTIVITY_COMMENT = "Ange när samtalen ska hållas."
RENAMED_ACTIVITY = "Samtal om antiziganism med föräldrar och elever"
FIXED_ANALYSIS = (
    "Utbildningen har börjat enligt plan. Samtalen är försenade eftersom lokalen saknades; "
    "de flyttas till hösten."
)


def planning_year() -> int:
    """Set up this year's cycle with its four periods, all open (T1 among them), next year's,
    and the internal sign-off for Hägersten-Älvsjö."""
    load_demo_data()
    year = timezone.localdate().year
    coordinator = User.objects.get(username="samordnare")
    for wanted in (year, year + 1):
        if not PlanningYear.objects.filter(year=wanted).exists():
            planning_year_create(actor=coordinator, year=wanted)
    assert PlanningYear.objects.get(year=year).periods.get(code="T1").is_open
    sign_off_setting_update(
        actor=coordinator,
        organisation=Organisation.objects.get(slug=HAGERSTEN_ALVSJO),
        required=True,
    )
    return year


def sign_off_from_my_tasks(page: Page, base: str, check_a11y: AxeChecker) -> None:
    """The organisation's approver signs in, lands on Mina uppgifter and signs the report off."""
    login(page, base, "avdelningschef.ha", PASSWORD)
    expect(h1(page)).to_have_text("Mina uppgifter")
    check_a11y(page)
    tasks = page.get_by_role("region", name="Rapporter att attestera internt")
    tasks.get_by_role("link", name=f"{ORGANISATION}: {ACTION_PLAN}").click()
    expect(report_status(page)).to_have_text("Väntar på intern attest")
    check_a11y(page)
    page.get_by_role("button", name="Attestera och skicka till samordnaren").click()
    message(page, "Rapporten är attesterad och skickad till samordnaren.")
    expect(report_status(page)).to_have_text("Inskickad")
    check_a11y(page)
    sign_out(page)


def compiled_pdf_text(page: Page, year: int, check_a11y: AxeChecker) -> str:
    """As the coordinator, build the compiled T1 PDF for the racism plan; return its text."""
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Planering").click()
    page.get_by_role("link", name=re.compile("Sammanställd uppföljning")).click()
    expect(h1(page)).to_have_text("Sammanställd uppföljning")
    check_a11y(page)
    page.get_by_role("link", name=f"PDF – {ACTION_PLAN}, Tertialrapport 1 {year}").click()
    check_a11y(page)
    page.get_by_role("button", name="Ta fram dokumentet").click()
    # The document is built by a worker; the status page offers it when ready.
    expect(page.get_by_role("link", name="Uppdatera")).to_be_visible()
    check_a11y(page)
    run_queued_tasks()
    page.get_by_role("link", name="Uppdatera").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Hämta sammanstallning-")).click()
    check_a11y(page)
    download = download_info.value
    assert download.suggested_filename.endswith(f"-{year}-t1.pdf")
    with open(download.path(), "rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def message(page: Page, text: str) -> None:
    """Expect TEXT among the messages shown after a redirect."""
    expect(page.get_by_role("status").get_by_text(text, exact=True)).to_be_visible()


def sign_in(page: Page, base_url: str, username: str, check_a11y: AxeChecker) -> None:
    """Sign in and go to the planning start page through the main menu."""
    login(page, base_url, username, PASSWORD)
    check_a11y(page)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Planering").click()
    expect(h1(page)).to_have_text("Planering och uppföljning")
    check_a11y(page)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("link", name="Logga in", exact=True)).to_be_visible()


def open_plan_from_start(page: Page, year: int, check_a11y: AxeChecker, *, own: bool) -> None:
    """From the planning start page, open the organisation's plan for YEAR."""
    name = f"{ORGANISATION}, plan {year}" if own else ORGANISATION
    page.get_by_role("link", name=name, exact=True).click()
    expect(h1(page)).to_have_text(f"Plan {year}: {ORGANISATION}")
    check_a11y(page)


def open_report(page: Page, check_a11y: AxeChecker) -> None:
    """From the plan page, open the T1 report on the racism plan."""
    reports = page.get_by_role("table", name=re.compile("Organisationens rapporter"))
    name = re.compile(rf"^Tertialrapport 1\s*, {ACTION_PLAN}$")
    reports.get_by_role("link", name=name).click()
    expect(h1(page)).to_contain_text(f"Tertialrapport 1 {timezone.localdate().year}")
    check_a11y(page)


def report_status(page: Page) -> Locator:
    return page.locator("dl.facts .badge").first


def plan_goal(page: Page, check_a11y: AxeChecker) -> None:
    page.get_by_role("link", name="Nytt mål", exact=True).click()
    expect(h1(page)).to_have_text("Nytt mål")
    check_a11y(page)
    page.get_by_label("Titel").fill(GOAL)
    page.get_by_label("Beskrivning").fill("Alla som möter barn och unga vet hur rasism yttrar sig.")
    page.get_by_label(f"{ACTION_PLAN}: {AREA}", exact=True).check()
    page.get_by_role("group", name="Målgrupper").get_by_label("Afrofobi", exact=True).check()
    page.get_by_role("button", name="Lägg till målet").click()
    message(page, "Målet är tillagt.")
    goal = page.get_by_role("region", name=GOAL)
    expect(goal.get_by_role("link", name=AREA)).to_be_visible()
    check_a11y(page)


def plan_activity(
    page: Page,
    check_a11y: AxeChecker,
    *,
    title: str,
    status: str,
    progress: str,
    milestone: tuple[str, str] | None = None,
) -> None:
    year = timezone.localdate().year
    page.get_by_role("link", name=f"Ny aktivitet under målet {GOAL}").click()
    expect(h1(page)).to_have_text("Ny aktivitet")
    check_a11y(page)
    expect(page.get_by_label("Mål", exact=True)).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Startdatum").fill(f"{year}-01-15")
    page.get_by_label("Slutdatum").fill(f"{year}-12-15")
    page.get_by_label("Status").select_option(label=status)
    page.get_by_label("Framdrift (procent)").fill(progress)
    if milestone is not None:
        first = page.get_by_role("group", name="Delmål 1")
        first.get_by_label("Datum").fill(milestone[0])
        first.get_by_label("Delmål", exact=True).fill(milestone[1])
    page.get_by_role("button", name="Lägg till aktiviteten").click()
    message(page, "Aktiviteten är tillagd.")
    expect(page.get_by_role("region", name=GOAL).get_by_role("row", name=title)).to_be_visible()
    check_a11y(page)


def plan_indicator(page: Page, check_a11y: AxeChecker) -> None:
    year = timezone.localdate().year
    page.get_by_role("link", name=f"Ny indikator för {GOAL}").click()
    expect(h1(page)).to_have_text("Ny indikator")
    check_a11y(page)
    page.get_by_label("Namn").fill(INDICATOR)
    page.get_by_label("Enhet").fill("procent")
    page.get_by_label("Riktning").select_option(label="Högre är bättre")
    page.get_by_label("Utgångsvärde").fill("10")
    page.get_by_label("Utgångsår").fill(str(year - 1))
    page.get_by_label("Målvärde").fill("80")
    page.get_by_label("Målår").fill(str(year))
    page.get_by_role("button", name="Lägg till indikatorn").click()
    message(page, "Indikatorn är tillagd.")
    indicators = page.get_by_role("table", name=f"Indikatorer för målet {GOAL}")
    expect(indicators).to_contain_text(INDICATOR)
    check_a11y(page)


def fill_report(page: Page, analysis: str) -> None:
    first = page.get_by_role("group", name=ACTIVITY, exact=True)
    first.get_by_label("Status").select_option(label="Pågår")
    first.get_by_label("Framdrift (procent)").fill("40")
    first.get_by_label("Kommentar").fill("Två av fem fritidsgårdar är klara.")
    second = page.get_by_role("group", name=SECOND_ACTIVITY, exact=True)
    second.get_by_label("Status").select_option(label="Försenad")
    second.get_by_label("Framdrift (procent)").fill("10")
    second.get_by_label("Kommentar").fill("Lokalen saknades i våras.")
    page.get_by_role("group", name=f"{INDICATOR} (procent)").get_by_label("Totalt").fill("35")
    page.get_by_role("region", name=f"Mål: {GOAL}").get_by_label("Analys").fill(analysis)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_report_goes_from_plan_to_approval_and_into_the_city_wide_view_and_pdf(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    year = planning_year()
    base = live_server.url

    # The editor plans a goal with two activities and an indicator.
    sign_in(page, base, "redaktor.ha", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=True)
    plan_goal(page, check_a11y)
    plan_activity(
        page,
        check_a11y,
        title=ACTIVITY,
        status="Pågår",
        progress="20",
        milestone=(f"{year}-03-31", MILESTONE),
    )
    expect(page.get_by_role("row", name=ACTIVITY).filter(has_text=MILESTONE)).to_have_count(1)
    plan_activity(page, check_a11y, title=SECOND_ACTIVITY, status="Ej påbörjad", progress="0")
    plan_indicator(page, check_a11y)

    # ... starts the T1 report for the racism plan, fills it in and submits it.
    page.get_by_role("link", name=f"Påbörja rapporten Tertialrapport 1, {ACTION_PLAN}").click()
    expect(h1(page)).to_have_text("Ny rapport")
    expect(page.get_by_label("Handlingsplan")).to_have_value(re.compile(r"\d+"))
    check_a11y(page)
    page.get_by_role("button", name="Påbörja rapporten").click()
    message(page, "Rapporten är påbörjad med aktiviteternas status och de senaste värdena.")
    expect(h1(page)).to_have_text(f"Tertialrapport 1 {year}: {ACTION_PLAN}")
    expect(report_status(page)).to_have_text("Utkast")
    check_a11y(page)
    fill_report(page, FIRST_ANALYSIS)
    page.get_by_role("button", name="Spara och skicka in").click()
    expect(report_status(page)).to_have_text("Väntar på intern attest")
    expect(page.get_by_role("button", name="Spara och skicka in")).to_have_count(0)
    check_a11y(page)
    sign_out(page)

    # The organisation's approver signs it off; it goes on to the coordinator.
    sign_off_from_my_tasks(page, base, check_a11y)

    # The coordinator comments on one activity and returns the report with a comment.
    sign_in(page, base, "samordnare", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=False)
    open_report(page, check_a11y)
    expect(page.get_by_text(FIRST_ANALYSIS)).to_be_visible()
    page.get_by_role("link", name="Kommentera ett mål eller en aktivitet").click()
    expect(h1(page)).to_have_text("Kommentera ett mål eller en aktivitet")
    check_a11y(page)
    page.get_by_label("Mål eller aktivitet").select_option(label=f"Aktivitet: {SECOND_ACTIVITY}")
    page.get_by_role("textbox", name=re.compile(r"^Kommentar")).fill(ACTIVITY_COMMENT)
    page.get_by_role("button", name="Spara kommentaren").click()
    message(page, "Kommentaren är sparad och visas för organisationen.")
    check_a11y(page)
    page.get_by_role("link", name="Returnera med kommentar").click()
    expect(h1(page)).to_have_text("Returnera rapporten")
    check_a11y(page)
    page.get_by_role("button", name="Returnera till organisationen").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv en kommentar")
    check_a11y(page)
    page.get_by_label("Kommentar till organisationen").fill(RETURN_COMMENT)
    page.get_by_role("button", name="Returnera till organisationen").click()
    message(page, "Rapporten är returnerad till organisationen.")
    expect(report_status(page)).to_have_text("Returnerad")
    check_a11y(page)
    sign_out(page)

    # The editor sees the comment, fixes the analysis and submits again.
    sign_in(page, base, "redaktor.ha", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=True)
    open_report(page, check_a11y)
    expect(report_status(page)).to_have_text("Returnerad")
    comment = page.locator(".panel").filter(
        has=page.get_by_role("heading", name="Kommentar från samordnaren")
    )
    expect(comment).to_contain_text(RETURN_COMMENT)
    expect(page.get_by_role("region", name="Kommentarer på mål och aktiviteter")).to_contain_text(
        f"Aktivitet: {SECOND_ACTIVITY}: {ACTIVITY_COMMENT}"
    )
    analysis = page.get_by_role("region", name=f"Mål: {GOAL}").get_by_label("Analys")
    expect(analysis).to_have_value(FIRST_ANALYSIS)
    expect(
        page.get_by_role("group", name=f"{INDICATOR} (procent)").get_by_label("Totalt")
    ).to_have_value("35,00")
    analysis.fill(FIXED_ANALYSIS)
    page.get_by_role("button", name="Spara och skicka in").click()
    expect(report_status(page)).to_have_text("Väntar på intern attest")
    check_a11y(page)
    sign_out(page)
    sign_off_from_my_tasks(page, base, check_a11y)

    # The coordinator approves it, which locks it.
    sign_in(page, base, "samordnare", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=False)
    open_report(page, check_a11y)
    expect(page.get_by_text(FIXED_ANALYSIS)).to_be_visible()
    page.get_by_role("button", name="Godkänn rapporten").click()
    message(page, "Rapporten är godkänd och låst.")
    expect(report_status(page)).to_have_text("Godkänd")
    expect(page.get_by_role("button", name="Spara utkast")).to_have_count(0)
    expect(page.get_by_role("button", name="Spara och skicka in")).to_have_count(0)
    expect(page.get_by_role("button", name="Godkänn rapporten")).to_have_count(0)
    expect(page.get_by_role("textbox")).to_have_count(0)
    check_a11y(page)

    # The city-wide view shows the report approved in T1 and the new goal and activities.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Planering").click()
    page.get_by_role("link", name="Översikt för hela staden").click()
    expect(h1(page)).to_have_text("Översikt för hela staden")
    check_a11y(page)
    page.get_by_label("År", exact=True).select_option(str(year))
    page.get_by_label("Rapportperiod", exact=True).select_option(label="Tertialrapport 1")
    page.get_by_label("Handlingsplan", exact=True).select_option(label=ACTION_PLAN)
    page.get_by_role("button", name="Visa").click()
    status_table = page.get_by_role(
        "table", name=f"Rapportstatus per organisation och handlingsplan, Tertialrapport 1 {year}"
    )
    expect(status_table.get_by_role("row", name=ORGANISATION)).to_contain_text("Godkänd")
    coverage = page.get_by_role("table", name=re.compile("Antal mål och aktiviteter"))
    expect(coverage.get_by_role("row", name=ORGANISATION)).to_contain_text("1 mål, 2 aktiviteter")
    check_a11y(page)

    # The compiled PDF for the racism plan and T1 holds the organisation and its activity,
    # behind a cover and a table of contents, with charts.
    text = compiled_pdf_text(page, year, check_a11y)
    assert ORGANISATION in text
    assert ACTIVITY in text
    assert SECOND_ACTIVITY in text
    assert GOAL in text
    assert "Sammanställd uppföljning till kommunstyrelsen" in text  # the cover
    assert "Innehåll" in text  # the table of contents
    assert "Hela handlingsplanen" in text  # a label of the progress chart
    assert "Antal aktiviteter per status" in text
    sign_out(page)

    # The plan changes after the approval: the editor renames an activity.
    sign_in(page, base, "redaktor.ha", check_a11y)
    open_plan_from_start(page, year, check_a11y, own=True)
    page.get_by_role("link", name=f"Ändra {SECOND_ACTIVITY}", exact=True).click()
    page.get_by_label("Titel").fill(RENAMED_ACTIVITY)
    page.get_by_role("button", name="Spara", exact=True).click()
    message(page, "Aktiviteten är ändrad.")
    expect(
        page.get_by_role("region", name=GOAL).get_by_role("row", name=RENAMED_ACTIVITY).first
    ).to_be_visible()
    # ... and the approved report still shows the activity as it was approved.
    open_report(page, check_a11y)
    expect(report_status(page)).to_have_text("Godkänd")
    expect(page.get_by_text(SECOND_ACTIVITY, exact=True).first).to_be_visible()
    expect(page.get_by_text(RENAMED_ACTIVITY)).to_have_count(0)
    sign_out(page)

    # The compiled PDF is unchanged by the plan change.
    sign_in(page, base, "samordnare", check_a11y)
    assert compiled_pdf_text(page, year, check_a11y) == text
    sign_out(page)

    # Next year is started from this year's plan, with a preview first.
    sign_in(page, base, "redaktor.ha", check_a11y)
    page.goto(f"{base}/planering/{HAGERSTEN_ALVSJO}/{year + 1}/")
    expect(h1(page)).to_have_text(f"Plan {year + 1}: {ORGANISATION}")
    check_a11y(page)
    page.get_by_role("link", name=f"Starta från planen för {year}").click()
    expect(h1(page)).to_have_text(f"Starta {year + 1} från planen för {year}")
    expect(page.get_by_text(GOAL).first).to_be_visible()
    check_a11y(page)
    page.get_by_role("button", name=f"Kopiera till {year + 1}").click()
    message(page, f"Planen för {year + 1} är startad från {year}. Gå igenom och ändra den.")
    expect(h1(page)).to_have_text(f"Plan {year + 1}: {ORGANISATION}")
    expect(page.get_by_role("region", name=GOAL)).to_be_visible()
    expect(page.get_by_role("region", name=GOAL).get_by_role("row", name=ACTIVITY)).to_be_visible()
    check_a11y(page)

    # What the people did is stored, with every state change in the audit trail.
    report = Report.objects.get(organisation__slug=HAGERSTEN_ALVSJO, period__code="T1")
    assert report.status == ReportStatus.APPROVED
    assert report.goal_analyses.get().text == FIXED_ANALYSIS
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Report), object_id=str(report.pk)
    ).order_by("created_at", "pk")
    statuses = [event.changes["status"][1] for event in events if "status" in event.changes]
    assert statuses == [
        ReportStatus.DRAFT,
        ReportStatus.AWAITING_SIGN_OFF,
        ReportStatus.SUBMITTED,
        ReportStatus.RETURNED,
        ReportStatus.AWAITING_SIGN_OFF,
        ReportStatus.SUBMITTED,
        ReportStatus.APPROVED,
    ]
    assert report.review_comments.get().text == ACTIVITY_COMMENT
    assert len(check_a11y.checked) >= 30


FOCUS_STYLE = """el => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
}"""


def tab_to(page: Page, target: Locator, *, limit: int = 120) -> None:
    """Press Tab until TARGET has the focus, then check that the focus can be seen."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(target).to_be_focused()
    assert target.evaluate(FOCUS_STYLE), f"no visible focus on {target}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_reaches_the_activity_form_with_the_keyboard_alone(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    year = planning_year()
    page.goto(live_server.url + "/")
    check_a11y(page)

    skip = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    tab_to(page, skip)
    expect(skip).to_be_in_viewport()

    tab_to(page, page.get_by_role("link", name="Logga in", exact=True))
    page.keyboard.press("Enter")
    expect(h1(page)).to_have_text("Logga in")
    check_a11y(page)
    tab_to(page, page.get_by_label("Användarnamn"))
    page.keyboard.type("redaktor.ha")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Lösenord")).to_be_focused()
    assert page.get_by_label("Lösenord").evaluate(FOCUS_STYLE)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/mina-uppgifter/")
    check_a11y(page)

    menu = page.get_by_role("navigation", name="Huvudmeny")
    tab_to(page, menu.get_by_role("link", name="Planering"))
    page.keyboard.press("Enter")
    expect(h1(page)).to_have_text("Planering och uppföljning")

    tab_to(page, page.get_by_role("link", name=f"{ORGANISATION}, plan {year}"))
    page.keyboard.press("Enter")
    expect(h1(page)).to_have_text(f"Plan {year}: {ORGANISATION}")
    check_a11y(page)

    tab_to(page, page.get_by_role("link", name="Ny aktivitet", exact=True))
    page.keyboard.press("Enter")
    expect(h1(page)).to_have_text("Ny aktivitet")
    check_a11y(page)
    tab_to(page, page.get_by_label("Titel"))
    tab_to(page, page.get_by_role("button", name="Lägg till aktiviteten"))
