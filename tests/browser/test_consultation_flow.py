"""A remiss walked by real users in a browser, through the UI only.

The coordinator sends a remiss on the action plan against racism; Hägersten-Älvsjö's case
officer writes the statement in the case the remiss opened, records the preparation and
chooses two approvers; they attest in order (the second one cannot go first); the decision
is recorded; the coordinator sees the answer on the remiss and in the compilation.
axe-core checks every page visited.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from mrplan.accounts.models import Membership, Role, User
from mrplan.consultations.statements.text import long_date
from mrplan.demo import users as account_demo
from mrplan.organisations.models import Organisation
from tests.browser.conftest import AxeChecker, login
from tests.browser.test_crawl import load_demo_data

PASSWORD = account_demo.DEMO_PASSWORD
ORGANISATION = "Hägersten-Älvsjö stadsdelsförvaltning"
OTHER_RECIPIENT = "Kulturförvaltningen"
ACTION_PLAN = "Handlingsplan mot rasism"
TITLE = "Remiss av handlingsplan mot rasism 2026–2028"
DESCRIPTION = "Kommunstyrelsen vill ha synpunkter på förslaget till handlingsplan mot rasism."
QUESTION = "Hur kan stadsledningskontoret stödja förvaltningens arbete?"
DIARY_NUMBER = re.compile(r"^HÄ \d{4}\/\d+$")
SUMMARY = "Förvaltningen ställer sig positiv till handlingsplanen."
BACKGROUND = "Kommunstyrelsen har remitterat ett förslag till handlingsplan mot rasism."
MATTER = "Handlingsplanen pekar ut fem utvecklingsområden för stadens arbete."
VIEWS = (
    "Förvaltningen välkomnar handlingsplanen och ser ett behov av utbildning om afrofobi "
    "och antiziganism för medarbetare som möter barn och unga."
)
ANSWER = "Stadsledningskontoret kan erbjuda utbildning och stöd i att följa upp arbetet."
DEPARTMENTS = ["Avdelningen för individ- och familjeomsorg", "Avdelningen för förskola"]
FIRST_APPROVER = ("avdelningschef.ha", "Anders Berg", "avdelningschef")
SECOND_APPROVER = ("direktor.ha", "Dana Lind", "stadsdelsdirektör")
DECISION_TEXT = (
    "Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det till "
    "kommunstyrelsen som svar på remissen."
)


def set_up() -> None:
    """Demo organisations, programmes and users; Hägersten-Älvsjö's diary and approvers."""
    load_demo_data()
    organisation = Organisation.objects.get(name=ORGANISATION)
    if organisation.diary_prefix != "HÄ":
        organisation.diary_prefix = "HÄ"
        organisation.save(update_fields=["diary_prefix"])
    for username, _name, title in (FIRST_APPROVER, SECOND_APPROVER):
        Membership.objects.update_or_create(
            user=User.objects.get(username=username),
            organisation=organisation,
            role=Role.APPROVER,
            defaults={"title": title},
        )


def iso(day: datetime.date) -> str:
    return day.isoformat()


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def message(page: Page, text: str) -> None:
    """Expect TEXT among the messages shown after a redirect."""
    expect(page.get_by_role("status").get_by_text(text, exact=True)).to_be_visible()


def sign_in(page: Page, base_url: str, username: str, check_a11y: AxeChecker) -> None:
    """Sign in and go to "Remisser" through the main menu."""
    login(page, base_url, username, PASSWORD)
    check_a11y(page)
    menu = page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Remisser")
    menu.click()
    expect(h1(page)).to_have_text("Remisser")
    expect(menu).to_have_attribute("aria-current", "page")
    check_a11y(page)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("link", name="Logga in", exact=True)).to_be_visible()


def open_case(page: Page, check_a11y: AxeChecker) -> None:
    """From "Remisser", find the remiss's case in Hägersten-Älvsjö's diary and open it."""
    page.get_by_role("link", name=f"Diarium för {ORGANISATION}").click()
    expect(h1(page)).to_have_text(f"Diarium för {ORGANISATION}")
    check_a11y(page)
    page.get_by_label("Sök på diarienummer, rubrik eller avsändare").fill(TITLE)
    page.get_by_role("button", name="Sök", exact=True).click()
    cases = page.get_by_role("table", name=re.compile(r"1 ärende för"))
    row = cases.get_by_role("row").filter(has_text=f"Remiss: {TITLE}")
    expect(row).to_have_count(1)
    check_a11y(page)
    row.get_by_role("link", name=DIARY_NUMBER).click()
    expect(h1(page)).to_have_text(re.compile(rf"^HÄ \d{{4}}/\d+ Remiss: {re.escape(TITLE)}$"))
    check_a11y(page)


