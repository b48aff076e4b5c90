"""The shared upload check: each kind by its real bytes, renamed files and size limits."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mrplan.core import uploads

ALL_KINDS = frozenset(uploads.KINDS)
MAX = 1024 * 1024

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 32


def zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
PPTX = zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})
ODT = zip_bytes(
    {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<content/>"}
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def check(name: str, content: bytes, **kwargs: object) -> str:
    options: dict = {"allowed": ALL_KINDS, "max_bytes": MAX, **kwargs}
    return uploads.check_upload(upload(name, content), **options)


def refused(name: str, content: bytes, **kwargs: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(name, content, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("plan.pdf", PDF, "pdf"),
        ("plan.docx", DOCX, "docx"),
        ("tabell.xlsx", XLSX, "xlsx"),
        ("bilder.pptx", PPTX, "pptx"),
        ("plan.odt", ODT, "odt"),
        ("bild.png", PNG, "png"),
        ("foto.jpg", JPEG, "jpeg"),
        ("FOTO.JPEG", JPEG, "jpeg"),
        ("data.csv", "enhet;andel\nHägersten;12\n".encode(), "csv"),
        ("anteckning.txt", "Dialog med föreningar".encode("cp1252"), "txt"),
    ],
)
def test_it_recognises_each_kind_by_its_contents(name: str, content: bytes, kind: str) -> None:
    assert check(name, content) == kind


def test_it_leaves_the_file_at_its_start() -> None:
    file = upload("plan.docx", DOCX)
    uploads.check_upload(file, allowed=ALL_KINDS, max_bytes=MAX)
    assert file.read() == DOCX


def test_read_head_does_not_consume_the_file() -> None:
    file = upload("plan.pdf", PDF)
    assert uploads.read_head(file, 5) == b"%PDF-"
    assert file.read() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "program.pdf",
            EXE,
            "stämmer inte med filändelsen .pdf. Kontrollera att det är en riktig PDF",
        ),
        ("program.txt", EXE + b"\x00", "riktig Text-fil"),
        ("dokument.csv", PDF, "filändelsen .csv"),
        ("bild.png", JPEG, "filändelsen .png"),
        ("foto.jpg", PNG, "filändelsen .jpg"),
        ("tabell.docx", XLSX, "riktig Word-fil"),
        ("plan.xlsx", DOCX, "riktig Excel-fil"),
        ("plan.pptx", DOCX, "riktig PowerPoint-fil"),
        ("plan.odt", DOCX, "riktig OpenDocument-fil"),
        ("trasig.docx", b"PK\x03\x04 not really a zip", "riktig Word-fil"),
    ],
)
def test_it_refuses_a_renamed_file(name: str, content: bytes, message: str) -> None:
    error = refused(name, content)
    assert error.code == "content"
    assert message in error.messages[0]


def test_it_refuses_an_odt_with_the_wrong_mimetype() -> None:
    content = zip_bytes({"mimetype": "application/zip", "content.xml": "<content/>"})
    assert refused("plan.odt", content).code == "content"


def test_it_refuses_a_kind_that_is_not_allowed_and_lists_the_allowed_ones() -> None:
    error = refused("plan.docx", DOCX, allowed={"pdf", "odt"})
    assert error.code == "type"
    assert error.messages == [
        "Filtypen är inte tillåten. Bifoga en fil av typen PDF eller OpenDocument (.odt)."
    ]
    assert refused("program.exe", EXE).code == "type"
    assert refused("utan-andelse", b"text").code == "type"


def test_the_full_list_of_kinds_is_named_in_swedish() -> None:
    allowed = {"pdf", "docx", "xlsx", "odt", "png", "jpeg", "csv", "txt"}
    assert refused("x.exe", EXE, allowed=allowed).messages == [
        "Filtypen är inte tillåten. Bifoga en fil av typen PDF, Word (.docx), Excel "
        "(.xlsx), OpenDocument (.odt), PNG, JPEG, CSV eller text (.txt)."
    ]


def test_it_refuses_a_file_that_is_too_big_or_empty() -> None:
    error = refused("stor.pdf", PDF + b"0" * MAX)
    assert (error.code, error.messages) == ("size", ["Filen är större än 1 MB."])
    assert check("stor.pdf", PDF, max_bytes=20 * MAX) == "pdf"
    error = refused("tom.pdf", b"")
    assert (error.code, error.messages) == ("empty", ["Filen är tom."])


def test_it_can_require_utf8_text() -> None:
    latin = "Dialog med föreningar".encode("cp1252")
    assert check("a.txt", latin) == "txt"
    error = refused("a.txt", latin, utf8_text=True)
    assert error.messages == ["Textfilen måste vara sparad som UTF-8."]
    assert check("a.txt", "Dialog med föreningar".encode(), utf8_text=True) == "txt"


def test_it_uses_the_given_name_and_size_for_a_plain_stream() -> None:
    stream = io.BytesIO(PDF)
    kind = uploads.check_upload(
        stream, allowed={"pdf"}, max_bytes=MAX, name="..\\mapp/plan.pdf", size=len(PDF)
    )
    assert kind == "pdf"
    assert uploads.file_size(io.BytesIO(PDF)) == len(PDF)
    assert uploads.clean_name("..\\..\\etc/passwd.txt") == "passwd.txt"
    assert uploads.clean_name("a" * 300 + ".pdf", 200) == "a" * 196 + ".pdf"


def test_accept_lists_the_extensions_in_a_fixed_order() -> None:
    assert uploads.accept({"odt", "pdf", "docx"}) == ".pdf,.docx,.odt"
    assert uploads.accept({"jpeg"}) == ".jpg,.jpeg"
    with pytest.raises(ValueError):
        uploads.accept({"exe"})


def test_uploads_are_stored_under_random_names_with_only_the_extension_kept() -> None:
    upload_to = uploads.RandomName("knowledge/records/%Y/")
    first = upload_to(None, "../../Hemlig rapport om Anna.PDF")
    second = upload_to(None, "../../Hemlig rapport om Anna.PDF")
    assert re.fullmatch(r"knowledge/records/\d{4}/[0-9a-f]{32}\.pdf", first)
    assert first != second
    assert re.fullmatch(r"x/[0-9a-f]{32}", uploads.RandomName("x/")(None, "a.p<h>p"))
