"""Read an existing tjänsteutlåtande (plain text or PDF) into its header fields and sections.

Public API:
    parse_statement(text) -> ParsedStatement   (raises NotAStatement)
    extract_text(data, filename) -> str        (raises NotAStatement)
    ParsedStatement, Signature, Approval, NotAStatement,
    SECTION_KEYS, SECTION_HEADINGS, FIELD_LABELS

The parser needs no database: the import command and upload form turn its
result into a case and a statement.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, NamedTuple

from mrplan.consultations.parsing.errors import NotAStatement
from mrplan.consultations.parsing.extract import MAX_FILE_BYTES, extract_text
from mrplan.consultations.parsing.header import (
    LOGO_LINES,
    Header,
    HeaderFields,
    parse_date,
    read_headers,
    split_columns_text,
)
from mrplan.consultations.parsing.text import (
    PAGE_BREAK,
    clean_lines,
    is_blank,
    is_bullet_line,
    join_wrapped,
    line_items,
    squash,
    to_prose,
)

__all__ = [
    "FIELD_LABELS",
    "MAX_FILE_BYTES",
    "SECTION_HEADINGS",
    "SECTION_KEYS",
    "Approval",
    "NotAStatement",
    "ParsedStatement",
    "Signature",
    "extract_text",
    "parse_statement",
]

# The seven sections in order; the keys are the Statement model's field names.
SECTION_HEADINGS: dict[str, str] = {
    "decision_proposal": "Förvaltningens förslag till beslut",
    "summary": "Sammanfattning",
    "background": "Bakgrund",
    "matter": "Ärendet",
    "preparation_text": "Ärendets beredning",
    "views": "Förvaltningens synpunkter och förslag",
    "attachments_text": "Bilagor",
}
SECTION_KEYS = tuple(SECTION_HEADINGS)

# Swedish names used in ParsedStatement.missing, by attribute.
FIELD_LABELS: dict[str, str] = {
    "title": "rubrik",
    "subtitle": "underrubrik",
    "document_kind": "dokumenttyp",
    "diary_number": "diarienummer",
    "document_date": "datum",
    "organisation": "förvaltning",
    "department": "avdelning",
    "case_officer": "handläggare",
    "case_officer_phone": "telefon",
    "addressee": "mottagare (Till)",
    "meeting_date": "sammanträdesdatum",
    **SECTION_HEADINGS,
    "signatures": "underskrifter",
    "approvals": "digital attestering",
}

# Who speaks in a heading: "Förvaltningens", "Stadsledningskontorets", "Kontorets".
_OWNER = r"(?:[\wåäöéÅÄÖÉ-]+\s+){0,3}[\wåäöéÅÄÖÉ-]+s\s+"
# The usual names of each section in the genre (matched without regard to case, after
# dropping a section number such as "1." and a trailing colon or full stop).
_HEADING_NAMES: list[tuple[str, str]] = [
    ("decision_proposal", rf"(?:{_OWNER})?förslag till beslut"),
    ("summary", r"sammanfattning(?: av ärendet)?"),
    ("background", r"(?:ärendets )?bakgrund(?: till ärendet)?"),
    ("matter", r"ärendet|ärendebeskrivning|beskrivning av ärendet|ärendets innehåll"),
    ("preparation_text", r"(?:ärendets )?beredning(?: av ärendet)?|ärendets handläggning"),
    (
        "views",
        rf"(?:{_OWNER})?(?:synpunkter(?: och förslag)?|bedömning|överväganden"
        r"|ställningstagande|analys och bedömning)",
    ),
    ("attachments_text", r"bilag(?:a|or)"),
]
_HEADING_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (key, re.compile(rf"^(?:\d{{1,2}}(?:\.\d{{1,2}})*\.?\s+)?(?:{names})\s*[:.]?$", re.I))
    for key, names in _HEADING_NAMES
]
# Lines mrplan prints under the attestation block (see statement_documents): not content.
_VERIFICATION_RE = re.compile(r"^(?:Verifiera dokumentet|Kontrollsumma)\b.*:", re.I)
# A line standing alone like a heading that is none of the seven ("Konsekvenser för barn").
_HEADING_LIKE_RE = re.compile(r"^[A-ZÅÄÖÉ][^.,;:!?•]{2,69}$")
_SUBTITLE_RE = re.compile(r"^(?:Yttrande|Svar på remiss|Remissvar|Remissyttrande)\b", re.I)
_ATTESTATION_RE = re.compile(r"^(?:Attesterat av|Detta dokument har godkänts digitalt)", re.I)
_APPROVAL_RE = re.compile(
    r"^(?P<name>[^,\d]+?)(?:,\s*(?P<title>[^\d]+?))?\s+(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$"
)
_TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:?\d{2}|Z)?$")
_NAME_RE = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéüA-ZÅÄÖ'’-]+(?:[ -][A-ZÅÄÖÉ][a-zåäöéü'’-]+){1,3}$")
_ROLE_RE = re.compile(r"^[a-zåäöé][a-zåäöé/-]+(?: [a-zåäöé/-]+){0,4}$")


class Signature(NamedTuple):
    """One signer in the signature block."""

    name: str
    title: str
    organisation: str = ""


class Approval(NamedTuple):
    """One line of the digital attestation block."""

    name: str
    title: str
    date: date


# The header's fields, in order (ParsedStatement.to_dict keeps this order).
HEADER_FIELDS = tuple(each.name for each in fields(HeaderFields))


@dataclass
class ParsedStatement(HeaderFields):
    """Everything read from a tjänsteutlåtande; "" / None / [] where nothing was found."""

    title: str = ""
    subtitle: str = ""
    # All seven keys of SECTION_KEYS, in order; the text is clean prose ("" if missing).
    sections: dict[str, str] = field(default_factory=lambda: dict.fromkeys(SECTION_KEYS, ""))
    # The headings as written, e.g. "Stadsledningskontorets förslag till beslut".
    section_headings: dict[str, str] = field(default_factory=dict)
    signatures: list[Signature] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    attested_at: datetime | None = None
    missing: list[str] = field(default_factory=list)
    # Text blocks the parser could not place anywhere (shown in the preview, not imported).
    unrecognised: list[str] = field(default_factory=list)
    # Heading-like lines that are none of the seven, by the section whose text now holds them.
    unknown_headings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def decision_proposal(self) -> str:
        return self.sections["decision_proposal"]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (dates as ISO strings)."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            **{name: _json_value(getattr(self, name)) for name in HEADER_FIELDS},
            "sections": dict(self.sections),
            "section_headings": dict(self.section_headings),
            "signatures": [s._asdict() for s in self.signatures],
            "attachments": list(self.attachments),
            "approvals": [
                {"name": a.name, "title": a.title, "date": a.date.isoformat()}
                for a in self.approvals
            ],
            "attested_at": _iso(self.attested_at),
            "missing": list(self.missing),
            "unrecognised": list(self.unrecognised),
            "unknown_headings": {key: list(value) for key, value in self.unknown_headings.items()},
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the parsed result as JSON (UTF-8 text, dates ISO)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _heading_key(line: str) -> str | None:
    text = squash(line)
    # A heading starts with a capital letter (or a section number): "bakgrund" inside a
    # paragraph is prose that happens to be wrapped onto a line of its own.
    first_letter = next((char for char in text if char.isalpha()), "")
    if not first_letter.isupper():
        return None
    for key, pattern in _HEADING_PATTERNS:
        if pattern.match(text):
            return key
    return None


def _blocks(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Return (start, end) spans of consecutive text lines between blank lines and breaks."""
    spans: list[tuple[int, int]] = []
    index = start
    while index < end:
        if is_blank(lines[index]) or lines[index] == PAGE_BREAK:
            index += 1
            continue
        first = index
        while index < end and not is_blank(lines[index]) and lines[index] != PAGE_BREAK:
            index += 1
        spans.append((first, index))
    return spans


