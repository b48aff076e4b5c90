"""Find and read the header block of a tjänsteutlåtande, wherever PDF extraction put it.

The block (Handläggare, Telefon, Till + meeting date, förvaltning and avdelning,
document kind, Dnr, document date, address, e-mail, web address) may sit at the
top, in the middle of a section (as in the seeds) or be split across pages. Each
block is read with a small grammar and its lines are reported so that the caller
can cut them out of the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from mrplan.consultations.parsing.text import PAGE_BREAK, is_blank, squash

MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
# The city's logo text, extracted as a line of its own above the förvaltning.
LOGO_LINES = {"Stockholms stad", "STOCKHOLMS STAD"}
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LONG_DATE_RE = re.compile(r"^(\d{1,2})\s+([a-zåäö]+)\s+(\d{4})$", re.IGNORECASE)
_OFFICER_RE = re.compile(r"^Handläggare\s*:?\s*(?P<name>.*)$", re.IGNORECASE)
_PHONE_RE = re.compile(r"^(?:Telefon|Tel\.?|Tfn)\s*:?\s*(?P<phone>[\d +()-]{5,})$", re.IGNORECASE)
_TO_RE = re.compile(r"^Till(?:\s*:\s*(?P<rest>.*))?$")
_KIND_RE = re.compile(r"^(Tjänsteutlåtande|Tjänsteskrivelse|Utlåtande)$", re.IGNORECASE)
DIARY_RE = re.compile(
    r"(?:Dnr|Diarienummer|Diarienr)\.?\s*:?\s*"
    r"(?:(?P<prefix>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,7}(?:[ -][A-ZÅÄÖ]{1,6})?)\s+)?"
    r"(?P<year>(?:19|20)\d{2})\s*/\s*(?P<serial>\d{1,7})",
)
_DIARY_LINE_RE = re.compile(rf"^{DIARY_RE.pattern}\s*$")
_EMAIL_RE = re.compile(r"^(?:E-post\s*:?\s*)?(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$", re.I)
_WEB_RE = re.compile(
    r"^(?:https?://\S+|www\.\S+|start\.stockholm\S*|\S+\.stockholm(?:\.se)?/?\S*)$"
)
_POSTCODE_RE = re.compile(r"^(?:SE-?)?\d{3}\s?\d{2}\s+[A-ZÅÄÖ][\w -]*$")
_STREET_RE = re.compile(
    r"^(?:Box\s+\d+|[A-ZÅÄÖ][\wåäöé.-]*(?:\s[\wåäöé.-]+){0,3}\s\d+\s?[A-Za-z]?)$"
)
_ADDRESS_LABEL_RE = re.compile(r"^(?:Postadress|Besöksadress|Växel|Telefon växel)\b.*$", re.I)


def parse_date(text: str) -> date | None:
    """Read an ISO date ("2025-01-23") or a Swedish long date ("23 januari 2025")."""
    text = text.strip().rstrip(".")
    try:
        if match := _ISO_DATE_RE.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if (match := _LONG_DATE_RE.match(text)) and match[2].lower() in MONTHS:
            return date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    except ValueError:
        return None
    return None


@dataclass
class HeaderFields:
    """A statement's header fields: read into a Header, kept on the ParsedStatement."""

    document_kind: str = ""
    diary_number: str = ""
    diary_prefix: str = ""
    diary_year: int | None = None
    diary_serial: int | None = None
    document_date: date | None = None
    organisation: str = ""
    department: str = ""
    case_officer: str = ""
    case_officer_phone: str = ""
    addressee: str = ""
    meeting_date: date | None = None
    address_lines: list[str] = field(default_factory=list)
    email: str = ""
    website: str = ""


@dataclass
class Header(HeaderFields):
    """What the header block(s) said; empty strings and None for what was not there."""

    anchors: int = 0  # how many header labels were found (Handläggare, Till, Dnr, ...)

    def set_diary(self, match: re.Match[str]) -> None:
        if self.diary_number:
            return
        prefix = squash(match["prefix"] or "")
        self.diary_prefix = prefix
        self.diary_year = int(match["year"])
        self.diary_serial = int(match["serial"])
        self.diary_number = f"{prefix} {self.diary_year}/{self.diary_serial}".strip()


