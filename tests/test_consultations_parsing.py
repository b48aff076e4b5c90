"""The tjänsteutlåtande parser: both seeds field by field, other layouts, files and bad input."""

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mrplan.consultations.parsing import (
    FIELD_LABELS,
    SECTION_KEYS,
    Approval,
    NotAStatement,
    ParsedStatement,
    Signature,
    extract_text,
    parse_statement,
)
from mrplan.consultations.parsing.text import join_wrapped

SEEDS = Path(__file__).resolve().parent.parent / "src/mrplan/consultations/data/seeds"
SEED_000 = SEEDS / "000_cee42084136e04fd.txt"
SEED_003 = SEEDS / "003_3d82ad2851e29e18.txt"


def _prose(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def _bullets(*items: str) -> str:
    return "\n".join(f"• {item}" for item in items)


HÄ = "Hägersten-Älvsjö stadsdelsförvaltning"
SIGNATURES = [
    Signature("Lee Orberson", "stadsdelsdirektör", HÄ),
    Signature("Lars Wennberg", "avdelningschef", HÄ),
]
DECISION = _prose(
    "Hägersten-Älvsjö stadsdelsnämnd godkänner förvaltningens tjänsteutlåtande och "
    "överlämnar det till kommunstyrelsen som svar på remissen.",
)

EXPECTED_000 = {
    "decision_proposal": DECISION,
    "summary": _prose(
        "Utifrån Stockholm stads program för de mänskliga rättigheterna har staden tagit fram"
        " en handlingsplan mot rasism. Handlingsplanen är ett samlat styrdokument som ska "
        "stärka och utveckla stadens arbete mot alla former av rasism. Syftet är att stärka "
        "och utveckla de ordinarie processerna med utgångspunkt ur tre identifierade "
        "utvecklingsområden: Öka kunskapen om rasism och diskriminering, motverka att barn "
        "och unga utsätts för rasism samt stärka samverkan med civilsamhället i arbete mot "
        "rasism. Handlingsplanens mål är att staden ska vara öppen, jämlik och jämställd, fri"
        " från alla former av diskriminering och rasism.",
        "Förvaltningen välkomnar att staden samlar sitt arbete mot rasism i ett enhetligt "
        "program och att handlingsplanen därtill pekar ut en tydlig riktning i de "
        "utvecklingsområden som ska stärka arbetet.",
    ),
    "background": _prose(
        "Kommunstyrelsen har tagit fram en handlingsplan mot rasism utifrån Stockholm stads "
        "program för de mänskliga rättigheterna. Programmet antogs av kommunfullmäktige den "
        "16 december 2024 och gäller för samtliga nämnder och bolagsstyrelser. "
        "Handlingsplanen har nu skickats på remiss.",
    ),
    "matter": _prose(
        "Handlingsplan mot rasism syftar till att stärka och utveckla Stockholm stads arbete "
        "mot rasism och riktar sig mot samtliga nämnder och bolagsstyrelser. Handlingsplanen "
        "är kopplad till Stockholm stads program för de mänskliga rättigheterna. Det "
        "övergripande målet med handlingsplanen är: Stockholm stads verksamheter ska vara "
        "fria från alla former av rasism.",
        "Handlingsplanen tar upp alla former av rasism med särskilt fokus på afrofobi, "
        "antisemitism, antiziganism, islamofobi och rasism mot samer. I handlingsplanen "
        "identifieras tre utvecklingsområden, som svarar mot Stockholm stads program för de "
        "mänskliga rättigheternas fokusområden. De tre utvecklingsområdena är:",
        _bullets(
            "Öka kunskapen om rasism och diskriminering",
            "Motverka att barn och unga utsätts för rasism",
            "Stärka samverkan med civilsamhället i arbetet mot rasism",
        ),
        "Till varje utvecklingsområde pekas ett antal aktiviteter ut som syftar till att "
        "utveckla existerande processer utifrån ett antirasistiskt perspektiv samt påbörja "
        "nya arbetssätt för att förebygga och motverka rasism och främja inkludering. Nämnder"
        " och bolagsstyrelser ska enligt handlingsplanen formulera egna mål och aktiviteter "
        "för arbetet mot rasism, säkerställa att kunskap om stockholmarnas upplevelser av "
        "rasism finns och används i utvecklingsarbetet samt samverka både inom staden och med"
        " civilsamhället. Arbetet mot rasism ska vara en del av nämnder och bolagsstyrelsers "
        "systematiska arbete för att säkerställa stockholmarnas tillgång till de mänskliga "
        "rättigheterna och bidra till att ojämlikheten minskar i enlighet med "
        "hållbarhetsmålen i Agenda 2030.",
    ),
    "preparation_text": _prose(
        "Ärendet har beretts inom nämndkansliet i samråd med avdelningarna för "
        "funktionsnedsättning och socialpsykiatri, individ- och familjeomsorg, äldreomsorg "
        "samt förskola. De fackliga organisationerna informeras i förvaltningsgruppen den 14 "
        "januari 2025.",
    ),
    "views": _prose(
        "Förvaltningen välkomnar att staden samlar sitt arbete mot rasism i en handlingsplan "
        "och att planen ger en tydlig riktning hur stadens nämnder och bolag ska arbete för "
        "att motverka rasism.",
        "Förvaltningen ser positivt på att stadsledningskontoret avser att leda och samordna "
        "det gemensamma uppdraget, enligt förvaltningen är det en förutsättning för att "
        "nämnderna och bolagen ska kunna utveckla sitt arbete.",
    ),
    "attachments_text": _prose(
        "Remissunderlag Handlingsplan mot rasism",
    ),
}

EXPECTED_003 = {
    "decision_proposal": DECISION,
    "summary": _prose(
        "Stockholm stad har haft fyra program för de mänskliga rättigheterna och tar nu ett "
        "helhetsgrepp och samlar stadens arbete med mänskliga rättigheter i ett program (MR-"
        "programmet). Syftet är att stärka och utveckla de ordinarie processerna och "
        "samtidigt skapa en långsiktigt hållbar struktur för alla nämnder och "
        "bolagsstyrelser. Programmet ersätter programmen för lika rättigheter och möjligheter"
        " oavsett sexuell läggning, könsidentitet och könsuttryck, program för barns "
        "rättigheter och inflytande, program för ett jämställt Stockholm samt strategi för "
        "romsk inkludering. Programmets mål är att staden ska vara öppen, jämlik och "
        "jämställd, fri från alla former av diskriminering och rasism.",
        "Förvaltningen välkomnar att staden samlar sitt arbete kring mänskliga rättigheter i "
        "ett program och att programmet ger en mer utförlig beskrivning av hur stadens "
        "nämnder och bolag ska arbete med programmets intentioner.",
    ),
    "background": _prose(
        "Kommunstyrelsen har tagit fram ett nytt program för de mänskliga rättigheterna och "
        "skickat det på remiss. Programmet ersätter tidigare framtagna program som har täckt "
        "de mänskliga rättigheterna, nu samlas arbetet i ett program. Programmet gäller för "
        "samtliga nämnder och bolagsstyrelser.",
        "Programmen som ersätts och därmed utgår är:",
        _bullets(
            "Program för lika rättigheter och möjligheter oavsett sexuell läggning, "
            "könsidentitet och könsuttryck 2018-2022",
            "Program för barnets rättigheter och inflytande i Stockholms stad 2018-2022",
            "Program för ett jämställt Stockholm 2018-2022",
            "Strategi för romsk inkludering 2018-2022",
        ),
    ),
    "matter": _prose(
        "Stockholms stads program för de mänskliga rättigheterna (MR-programmet) ska ge "
        "vägledning för stadens samtliga nämnder och bolagsstyrelser i arbetet med att "
        "säkerställa de mänskliga rättigheterna. Programmets mål är: Stockholms stad är en "
        "öppen, jämlik och jämställd stad, fri från alla former av diskriminering och rasism.",
        "De mänskliga rättigheterna slår fast att alla människor är födda fria och lika i "
        "värde och rättigheter. Exempel på grundläggande fri- och rättigheter är: Rätten till"
        " utbildning, bostad, arbete, delaktighet i samhället och frihet från hat, hot och "
        "våld. Rättigheterna är odelbara och ingen rättighet är viktigare än någon annan.",
        "Utifrån internationella åtaganden om mänskliga rättigheter och sitt demokratiska "
        "uppdrag ska kommuner säkerställa att alla människor får lika tillgång till sina "
        "rättigheter samt likvärdig service och bemötande. Stockholms stad har haft flera "
        "olika program för att säkerställa de mänskliga rättigheterna. Nu tar staden nästa "
        "steg och samlar arbetet i ett och samma program.",
        "MR-programmet innehåller tre fokusområden:",
        _bullets(
            "Kunskap och information",
            "Välfärd och service",
            "Delaktighet och inflytande",
        ),
        "Fokusområdena utgör tillsammans grundläggande förutsättningar för att staden ska "
        "kunna bidra till jämlika levnadsvillkor för alla stockholmare och säkerställa att de"
        " mänskliga rättigheterna efterlevs i stadens verksamheter. MR-programmet och de "
        "tillhörande handlingsplanerna ska bidra till ett intensifierat arbete inom de tre "
        "fokusområdena. Samtliga nämnder och bolagsstyrelser ska i detta arbete systematiskt "
        "öka sin kunskap, förbättra informationen och bemötandet samt stärka stockholmarnas "
        "delaktighet och inflytande.",
        "Att arbeta sammanhållet med de mänskliga rättigheterna är inte en motsättning till "
        "att också synliggöra och arbeta utifrån kunskapen om att individer och grupper har "
        "olika levnadsvillkor och möjligheter. Ett sätt att säkerställa rättigheter för "
        "individer och grupper med olika förutsättningar fortsatt är att handlingsplaner tas "
        "fram för:",
        _bullets(
            "Att arbeta mot rasism",
            "Barnets rättigheter och inflytande i Stockholms stad",
            "De nationella minoriteternas rättigheter",
            "Ett jämställt Stockholm",
            "Lika rättigheter och möjligheter oavsett sexuell läggning, "
            "könsidentitet och könsuttryck (hbtqi)",
            "Romsk inkludering",
        ),
        "Arbetet med att uppnå målet med programmet och handlingsplanerna är nära kopplat "
        "till stadens demokratiarbete och arbetet med att uppnå FN:s globala hållbarhetsmål i"
        " Agenda 2030 med fokus på principen Lämna ingen utanför.",
    ),
    "preparation_text": _prose(
        "Ärendet har beretts inom nämndkansliet i samråd med avdelningen för "
        "funktionsnedsättning och socialpsykiatri, avdelningen för individ- och familjeomsorg"
        " samt avdelningarna för äldreomsorg och förskola. De fackliga organisationerna "
        "informeras i förvaltningsgruppen den 17 september 2024.",
    ),
    "views": _prose(
        "Förvaltningen ser positivt på och välkomnar att staden samlar sitt arbete kring "
        "mänskliga rättigheter i ett program och att programmet ger en mer utförlig "
        "beskrivning av hur stadens nämnder och bolag ska arbete med programmets intentioner.",
        "Det är önskvärt att stadsledningskontoret bistår nämnderna och bolagen i det "
        "gemensamma implementeringsarbete som vi står framför, exempelvis tar fram "
        "informationsmaterial och erbjuder utbildningsinsatser. För att nämnderna och bolagen"
        " på ett konkret sätt ska kunna göra skillnad i enlighet med programmets intentioner,"
        " är det centralt att stadsledningskontoret ombesörjer metoder över tid som "
        "identifierar kunskap om målgruppens förutsättningar och behov. Utöver att det är "
        "effektivare än att varje nämn och bolag skulle själva göra det, ger det också en "
        "likställighet och samsyn i stadens arbete.",
    ),
    "attachments_text": _prose(
        "Remissunderlag Stockholms stads program för de mänskliga rättigheterna",
    ),
}


@pytest.fixture(scope="module")
def seed_000() -> ParsedStatement:
    return parse_statement(SEED_000.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_003() -> ParsedStatement:
    return parse_statement(SEED_003.read_text(encoding="utf-8"))


# Seed 000: Handlingsplan för arbete mot rasism (HÄ 2024/689).


def test_it_reads_the_header_of_seed_000(seed_000: ParsedStatement) -> None:
    assert seed_000.title == "Handlingsplan för arbete mot rasism"
    assert seed_000.subtitle == "Yttrande till kommunstyrelsen"
    assert seed_000.document_kind == "Tjänsteutlåtande"
    assert seed_000.diary_number == "HÄ 2024/689"
    assert (seed_000.diary_prefix, seed_000.diary_year, seed_000.diary_serial) == ("HÄ", 2024, 689)
    assert seed_000.document_date == date(2024, 12, 27)
    assert seed_000.organisation == HÄ
    assert seed_000.department == "Nämndkansliet"
    assert seed_000.case_officer == "Jens Westlund"
    assert seed_000.case_officer_phone == "08-50821150"
    assert seed_000.addressee == "Hägersten-Älvsjö stadsdelsnämnd"
    assert seed_000.meeting_date == date(2025, 1, 23)
    assert seed_000.address_lines == ["Kungsklippan 6", "112 25 Stockholm"]
    assert seed_000.email == "daniel.lauridsen@stockholm.se"


def test_it_reads_every_section_of_seed_000(seed_000: ParsedStatement) -> None:
    assert list(seed_000.sections) == list(SECTION_KEYS)
    for key, expected in EXPECTED_000.items():
        assert seed_000.sections[key] == expected, key
    assert seed_000.decision_proposal == DECISION


def test_it_reads_signatures_attachments_and_attestation_of_seed_000(
    seed_000: ParsedStatement,
) -> None:
    assert seed_000.signatures == SIGNATURES
    assert seed_000.attachments == ["Remissunderlag Handlingsplan mot rasism"]
    assert seed_000.approvals == [
        Approval("Lee Orberson", "stadsdelsdirektör", date(2025, 1, 9)),
        Approval("Lars Wennberg", "avdelningschef", date(2025, 1, 7)),
    ]
    assert seed_000.attested_at == datetime(
        2025, 1, 9, 8, 51, 53, tzinfo=timezone(timedelta(hours=1))
    )
    assert seed_000.missing == []


# Seed 003: Stockholms stads program för de mänskliga rättigheterna (HÄ 2024/427).


def test_it_reads_the_header_of_seed_003(seed_003: ParsedStatement) -> None:
    assert seed_003.title == "Stockholms stads program för de mänskliga rättigheterna"
    assert seed_003.subtitle == "Yttrande till kommunstyrelsen"
    assert seed_003.document_kind == "Tjänsteutlåtande"
    assert seed_003.diary_number == "HÄ 2024/427"
    assert (seed_003.diary_prefix, seed_003.diary_year, seed_003.diary_serial) == ("HÄ", 2024, 427)
    assert seed_003.document_date == date(2024, 8, 16)
    assert seed_003.organisation == HÄ
    assert seed_003.department == "Nämndkansliet"
    assert seed_003.case_officer == "Jens Westlund"
    assert seed_003.case_officer_phone == "08-50821150"
    assert seed_003.addressee == "Hägersten-Älvsjö stadsdelsnämnd"
    assert seed_003.meeting_date == date(2024, 9, 26)
    assert seed_003.address_lines == ["Kungsklippan 6", "112 25 Stockholm"]
    assert seed_003.email == "daniel.lauridsen@stockholm.se"
    assert seed_003.website == "start.stockholm"


def test_it_reads_every_section_of_seed_003(seed_003: ParsedStatement) -> None:
    assert list(seed_003.sections) == list(SECTION_KEYS)
    for key, expected in EXPECTED_003.items():
        assert seed_003.sections[key] == expected, key


def test_it_invents_no_attestation_for_seed_003(seed_003: ParsedStatement) -> None:
    assert seed_003.signatures == SIGNATURES
    assert seed_003.attachments == [
        "Remissunderlag Stockholms stads program för de mänskliga rättigheterna"
    ]
    assert seed_003.approvals == []
    assert seed_003.attested_at is None
    assert seed_003.missing == [FIELD_LABELS["approvals"]]


def test_it_keeps_no_header_or_title_text_inside_the_sections(
    seed_000: ParsedStatement, seed_003: ParsedStatement
) -> None:
    for parsed in (seed_000, seed_003):
        text = "\n".join(parsed.sections.values())
        for leftover in ("Handläggare", "Telefon", "Dnr", "Kungsklippan", "@", "start.stockholm"):
            assert leftover not in text
        assert parsed.title not in text.split("\n")
        assert "\x00" not in text and "  " not in text


def test_it_gives_json_with_iso_dates(seed_000: ParsedStatement) -> None:
    data = json.loads(seed_000.to_json())
    assert data["diary_number"] == "HÄ 2024/689"
    assert data["document_date"] == "2024-12-27"
    assert data["meeting_date"] == "2025-01-23"
    assert data["approvals"][1] == {
        "name": "Lars Wennberg",
        "title": "avdelningschef",
        "date": "2025-01-07",
    }
    assert data["signatures"][0]["name"] == "Lee Orberson"
    assert data["sections"]["preparation_text"] == EXPECTED_000["preparation_text"]
    assert "Hägersten" in seed_000.to_json()  # UTF-8, not \u escapes


def test_it_reads_crlf_line_endings_the_same(seed_003: ParsedStatement) -> None:
    text = SEED_003.read_text(encoding="utf-8").replace("\n", "\r\n")
    assert parse_statement(text) == seed_003


# Another layout of the same genre: header at the top and split across pages, page markers,
# "Stadsledningskontorets förslag till beslut", a sentence cut by a page break.

VARIANT = """Stockholms stad
Stadsledningskontoret
Avdelningen för mänskliga rättigheter

Tjänsteutlåtande
Dnr KS 2025/123
Sida 1 (2)
3 februari 2025
Hantverkargatan 3D
105 35 Stockholm
www.stockholm.se

Handlingsplan för barnets rättigheter 2025

Svar på remiss från kommunfullmäktige

Stadsledningskontorets förslag till beslut
Kommunstyrelsen godkänner stadsledningskontorets tjänsteutlåtande.

Sammanfattning
Stadsledningskontoret tillstyrker förslaget.

Bakgrund
Handlingsplanen togs fram i sam-
arbete med

Stadsledningskontoret
Tjänsteutlåtande
Dnr KS 2025/123
Sida 2 (2)

Stockholms stads nämnder och bolagsstyrelser.

Ärendet
Planen omfattar:
- Barnrättsbaserade beslut
- Barns delaktighet

Handläggare
Anna Berg
Telefon: 08-508 290 00

Till
Kommunstyrelsen
2025-03-05

Ärendets beredning
Ärendet har beretts inom avdelningen för mänskliga rättigheter.

Stadsledningskontorets synpunkter
Kontoret ser positivt på planen.

Olle Olsson  Eva Ek
stadsdirektör  biträdande stadsdirektör

Bilagor
1. Remissunderlag
2. Sammanställning av
synpunkter

Detta dokument har godkänts digitalt av följande personer:
Eva Ek, biträdande stadsdirektör 2025-02-04
Olle Olsson, stadsdirektör 2025-02-05
""".replace("\n", "\r\n")


def test_it_reads_another_layout_with_page_markers() -> None:
    parsed = parse_statement(VARIANT)

    assert parsed.title == "Handlingsplan för barnets rättigheter 2025"
    assert parsed.subtitle == "Svar på remiss från kommunfullmäktige"
    assert parsed.organisation == "Stadsledningskontoret"
    assert parsed.department == "Avdelningen för mänskliga rättigheter"
    assert parsed.diary_number == "KS 2025/123"
    assert parsed.document_date == date(2025, 2, 3)
    assert parsed.address_lines == ["Hantverkargatan 3D", "105 35 Stockholm"]
    assert parsed.website == "www.stockholm.se"
    assert parsed.case_officer == "Anna Berg"
    assert parsed.case_officer_phone == "08-508 290 00"
    assert parsed.addressee == "Kommunstyrelsen"
    assert parsed.meeting_date == date(2025, 3, 5)
    assert parsed.section_headings["decision_proposal"] == (
        "Stadsledningskontorets förslag till beslut"
    )
    assert parsed.section_headings["views"] == "Stadsledningskontorets synpunkter"
    assert parsed.sections == {
        "decision_proposal": "Kommunstyrelsen godkänner stadsledningskontorets tjänsteutlåtande.",
        "summary": "Stadsledningskontoret tillstyrker förslaget.",
        "background": "Handlingsplanen togs fram i samarbete med Stockholms stads nämnder "
        "och bolagsstyrelser.",
        "matter": "Planen omfattar:\n\n• Barnrättsbaserade beslut\n• Barns delaktighet",
        "preparation_text": "Ärendet har beretts inom avdelningen för mänskliga rättigheter.",
        "views": "Kontoret ser positivt på planen.",
        "attachments_text": "1. Remissunderlag\n2. Sammanställning av synpunkter",
    }
    assert parsed.signatures == [
        Signature("Olle Olsson", "stadsdirektör"),
        Signature("Eva Ek", "biträdande stadsdirektör"),
    ]
    assert parsed.approvals == [
        Approval("Eva Ek", "biträdande stadsdirektör", date(2025, 2, 4)),
        Approval("Olle Olsson", "stadsdirektör", date(2025, 2, 5)),
    ]
    assert parsed.missing == []


def test_it_reports_in_swedish_what_it_could_not_find() -> None:
    parsed = parse_statement(
        "Rubrik\n\nFörvaltningens förslag till beslut\nNämnden godkänner.\n\n"
        "Sammanfattning\nKort.\n"
    )

    assert parsed.title == "Rubrik"
    assert parsed.diary_number == ""
    assert parsed.document_date is None
    assert parsed.approvals == []
    assert parsed.missing == [
        "underrubrik",
        "dokumenttyp",
        "diarienummer",
        "datum",
        "förvaltning",
        "avdelning",
        "handläggare",
        "telefon",
        "mottagare (Till)",
        "sammanträdesdatum",
        "Bakgrund",
        "Ärendet",
        "Ärendets beredning",
        "Förvaltningens synpunkter och förslag",
        "Bilagor",
        "underskrifter",
        "digital attestering",
    ]


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("Handlings-", "planen har nu", "Handlingsplanen har nu"),
        ("i samråd med avdel-", "ningarna för", "i samråd med avdelningarna för"),
        ("(MR-", "programmet) ska", "(MR-programmet) ska"),
        ("individ-", "och familjeomsorg", "individ- och familjeomsorg"),
        ("stadens arbete ", "mot rasism", "stadens arbete mot rasism"),
    ],
)
def test_it_joins_wrapped_lines_and_hyphenated_words(left: str, right: str, joined: str) -> None:
    assert join_wrapped(left, right) == joined