def open_statement(page: Page, check_a11y: AxeChecker) -> None:
    """From "Remisser", open the statement through the diary and the case."""
    open_case(page, check_a11y)
    page.get_by_role("link", name=f"{TITLE} – Tjänsteutlåtande", exact=True).click()
    expect(h1(page)).to_have_text(TITLE)
    check_a11y(page)


def attestation_row(page: Page, position: int) -> Locator:
    table = page.get_by_role("table", name="Attesteringsordning och attesteringar")
    return table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=str(position), exact=True)
    )


def send_remiss(page: Page, check_a11y: AxeChecker) -> None:
    """The coordinator creates the remiss with one question and sends it."""
    deadline = timezone.localdate() + datetime.timedelta(days=60)
    page.get_by_role("link", name="Ny remiss").click()
    expect(h1(page)).to_have_text("Ny remiss")
    check_a11y(page)
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Beskrivning").fill(DESCRIPTION)
    sender = page.get_by_label("Avsändare (obligatoriskt)", exact=True)
    expect(sender.locator("option:checked")).to_have_text("Kommunstyrelsen")
    page.get_by_label("Handlingsplan på remiss").select_option(label=ACTION_PLAN)
    recipients = page.get_by_role("group", name="Remissinstanser")
    recipients.get_by_label(ORGANISATION, exact=True).check()
    recipients.get_by_label(OTHER_RECIPIENT, exact=True).check()
    page.get_by_label("Sista svarsdag").fill(iso(deadline))
    page.get_by_label("Remissfrågor").fill(QUESTION)
    page.get_by_role("button", name="Spara", exact=True).click()
    message(page, "Remissen är sparad som utkast.")
    expect(h1(page)).to_have_text(TITLE)
    expect(page.get_by_role("link", name=ACTION_PLAN, exact=True)).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=QUESTION)).to_have_count(1)
    check_a11y(page)

    page.get_by_role("link", name="Skicka remissen").click()
    expect(h1(page)).to_have_text(f"Skicka {TITLE}")
    check_a11y(page)
    page.get_by_role("button", name="Skicka remissen").click()
    message(page, "Remissen är skickad. 1 ärende registrerades hos förvaltningarna.")
    expect(h1(page)).to_have_text(TITLE)
    expect(page.get_by_text("Skickad", exact=True).first).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=ORGANISATION))
    expect(row.get_by_role("link", name=DIARY_NUMBER)).to_be_visible()
    expect(row).to_contain_text("Inväntar svar")
    check_a11y(page)


def write_statement(page: Page, check_a11y: AxeChecker) -> None:
    """The case officer starts the statement and fills the sections and the answer."""
    page.get_by_role("button", name="Skriv tjänsteutlåtande").click()
    message(page, "Tjänsteutlåtandet är påbörjat.")
    expect(h1(page)).to_have_text(f"Ändra tjänsteutlåtandet Remiss: {TITLE}")
    check_a11y(page)
    expect(page.get_by_label("Diarienummer")).to_have_value(DIARY_NUMBER)
    expect(page.get_by_label("Förvaltningens förslag till beslut")).to_have_value(
        re.compile("som svar på remissen")
    )
    page.get_by_label("Rubrik (obligatoriskt)", exact=True).fill(TITLE)
    page.get_by_label("Telefon").fill("08-508 18 000")
    page.get_by_label("Sammanfattning").fill(SUMMARY)
    page.get_by_label("Bakgrund").fill(BACKGROUND)
    page.get_by_label("Ärendet", exact=True).fill(MATTER)
    page.get_by_label("Förvaltningens synpunkter och förslag").fill(VIEWS)
    page.get_by_label(QUESTION).fill(ANSWER)
    page.get_by_role("button", name="Spara som ny version").click()
    message(page, "Sparat som version 2.")
    expect(h1(page)).to_have_text(TITLE)
    expect(page.get_by_text(VIEWS)).to_be_visible()
    expect(page.get_by_role("heading", name=QUESTION)).to_be_visible()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    header = page.get_by_role("region", name="Sidhuvud")
    expect(header).to_contain_text("Elin Ek, telefon 08-508 18 000")
    check_a11y(page)


