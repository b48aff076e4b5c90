"""Real-browser fixtures: Debian's chromium driven by Playwright, with axe-core."""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("MRPLAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="sv-SE", java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


def serious_violations(axe: Axe, page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page; return its serious and critical violations."""
    results = axe.run(page)
    return [v for v in results.response["violations"] if v.get("impact") in SERIOUS]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in violations
    )


class AxeChecker:
    """Check each visited page once with axe-core and remember where it looked."""

    def __init__(self, axe: Axe) -> None:
        self.axe = axe
        self.checked: list[str] = []

    def __call__(self, page: Page) -> None:
        violations = serious_violations(self.axe, page)
        self.checked.append(page.url)
        assert not violations, f"axe-core on {page.url}:\n{describe(violations)}"


@pytest.fixture
def check_a11y(axe: Axe) -> AxeChecker:
    return AxeChecker(axe)


def login(page: Page, base_url: str, username: str, password: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{base_url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    # The start page after signing in is Mina uppgifter.
    page.wait_for_url(f"{base_url}/mina-uppgifter/")
