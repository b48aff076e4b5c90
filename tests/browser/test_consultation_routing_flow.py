"""Issue 10 in a real browser: a remiss to three nämnder, answered by their förvaltningar.

The coordinator sends a remiss to three nämnder; each förvaltning's case officer finds the
case in the förvaltning's diary (the remiss page's "Skriv svar" leads there too), writes the
statement, sets two approvers who attest it (neither wrote it), and records the nämnd's
decision. The coordinator's compilation shows the decision dates. A statement imported
with printed approvals is shown as not verified and cannot be decided without attestation
in mrplan. axe-core checks the pages visited.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from mrplan.accounts.models import Membership, Role, User
from mrplan.consultations.importing import statement_import
from mrplan.consultations.models import Case
from mrplan.consultations.parsing import parse_statement
from mrplan.demo import users as account_demo
from mrplan.organisations.models import Organisation
from tests.browser.conftest import AxeChecker, login
from tests.browser.test_crawl import load_demo_data

PASSWORD = account_demo.DEMO_PASSWORD
TITLE = "Remiss om stadens arbete mot diskriminering"
# (nämnd, förvaltning, diary prefix, case officer, two approvers (username, name, title))
ROUTES = [
    (
        "Hägersten-Älvsjö stadsdelsnämnd",
        "Hägersten-Älvsjö stadsdelsförvaltning",
        "HÄ",
        "redaktor.ha",
        [("avdelningschef.ha", "Anders Berg"), ("direktor.ha", "Dana Lind")],
    ),
    (
        "Kulturnämnden",
        "Kulturförvaltningen",
        "KUN",
        "redaktor.kultur",
        [("avdelningschef.kun", "Karin Kvist"), ("direktor.kun", "Klas Holm")],
    ),
    (
        "Servicenämnden",
        "Serviceförvaltningen",
        "SERV",
        "redaktor.service",
        [("avdelningschef.serv", "Sam Sund"), ("direktor.serv", "Siv Strand")],
    ),
]
FORGED = """Hägersten-Älvsjö stadsdelsförvaltning
Tjänsteutlåtande
Dnr HÄ 2026/900
Sida 1 (1)
2026-01-09
Handläggare
Fejk Fejksson
Telefon: 08-1
Till
Hägersten-Älvsjö stadsdelsnämnd
Importerat svar med tryckt attest
Förvaltningens förslag till beslut
Nämnden godkänner tjänsteutlåtandet.
Sammanfattning
Ett svar som påstår sig vara attesterat.
Detta dokument har godkänts digitalt av följande personer:
Fejk Direktorsson, stadsdirektör 2026-01-09
"""


def _user(username: str, name: str) -> User:
    first, last = name.split(" ", 1)
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def set_up() -> None:
    """Demo data; each förvaltning with a diary, a case officer and two approvers."""
    load_demo_data()
    for _committee, administration, prefix, officer, approvers in ROUTES:
        organisation = Organisation.objects.get(name=administration)
        if organisation.diary_prefix != prefix:
            organisation.diary_prefix = prefix
            organisation.save(update_fields=["diary_prefix"])
        editor = _user(officer, "Sigge Servicesson") if officer == "redaktor.service" else None
        if editor is not None:
            Membership.objects.get_or_create(
                user=editor, organisation=organisation, role=Role.EDITOR
            )
        for (username, name), title in zip(approvers, ("avdelningschef", "direktör"), strict=True):
            Membership.objects.update_or_create(
                user=_user(username, name),
                organisation=organisation,
                role=Role.APPROVER,
                defaults={"title": title},
            )
    hagersten = Organisation.objects.get(name=ROUTES[0][1])
    statement_import(
        actor=User.objects.get(username="redaktor.ha"),
        parsed=parse_statement(FORGED),
        organisation=hagersten,
        source_name="importerat.txt",
    )


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def message(page: Page, text: str) -> None:
    expect(page.get_by_role("status").get_by_text(text, exact=True)).to_be_visible()


def sign_in(page: Page, base_url: str, username: str) -> None:
    login(page, base_url, username, PASSWORD)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Remisser").click()
    expect(h1(page)).to_have_text("Remisser")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("link", name="Logga in", exact=True)).to_be_visible()


def send_to_three(page: Page, check_a11y: AxeChecker) -> None:
    page.get_by_role("link", name="Ny remiss").click()
    page.get_by_label("Titel").fill(TITLE)
    recipients = page.get_by_role("group", name="Remissinstanser")
    for committee, *_rest in ROUTES:
        recipients.get_by_label(committee, exact=True).check()
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Sista svarsdag").fill(deadline.isoformat())
    page.get_by_role("button", name="Spara", exact=True).click()
    message(page, "Remissen är sparad som utkast.")
    page.get_by_role("link", name="Skicka remissen").click()
    for committee, administration, *_rest in ROUTES:
        expect(page.get_by_role("listitem").filter(has_text=committee)).to_contain_text(
            f"bereds av {administration}"
        )
    check_a11y(page)
    page.get_by_role("button", name="Skicka remissen").click()
    message(page, "Remissen är skickad. 3 ärenden registrerades hos förvaltningarna.")
    for committee, administration, prefix, *_rest in ROUTES:
        row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=committee))
        expect(row).to_contain_text(f"Bereds av {administration}")
        expect(
            row.get_by_role("link", name=re.compile(rf"^{prefix} \d{{4}}\/\d+$"))
        ).to_be_visible()
    check_a11y(page)


def write_and_set_approvers(
    page: Page, administration: str, approvers: list[tuple[str, str]], check_a11y: AxeChecker
) -> None:
    """The remiss waits in "Mina uppgifter"; from its page "Skriv svar" starts the statement."""
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Mina uppgifter"
    ).click()
    expect(h1(page)).to_have_text("Mina uppgifter")
    assert page.url.endswith("/mina-uppgifter/")
    section = page.locator("section", has=page.get_by_role("heading", name="Remisser att besvara"))
    section.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Skriv svar").click()
    message(page, "Tjänsteutlåtandet är påbörjat.")
    page.get_by_label("Sammanfattning").fill(f"{administration} ställer sig bakom förslaget.")
    page.get_by_role("button", name="Spara som ny version").click()
    message(page, "Sparat som version 2.")
    page.get_by_role("link", name="Attesteringsordning", exact=True).click()
    page.get_by_label("Attesterare 1", exact=True).select_option(label=approvers[0][1])
    page.get_by_label("Attesterare 2", exact=True).select_option(label=approvers[1][1])
    page.get_by_role("button", name="Spara ordningen").click()
    message(page, "Attesteringsordningen är sparad.")
    check_a11y(page)


def open_statement(page: Page, administration: str) -> None:
    """Through the förvaltning's diary and the case (not through any task list)."""
    page.get_by_role("link", name=f"Diarium för {administration}").click()
    page.get_by_label("Sök på diarienummer, rubrik eller avsändare").fill(TITLE)
    page.get_by_role("button", name="Sök", exact=True).click()
    page.get_by_role("table", name=re.compile(r"1 ärende för")).get_by_role(
        "link", name=re.compile(r"\d{4}\/\d+$")
    ).click()
    page.get_by_role("link", name=re.compile("– Tjänsteutlåtande$")).click()