def record_preparation(page: Page, check_a11y: AxeChecker) -> None:
    """The case officer records the departments consulted and the MBL date."""
    informed = timezone.localdate() - datetime.timedelta(days=3)
    page.get_by_role("link", name="Beredning", exact=True).click()
    expect(h1(page)).to_have_text(f"Beredning – {TITLE}")
    check_a11y(page)
    departments = page.get_by_role("group", name="Avdelningar i samråd")
    for department in DEPARTMENTS:
        departments.get_by_label(department, exact=True).check()
    page.get_by_label("Förvaltningsgruppen informerad (MBL)").fill(iso(informed))
    page.get_by_role("button", name="Spara beredningen").click()
    message(page, "Beredningen är sparad och avsnittet uppdaterat.")
    preparation = page.get_by_text(re.compile("^Ärendet har beretts inom"))
    expect(preparation).to_have_text(
        "Ärendet har beretts inom förvaltningen i samråd med avdelningarna för individ- och "
        "familjeomsorg samt förskola. De fackliga organisationerna informeras i "
        f"förvaltningsgruppen den {long_date(informed)}."
    )
    check_a11y(page)


def choose_approvers(page: Page, check_a11y: AxeChecker) -> None:
    """The case officer sets the approvers in order."""
    page.get_by_role("link", name="Attesteringsordning", exact=True).click()
    expect(h1(page)).to_have_text(f"Attesteringsordning – {TITLE}")
    check_a11y(page)
    page.get_by_label("Attesterare 1", exact=True).select_option(label=FIRST_APPROVER[1])
    page.get_by_label("Attesterare 2", exact=True).select_option(label=SECOND_APPROVER[1])
    page.get_by_role("button", name="Spara ordningen").click()
    message(page, "Attesteringsordningen är sparad.")
    for position, (_username, name, title) in enumerate((FIRST_APPROVER, SECOND_APPROVER), 1):
        row = attestation_row(page, position)
        expect(row).to_contain_text(f"{name}, {title}")
        expect(row).to_contain_text("Inte attesterad")
    check_a11y(page)


def attempt_out_of_order(page: Page, check_a11y: AxeChecker) -> None:
    """The second approver gets no button yet; a request made anyway is refused."""
    expect(page.get_by_role("button", name="Attestera")).to_have_count(0)
    expect(page.get_by_text(f"Nästa att attestera: {FIRST_APPROVER[1]}")).to_be_visible()
    # Post the approval form the page would show, as from a tab opened earlier.
    page.evaluate(
        """() => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = location.pathname + "attestera/";
            for (const [name, value] of [
                ["csrfmiddlewaretoken",
                 document.querySelector("input[name=csrfmiddlewaretoken]").value],
                ["version", "3"],
            ]) {
                const input = document.createElement("input");
                input.type = "hidden";
                input.name = name;
                input.value = value;
                form.append(input);
            }
            document.body.append(form);
            form.submit();
        }"""
    )
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Det gick inte att attestera")
    expect(alert).to_contain_text(
        f"Det är inte din tur att attestera. Först ska {FIRST_APPROVER[1]} "
        f"({FIRST_APPROVER[2]}) attestera."
    )
    expect(attestation_row(page, 1)).to_contain_text("Inte attesterad")
    expect(attestation_row(page, 2)).to_contain_text("Inte attesterad")
    check_a11y(page)


def approve(page: Page, check_a11y: AxeChecker, position: int, title: str) -> None:
    expect(page.get_by_text(f"Du attesterar version 3 som {title}.")).to_be_visible()
    page.get_by_role("button", name="Attestera").click()
    message(page, "Du har attesterat tjänsteutlåtandet.")
    row = attestation_row(page, position)
    expect(row).to_contain_text("Godkänd")
    expect(row).to_contain_text("Giltig")
    expect(page.get_by_role("button", name="Attestera")).to_have_count(0)
    check_a11y(page)


