"""The city's document format, shared by every .docx and PDF mrplan produces.

A4, Swedish (sv-SE: styles, proofing and metadata), page numbers "Sida X (Y)",
the organisation as author, real list styles in Word. PDFs are tagged (PDF/UA-1)
so that screen readers can read them, carry "UTKAST" on every page while the
document is not decided, and never fetch anything while rendering.

Word:  document = new_docx(title=..., author=...); add_text(document, text); docx_bytes(document)
PDF:   html_to_pdf(html, title=..., author=..., draft=...)
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from typing import Any

LANGUAGE = "sv-SE"
FONT = "DejaVu Sans"
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
DRAFT_MARK = "UTKAST"
# Tagged PDF for assistive technology; WeasyPrint 70 supports "pdf/ua-1".
PDF_VARIANT = "pdf/ua-1"
BULLET = "•"
_BULLET_RE = re.compile(r"^[•\uf0b7▪◦–*-]\s+")
_NUMBER_RE = re.compile(r"^\d{1,3}[.)]\s+")

# A user stylesheet with !important, so that it wins over each template's own @page rule.
PAGE_CSS = """
@page {
  size: A4 !important;
  @bottom-right {
    content: "Sida " counter(page) " (" counter(pages) ")" !important;
    font-family: "DejaVu Sans", sans-serif; font-size: 8pt;
  }
}
"""
DRAFT_CSS = """
@page {
  @top-center {
    content: "UTKAST" !important;
    font-family: "DejaVu Sans", sans-serif; font-size: 28pt; font-weight: bold;
    color: #b00020; letter-spacing: 6pt;
  }
}
"""


# -- PDF ---------------------------------------------------------------------------------

# WeasyPrint's user-agent stylesheet gives every element six pseudo-elements (::marker and the
# footnote and note calls, markers and callbacks), and WeasyPrint computes a style for each of
# them: six per table cell, some 50,000 in the compiled follow-up, about a tenth of its
# rendering time. mrplan's documents have no footnotes and list markers only on list items.
_UNUSED_PSEUDO_ELEMENTS_RE = re.compile(r"^::(?:footnote|note)-[a-z-]+ \{.*\}$", re.MULTILINE)
_ANY_MARKER = "\n::marker {"
_LIST_ITEM_MARKER = "\nli::marker, summary::marker {"


def user_agent_stylesheet(stock: str) -> str:
    """Return WeasyPrint's user-agent stylesheet STOCK without the pseudo-elements we never use."""
    return _UNUSED_PSEUDO_ELEMENTS_RE.sub("", stock).replace(_ANY_MARKER, _LIST_ITEM_MARKER)