def _is_anchor(line: str) -> bool:
    text = line.strip()
    return bool(
        _OFFICER_RE.match(text)
        or _TO_RE.match(text)
        or _KIND_RE.match(text)
        or _DIARY_LINE_RE.match(text)
    )


def _is_address_line(text: str, following: str) -> bool:
    # A street line only counts above a postcode line, so that a title such as
    # "Handlingsplan för barnets rättigheter 2025" is not taken for an address.
    return bool(
        _EMAIL_RE.match(text)
        or _WEB_RE.match(text)
        or _POSTCODE_RE.match(text)
        or (_STREET_RE.match(text) and _POSTCODE_RE.match(following))
        or _ADDRESS_LABEL_RE.match(text)
    )


class _Reader:
    """Consume one header block from lines[start:], filling in header."""

    def __init__(self, lines: list[str], header: Header) -> None:
        self.lines = lines
        self.header = header

    def next_text(self, index: int) -> int | None:
        """Return the index of the next non-blank line at or after index."""
        while index < len(self.lines):
            if not is_blank(self.lines[index]) and self.lines[index] != PAGE_BREAK:
                return index
            index += 1
        return None

    def following_text(self, index: int) -> str:
        """Return the stripped text of the next non-blank line after index ("" at the end)."""
        following = self.next_text(index + 1)
        return self.lines[following].strip() if following is not None else ""

    def organisation_group(self, index: int) -> list[int] | None:
        """Return the line indexes of a förvaltning/avdelning group that precedes the kind line."""
        group: list[int] = []
        cursor = index
        while cursor < len(self.lines) and not is_blank(self.lines[cursor]):
            if self.lines[cursor] == PAGE_BREAK:
                break
            group.append(cursor)
            cursor += 1
        following = self.next_text(cursor)
        if following is None or not _KIND_RE.match(self.lines[following].strip()):
            # The kind line may directly follow the group without a blank line.
            for position, line_index in enumerate(group):
                if _KIND_RE.match(self.lines[line_index].strip()):
                    group = group[:position]
                    break
            else:
                return None
        if not group or len(group) > 3:
            return None
        for line_index in group:
            text = self.lines[line_index].strip()
            if len(text) > 80 or text.endswith((".", ",", ";")) or _is_anchor(text):
                return None
        return group

    def read(self, start: int) -> int:
        """Read a block starting at start; return the index just past its last line."""
        header = self.header
        index = start
        end = start
        while (current := self.next_text(index)) is not None:
            text = self.lines[current].strip()
            consumed: int | None = None
            if match := _OFFICER_RE.match(text):
                header.anchors += 1
                consumed = current
                name = match["name"].strip()
                if not name and (name_index := self.next_text(current + 1)) is not None:
                    candidate = self.lines[name_index].strip()
                    if not _is_anchor(candidate) and not _PHONE_RE.match(candidate):
                        name, consumed = candidate, name_index
                header.case_officer = header.case_officer or squash(name)
            elif match := _PHONE_RE.match(text):
                header.case_officer_phone = header.case_officer_phone or squash(match["phone"])
                consumed = current
            elif match := _TO_RE.match(text):
                header.anchors += 1
                consumed = current
                rest = (match["rest"] or "").strip()
                if not rest and (to_index := self.next_text(current + 1)) is not None:
                    candidate = self.lines[to_index].strip()
                    if not _is_anchor(candidate):
                        rest, consumed = candidate, to_index
                # "Hägersten-Älvsjö stadsdelsnämnd 2025-01-23" on one line, or the date below.
                if (date_match := re.search(r"\s(\d{4}-\d{2}-\d{2})$", rest)) is not None:
                    header.meeting_date = header.meeting_date or parse_date(date_match[1])
                    rest = rest[: date_match.start()]
                elif (date_index := self.next_text(consumed + 1)) is not None and (
                    meeting := parse_date(self.lines[date_index])
                ):
                    header.meeting_date = header.meeting_date or meeting
                    consumed = date_index
                header.addressee = header.addressee or squash(rest)
            elif _KIND_RE.match(text):
                header.anchors += 1
                header.document_kind = header.document_kind or text[:1].upper() + text[1:]
                consumed = current
            elif match := _DIARY_LINE_RE.match(text):
                header.anchors += 1
                header.set_diary(match)
                consumed = current
            elif (found := parse_date(text)) is not None:
                if header.document_date is None:
                    header.document_date = found
                consumed = current
            elif _is_address_line(text, self.following_text(current)):
                if email := _EMAIL_RE.match(text):
                    header.email = header.email or email["email"]
                elif _WEB_RE.match(text):
                    header.website = header.website or text
                elif text not in header.address_lines:
                    header.address_lines.append(text)
                consumed = current
            elif (group := self.organisation_group(current)) is not None:
                names = [squash(self.lines[i]) for i in group]
                names = [name for name in names if name not in LOGO_LINES] or names
                if not header.organisation:
                    header.organisation = names[0]
                    header.department = ", ".join(names[1:])
                consumed = group[-1]
            if consumed is None:
                break
            end = index = consumed + 1
        return end