def _joined(lines: list[str], span: tuple[int, int]) -> str:
    text = ""
    for line in lines[span[0] : span[1]]:
        text = join_wrapped(text, line)
    return squash(text)


def _read_title(lines: list[str], end: int, parsed: ParsedStatement) -> None:
    """Read title and subtitle from the text before the first section."""
    spans: list[tuple[int, int]] = []
    for first, last in _blocks(lines, 0, end):
        # A subtitle set right under the title (no blank line between) is a block of its own.
        cut = next(
            (i for i in range(first + 1, last) if _SUBTITLE_RE.match(lines[i].strip())), None
        )
        spans.extend([(first, cut), (cut, last)] if cut is not None else [(first, last)])
    texts = [_joined(lines, span) for span in spans]
    texts = [text for text in texts if text not in LOGO_LINES]
    subtitle = next((text for text in texts if _SUBTITLE_RE.match(text)), None)
    if subtitle is None and len(texts) > 1:
        subtitle = texts[1]
    parsed.subtitle = subtitle or ""
    parsed.title = next((text for text in texts if text != subtitle), "")
    parsed.unrecognised.extend(
        text for text in texts if text not in (parsed.title, parsed.subtitle)
    )


def _split_signers(names_line: str, roles_line: str) -> list[tuple[str, str]] | None:
    names = re.split(r"\s{2,}", names_line.strip())
    roles = re.split(r"\s{2,}", roles_line.strip())
    if len(names) == 1 and len(roles) == 1:
        # Columns extracted with single spaces: "Lee Orberson Lars Wennberg" / "a b".
        name_words, role_words = names[0].split(), roles[0].split()
        count = len(role_words)
        if count > 1 and len(name_words) == 2 * count:
            names = [" ".join(name_words[i : i + 2]) for i in range(0, len(name_words), 2)]
            roles = role_words
    if len(names) != len(roles):
        return None
    if not all(_NAME_RE.match(n) for n in names) or not all(_ROLE_RE.match(r) for r in roles):
        return None
    return list(zip(names, roles, strict=True))


