"""A coordinator who must use two-factor sign-in enrols in a real browser."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page

from mrplan.accounts.models import SecurityPolicy
from tests.browser.conftest import AxeChecker
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

PASSWORD = "hemligt-losen-123"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_required_coordinator_enrols_before_reaching_any_page(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    office = OrganisationFactory(name="Stadsledningskontoret", kind="coordinating_office")
    user = UserFactory(username="cecilia")
    user.set_password(PASSWORD)
    user.save()
    MembershipFactory(user=user, organisation=office, role="coordinator")
    SecurityPolicy.objects.update_or_create(pk=1, defaults={"require_two_factor": True})

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("cecilia")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/konto/tvastegs/aktivera/**")
    check_a11y(page)
    assert page.locator(".qr-code-box svg").count() == 1

    secret = page.locator(".otp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    code = f"{totp(key):06d}"
    page.get_by_label("Kod från appen").fill(code)
    page.get_by_role("button", name="Aktivera").click()
    page.get_by_role("heading", name="Reservkoder").wait_for()
    check_a11y(page)
    assert page.locator(".backup-codes li").count() == 10

    page.get_by_role("link", name="Jag har sparat koderna").click()
    # On to where signing in leads: Mina uppgifter, the start page after sign-in.
    page.wait_for_url(f"{live_server.url}/mina-uppgifter/")
    page.goto(f"{live_server.url}/planering/")
    assert "/tvastegs/" not in page.url