def read_headers(lines: list[str]) -> tuple[Header, list[tuple[int, int]]]:
    """Find every header block in lines; return the header and the (start, end) spans to cut."""
    header = Header()
    reader = _Reader(lines, header)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        starts_block = False
        if line != PAGE_BREAK and not is_blank(line):
            text = line.strip()
            previous_blank = (
                index == 0 or is_blank(lines[index - 1]) or lines[index - 1] == PAGE_BREAK
            )
            starts_block = _is_anchor(text) or (
                previous_blank and reader.organisation_group(index) is not None
            )
        if starts_block:
            end = reader.read(index)
            if end > index:
                spans.append((index, end))
                index = end
                continue
        index += 1
    return header, spans


_GAP_RE = re.compile(r"\S( {3,})(?=\S)")
_COLUMN_TOLERANCE = 3


def _column_split(line: str, column: int) -> tuple[str, str] | None:
    """Split LINE at a gap whose right side starts near COLUMN; None if it has no such gap."""
    indent = len(line) - len(line.lstrip())
    if indent and abs(indent - column) <= _COLUMN_TOLERANCE:
        return "", line.strip()
    for match in _GAP_RE.finditer(line):
        if abs(match.end(1) - column) <= _COLUMN_TOLERANCE:
            return line[: match.start(1)].strip(), line[match.end(1) :].strip()
    if len(line.rstrip()) <= column:
        return line.strip(), ""
    return None


def _two_columns(block: list[str]) -> tuple[list[str], list[str]] | None:
    """Return (left, right) lines if BLOCK is a header set in two columns, else None."""
    starts = [match.end(1) for line in block for match in _GAP_RE.finditer(line)]
    starts += [len(line) - len(line.lstrip()) for line in block if line[:1] == " "]
    if not starts:
        return None
    column = max(set(starts), key=starts.count)
    left: list[str] = []
    right: list[str] = []
    for line in block:
        parts = _column_split(line, column)
        if parts is None:
            return None
        if parts[0]:
            left.append(parts[0])
        if parts[1]:
            right.append(parts[1])
    if not left or len(right) < 2 or not any(_is_anchor(text) for text in left + right):
        return None
    return left, right


def _is_boundary(line: str) -> bool:
    return is_blank(line) or line == PAGE_BREAK or "\f" in line


def split_columns_text(text: str) -> str:
    """Return TEXT (raw, before clean_lines squashes the gaps) with split_columns applied."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return "\n".join(split_columns(text.split("\n")))


def split_columns(lines: list[str]) -> list[str]:
    """Rewrite header blocks set in two columns (as our own PDF prints them) one column after
    the other, left first, so that the header grammar reads them like the seeds' layout."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        if _is_boundary(lines[index]):
            result.append(lines[index])
            index += 1
            continue
        end = index
        while end < len(lines) and not _is_boundary(lines[end]):
            end += 1
        block = lines[index:end]
        columns = _two_columns(block) if len(block) > 1 else None
        if columns is None:
            result.extend(block)
        else:
            result.extend([*columns[0], "", *columns[1]])
        index = end
    return result
