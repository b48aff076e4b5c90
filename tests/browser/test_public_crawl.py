"""Crawl the whole public site as an anonymous reader, in both languages (issue 7, Done when 1).

Every same-site link reachable from the start page is requested and must answer below 400;
axe-core checks the first pages of each route (pages of one route look alike), and files
(PDF, Word, Excel, CSV, JSON, zip) are only fetched.
"""

import io
import re
from collections import Counter
from html import unescape
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from tests.browser.conftest import AxeChecker
from tests.browser.test_crawl import route_of

AXE_PAGES_PER_ROUTE = 3
SKIP_PREFIXES = ("/api/", "/admin/", "/en/admin/", "/static/", "/media/", "/i18n/", "/jsi18n/")
FILE_SUFFIXES = (
    *(".pdf", ".docx", ".xlsx", ".csv", ".json", ".zip", ".odt", ".pptx", ".svg", ".png"),
    *(".rdf", ".jsonld"),
)
FEEDS = ("/oppet/flode/", "/en/oppet/flode/")  # Atom feeds: fetched, not rendered
HREF = re.compile(r"""href=["']([^"']+)["']""")


def same_site_links(base_url: str, path: str, html: str) -> list[str]:
    """Return the same-site paths (with query) that HTML links to."""
    links = []
    for href in HREF.findall(html):
        url = urlparse(urldefrag(urljoin(base_url + path, unescape(href)))[0])
        if url.scheme not in ("http", "https") or url.netloc != urlparse(base_url).netloc:
            continue
        target = url.path + (f"?{url.query}" if url.query else "")
        if not target.startswith(SKIP_PREFIXES):
            links.append(target)
    return links


NARROW_WIDTHS = (320,)
WIDE_WIDTHS = (700, 1024, 1280)  # measure pages once scrolled sideways at these widths too


def reflow_problems(page: Page, widths: tuple[int, ...]) -> list[str]:
    """Return what breaks WCAG 1.4.10 and 1.3.1 on the current page at each of WIDTHS.

    The page must not scroll sideways (a wide table may scroll inside its own region, which
    1.4.10 allows), and no table header may be taken out of the accessibility tree.
    """
    problems = []
    original = page.viewport_size
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            culprit = page.evaluate(
                """() => { const w = document.documentElement.clientWidth;
                   const e = [...document.querySelectorAll('main *')].find(
                     el => el.getBoundingClientRect().right > w + 1
                       && !el.closest('.table-scroll'));
                   return e ? e.outerHTML.slice(0, 120) : ''; }"""
            )
            problems.append(f"{page.url} scrolls {overflow}px sideways at {width}px: {culprit}")
        hidden = page.evaluate(
            """() => [...document.querySelectorAll('thead, th')].filter(
                 el => getComputedStyle(el).display === 'none').length"""
        )
        if hidden:
            problems.append(f"{page.url} hides {hidden} table headers at {width}px")
    if original:
        page.set_viewport_size(original)
    return problems


def crawl_public_site(
    page: Page,
    base_url: str,
    starts: list[str],
    check_a11y: AxeChecker,
    reflow: list[str] | None = None,
) -> tuple[Counter[str], list[str]]:
    """Request every link reachable from STARTS; return the routes seen and the failures.

    With REFLOW, the pages checked by axe are also checked at 320 px (measure pages at wider
    widths too), and what breaks is added to REFLOW.
    """
    queue, seen = list(starts), set(starts)
    routes, failures = Counter[str](), []
    while queue:
        path = queue.pop(0)
        route = route_of(path)
        routes[route] += 1
        if urlparse(path).path.lower().endswith(FILE_SUFFIXES) or path.startswith(FEEDS):
            response = page.request.get(base_url + path)
            if response.status >= 400:
                failures.append(f"{path} gave {response.status}")
            continue
        if routes[route] <= AXE_PAGES_PER_ROUTE:
            visit = page.goto(base_url + path)
            status = visit.status if visit else 0
            if status >= 400 or visit is None:
                failures.append(f"{path} gave {status}")
                continue
            if "html" not in (visit.header_value("content-type") or ""):
                continue
            check_a11y(page)
            if reflow is not None:
                widths = NARROW_WIDTHS + (WIDE_WIDTHS if "/matt/" in path else ())
                reflow.extend(reflow_problems(page, widths))
            html = page.content()
            current = urlparse(page.url).path
        else:
            response = page.request.get(base_url + path)
            if response.status >= 400:
                failures.append(f"{path} gave {response.status}")
                continue
            if "html" not in response.headers.get("content-type", ""):
                continue
            html = response.text()
            current = urlparse(response.url).path
        for target in same_site_links(base_url, current, html):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return routes, failures


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_public_page_answers_and_is_accessible_in_both_languages(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    reflow: list[str] = []
    routes, failures = crawl_public_site(
        page, live_server.url, ["/", "/en/"], check_a11y, reflow=reflow
    )

    assert not failures, "\n".join(failures)
    assert not reflow, "\n".join(reflow)
    assert {
        "core-home",
        "public-start",
        "public-organisation-plan",
        "programmes-programme-detail",
        "organisations-list",
    } <= set(routes), sorted(routes)
    assert sum(routes.values()) > 100
    assert any("/en/" in url for url in check_a11y.checked)