def _signer_columns(block: list[str], count: int) -> list[str] | None:
    """Read a block set in COUNT columns (gaps of two or more spaces) column by column."""
    rows = [re.split(r"\s{2,}", line.strip()) for line in block]
    if count < 2 or len(block) > 3 or any(len(row) != count for row in rows):
        return None
    columns = []
    for position in range(count):
        text = ""
        for row in rows:
            text = join_wrapped(text, row[position])
        columns.append(squash(text))
    if any(len(text) > 80 or text.endswith(".") for text in columns):
        return None
    return columns


def _find_signatures(
    lines: list[str], start: int, end: int, heading_indexes: list[int]
) -> tuple[list[Signature], tuple[int, int] | None]:
    """Find the signature block between start and end; return signers and the span to cut."""
    for index in range(start, end - 1):
        if index in heading_indexes or index + 1 in heading_indexes:
            continue
        previous_blank = is_blank(lines[index - 1]) or lines[index - 1] == PAGE_BREAK
        if not previous_blank or is_blank(lines[index]) or is_blank(lines[index + 1]):
            continue
        signers = _split_signers(lines[index], lines[index + 1])
        if signers is None:
            continue
        # The organisation lines under the names (one short group per signer).
        organisations: list[str] = []
        block_end = index + 2
        stop = min((i for i in heading_indexes if i > index), default=end)
        for span in _blocks(lines, index + 2, min(stop, end)):
            columns = _signer_columns(lines[span[0] : span[1]], len(signers))
            if columns is not None and not organisations:
                # One organisation per signer, side by side (as our own PDF prints them).
                organisations = columns
                block_end = span[1]
                break
            text = _joined(lines, span)
            if span[1] - span[0] > 3 or len(text) > 80 or text.endswith("."):
                break
            organisations.append(text)
            block_end = span[1]
        if len(organisations) == 1:
            organisations *= len(signers)
        signatures = [
            Signature(name, role, organisations[i] if i < len(organisations) else "")
            for i, (name, role) in enumerate(signers)
        ]
        return signatures, (index, block_end)
    return [], None


