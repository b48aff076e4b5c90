"""In a real browser: what an editor typed in a report survives uploading an attachment."""

from playwright.sync_api import Page, expect

from mrplan.accounts.models import User
from mrplan.demo import users as account_demo
from mrplan.organisations.models import Organisation
from mrplan.planning.actions import report_create
from mrplan.planning.demo import HAGERSTEN_ALVSJO
from mrplan.planning.models import Goal, PlanningYear
from mrplan.programmes.models import ActionPlan
from tests.browser.conftest import AxeChecker, login
from tests.browser.test_planning_cycle import planning_year

TYPED = "Det här skrev jag innan jag laddade upp filen."


def test_typed_text_is_kept_when_an_attachment_is_uploaded(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    year = planning_year()
    organisation = Organisation.objects.get(slug=HAGERSTEN_ALVSJO)
    action_plan = ActionPlan.objects.filter(development_areas__isnull=False).first()
    assert action_plan is not None
    goal = Goal.objects.create(
        organisation=organisation,
        planning_year=PlanningYear.objects.get(year=year),
        title="Ett mål att analysera",
    )
    goal.development_areas.set([action_plan.development_areas.first()])
    report = report_create(
        actor=User.objects.get(username="samordnare"),
        organisation=organisation,
        action_plan=action_plan,
        period=PlanningYear.objects.get(year=year).periods.get(code="T1"),
    )

    login(page, live_server.url, "redaktor.ha", account_demo.DEMO_PASSWORD)
    page.goto(live_server.url + report.get_absolute_url())
    analysis = page.get_by_role("region", name=f"Mål: {goal.title}").get_by_label("Analys")
    analysis.fill(TYPED)
    page.get_by_label("Fil").set_input_files(
        files=[{"name": "underlag.txt", "mimeType": "text/plain", "buffer": b"Underlag"}]
    )
    page.get_by_role("button", name="Spara utkastet och ladda upp").click()

    attachments = page.get_by_role("region", name="Bilagor")
    expect(attachments.get_by_role("status")).to_have_text("Bilagan underlag.txt är tillagd.")
    expect(attachments.get_by_role("link", name="underlag.txt")).to_be_visible()
    expect(
        page.get_by_role("region", name=f"Mål: {goal.title}").get_by_label("Analys")
    ).to_have_value(TYPED)
    check_a11y(page)
