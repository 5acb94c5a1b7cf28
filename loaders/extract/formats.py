"""Which reader a file needs, told from its bytes; the file name only where the bytes cannot tell.

Departments publish PDFs, web pages, text, Excel workbooks (.xls, .xlsx, WPS/LibreOffice
.ods) and Word documents (.docx), and their file names often lie: an ".xls" download
that is an HTML table, a ".doc" that is a web page Word saved. So the content decides:
PDF by its %PDF header; ZIP containers by the parts inside (xl/workbook.xml, word/
document.xml, an OpenDocument spreadsheet mimetype); OLE2 compound files by their
streams (Workbook/Book is an .xls, WordDocument an old .doc); HTML by its tags, even under a
.pdf name (a crawler saves the web page it met where it expected a PDF; ``misnamed`` says so
for the reason a refused file is given). Anything
else that is not plain text by name (.doc, .wps, images, archives …) is refused with
``unsupported format (…): convert it to PDF, DOCX or XLSX``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from loaders.extract.limits import check_unpacked
from loaders.extract.text import decode
from loaders.model import ParseError

PDF, HTML, TEXT, SPREADSHEET, WORD = "pdf", "html", "text", "spreadsheet", "word"

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
OFFICE_SUFFIXES = {".xls", ".xlsx", ".xlsm", ".xlsb", ".ods", ".docx"}

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 directory entries name their streams in UTF-16LE
OLE2_WORKBOOK = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))
OLE2_WORD = "WordDocument".encode("utf-16-le")  # checked first: a .doc may embed a workbook
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"II*\x00",
    b"MM\x00*",
    b"Rar!",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"{\\rtf",
    b"MIME-Version",
)
HTML_MARKS = ("<html", "<table", "<!doctype html")


def unsupported(name: str, what: str | None = None) -> ParseError:
    label = Path(name).suffix.lower() or "no file extension"
    detail = f" ({what})" if what else ""
    return ParseError(f"unsupported format ({label}): convert it to PDF, DOCX or XLSX{detail}", file=name)


def looks_like_html(text_head: str) -> bool:
    head = text_head.lower()
    return any(mark in head for mark in HTML_MARKS)


def _zip_kind(name: str, data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        names = {info.filename for info in infos}
        mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise ParseError(f"damaged or truncated ZIP container: {exc}", file=name) from exc
    check_unpacked(sum(info.file_size for info in infos), name)
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names or mimetype.startswith(ODS_MIMETYPE):
        return SPREADSHEET
    if "word/document.xml" in names:
        return WORD
    raise unsupported(name, "a ZIP archive" if not mimetype else mimetype.decode("ascii", "replace"))


def misnamed(name: str, data: bytes) -> str | None:
    """What the file really is where its name says PDF and its bytes a web page, else None."""
    if Path(name).suffix.lower() != ".pdf" or data[:1024].lstrip().startswith(b"%PDF"):
        return None
    return "an HTML page saved with a .pdf name" if looks_like_html(decode(data[:4096])) else None


def sniff(name: str, data: bytes) -> str:
    """PDF, HTML, TEXT, SPREADSHEET or WORD; raises ParseError for anything unsupported."""
    suffix = Path(name).suffix.lower()
    if data[:1024].lstrip().startswith(b"%PDF"):
        return PDF
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(name, data)
    if data.startswith(OLE2_MAGIC):
        if OLE2_WORD not in data and any(stream in data for stream in OLE2_WORKBOOK):
            return SPREADSHEET
        raise unsupported(name, "an old Office or WPS binary file")
    if data.startswith(BINARY_MAGIC):
        raise unsupported(name)
    is_html = looks_like_html(decode(data[:4096]))
    if suffix == ".pdf" and not is_html:
        return PDF  # the PDF reader says why it is not one
    if suffix in HTML_SUFFIXES or is_html:
        return HTML
    if suffix in TEXT_SUFFIXES:
        return TEXT
    if suffix in OFFICE_SUFFIXES:  # named a workbook or .docx, but neither container nor HTML
        raise ParseError(
            f"damaged or not a {suffix} file: none of the headers such files start with "
            f"(an Office lock file ~$…, a cut download, or the wrong extension)",
            file=name,
        )
    raise unsupported(name)
