"""A coordinator imports a dataset, opens a measure, filters a breakdown and links it to a
goal; the goal's evidence then shows the measure. axe-core on every page."""

import pytest
from playwright.sync_api import Page, expect

from mrplan.demo import users as account_demo
from mrplan.knowledge.models import Area, Dataset, Measure
from mrplan.planning.demo import load_planning
from mrplan.planning.models import Goal
from tests.browser.conftest import AxeChecker, login
from tests.browser.test_crawl import load_demo_data
from tests.jobs_support import run_queued_tasks

HA = "Hägersten-Älvsjö stadsdelsförvaltning"
CSV = (
    "period;area;kön;value;n\n"
    "2023;Bromma;Kvinnor;12,5;120\n2023;Bromma;Män;10;110\n"
    "2024;Bromma;Kvinnor;14;130\n2024;Bromma;Män;9,5;115\n"
    "2023;Farsta;Kvinnor;20;90\n2024;Farsta;Kvinnor;22;95\n"
).encode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_imports_analyses_and_links_a_measure_to_a_goal(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    load_demo_data()
    load_planning()
    goal = (
        Goal.objects.filter(organisation__name=HA)
        .select_related("organisation", "planning_year")
        .order_by("-planning_year__year", "position", "pk")
        .first()
    )
    assert goal is not None
    for name in ("Bromma", "Farsta"):
        Area.objects.get_or_create(name=name, defaults={"kind": "district"})
    dataset = Dataset.objects.create(
        title="Utsatthet för rasism (test)", slug="utsatthet-test", source="Egen enkät"
    )
    Measure.objects.create(
        dataset=dataset, name="Andel utsatta", slug="andel-utsatta", unit="procent",
        direction="lower",
    )  # fmt: skip
    base = live_server.url

    login(page, base, "samordnare", account_demo.DEMO_PASSWORD)
    page.goto(f"{base}/kunskap/dataset/utsatthet-test/")
    check_a11y(page)
    page.get_by_role("link", name="Importera observationer").click()
    check_a11y(page)
    page.get_by_label("Tabell (CSV eller Excel), en observation per rad").check()
    page.get_by_label("Mått").select_option(label="Andel utsatta")
    page.get_by_label("Fil").set_input_files(
        {"name": "utsatthet.csv", "mimeType": "text/csv", "buffer": CSV}
    )
    page.get_by_role("button", name="Förhandsgranska").click()
    # A worker reads the file; the status page has a plain link to look again.
    expect(page.get_by_role("link", name="Uppdatera")).to_be_visible()
    check_a11y(page)
    run_queued_tasks()
    page.get_by_role("link", name="Uppdatera").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("förhandsgranskning")
    check_a11y(page)
    page.get_by_role("button", name="Bekräfta och spara").click()
    expect(page.get_by_text("Importen är klar")).to_be_visible()
    check_a11y(page)

    page.goto(f"{base}/kunskap/dataset/utsatthet-test/matt/andel-utsatta/")
    expect(page.get_by_role("img", name="Andel utsatta över tid")).to_be_visible()
    check_a11y(page)
    page.get_by_label("Jämför").select_option(label="Grupper: kön")
    page.get_by_label("Bromma").check()
    page.get_by_role("button", name="Visa").click()
    table = page.locator("table.measure-table")
    expect(table.get_by_role("columnheader", name="Kvinnor")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Män")).to_be_visible()
    expect(page.get_by_text("Skillnaden ökar")).to_be_visible()  # 2,5 → 4,5 points
    check_a11y(page)

    page.get_by_role("link", name="Koppla måttet till ett mål").click()
    check_a11y(page)
    page.get_by_label("Mål, aktivitet eller indikator").select_option(label=f"Mål: {goal.title}")
    page.get_by_label("Kommentar").fill("Visar utsattheten i stadsdelen")
    page.get_by_role("button", name="Koppla").click()
    expect(page.get_by_text("Underlaget är kopplat")).to_be_visible()
    check_a11y(page)

    # The organisation's plan shows the goal's evidence (knowledge's block in plan.html).
    year = goal.planning_year.year
    page.goto(f"{base}/planering/{goal.organisation.slug}/{year}/")
    section = page.locator(f"#mal-{goal.pk}")
    expect(section.get_by_text("Kunskapsunderlag")).to_be_visible()
    expect(section.get_by_role("link", name="Andel utsatta")).to_be_visible()
    check_a11y(page)
    # So does the goal's own evidence page, with the note.
    page.goto(f"{base}/kunskap/plan/{goal.organisation.slug}/{year}/mal/{goal.pk}/")
    expect(page.get_by_role("link", name="Andel utsatta")).to_be_visible()
    expect(page.get_by_text("Visar utsattheten i stadsdelen")).to_be_visible()
    check_a11y(page)
