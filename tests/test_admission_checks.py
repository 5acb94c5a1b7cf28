"""Quarantine: a document that parses but cannot be true is kept out of the marts, with its reason.

The seeds pass; the seed with one cell made absurd (just under the parser's 1e18 cap, or a
figure far beyond the document's own totals) and the seed without a year are quarantined.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from loaders.admission_checks import MAX_PLAUSIBLE_YUAN, printed_total, quarantine_reason
from loaders.reading import read_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEED = RAW / "000_3b0a4ec0e1089ac8.txt"
CELL = "2210201\t住房公积金\t44.37\t44.37"  # 收入决算表, 万元


def _parse_with(tmp_path: Path, cell: str):
    body = SEED.read_text(encoding="utf-8")
    assert CELL in body
    path = tmp_path / "changed.txt"
    path.write_text(body.replace(CELL, cell, 1), encoding="utf-8")
    return read_document(path)


@pytest.mark.parametrize("seed", sorted(p.name for p in RAW.iterdir()))
def test_the_seeds_are_admitted(seed):
    doc = read_document(RAW / seed)
    assert printed_total(doc) is not None and printed_total(doc) < MAX_PLAUSIBLE_YUAN
    assert quarantine_reason(doc) is None


def test_an_amount_just_under_the_parsers_cap_is_quarantined(tmp_path):
    doc = _parse_with(tmp_path, "2210201\t住房公积金\t99999999999999.99\t99999999999999.99")
    reason = quarantine_reason(doc)
    assert reason and "999999999999999900.00 yuan" in reason and "plausibility bound" in reason
    assert "line 119" in reason  # where the analyst finds the cell


def test_an_amount_far_beyond_the_documents_own_totals_is_quarantined(tmp_path):
    # 1e12 yuan: below the absolute bound, 70,000 times the 合计 of 1,433.90 万元 the seed prints
    doc = _parse_with(tmp_path, "2210201\t住房公积金\t100000000.00\t100000000.00")
    reason = quarantine_reason(doc)
    assert reason and "1000 times the largest total the document prints" in reason


def test_a_large_but_consistent_figure_is_admitted(tmp_path):
    """Ten times the cell is a wrong figure the reconciliation reports, not an impossible one."""
    doc = _parse_with(tmp_path, "2210201\t住房公积金\t443.70\t443.70")
    assert quarantine_reason(doc) is None


def test_a_document_without_a_fiscal_year_is_quarantined():
    doc = read_document(SEED)
    assert quarantine_reason(replace(doc, meta=replace(doc.meta, fiscal_year=None))) == (
        "no fiscal year found: its facts cannot be keyed by year"
    )
