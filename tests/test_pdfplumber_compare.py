"""The bench's bridge from pdfplumber's tables to our parsers (bench/pdfplumber_compare.py).

A fully ruled reportlab PDF with merged header cells (colspan and rowspan drawn as one
box): pdfplumber's rows become Lines with the spans HTML would give, replace our lines
inside the table's box only, and the parse reads the same 三公 figures from both table
finders, so the comparison measures the finders and nothing else.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from bench.pdfplumber_compare import STRATEGIES, compare_document, merge, plumb
from tests.pdf_fixtures import ruled_table_pdf

pytest.importorskip("pdfplumber", reason="pdfplumber is in the test extra: `make install`")

PROSE = ["某市某局2025年度部门决算", "一般公共预算财政拨款“三公”经费支出决算表", "金额单位:万元"]  # NFKC: ：→ :
VEHICLES = ("公务用车购置及运行维护费", 3, 1)
ROWS = [
    [("预算数", 6, 1), ("决算数", 6, 1)],
    [("合计", 1, 2), ("因公出国（境）费", 1, 2), VEHICLES, ("公务接待费", 1, 2)] * 2,
    [("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行维护费", 1, 1)] * 2,
    [
        (t, 1, 1)
        for t in ("76.43", "30.00", "40.63", "", "40.63", "5.80", "46.21", "4.69", "40.61", "", "40.61", "0.90")
    ],
]


def test_pdfplumber_rows_carry_merged_cells_as_spans():
    tables, pages = plumb(ruled_table_pdf(PROSE, ROWS), STRATEGIES["pdfplumber_lines"])
    assert pages == 1 and len(tables) == 1
    rows = tables[0].rows
    assert rows[0].cells[:7] == ("预算数", "", "", "", "", "", "决算数")
    assert rows[0].spans == (6, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0)
    assert rows[1].spans[:6] == (1, 1, 3, 0, 0, 1)
    assert rows[2].cells[:6] == ("", "", "小计", "公务用车购置费", "公务用车运行维护费", "")
    assert rows[2].spans[:6] == (0, 0, 1, 1, 1, 0)  # covered by 合计 / 因公出国 from the row above
    assert rows[3].cells[0] == "76.43" and rows[3].spans == ()


def test_a_title_inside_the_table_frame_is_a_line_of_its_own():
    """A row that is one cell across the table (title, unit) is prose, as our extraction prints it."""
    framed = [[(PROSE[1], 12, 1)], [(PROSE[2], 12, 1)], *ROWS]
    tables, _ = plumb(ruled_table_pdf(PROSE[:1], framed), STRATEGIES["pdfplumber_lines"])
    rows = tables[0].rows
    assert [row.cells for row in rows[:2]] == [(PROSE[1],), (PROSE[2],)]
    assert rows[2].spans == (6, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0)


def test_merge_replaces_our_lines_inside_the_table_box_only():
    from loaders.extract.pdf import extract_pdf_lines

    data = ruled_table_pdf(PROSE, ROWS)
    ours = extract_pdf_lines(data, "t.pdf")
    tables, _ = plumb(data, STRATEGIES["pdfplumber_lines"])
    merged = merge(ours, tables)
    assert [line.text for line in merged[:3]] == PROSE
    assert merged[3:] == [*(replace(line, lineno=n) for n, line in enumerate(tables[0].rows, start=4))]


EXPECTED = {
    ("budget", "total"): Decimal("764300.00"),
    ("budget", "overseas_travel"): Decimal("300000.00"),
    ("budget", "vehicles_total"): Decimal("406300.00"),
    ("budget", "vehicle_purchase"): Decimal("0.00"),
    ("budget", "vehicle_operation"): Decimal("406300.00"),
    ("budget", "official_reception"): Decimal("58000.00"),
    ("actual", "total"): Decimal("462100.00"),
    ("actual", "overseas_travel"): Decimal("46900.00"),
    ("actual", "vehicles_total"): Decimal("406100.00"),
    ("actual", "vehicle_purchase"): Decimal("0.00"),
    ("actual", "vehicle_operation"): Decimal("406100.00"),
    ("actual", "official_reception"): Decimal("9000.00"),
}


@pytest.mark.parametrize(
    "variant",
    [
        "ours",
        "pdfplumber_lines",
    ],
)
def test_both_table_finders_feed_the_same_parser(tmp_path, variant):
    path = tmp_path / "final.pdf"
    path.write_bytes(ruled_table_pdf(PROSE, ROWS))
    result = compare_document(str(path))
    assert result["pages"] == 1 and result["tables"]["pdfplumber_lines"] == 1
    doc = result["outcomes"][variant].document
    assert doc is not None, result["outcomes"][variant].error
    assert {(r.phase, r.item): r.amount_yuan for r in doc.three_public_amounts} == EXPECTED
