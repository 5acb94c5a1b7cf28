"""Issue 26, two more unseen layouts: a department name kept as printed, and a sparse 三公 row.

A name printed with full-width brackets （本级） keeps them in the document (its NFKC form is the
key beside it); a 三公 row that prints only a few cells gives no fact for an empty cell — never
0.00 — while a printed 0.00 stays 0. Each case is built here and read by the real parser.
"""

from __future__ import annotations

import pytest

from loaders.reading import read_document
from tests.test_three_public_layouts import _as_ruled_pdf, _as_text

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