# Not a statement.


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "Protokoll fört vid sammanträde\n\nNärvarande: Anna, Bertil.\n\n§ 1 Mötet öppnas.",
        "Sammanfattning\nEn vanlig rapport med bara en rubrik.\n",
    ],
)
def test_it_refuses_a_text_that_is_not_a_statement(text: str) -> None:
    with pytest.raises(NotAStatement) as error:
        parse_statement(text)
    assert error.value.message in ("Filen är tom.",) or "tjänsteutlåtande" in error.value.message


# Files: plain text, Windows-1252, PDF, and files that only pretend.


def test_it_reads_a_utf8_text_file_with_bom(seed_000: ParsedStatement) -> None:
    data = b"\xef\xbb\xbf" + SEED_000.read_bytes()
    assert parse_statement(extract_text(data, "utlatande.txt")) == seed_000


def test_it_falls_back_to_windows_1252(seed_003: ParsedStatement) -> None:
    data = SEED_003.read_text(encoding="utf-8").encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert parse_statement(extract_text(data, "utlatande.txt")) == seed_003


def _pdf_of(text: str) -> bytes:
    from html import escape

    from weasyprint import HTML

    # A real document prints a bullet glyph, not the Symbol font's private-use code point.
    body = escape(text.replace("\uf0b7", "•"))
    html = (
        "<html lang='sv'><head><meta charset='utf-8'><style>"
        "@page { size: A4; margin: 2cm } pre { font: 9pt 'DejaVu Sans' }"
        f"</style></head><body><pre>{body}</pre></body></html>"
    )
    return HTML(string=html).write_pdf()


