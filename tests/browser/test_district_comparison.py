"""The district comparison on a public indicator page and a measure page: axe, no sideways
scroll at 320 px (measure pages also at wider widths), works without JavaScript."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser

from tests.browser.conftest import AxeChecker
from tests.browser.test_public_crawl import NARROW_WIDTHS, WIDE_WIDTHS, reflow_problems

PAGES = [
    ("/oppet/organisationer/skarholmen-stadsdelsforvaltning/2026/indikatorer/{pk}/", False),
    ("/en/oppet/organisationer/skarholmen-stadsdelsforvaltning/2026/indikatorer/{pk}/", False),
    ("/kunskap/dataset/demo-elevenkat/matt/krankt-pa-grund-av-ursprung/", True),
    ("/kunskap/dataset/demo-elevenkat/matt/krankt-pa-grund-av-ursprung/?d-kon=annat", True),
    ("/kunskap/dataset/demo-upplevd-rasism/matt/upplevd-rasism/", True),
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_comparison_is_accessible_and_reflows_without_javascript(
    live_server, browser: Browser, check_a11y: AxeChecker
) -> None:
    from mrplan.planning.models import Indicator

    call_command("load_demo", stdout=io.StringIO())
    indicator = Indicator.objects.get(name="Antal unga som deltagit i workshoppar om rasism")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    problems: list[str] = []
    for template, is_measure in PAGES:
        path = template.format(pk=indicator.pk)
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        table = page.locator(".comparison-table")
        assert table.count() == 1, path
        assert table.locator("thead th").count() == 5
        assert page.locator("section.district-comparison svg[role=img] desc").count() == 1
        widths = NARROW_WIDTHS + (WIDE_WIDTHS if is_measure else ())
        problems.extend(f"{path}: {problem}" for problem in reflow_problems(page, widths))
    context.close()
    assert not problems, "\n".join(problems)
    # axe needs its script: check the same pages with JavaScript on.
    js_page = browser.new_page()
    for template, _is_measure in PAGES:
        js_page.goto(live_server.url + template.format(pk=indicator.pk))
        check_a11y(js_page)
    js_page.close()
