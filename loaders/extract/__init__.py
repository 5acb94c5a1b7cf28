"""Extraction: a file's bytes → Lines with provenance, whatever the format or encoding.

``extract_lines`` dispatches on the content: PDFs (by the %PDF magic or a .pdf name)
to ``loaders.extract.pdf``, HTML to ``loaders.extract.html``, everything else to the
text path. Fake-bold doubled glyphs are repaired on every text line.
"""
from __future__ import annotations

from pathlib import Path

from loaders.model import Line, ParseError


def _repair():
    try:
        from loaders.extract.doubled import repair_doubled
    except ImportError:
        return None
    return repair_doubled


def extract_lines(path: Path, data: bytes | None = None, repair: bool = True, max_pages: int = 0) -> list[Line]:
    """``max_pages`` limits a PDF to its first pages (0: all), e.g. to read only its cover."""
    data = path.read_bytes() if data is None else data
    name = path.name
    if not data.strip():
        raise ParseError("empty file", file=name)
    if data[:1024].lstrip().startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        from loaders.extract.pdf import extract_pdf_lines

        return extract_pdf_lines(data, name, max_pages)
    from loaders.extract.text import decode, text_lines

    text = decode(data)
    head = text[:2000].lower()
    if path.suffix.lower() in (".html", ".htm") or "<table" in head or "<html" in head:
        try:
            from loaders.extract.html import html_lines
        except ImportError:
            html_lines = None
        if html_lines is not None:
            return html_lines(text, _repair() if repair else None)
    return text_lines(text, _repair() if repair else None)
