"""Section-name variants, bullets, page breaks, two-column headers and what the parser reports."""

from datetime import date

import pytest

from mrplan.consultations.parsing import parse_statement


def _statement(*sections: tuple[str, str], header: str = "") -> str:
    body = "\n\n".join(f"{heading}\n{text}" for heading, text in sections)
    return f"Rubriken\n\nYttrande till kommunstyrelsen\n\n{header}{body}\n"


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Förvaltningens bedömning", "views"),
        ("FÖRVALTNINGENS BEDÖMNING", "views"),
        ("Förvaltningens synpunkter och förslag:", "views"),
        ("Stadsdelsförvaltningens synpunkter och förslag", "views"),
        ("Kontorets överväganden", "views"),
        ("Bedömning", "views"),
        ("Synpunkter", "views"),
        ("Beredning", "preparation_text"),
        ("Ärendets beredning.", "preparation_text"),
        ("Beredning av ärendet", "preparation_text"),
        ("BAKGRUND", "background"),
        ("1. Bakgrund", "background"),
        ("Ärendet", "matter"),
        ("Ärendebeskrivning", "matter"),
        ("Beskrivning av ärendet", "matter"),
        ("Förslag till beslut", "decision_proposal"),
        ("Stadsledningskontorets förslag till beslut", "decision_proposal"),
        ("Sammanfattning av ärendet", "summary"),
        ("Bilaga", "attachments_text"),
        ("Bilagor:", "attachments_text"),
    ],
)
def test_it_recognises_the_usual_variants_of_a_section_name(heading: str, key: str) -> None:
    others = [
        (other, text)
        for other, text, other_key in (
            ("Sammanfattning", "Kort.", "summary"),
            ("Ärendets beredning", "Beredd.", "preparation_text"),
        )
        if other_key != key
    ]
    parsed = parse_statement(_statement(*others, (heading, "Texten i avsnittet.")))
    assert parsed.sections[key] == "Texten i avsnittet."
    assert parsed.section_headings[key] == heading


def test_the_assessment_no_longer_lands_inside_the_preparation() -> None:
    parsed = parse_statement(
        _statement(
            ("Sammanfattning", "Kort."),
            ("Ärendets beredning", "Ärendet har beretts inom förvaltningen."),
            ("Förvaltningens bedömning", "Förvaltningen tillstyrker förslaget."),
        )
    )
    assert parsed.sections["preparation_text"] == "Ärendet har beretts inom förvaltningen."
    assert parsed.sections["views"] == "Förvaltningen tillstyrker förslaget."


def test_a_lowercase_line_that_happens_to_be_a_section_word_is_prose() -> None:
    parsed = parse_statement(
        _statement(
            ("Sammanfattning", "Det gäller handlingsplanens\nbakgrund\noch syfte."),
            ("Ärendet", "Ärendet."),
        )
    )
    assert parsed.sections["summary"] == "Det gäller handlingsplanens bakgrund och syfte."
    assert parsed.sections["background"] == ""


def test_an_indented_line_in_a_paragraph_is_not_a_bullet() -> None:
    parsed = parse_statement(
        _statement(
            ("Sammanfattning", "Förvaltningen har läst förslaget.\n\n Förvaltningen tillstyrker."),
            ("Bakgrund", "Bakgrunden."),
        )
    )
    assert parsed.sections["summary"] == (
        "Förvaltningen har läst förslaget.\n\nFörvaltningen tillstyrker."
    )


def test_indented_lines_after_a_lead_in_are_still_bullets() -> None:
    parsed = parse_statement(
        _statement(
            ("Sammanfattning", "Programmen som ersätts är:\n Program A\n Program B"),
            ("Bakgrund", "Bakgrunden."),
        )
    )
    assert parsed.sections["summary"] == "Programmen som ersätts är:\n\n• Program A\n• Program B"


def test_a_paragraph_after_a_page_break_is_not_glued_to_a_bullet() -> None:
    parsed = parse_statement(
        _statement(
            (
                "Sammanfattning",
                "Förvaltningen ser behov av:\n• utbildning\n• metodstöd\n\f"
                "Förvaltningen tillstyrker därför förslaget.",
            ),
            ("Bakgrund", "Bakgrunden."),
        )
    )
    assert parsed.sections["summary"] == (
        "Förvaltningen ser behov av:\n\n• utbildning\n• metodstöd\n\n"
        "Förvaltningen tillstyrker därför förslaget."
    )


def test_a_bullet_cut_by_a_page_break_is_still_mended() -> None:
    parsed = parse_statement(
        _statement(
            ("Sammanfattning", "Behov:\n• utbildning för\nSida 1 (2)\f\nmedarbetare"),
            ("Bakgrund", "Bakgrunden."),
        )
    )
    assert parsed.sections["summary"] == "Behov:\n\n• utbildning för medarbetare"


def test_it_reads_a_two_column_header() -> None:
    header = (
        "Hägersten-Älvsjö stadsdelsförvaltning          Tjänsteutlåtande\n"
        "Nämndkansliet                                  Dnr HÄ 2024/689\n"
        "                                               2024-12-27\n\n"
        "Handläggare                                    Till\n"
        "Jens Westlund                                  Hägersten-Älvsjö stadsdelsnämnd\n"
        "Telefon: 08-50821150                           2025-01-23\n\n"
    )
    text = header + _statement(("Sammanfattning", "Kort."), ("Bakgrund", "Bakgrunden."))
    parsed = parse_statement(text)
    assert parsed.title == "Rubriken"
    assert parsed.diary_number == "HÄ 2024/689"
    assert parsed.organisation == "Hägersten-Älvsjö stadsdelsförvaltning"
    assert parsed.department == "Nämndkansliet"
    assert parsed.document_date == date(2024, 12, 27)
    assert parsed.case_officer == "Jens Westlund"
    assert parsed.case_officer_phone == "08-50821150"
    assert parsed.addressee == "Hägersten-Älvsjö stadsdelsnämnd"
    assert parsed.meeting_date == date(2025, 1, 23)


def test_it_reports_text_it_could_not_place_and_unknown_headings() -> None:
    parsed = parse_statement(
        "Rubriken\n\nYttrande till kommunstyrelsen\n\nNågot helt annat som står här.\n\n"
        "Sammanfattning\nKort.\n\nKonsekvenser för barn\n\nBarnen berörs.\n\n"
        "Bakgrund\nBakgrunden.\n"
    )
    assert parsed.unrecognised == ["Något helt annat som står här."]
    assert parsed.unknown_headings == {"summary": ["Konsekvenser för barn"]}
    assert parsed.sections["summary"] == "Kort.\n\nKonsekvenser för barn\n\nBarnen berörs."
    data = parsed.to_dict()
    assert data["unrecognised"] == ["Något helt annat som står här."]
    assert data["unknown_headings"] == {"summary": ["Konsekvenser för barn"]}


def test_it_drops_the_draft_mark_and_the_verification_lines() -> None:
    parsed = parse_statement(
        "UTKAST\nRubriken\n\nYttrande till kommunstyrelsen\n\nSammanfattning\nKort.\n\n"
        "Bilagor\nRemissunderlag\n\nVerifiera dokumentet: https://mrplan.example/remisser/"
        "utlatanden/1/verifiera/\nKontrollsumma (SHA-256, början): 19ffc9717a30b6d3\n"
    )
    assert parsed.title == "Rubriken"
    assert parsed.sections["attachments_text"] == "Remissunderlag"
    assert parsed.attachments == ["Remissunderlag"]
