"""Keyboard only: reach the public search from the start page, search, filter, open a hit."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from mrplan.planning.models import Goal, PlanningYear
from tests.browser.conftest import AxeChecker
from tests.factories import DevelopmentAreaFactory, OrganisationFactory

MAX_TABS = 120
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return {
    visible: outline || style.boxShadow !== "none",
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute("href") || "",
    name: el.getAttribute("name") || "",
    value: el.getAttribute("value") || "",
    text: (el.innerText || el.value || "").trim(),
    label: el.labels && el.labels.length ? el.labels[0].innerText.trim() : "",
    id: el.id || "",
  };
}"""


def tab_to(page: Page, wanted: Callable[[dict[str, str]], bool], *, back: bool = False) -> bool:
    """Press Tab (or Shift+Tab) until WANTED(focused element); check every focus is visible."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = page.evaluate(FOCUS)
        if focused is None:
            continue
        assert focused["visible"], f"no visible focus indicator on {focused} at {page.url}"
        if wanted(focused):
            return True
    return False


def links_to(path: str) -> Callable[[dict[str, str]], bool]:
    return lambda focused: focused["tag"] == "a" and focused["href"].split("?")[0] == path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_keyboard_user_searches_filters_and_opens_a_result(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    year = PlanningYear.objects.create(year=2026)
    area = DevelopmentAreaFactory(title="Öka kunskapen om rasism och diskriminering")
    district = OrganisationFactory(name="Hägersten-Älvsjö stadsdelsförvaltning")
    culture = OrganisationFactory(name="Kulturförvaltningen")
    for organisation, title in (
        (district, "Medarbetare har kunskap om rasismen i vardagen"),
        (culture, "Biblioteken motverkar rasism"),
    ):
        goal = Goal.objects.create(
            organisation=organisation,
            planning_year=year,
            title=title,
            description="Utbildningar för chefer och medarbetare.",
            is_published=True,
        )
        goal.development_areas.set([area])
    Goal.objects.create(organisation=culture, planning_year=year, title="Utkast om rasism")

    # From the start page to the search, by keyboard.
    page.goto(live_server.url + "/")
    check_a11y(page)
    if not tab_to(page, links_to("/oppet/sok/")):
        # The start page does not link to the search (yet): go by the open site.
        page.goto(live_server.url + "/")
        assert tab_to(page, links_to("/oppet/")), "no keyboard path to /oppet/"
        page.keyboard.press("Enter")
        page.wait_for_url(live_server.url + "/oppet/")
        check_a11y(page)
        assert tab_to(page, links_to("/oppet/sok/")), "no keyboard path to /oppet/sok/"
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/oppet/sok/")
    check_a11y(page)

    # Search: the inflected word finds both goals, never the draft.
    assert tab_to(page, lambda f: f["id"] == "sok-fraga")
    page.keyboard.type("rasism")
    page.keyboard.press("Enter")
    page.wait_for_url("**/oppet/sok/?q=rasism")
    check_a11y(page)
    hits = page.locator(".public-search-hit h3")
    assert "Medarbetare har kunskap om rasismen i vardagen" in hits.all_inner_texts()
    assert "Biblioteken motverkar rasism" in hits.all_inner_texts()
    assert "Utkast om rasism" not in page.content()

    # The filters come after the results, collapsed: open them with Enter.
    assert page.locator("details.public-search-filter").get_attribute("open") is None
    assert tab_to(page, lambda f: f["tag"] == "summary")
    page.keyboard.press("Enter")
    assert page.locator("details.public-search-filter").get_attribute("open") is not None

    # Filter on one organisation with Space, apply with Enter.
    assert tab_to(page, lambda f: f["name"] == "organisation" and f["value"] == culture.slug)
    page.keyboard.press("Space")
    assert page.locator(f"input[name=organisation][value={culture.slug}]").is_checked()
    assert tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Använd filtren")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/oppet/sok/?q=rasism&organisation={culture.slug}")
    check_a11y(page)
    assert page.locator(".public-search-hit h3").all_inner_texts() == [
        "Biblioteken motverkar rasism"
    ]

    # Back to the search box with Shift+Tab, then forward to the hit and open it.
    assert tab_to(page, lambda f: f["id"] == "sok-fraga", back=True)
    assert tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Biblioteken motverkar rasism")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/oppet/organisationer/{culture.slug}/2026/**")
    assert page.get_by_role("heading", name="Biblioteken motverkar rasism").count() >= 1
    check_a11y(page)
