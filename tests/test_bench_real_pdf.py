"""The real-PDF benchmark section: counts pages, reports the three rates, says why it skipped."""

from __future__ import annotations

import io
from pathlib import Path

from pdfminer.pdfpage import PDFPage

from bench.real_pdf import measure_real_pdfs

from pdf_fixtures import render_pdf

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def test_real_pdf_section_measures_every_page(tmp_path):
    head = tmp_path / "head.txt"  # the seed's first tables: enough pages, a quick run
    head.write_text("\n".join((RAW / "000_3b0a4ec0e1089ac8.txt").read_text().splitlines()[:90]))
    data = render_pdf(head, lines_per_page=30)
    (tmp_path / "seed.pdf").write_bytes(data)
    pages = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
    result = measure_real_pdfs(tmp_path)
    assert pages > 1
    assert result["real_pdf_files"] == 1
    assert result["real_pdf_pages"] == pages
    assert result["real_pdf_parse_failures"] == 0
    for key in ("real_pdf_pages_per_s", "real_pdf_ratio_to_char_pass", "real_pdf_ratio_to_extract_text"):
        assert result[key] > 0


def test_real_pdf_section_records_why_it_skipped(tmp_path):
    result = measure_real_pdfs(tmp_path / "absent")
    assert "real_pdf_pages_per_s" not in result
    assert "no real PDFs at" in result["real_pdf_skipped"]