def _read_attestation(lines: list[str], parsed: ParsedStatement) -> None:
    for line in lines:
        text = squash(line) if line != PAGE_BREAK else ""
        if match := _TIMESTAMP_RE.match(text):
            stamp = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", match[0].replace("Z", "+00:00"))
            parsed.attested_at = datetime.fromisoformat(stamp)
        elif (match := _APPROVAL_RE.match(text)) and (when := parse_date(match["date"])):
            title = squash(match["title"] or "")
            parsed.approvals.append(Approval(squash(match["name"]), title, when))


def _json_value(value: Any) -> Any:
    """Return a header field's value for JSON: dates as ISO strings, lists copied."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def _copy_header(header: Header, parsed: ParsedStatement) -> None:
    for name in HEADER_FIELDS:
        setattr(parsed, name, getattr(header, name))


def _heading_like_lines(body: list[str]) -> list[str]:
    """Return the lines in a section's body that stand alone like headings of their own."""
    spans = _blocks(body, 0, len(body))
    found: list[str] = []
    for position, span in enumerate(spans[:-1]):
        text = squash(body[span[0]])
        if (
            span[1] - span[0] == 1
            and not is_bullet_line(body[span[0]])
            and _HEADING_LIKE_RE.match(text)
            and len(text.split()) <= 8
            and parse_date(text) is None
            and position + 1 < len(spans)
        ):
            found.append(text)
    return found


def parse_statement(text: str) -> ParsedStatement:
    """Parse a tjänsteutlåtande's text; raise NotAStatement if it is not one."""
    if not text.strip():
        raise NotAStatement("Filen är tom.")
    lines = clean_lines(split_columns_text(text))
    for index, line in enumerate(lines):
        if _VERIFICATION_RE.match(line.strip()):
            lines[index] = PAGE_BREAK
    header, spans = read_headers(lines)
    for start, end in spans:
        lines[start:end] = [PAGE_BREAK] * (end - start)

    headings: list[tuple[int, str]] = []
    seen: set[str] = set()
    attestation_start: int | None = None
    for index, line in enumerate(lines):
        if line == PAGE_BREAK or is_blank(line):
            continue
        if attestation_start is None and _ATTESTATION_RE.match(line.strip()):
            attestation_start = index
        elif (key := _heading_key(line)) is not None and key not in seen:
            seen.add(key)
            headings.append((index, key))

    if len(headings) < 2 and not (headings and header.anchors >= 2):
        raise NotAStatement(
            "Texten ser inte ut som ett tjänsteutlåtande: rubrikerna (till exempel "
            "”Förvaltningens förslag till beslut” och ”Sammanfattning”) saknas."
        )

    parsed = ParsedStatement()
    _copy_header(header, parsed)
    first_heading = headings[0][0]
    _read_title(lines, first_heading, parsed)

    # The title is repeated at the top of later pages: cut those repetitions out.
    if parsed.title:
        for span in _blocks(lines, first_heading + 1, len(lines)):
            if _joined(lines, span) == parsed.title:
                lines[span[0] : span[1]] = [PAGE_BREAK] * (span[1] - span[0])

    # The attestation block runs to the next heading or the end; cut it out once read.
    if attestation_start is not None:
        next_heading = next((i for i, _k in headings if i > attestation_start), len(lines))
        _read_attestation(lines[attestation_start:next_heading], parsed)
        lines[attestation_start:next_heading] = [PAGE_BREAK] * (next_heading - attestation_start)

    parsed.signatures, signature_span = _find_signatures(
        lines, first_heading + 1, len(lines), [i for i, _key in headings]
    )
    if signature_span is not None:
        start, end = signature_span
        lines[start:end] = [PAGE_BREAK] * (end - start)

    for position, (index, key) in enumerate(headings):
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        body = lines[index + 1 : end]
        parsed.section_headings[key] = squash(lines[index])
        parsed.sections[key] = to_prose(body)
        if key != "attachments_text" and (found := _heading_like_lines(body)):
            parsed.unknown_headings[key] = found
        if key == "attachments_text":
            parsed.attachments = line_items(body)
            parsed.sections[key] = "\n".join(parsed.attachments)

    for name, label in FIELD_LABELS.items():
        value = parsed.sections.get(name) if name in SECTION_HEADINGS else getattr(parsed, name)
        if not value:
            parsed.missing.append(label)
    return parsed
