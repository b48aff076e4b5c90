"""A coordinator edits a development area, sees the change and its history entry."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from mrplan.demo import users as account_demo
from mrplan.programmes.models import DevelopmentArea
from tests.browser.conftest import AxeChecker, login
from tests.browser.test_crawl import load_demo_data

NEW_DESCRIPTION = "Alla förvaltningar erbjuder utbildning om rasism och diskriminering 2026."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_edits_a_development_area_and_sees_its_history(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    load_demo_data()
    area = DevelopmentArea.objects.get(title="Öka kunskapen om rasism och diskriminering")

    login(page, live_server.url, "samordnare", account_demo.DEMO_PASSWORD)
    check_a11y(page)

    page.goto(live_server.url + "/")
    check_a11y(page)
    page.get_by_role("link", name="Handlingsplan mot rasism").first.click()
    check_a11y(page)
    page.get_by_role("link", name=area.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(area.title)
    check_a11y(page)

    page.get_by_role("link", name="Redigera").first.click()
    check_a11y(page)
    page.get_by_label("Titel").fill("")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("Formuläret innehåller fel")
    check_a11y(page)
    area.refresh_from_db()
    assert area.title == "Öka kunskapen om rasism och diskriminering"

    page.get_by_label("Titel").fill(area.title)
    page.get_by_label("Beskrivning").fill(NEW_DESCRIPTION)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(area.title)
    expect(page.get_by_text(NEW_DESCRIPTION)).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name="Historik").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historik")
    expect(page.locator("ins").filter(has_text=NEW_DESCRIPTION)).to_be_visible()
    expect(page.get_by_text("Sara Samordnare").first).to_be_visible()
    check_a11y(page)

    area.refresh_from_db()
    assert area.description == NEW_DESCRIPTION
    assert len(check_a11y.checked) >= 7


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_sees_no_edit_link_and_is_refused_the_form(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    load_demo_data()
    area = DevelopmentArea.objects.get(title="Öka kunskapen om rasism och diskriminering")
    login(page, live_server.url, "redaktor.ha", account_demo.DEMO_PASSWORD)
    page.goto(live_server.url + area.get_absolute_url())
    check_a11y(page)
    expect(page.get_by_role("link", name="Redigera")).to_have_count(0)
    page.goto(live_server.url + reverse("programmes-development-area-edit", args=[area.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Åtkomst nekad")
    check_a11y(page)