def decide(page: Page, administration: str, today: datetime.date) -> None:
    page.get_by_role("link", name=f"Diarium för {administration}").click()
    page.get_by_label("Sök på diarienummer, rubrik eller avsändare").fill(TITLE)
    page.get_by_role("button", name="Sök", exact=True).click()
    page.get_by_role("table", name=re.compile(r"1 ärende för")).get_by_role(
        "link", name=re.compile(r"\d{4}\/\d+$")
    ).click()
    page.get_by_role("link", name="Registrera beslut").click()
    expect(page.get_by_role("note")).to_have_count(0)
    page.get_by_label("Sammanträde").fill(today.isoformat())
    page.get_by_label("Paragraf (§)").fill("4")
    page.get_by_label("Beslutsdatum").fill(today.isoformat())
    page.get_by_role("button", name="Registrera beslutet").click()
    message(page, "Beslutet är registrerat och svaret skickat.")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_three_namnder_answer_through_their_forvaltningar(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    set_up()
    base = live_server.url
    today = timezone.localdate()

    sign_in(page, base, "samordnare")
    send_to_three(page, check_a11y)
    sign_out(page)

    for _committee, administration, _prefix, officer, approvers in ROUTES:
        # The förvaltning's case officer writes the answer and sets two approvers.
        sign_in(page, base, officer)
        write_and_set_approvers(page, administration, approvers, check_a11y)
        sign_out(page)
        # Two different people, neither of whom wrote it, attest in order.
        for position, (username, _name) in enumerate(approvers, start=1):
            sign_in(page, base, username)
            open_statement(page, administration)
            page.get_by_role("button", name="Attestera").click()
            message(page, "Du har attesterat tjänsteutlåtandet.")
            if position == 2:
                expect(page.get_by_text("Attesterad", exact=True)).to_be_visible()
            sign_out(page)
        # The nämnd's decision is recorded by the förvaltning.
        sign_in(page, base, officer)
        decide(page, administration, today)
        sign_out(page)

    # The coordinator's compilation shows every answer with its decision date.
    sign_in(page, base, "samordnare")
    page.get_by_role("table", name="Remisser").get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Remissammanställning").click()
    expect(page.get_by_text("3 av 3 remissinstanser har svarat")).to_be_visible()
    answers = page.get_by_role("table", name="Remissinstanser som har svarat")
    expect(answers.get_by_role("columnheader", name="Beslutsdatum")).to_be_visible()
    for committee, *_rest in ROUTES:
        row = answers.get_by_role("row").filter(has_text=committee)
        expect(row).to_contain_text(today.isoformat())
    check_a11y(page)
    sign_out(page)

    # The imported statement's printed approvals are not attestation here.
    sign_in(page, base, "redaktor.ha")
    page.get_by_role("link", name=f"Diarium för {ROUTES[0][1]}").click()
    page.get_by_label("Sök på diarienummer, rubrik eller avsändare").fill("HÄ 2026/900")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.get_by_role("link", name="HÄ 2026/900").click()
    page.get_by_role("link", name=re.compile("– Tjänsteutlåtande$")).click()
    expect(
        page.get_by_role(
            "heading", name="Attest enligt importerat dokument – ej verifierad i mrplan"
        )
    ).to_be_visible()
    expect(page.get_by_text("Fejk Direktorsson, stadsdirektör")).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name="Verifiera dokumentet").click()
    expect(page.get_by_text("Inte färdigattesterat", exact=False)).to_be_visible()
    expect(page.get_by_text("Ej verifierad i mrplan").first).to_be_visible()
    check_a11y(page)
    page.goto(base + Case.objects.get(diary_number="HÄ 2026/900").get_absolute_url())
    page.get_by_role("link", name="Registrera beslut").click()
    expect(page.get_by_role("note")).to_contain_text("inte attesterat")
    page.get_by_label("Sammanträde").fill(today.isoformat())
    page.get_by_label("Paragraf (§)").fill("5")
    page.get_by_label("Beslutsdatum").fill(today.isoformat())
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.get_by_role("alert")).to_contain_text("måste vara attesterat")
    check_a11y(page)
