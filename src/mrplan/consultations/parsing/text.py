"""Line-level helpers for the statement parser: clean-up, page markers, prose paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A removed header block, page marker or repeated title: a break that the author did not write.
PAGE_BREAK = "\x00PAGE-BREAK\x00"

BULLET_CHARS = "•\uf0b7\uf0a7\u25aa\u25cf\u2023\u2043\u2219·▪◦–-*"
_BULLET_RE = re.compile(rf"^\s*[{re.escape(BULLET_CHARS)}]\s+")
_PAGE_MARKER_RE = re.compile(
    r"\s*(?:Sida|Sid\.?|Page)\s+\d+\s*(?:\(\s*\d+\s*\)|(?:av|of|/)\s*\d+)\s*$", re.IGNORECASE
)
_BARE_PAGE_MARKER_RE = re.compile(r"^\s*\d+\s*(?:\(\s*\d+\s*\)|/\s*\d+)\s*$")
# The mark mrplan prints at the top of every page of a document that is not decided.
DRAFT_MARK = "UTKAST"
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f]+")
# Words after which a line-end hyphen is a real one ("individ- och familjeomsorg").
_CONJUNCTIONS = {"och", "eller", "samt", "respektive", "resp", "som", "till", "med"}


def clean_lines(text: str) -> list[str]:
    """Return the text's lines with line endings, page markers and odd spaces normalised.

    Page markers ("Sida 1 (2)") and form feeds become PAGE_BREAK lines; trailing
    whitespace is removed, leading whitespace is kept (it marks bullet items).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00ad", "")  # soft hyphens
    lines: list[str] = []
    for raw in text.split("\n"):
        pieces = raw.split("\f")
        for number, piece in enumerate(pieces):
            if number:
                lines.append(PAGE_BREAK)
            line = _SPACES_RE.sub(lambda m: " " if len(m.group()) == 1 else "  ", piece).rstrip()
            if _BARE_PAGE_MARKER_RE.match(line) or line.strip() == DRAFT_MARK:
                lines.append(PAGE_BREAK)
                continue
            stripped = _PAGE_MARKER_RE.sub("", line)
            if stripped != line:
                if stripped.strip():
                    lines.append(stripped.rstrip())
                lines.append(PAGE_BREAK)
                continue
            lines.append(line)
    return lines


def is_blank(line: str) -> bool:
    return not line.strip()


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and strip."""
    return " ".join(text.split())


def has_bullet_glyph(line: str) -> bool:
    """Say whether a line starts with a bullet glyph ("•", "-", Word's Symbol bullet, ...)."""
    return bool(_BULLET_RE.match(line))


def is_indented(line: str) -> bool:
    return line[:1] in (" ", "\t") and bool(line.strip())


def is_bullet_line(line: str) -> bool:
    """Say whether a line could start a bullet item (a bullet glyph, or indentation)."""
    return has_bullet_glyph(line) or is_indented(line)


def strip_bullet(line: str) -> str:
    return _BULLET_RE.sub("", line).strip()


def join_wrapped(left: str, right: str) -> str:
    """Join two wrapped pieces of one sentence, re-joining words hyphenated at the line end."""
    left = left.rstrip()
    right = right.strip()
    if not left:
        return right
    if not right:
        return left
    if len(left) >= 2 and left.endswith("-") and left[-2].isalnum():
        next_word = re.split(r"[\s,.;:]", right, maxsplit=1)[0].lower()
        if next_word in _CONJUNCTIONS:
            return f"{left} {right}"  # "individ- och familjeomsorg"
        if left[-2].islower() and right[:1].islower():
            return left[:-1] + right  # "Handlings-" + "planen"
        return left + right  # "MR-" + "programmet", "2018-" + "2022"
    return f"{left} {right}"


@dataclass
class _Unit:
    text: str
    bullet: bool
    glyph: bool = False


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":", ";"))


def to_prose(lines: list[str]) -> str:
    """Turn a section's raw lines into clean prose.

    Wrapped lines are joined into paragraphs, paragraphs are separated by a blank
    line, bullet items become "• item" lines (one list = consecutive lines), and a
    paragraph cut by a page break or a blank line in mid-sentence is mended.
    """
    units: list[_Unit] = []
    separator: list[str] = []  # the blank/break lines seen since the last text line
    for line in lines:
        if line == PAGE_BREAK or is_blank(line):
            separator.append(line)
            continue
        previous = units[-1] if units else None
        glyph = has_bullet_glyph(line)
        # PDF extraction often drops a bullet glyph and leaves its indentation behind: an
        # indented line is an item only after a lead-in ("... är:") or in such a list, never
        # inside a paragraph or under an item that has a glyph (its wrapped lines are indented).
        bullet = glyph or (
            is_indented(line)
            and previous is not None
            and not previous.glyph
            and (previous.bullet or previous.text.rstrip().endswith(":"))
        )
        text = strip_bullet(line) if glyph else line.strip()
        if not text:
            separator.append("")
            continue
        if previous is None:
            units.append(_Unit(text, bullet, glyph))
        elif not separator:
            if bullet:
                units.append(_Unit(text, True, glyph))
            else:
                previous.text = join_wrapped(previous.text, text)
        else:
            broken_by_page = PAGE_BREAK in separator
            # A capitalised line after a page break continues a paragraph cut mid-sentence,
            # but after a list item it is a new paragraph (items rarely end with a full stop).
            continues = (
                not bullet
                and not _ends_sentence(previous.text)
                and (text[:1].islower() or (broken_by_page and not previous.bullet))
            )
            if continues:
                previous.text = join_wrapped(previous.text, text)
            else:
                units.append(_Unit(text, bullet, glyph))
        separator = []
    parts: list[str] = []
    for index, unit in enumerate(units):
        text = squash(unit.text)
        if index:
            both_bullets = unit.bullet and units[index - 1].bullet
            parts.append("\n" if both_bullets else "\n\n")
        parts.append(f"• {text}" if unit.bullet else text)
    return "".join(parts)


def line_items(lines: list[str]) -> list[str]:
    """Return one item per logical line, joining lines that continue the previous one."""
    items: list[str] = []
    for line in lines:
        if line == PAGE_BREAK or is_blank(line):
            continue
        text = strip_bullet(line) if _BULLET_RE.match(line) else line.strip()
        if items and (text[:1].islower() or items[-1].endswith(("-", ","))):
            items[-1] = join_wrapped(items[-1], text)
        else:
            items.append(text)
    return [squash(item) for item in items]