@functools.cache
def html_class() -> Any:
    """Return WeasyPrint's HTML class with the lean user-agent stylesheet (parsed once)."""
    from weasyprint import CSS, HTML
    from weasyprint import html as weasyprint_html
    from weasyprint.css.counters import CounterStyle

    stylesheet = user_agent_stylesheet(weasyprint_html.UA)
    if stylesheet == weasyprint_html.UA:  # another WeasyPrint version: keep its own sheet
        return HTML
    # Its own counter styles: WeasyPrint's are already defined from the stock sheet.
    lean = CSS(string=stylesheet, counter_style=CounterStyle())

    # _ua_stylesheets is WeasyPrint's hook for the user-agent sheets (its own test suite
    # overrides it the same way); tests/test_core_documents.py checks that it still takes.
    class DocumentHTML(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [lean, weasyprint_html.UA_FORM_STYLESHEET] if forms else [lean]

    return DocumentHTML


def refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint URL fetcher that fetches nothing: documents are self-contained."""
    raise ValueError(f"Refusing to fetch {url!r} while rendering a PDF.")


def html_to_pdf(
    html: str,
    *,
    title: str = "",
    author: str = "",
    draft: bool = False,
    laid_out: Callable[[], None] | None = None,
) -> bytes:
    """Render HTML as an A4, Swedish, tagged PDF with page numbers (and UTKAST if a draft).

    LAID_OUT, if given, is called between the layout (about two thirds of the time for a long
    document) and writing the file, so a background job can show how far it has come.
    """
    from weasyprint import CSS  # imported here: loading Pango is slow

    stylesheets = [CSS(string=PAGE_CSS)]
    if draft:
        stylesheets.append(CSS(string=DRAFT_CSS))
    document = html_class()(string=html, base_url=None, url_fetcher=refuse_fetch).render(
        stylesheets=stylesheets
    )
    if laid_out is not None:
        laid_out()
    document.metadata.lang = LANGUAGE
    if title:
        document.metadata.title = title
    if author:
        document.metadata.authors = [author]
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT))


def labelled(label: str, value: object) -> str:
    """Return "Label: value", or "" when there is no value (no empty labels in print)."""
    text = str(value or "").strip()
    return f"{label}: {text}" if text else ""


# -- Word --------------------------------------------------------------------------------


def _set_language(element: Any) -> None:
    """Set w:lang (Latin, East Asian and complex script) to sv-SE on a w:rPr element."""
    from docx.oxml.ns import qn

    lang = element.find(qn("w:lang"))
    if lang is None:
        lang = element.makeelement(qn("w:lang"), {})
        element.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)


def _add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) that Word updates when it lays out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(tag: str, **attributes: str) -> None:
        run = paragraph.add_run()
        element = OxmlElement(tag)
        for name, value in attributes.items():
            element.set(qn(name), value)
        if tag == "w:instrText":
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        run._r.append(element)

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText")
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run(placeholder)
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def new_docx(*, title: str, author: str, font_size: float = 11, draft: bool = False) -> Any:
    """Return a new Word document in the city's format: A4, sv-SE, page numbers, author.

    A draft carries "UTKAST" in the page header of every page.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.left_margin, section.right_margin = Mm(25), Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("Sida ")
        _add_field(footer, "PAGE", "1")
        footer.add_run(" (")
        _add_field(footer, "NUMPAGES", "1")
        footer.add_run(")")
        if draft:
            mark = section.header.paragraphs[0]
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = mark.add_run(DRAFT_MARK)
            run.bold = True
            run.font.size = Pt(20)

    styles = document.styles
    # The defaults every style inherits, so proofing is Swedish everywhere.
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for run_properties in defaults.iter(qn("w:rPr")):
            _set_language(run_properties)
    for style in styles:
        if style.type == 1:  # paragraph styles
            style.font.name = FONT
            _set_language(style.element.get_or_add_rPr())
    styles["Normal"].font.size = Pt(font_size)
    settings = document.settings.element
    theme_language = settings.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), LANGUAGE)

    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.language = LANGUAGE
    properties.comments = ""
    return document


def add_text(container: Any, text: str) -> None:
    """Add TEXT to a document or table cell: paragraphs at blank lines, "• "/"1. " as lists."""
    # A new table cell holds one empty paragraph: fill that one first.
    existing = getattr(container, "paragraphs", [])
    reuse = existing[0] if len(existing) == 1 and not existing[0].text else None

    def add_paragraph(content: str, style: str | None = None) -> None:
        nonlocal reuse
        if reuse is not None:
            reuse.add_run(content)
            if style:
                reuse.style = style
            reuse = None
        else:
            container.add_paragraph(content, style=style)

    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\uf0b7", BULLET)):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET_RE.match(line) for line in lines):
            for line in lines:
                add_paragraph(_BULLET_RE.sub("", line), style="List Bullet")
        elif all(_NUMBER_RE.match(line) for line in lines):
            for line in lines:
                add_paragraph(_NUMBER_RE.sub("", line), style="List Number")
        else:
            add_paragraph("\n".join(lines))


def docx_bytes(document: Any) -> bytes:
    """Return the Word document as bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def paragraphs(text: str) -> list[tuple[str, list[str]]]:
    """Split TEXT for HTML: ("p", [text]) for paragraphs, ("ul"/"ol", items) for lists."""
    result: list[tuple[str, list[str]]] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\uf0b7", BULLET)):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET_RE.match(line) for line in lines):
            result.append(("ul", [_BULLET_RE.sub("", line) for line in lines]))
        elif all(_NUMBER_RE.match(line) for line in lines):
            result.append(("ol", [_NUMBER_RE.sub("", line) for line in lines]))
        else:
            result.append(("p", ["\n".join(lines)]))
    return result
