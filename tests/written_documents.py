"""A test's text disclosure parsed as written, or drawn into a PDF first (tests/pdf_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

from loaders.reading import read_document
from tests.pdf_fixtures import render_pdf


def parse_written(tmp_path: Path, text: str, pdf: bool):
    """The document of ``text`` parsed as a text file, or as that text drawn into a PDF."""
    path = tmp_path / "budget.txt"
    path.write_text(text, encoding="utf-8")
    if pdf:
        rendered = tmp_path / "budget.pdf"
        rendered.write_bytes(render_pdf(path))
        path = rendered
    return read_document(path)