def record_decision(page: Page, check_a11y: AxeChecker) -> None:
    today = timezone.localdate()
    page.get_by_role("link", name="Registrera beslut").click()
    expect(h1(page)).to_have_text(re.compile(r"^Beslut i HÄ \d{4}/\d+$"))
    expect(page.get_by_role("note")).to_have_count(0)
    check_a11y(page)
    expect(page.get_by_label("Nämnd")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Sammanträde").fill(iso(today))
    page.get_by_label("Paragraf (§)").fill("12")
    page.get_by_label("Beslut (obligatoriskt)", exact=True).fill(DECISION_TEXT)
    page.get_by_label("Beslutsdatum").fill(iso(today))
    page.get_by_role("button", name="Registrera beslutet").click()
    message(page, "Beslutet är registrerat och svaret skickat.")
    expect(page.get_by_text("§ 12", exact=True)).to_be_visible()
    expect(page.get_by_text(DECISION_TEXT)).to_be_visible()
    expect(page.get_by_role("link", name="Registrera beslut")).to_have_count(0)
    check_a11y(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_remiss_is_sent_answered_attested_decided_and_compiled(
    live_server, page: Page, check_a11y: AxeChecker
) -> None:
    set_up()
    base = live_server.url

    # The coordinator creates the remiss on the action plan and sends it.
    sign_in(page, base, "samordnare", check_a11y)
    send_remiss(page, check_a11y)
    sign_out(page)

    # The case officer finds the case the remiss opened and writes the statement.
    sign_in(page, base, "redaktor.ha", check_a11y)
    open_case(page, check_a11y)
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    expect(page.get_by_text("Inget beslut ännu.")).to_be_visible()
    write_statement(page, check_a11y)
    record_preparation(page, check_a11y)
    choose_approvers(page, check_a11y)
    sign_out(page)

    # The stadsdelsdirektör cannot attest before the avdelningschef.
    sign_in(page, base, SECOND_APPROVER[0], check_a11y)
    open_statement(page, check_a11y)
    attempt_out_of_order(page, check_a11y)
    sign_out(page)

    # The avdelningschef attests first, then the stadsdelsdirektör.
    sign_in(page, base, FIRST_APPROVER[0], check_a11y)
    open_statement(page, check_a11y)
    approve(page, check_a11y, 1, FIRST_APPROVER[2])
    expect(page.get_by_text(f"Nästa att attestera: {SECOND_APPROVER[1]}")).to_be_visible()
    sign_out(page)

    sign_in(page, base, SECOND_APPROVER[0], check_a11y)
    open_statement(page, check_a11y)
    approve(page, check_a11y, 2, SECOND_APPROVER[2])
    expect(page.get_by_text("Attesterad", exact=True)).to_be_visible()
    for position, (_username, name, title) in enumerate((FIRST_APPROVER, SECOND_APPROVER), 1):
        row = attestation_row(page, position)
        expect(row).to_contain_text(f"{name}, {title}")
        expect(row).to_contain_text("Giltig")

    # Anyone may check that the document is intact.
    page.get_by_role("link", name="Verifiera dokumentet").click()
    expect(h1(page)).to_have_text("Verifiering av tjänsteutlåtande")
    expect(page.get_by_text("Dokumentet är intakt:")).to_be_visible()
    approvals = page.get_by_role("table", name="Attesteringar")
    for _username, name, title in (FIRST_APPROVER, SECOND_APPROVER):
        row = approvals.get_by_role("row").filter(has_text=f"{name}, {title}")
        expect(row).to_contain_text("Giltig")
    check_a11y(page)
    sign_out(page)

    # The case officer records the committee's decision.
    sign_in(page, base, "redaktor.ha", check_a11y)
    open_case(page, check_a11y)
    record_decision(page, check_a11y)
    sign_out(page)

    # The coordinator sees the answer on the remiss and in the compilation.
    sign_in(page, base, "samordnare", check_a11y)
    remisses = page.get_by_role("table", name="Remisser")
    expect(remisses.get_by_role("row").filter(has_text=TITLE)).to_contain_text(
        "1 av 2 har svarat, 0 avstår"
    )
    remisses.get_by_role("link", name=TITLE).click()
    expect(h1(page)).to_have_text(TITLE)
    expect(
        page.get_by_text("Har svarat: 1. Försenade: 0. Avstår: 0. Inväntar svar: 1.")
    ).to_be_visible()
    answered = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=ORGANISATION))
    expect(answered).to_contain_text("Har svarat")
    expect(answered.get_by_role("link", name=f"Svar från {ORGANISATION}")).to_be_visible()
    other = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=OTHER_RECIPIENT))
    expect(other).to_contain_text("Inväntar svar")
    check_a11y(page)

    page.get_by_role("link", name="Remissammanställning").click()
    expect(h1(page)).to_have_text(f"Remissammanställning: {TITLE}")
    expect(page.get_by_text("1 av 2 remissinstanser har svarat")).to_be_visible()
    answers = page.get_by_role("table", name="Remissinstanser som har svarat")
    expect(answers.get_by_role("link", name=f"Svar från {ORGANISATION}")).to_be_visible()
    expect(answers).to_contain_text(re.compile(r"HÄ \d{4}/\d+"))
    outstanding = page.get_by_role("table", name="Remissinstanser som inte har svarat")
    expect(outstanding).to_contain_text(OTHER_RECIPIENT)
    by_question = page.get_by_role("table", name=f"Svaren om: {QUESTION}")
    expect(by_question.get_by_role("row").filter(has_text=ORGANISATION)).to_contain_text(ANSWER)
    by_section = page.get_by_role("table", name="Svaren om: Förvaltningens synpunkter och förslag")
    expect(by_section.get_by_role("row").filter(has_text=ORGANISATION)).to_contain_text(VIEWS)
    check_a11y(page)
