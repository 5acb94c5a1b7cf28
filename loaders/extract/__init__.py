"""Extraction: a file's bytes → Lines with provenance, whatever the format or encoding.

``extract_lines`` refuses a file over the size limit, asks ``formats.sniff`` which
reader the bytes need (PDF, HTML, text, spreadsheet, Word; anything else is refused as
an unsupported format), refuses a file cut short (``truncation``) and hands it to
``loaders.extract.pdf``, ``html``, ``text``, ``spreadsheet`` or ``word``. Fake-bold
doubled glyphs are repaired on every text and HTML line.
"""

from __future__ import annotations

import re
from pathlib import Path

from loaders.extract import formats, truncation
from loaders.extract.limits import check_line_count, check_size, read_within_limit
from loaders.model import Line, ParseError

HTML_BLOCK = re.compile(r"<(?:tr|p|li|h\d)\b", re.IGNORECASE)  # what becomes a Line of a page


def _repair():
    try:
        from loaders.extract.doubled import repair_doubled
    except ImportError:
        return None
    return repair_doubled


def extract_lines(path: Path, data: bytes | None = None, repair: bool = True, max_pages: int = 0) -> list[Line]:
    """``max_pages`` limits a PDF to its first pages (0: all), e.g. to read only its cover."""
    name = path.name
    data = read_within_limit(path) if data is None else data
    check_size(len(data), name)
    if not data.strip():
        raise ParseError("empty file", file=name)
    kind = formats.sniff(name, data)
    if kind == formats.PDF:
        from loaders.extract.pdf import extract_pdf_lines

        if data[:1024].lstrip().startswith(b"%PDF"):
            truncation.check_pdf(data, name)
        return extract_pdf_lines(data, name, max_pages)
    if kind == formats.SPREADSHEET:
        from loaders.extract.spreadsheet import spreadsheet_lines

        return spreadsheet_lines(data, name)
    if kind == formats.WORD:
        from loaders.extract.word import word_lines

        return word_lines(data, name)
    from loaders.extract.text import decode, text_lines

    truncation.check_encoding_tail(data, name)
    text = decode(data)
    check_line_count(text.count("\n"), name)
    if kind == formats.HTML:
        check_line_count(len(HTML_BLOCK.findall(text)), name)
        truncation.check_html(text, name)
        from loaders.extract.html import html_lines

        return html_lines(text, _repair() if repair else None)
    truncation.check_text(text, name)
    return text_lines(text, _repair() if repair else None)
