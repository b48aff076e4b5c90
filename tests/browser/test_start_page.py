import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import AxeChecker


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_start_page_is_accessible_and_has_a_working_skip_link(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    page.goto(live_server.url + "/")
    check_a11y(page)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    # The fragment navigation is asynchronous: wait for it rather than read the URL at once.
    expect(page).to_have_url(re.compile(r"#main$"))
