"""Crawl the demo site as a person would and run axe-core on each kind of page."""

from collections import Counter
from urllib.parse import urldefrag, urlparse

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation
from playwright.sync_api import Page

from mrplan.demo import users as account_demo
from mrplan.organisations import demo as organisation_demo
from mrplan.programmes import demo as programme_demo
from mrplan.programmes.agenda2030 import load_agenda2030
from tests.browser.conftest import AxeChecker, login

# Pages of the same route look alike: check a few of each, not all 40 organisations.
PAGES_PER_ROUTE = 2
# Atom feeds are XML for feed readers, not pages.
SKIP_PREFIXES = ("/api/", "/admin/", "/en/admin/", "/static/", "/media/")
SKIP_PREFIXES += ("/oppet/flode/", "/en/oppet/flode/")
# Files are downloads, not pages: the public crawl requests them without a browser page.
DOWNLOAD_SUFFIXES = (".zip", ".pdf", ".docx", ".xlsx", ".csv", ".json", ".svg", ".png")
DOWNLOAD_SUFFIXES += (".rdf", ".jsonld")


def load_demo_data() -> None:
    load_agenda2030()
    organisation_demo.load_organisations()
    programme_demo.load_programmes()
    account_demo.load_users()


def route_of(path: str) -> str:
    language = "en" if path.startswith("/en/") else "sv"
    with translation.override(language):
        try:
            return resolve(path.split("?")[0]).url_name or path
        except Resolver404:
            return path


def crawl(page: Page, base_url: str, start: str, check_a11y: AxeChecker) -> Counter[str]:
    """Visit every same-site link reachable from START; return the routes seen."""
    queue, seen, routes = [start], {start}, Counter[str]()
    while queue:
        path = queue.pop(0)
        route = route_of(path)
        if routes[route] >= PAGES_PER_ROUTE:
            continue
        routes[route] += 1
        response = page.goto(base_url + path)
        assert response is not None and response.status < 400, (
            f"{path} gave {response.status if response else 'nothing'}"
        )
        check_a11y(page)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.netloc != urlparse(base_url).netloc:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target.startswith(SKIP_PREFIXES) or url.path.endswith(DOWNLOAD_SUFFIXES):
                continue
            if target in seen:
                continue
            seen.add(target)
            queue.append(target)
    return routes


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_public_page_is_reachable_and_accessible_in_both_languages(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    load_demo_data()
    swedish = crawl(page, live_server.url, "/", check_a11y)
    english = crawl(page, live_server.url, "/en/", check_a11y)
    for routes in (swedish, english):
        assert {
            "core-home",
            "programmes-programme-detail",
            "programmes-action-plan-detail",
            "programmes-development-area-detail",
            "organisations-list",
            "organisations-detail",
        } <= set(routes)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_a_coordinator_reaches_is_accessible(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    load_demo_data()
    login(page, live_server.url, "samordnare", account_demo.DEMO_PASSWORD)
    routes = crawl(page, live_server.url, "/", check_a11y)
    assert "core-history" in routes
    assert len(check_a11y.checked) >= 15
