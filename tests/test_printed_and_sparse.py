"""Issue 26, two more unseen layouts: a department name kept as printed, and a sparse 三公 row.

A name printed with full-width brackets （本级） keeps them in the document (its NFKC form is the
key beside it); a 三公 row that prints only a few cells gives no fact for an empty cell — never
0.00 — while a printed 0.00 stays 0. Each case is built here and read by the real parser.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.reading import read_document
from tests.test_three_public_layouts import _as_ruled_pdf, _as_text, _three_public

PRINTED_HEAD = "荆门市测试局（本级）2026年部门预算公开\n第二部分 2026年部门预算报表\n"
TITLE = "一般公共预算“三公”经费支出情况表"
HEADER = (
    "合计\t因公出国（境）费\t公务用车购置及运行费@3\t公务接待费",
    "\t\t小计\t购置费\t运行费\t",
)


def _read(tmp_path, source: str, head: str, rows: tuple[str, ...]):
    if source == "text":
        path = tmp_path / "budget.txt"
        path.write_text(_as_text(head, TITLE, rows), encoding="utf-8")
    else:
        path = tmp_path / "budget.pdf"
        path.write_bytes(_as_ruled_pdf(head, TITLE, rows))
    return read_document(path)


@pytest.mark.parametrize("source", ["text", "pdf"])
def test_a_department_printed_with_full_width_brackets_keeps_them_beside_its_key(tmp_path, source):
    doc = _read(tmp_path, source, PRINTED_HEAD, (*HEADER, "8.00\t3.00\t5.00\t0.00\t5.00\t0.00"))
    assert doc.meta.department == "荆门市测试局（本级）"
    assert doc.meta.department_key == "荆门市测试局(本级)"
    assert doc.meta.region_name == "荆门市"


def test_a_department_printed_half_width_stays_half_width(tmp_path):
    head = PRINTED_HEAD.replace("（", "(").replace("）", ")")
    doc = _read(tmp_path, "text", head, (*HEADER, "8.00\t3.00\t5.00\t0.00\t5.00\t0.00"))
    assert doc.meta.department == doc.meta.department_key == "荆门市测试局(本级)"


def _figures(**amounts: str) -> dict[tuple[str, str], Decimal]:
    return {("budget", item): Decimal(a) for item, a in amounts.items()}


SPARSE = {
    # only 运行费 and 公务接待费 printed, no 合计 or 小计: nothing says the empty items are 0
    "no sums printed": (
        "\t\t\t\t5.00\t2.00",
        _figures(vehicle_operation="50000.00", official_reception="20000.00"),
    ),
    # 合计 5 = 小计 5 + 接待 0.00 and 小计 5 = 运行费 5: 出国 and 购置费 can only be 0
    "sums prove the empty items zero": (
        "5.00\t\t5.00\t\t5.00\t0.00",
        _figures(
            total="50000.00",
            overseas_travel="0.00",
            vehicles_total="50000.00",
            vehicle_purchase="0.00",
            vehicle_operation="50000.00",
            official_reception="0.00",
        ),
    ),
    # 合计 9 is not 小计 5 + 接待 2: the empty 出国 stays unknown (小计 5 = 运行费 5 still proves 购置费 0)
    "sums that do not add up prove nothing": (
        "9.00\t\t5.00\t\t5.00\t2.00",
        _figures(
            total="90000.00",
            vehicles_total="50000.00",
            vehicle_purchase="0.00",
            vehicle_operation="50000.00",
            official_reception="20000.00",
        ),
    ),
}


@pytest.mark.parametrize("source", ["text", "pdf"])
@pytest.mark.parametrize("case", SPARSE)
def test_an_empty_three_public_cell_is_no_figure_unless_the_printed_sums_make_it_zero(tmp_path, source, case):
    row, expected = SPARSE[case]
    doc = _read(tmp_path, source, PRINTED_HEAD, (*HEADER, row))
    assert _three_public(doc) == expected


# space-aligned text (pdftotext -layout): header labels start their columns
ALIGNED_HEAD = "某市某局2026年部门预算公开\n2026年“三公”经费预算7.00万元。\n第二部分 2026年部门预算报表\n"
ALIGNED_HEADER = (
    ("合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"),
    ("", "", "小计", "购置费", "运行费", ""),
)
WIDTH = 24  # display columns per table column


def _pad(cell: str, right: bool = False) -> str:
    fill = " " * (WIDTH - sum(2 if "\u4e00" <= ch <= "\u9fff" or ch in "（）" else 1 for ch in cell))
    return fill + cell if right else cell + fill


def _read_aligned(tmp_path, figures: tuple[str, ...], right: bool):
    rows = ["".join(_pad(c) for c in row).rstrip() for row in ALIGNED_HEADER]
    rows.append("".join(_pad(c, right) for c in figures).rstrip())
    path = tmp_path / "budget.txt"
    path.write_text(ALIGNED_HEAD + f"{TITLE}\n单位：万元\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return read_document(path)


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        (("", "", "", "", "5.00", "2.00"), _figures(vehicle_operation="50000.00", official_reception="20000.00")),
        (("", "", "", "", "", "2.00"), _figures(official_reception="20000.00")),
        (("", "3.00", "", "", "", ""), _figures(overseas_travel="30000.00")),
    ],
)
def test_a_sparse_space_aligned_row_is_placed_by_its_header_positions(tmp_path, figures, expected):
    doc = _read_aligned(tmp_path, figures, right=False)
    assert _three_public(doc) == expected
    assert [i.message for i in doc.issues if i.severity == "warning"] == []


@pytest.mark.parametrize(
    "figures",
    [("", "", "", "", "5.00", "2.00"), ("7.00", "", "5.00", "", "5.00", "2.00"), ("", "", "", "", "", "2.00")],
)
def test_a_space_aligned_row_whose_figures_lie_under_no_header_is_left_unread_and_said(tmp_path, figures):
    # figures right-aligned under left-aligned labels: their columns would be a guess
    doc = _read_aligned(tmp_path, figures, right=True)
    assert _three_public(doc) == {}
    assert any("laid out by spaces alone" in i.message for i in doc.issues)