@pytest.mark.parametrize("seed", [SEED_000, SEED_003], ids=["000", "003"])
def test_it_reads_a_pdf_of_each_seed(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    data = _pdf_of(text)
    assert data.startswith(b"%PDF")

    extracted = extract_text(data, "utlatande.pdf")
    from_pdf = parse_statement(extracted)

    assert "\f" in extracted  # the seeds run over two pages
    assert from_pdf.to_dict() == parse_statement(text).to_dict()


def test_it_refuses_a_file_named_pdf_without_the_pdf_magic() -> None:
    with pytest.raises(NotAStatement, match="ingen PDF"):
        extract_text(SEED_000.read_bytes(), "utlatande.pdf")


def test_it_refuses_a_damaged_pdf() -> None:
    with pytest.raises(NotAStatement, match="PDF-filen"):
        extract_text(b"%PDF-1.7\nnot really a pdf", "utlatande.pdf")


def test_it_refuses_a_damaged_word_file_other_office_files_and_binary_data() -> None:
    with pytest.raises(NotAStatement, match="Word-filen är skadad"):
        extract_text(b"PK\x03\x04rest of a zip", "utlatande.docx")
    with pytest.raises(NotAStatement, match="Office"):
        extract_text(b"PK\x03\x04rest of a zip", "utlatande.odt")
    with pytest.raises(NotAStatement, match="varken"):
        extract_text(b"abc\x00\x01\x02", "utlatande.txt")


def test_it_refuses_an_empty_or_too_large_file() -> None:
    with pytest.raises(NotAStatement, match="tom"):
        extract_text(b"", "utlatande.txt")
    with pytest.raises(NotAStatement, match="för stor"):
        extract_text(b"x" * 2048, "utlatande.txt", max_bytes=1024)
