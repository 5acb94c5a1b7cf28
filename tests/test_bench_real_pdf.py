"""The real-PDF benchmark section: counts pages, reports the three rates, says why it skipped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdfminer.pdfpage import PDFPage

from bench.real_pdf import MAX_RATIO_TO_CHAR_PASS, REAL_DOCS, measure_real_pdfs

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


@pytest.mark.skipif(not REAL_DOCS.is_dir(), reason=f"the real corpus is not at {REAL_DOCS.resolve()}")
def test_parse_costs_at_most_the_documented_ratio_of_the_char_pass():
    """docs/benchmarks.md's target, asserted: CPU time of `govfin parse` ≤ 1.3 × pdfminer's bare char pass
    (CPU time of one process, so a machine loaded by other work slows both alike)."""
    result = measure_real_pdfs(limit=3)
    assert result["real_pdf_parse_failures"] == 0, result["real_pdf_first_failures"]
    assert result["real_pdf_pages"] > 20
    if result["real_pdf_ratio_to_char_pass"] > MAX_RATIO_TO_CHAR_PASS:
        # other work on the machine only ever adds CPU time: the better of two measures is the cost
        again = measure_real_pdfs(limit=3)
        result = min(result, again, key=lambda r: r["real_pdf_ratio_to_char_pass"])
    assert result["real_pdf_ratio_to_char_pass"] <= MAX_RATIO_TO_CHAR_PASS, result
