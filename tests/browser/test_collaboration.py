"""An editor records a collaboration and a dialogue; the coordinator's overview shows them."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from mrplan.accounts.models import User
from mrplan.collaboration import actions
from mrplan.demo import users as account_demo
from mrplan.organisations.models import Organisation
from mrplan.planning.demo import load_planning
from mrplan.planning.models import Activity
from tests.browser.conftest import AxeChecker, login
from tests.browser.test_crawl import load_demo_data

HA = "Hägersten-Älvsjö stadsdelsförvaltning"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_records_a_collaboration_and_a_dialogue_the_coordinator_sees_them(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    load_demo_data()
    load_planning()
    activity = Activity.objects.filter(organisation__name=HA).order_by("pk").first()
    assert activity is not None
    coordinator = User.objects.get(username="samordnare")
    offer = actions.training_offer_create(
        actor=coordinator,
        data={
            "topic": "Rasism och diskriminering – grundkurs",
            "form": "course",
            "length_hours": 6,
        },
    )
    session = actions.training_session_create(
        actor=coordinator,
        data={
            "offer": offer,
            "date": datetime.date(2025, 9, 1),
            "organiser": Organisation.objects.get(kind="coordinating_office"),
        },
    )
    base = live_server.url

    login(page, base, "redaktor.ha", account_demo.DEMO_PASSWORD)
    page.goto(base + "/samverkan/")
    check_a11y(page)
    page.get_by_role("link", name="Partner", exact=True).first.click()
    check_a11y(page)
    page.get_by_role("link", name="Ny partner").click()
    page.get_by_label("Namn").fill("Exempelföreningen Unga mot rasism")
    page.get_by_label("Organisationsnummer").fill("802900-0061")
    page.get_by_label("Typ").select_option(label="Ideell förening")
    page.get_by_role("button", name="Registrera partnern").click()
    expect(page.get_by_role("alert")).to_contain_text("Formuläret innehåller fel")
    check_a11y(page)
    page.get_by_label("Organisationsnummer").fill("802900-0067")
    page.get_by_label("Registrerad av").select_option(label=HA)
    page.get_by_role("button", name="Registrera partnern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Exempelföreningen")
    check_a11y(page)

    page.goto(base + "/samverkan/samarbeten/nytt/")
    check_a11y(page)
    page.get_by_label("Titel").fill("Dialogforum mot rasism i Älvsjö")
    page.get_by_label("Stadens organisationer").select_option(label=HA)
    page.locator("#id_partners").select_option(label="Exempelföreningen Unga mot rasism")
    page.get_by_label("Form").select_option(label="Dialogforum")
    page.get_by_label("Startdatum").fill("2025-01-15")
    page.get_by_label("Syfte").fill("Att lyssna på unga som utsätts för rasism.")
    page.get_by_label("Aktiviteter i planeringen").select_option(value=str(activity.pk))
    page.get_by_role("button", name="Registrera samarbetet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dialogforum mot rasism i Älvsjö")
    expect(page.get_by_role("link", name=activity.title)).to_be_visible()
    check_a11y(page)

    page.goto(base + "/samverkan/dialoger/ny/")
    page.get_by_label("Titel").fill("Dialogmöte med unga i Älvsjö")
    page.get_by_label("Datum").fill("2025-03-12")
    page.get_by_label("Stadens organisationer").select_option(label=HA)
    page.get_by_label("Det här framfördes").fill("Unga misstänkliggörs av vakter i centrum.")
    page.get_by_label("Stadens svar").fill("Vi har bjudit in vaktbolaget till samtal om bemötande.")
    page.get_by_label("Aktiviteter i planeringen").select_option(value=str(activity.pk))
    page.get_by_label("Antal invånare, rad 1").fill("-2")
    page.get_by_role("button", name="Registrera dialogen").click()
    expect(page.get_by_role("alert")).to_contain_text("negativt")
    check_a11y(page)
    page.get_by_label("Antal invånare, rad 1").fill("")
    page.get_by_role("button", name="Registrera dialogen").click()
    expect(page.get_by_role("heading", name="Vi gjorde")).to_be_visible()
    expect(page.get_by_text("Vi har bjudit in vaktbolaget")).to_be_visible()
    check_a11y(page)

    page.goto(base + session.get_absolute_url())
    check_a11y(page)

    # The coordinator sees the collaboration; no training reach yet.
    page.context.clear_cookies()
    login(page, base, "samordnare", account_demo.DEMO_PASSWORD)
    page.goto(base + "/samverkan/oversikt/")
    check_a11y(page)
    expect(page.get_by_role("link", name=HA).first).to_be_visible()
    expect(page.get_by_text("Inget deltagande i utbildningar är registrerat.")).to_be_visible()

    # Participation is recorded (by the coordinator here) and the reach updates.
    page.goto(base + session.get_absolute_url())
    page.get_by_label("Organisation").select_option(label=HA)
    page.get_by_label("Personalgrupp").select_option(label="Chefer")
    page.get_by_label("Antal deltagare").fill("12")
    page.get_by_role("button", name="Registrera deltagandet").click()
    expect(page.get_by_role("cell", name="12")).to_be_visible()
    check_a11y(page)
    page.goto(base + "/samverkan/oversikt/")
    reach = page.locator("table").filter(has_text="Rasism och diskriminering – grundkurs")
    expect(reach).to_contain_text("Chefer")
    expect(reach).to_contain_text("12")
    check_a11y(page)
    page.goto(base + "/samverkan/material/")
    check_a11y(page)
    page.goto(base + "/samverkan/utbildning/")
    check_a11y(page)
    page.goto(base + "/samverkan/kontaktpersoner/granska/")
    check_a11y(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_anonymous_visitors_see_the_public_material_library(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    load_demo_data()
    from mrplan.collaboration.demo import load_collaboration

    load_collaboration()
    page.goto(live_server.url + "/samverkan/material/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Informationsmaterial")
    expect(page.get_by_text("Handledning för dialogmöten")).to_have_count(0)
    expect(page.get_by_role("link", name="Vad är rasism? En introduktion")).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name="Vad är rasism? En introduktion").click()
    check_a11y(page)
