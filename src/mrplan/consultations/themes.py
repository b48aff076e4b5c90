"""Recurring themes across consultation answers, found with a small Swedish lexicon.

Each theme is a list of word stems (regular expressions matched at the start of a word,
case-insensitively); a theme with `context` stems also needs one of those in the same
sentence (for example "stadsledningskontoret" together with "samordna" or "bistå"). An
answer mentions a theme when any sentence of its opinion-bearing text does: the summary,
the administration's views and the answers to the consultation's questions (background,
the matter and the preparation mostly restate the document under review, so they would
find the reviewed document's themes rather than the answer's).

The lexicon is deliberately small and readable; extend it by adding a Theme below.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

QUOTE_MAX_CHARS = 400


@dataclass(frozen=True)
class Theme:
    key: str
    label: Any
    # Word stems: any one of them in a sentence mentions the theme...
    stems: tuple[str, ...]
    # ...provided the sentence also has one of these (when given).
    context: tuple[str, ...] = ()


THEMES: tuple[Theme, ...] = (
    Theme(
        "training",
        _("Utbildning"),
        (
            r"utbildning\w*",  # utbildning, utbildningar, utbildningsinsats(er)
            r"utbilda\w*",
            r"fortbildning\w*",
            r"kompetensutveckl\w*",
            r"kompetenshöj\w*",
        ),
    ),
    Theme(
        "information_material",
        _("Informationsmaterial"),
        (
            r"informationsmaterial\w*",
            r"informationsinsats\w*",
            r"kommunikationsmaterial\w*",
            r"stödmaterial\w*",
            r"broschyr\w*",
        ),
    ),
    Theme(
        "method_support",
        _("Metodstöd och stöd till chefer"),
        (
            r"metod\w*",  # metod, metoder, metodstöd, metodik
            r"verktyg\w*",
            r"handledning\w*",
            r"chefsstöd\w*",
            r"stöd\w* till (?:\w+ )?chef\w*",
        ),
    ),
    Theme(
        "coordination",
        _("Samordning, ledning och stöd från stadsledningskontoret"),
        (r"stadsledningskontor\w*",),
        context=(
            r"samordn\w*",
            r"leda",
            r"leder",
            r"ledning\w*",
            r"bistå\w*",
            r"stöd\w*",
            r"stött\w*",
            r"hjälp\w*",
            r"ombesörj\w*",
            r"erbjud\w*",
            r"ta[rs]? fram",
            r"driv\w*",
        ),
    ),
    Theme(
        "follow_up",
        _("Uppföljning och mätbarhet"),
        (
            r"uppfölj\w*",
            r"följ[as]* upp",
            r"följs upp",
            r"mätbar\w*",
            r"mäta",
            r"mätning\w*",
            r"indikator\w*",
            r"nyckeltal\w*",
            r"utvärder\w*",
        ),
    ),
    Theme(
        "single_plan",
        _("En samlad plan"),
        (
            # "samlar sitt arbete mot rasism i en handlingsplan"
            r"samla[rtd]?\w* (?:\w+ ){0,6}i (?:ett|en) (?:\w+ )?"
            r"(?:program|plan|handlingsplan|styrdokument)\w*",
            r"samlad\w* (?:plan|program|handlingsplan|styrdokument)\w*",
            r"helhetsgrepp\w*",
            r"enhetlig\w* (?:plan|program|styrdokument)\w*",
        ),
    ),
    Theme(
        "target_group_knowledge",
        _("Kunskap om målgrupper"),
        (
            r"målgrupp\w*",
            r"kunskap\w* om (?:\w+ ){0,3}(?:behov|förutsättningar|upplevelser|levnadsvillkor)",
        ),
    ),
)


def _alternation(stems: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(stems) + r")", re.IGNORECASE)


_COMPILED = {
    theme.key: (_alternation(theme.stems), _alternation(theme.context) if theme.context else None)
    for theme in THEMES
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”])")


def sentences(text: str) -> list[str]:
    """Split TEXT into sentences (paragraphs and list items are sentences of their own)."""
    result: list[str] = []
    for paragraph in re.split(r"\n+", text):
        paragraph = " ".join(paragraph.split()).lstrip("•-–* ").strip()
        result.extend(part.strip() for part in _SENTENCE_END.split(paragraph) if part.strip())
    return result


def mentions(theme: Theme, sentence: str) -> bool:
    """Whether SENTENCE mentions THEME."""
    stems, context = _COMPILED[theme.key]
    return bool(stems.search(sentence)) and (context is None or bool(context.search(sentence)))


def _quote(sentence: str) -> str:
    if len(sentence) <= QUOTE_MAX_CHARS:
        return sentence
    return sentence[: QUOTE_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class Source:
    """One answer's texts: (heading, text) pairs, e.g. ("Sammanfattning", "...")."""

    key: str
    label: str
    texts: list[tuple[str, str]]
    url: str = ""


@dataclass
class Mention:
    """The sentences of one answer that mention a theme, with the heading they stand under."""

    source: Source
    quotes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Finding:
    theme: Theme
    mentions: list[Mention]

    @property
    def count(self) -> int:
        return len(self.mentions)


def find_themes(sources: Sequence[Source]) -> list[Finding]:
    """Return every theme with the answers mentioning it, most mentioned first."""
    findings = []
    for theme in THEMES:
        theme_mentions = []
        for source in sources:
            quotes: list[tuple[str, str]] = []
            for heading, text in source.texts:
                for sentence in sentences(text):
                    quote = (heading, _quote(sentence))
                    if mentions(theme, sentence) and quote not in quotes:
                        quotes.append(quote)
            if quotes:
                theme_mentions.append(Mention(source, quotes))
        findings.append(Finding(theme, theme_mentions))
    order = {theme.key: index for index, theme in enumerate(THEMES)}
    return sorted(findings, key=lambda f: (-f.count, order[f.theme.key]))
