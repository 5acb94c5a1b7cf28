"""Children named by indentation: a table printing the 功能分类 code on its 类 rows only, its 款/项
rows named below them and set off by indentation (issue 12, item 3).

The children's codes come from the codes the same document prints beside those names (its
支出总表 prints them in full), under the nearest coded row above: never guessed from a name.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.model import Line
from loaders.parse.grid.indented_codes import ChildCodes, known_children
from tests.written_documents import parse_written

HEAD = "某县某局2026年部门预算\n第二部分 2026年部门预算表\n"
CODED = (
    "支出预算总表\n单位:万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t60.00\t40.00\t20.00\n"
    "201\t一般公共服务支出\t50.00\t30.00\t20.00\n20101\t人大事务\t30.00\t30.00\t0.00\n"
    "2010101\t行政运行\t30.00\t30.00\t0.00\n20102\t政协事务\t20.00\t0.00\t20.00\n"
    "2010201\t行政运行\t5.00\t0.00\t5.00\n2010204\t政协会议\t15.00\t0.00\t15.00\n"
    "221\t住房保障支出\t10.00\t10.00\t0.00\n22102\t住房改革支出\t10.00\t10.00\t0.00\n"
    "2210201\t住房公积金\t10.00\t10.00\t0.00\n"
)
# the same spending, codes on the 类 rows only; the children indented (spaces, full-width spaces)
INDENTED = (
    "一般公共预算支出表\n单位:万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t60.00\t40.00\t20.00\n"
    "201\t一般公共服务支出\t50.00\t30.00\t20.00\n\t  人大事务\t30.00\t30.00\t0.00\n"
    "\t    行政运行\t30.00\t30.00\t0.00\n\t  政协事务\t20.00\t0.00\t20.00\n"
    "\t\u3000\u3000行政运行\t5.00\t0.00\t5.00\n\t\u3000\u3000政协会议\t15.00\t0.00\t15.00\n"
    "221\t住房保障支出\t10.00\t10.00\t0.00\n\t  住房改革支出\t10.00\t10.00\t0.00\n"
    "\t    住房公积金\t10.00\t10.00\t0.00\n"
)
EXPECTED = {
    None: Decimal("600000.00"),
    "201": Decimal("500000.00"),
    "20101": Decimal("300000.00"),
    "2010101": Decimal("300000.00"),
    "20102": Decimal("200000.00"),
    "2010201": Decimal("50000.00"),
    "2010204": Decimal("150000.00"),
    "221": Decimal("100000.00"),
    "22102": Decimal("100000.00"),
    "2210201": Decimal("100000.00"),
}


def _parse(tmp_path: Path, body: str, pdf: bool):
    return parse_written(tmp_path, HEAD + body, pdf)


def _totals(doc, kind: str) -> dict:
    rows = [r for r in doc.functional_amounts if r.table_kind == kind and r.measure == "total"]
    return {r.functional_code: r.amount_yuan for r in rows}


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_children_take_the_codes_the_document_prints_for_their_names(tmp_path, pdf):
    doc = _parse(tmp_path, CODED + INDENTED, pdf)
    assert _totals(doc, "general_budget_expenditure") == EXPECTED
    rows = [r for r in doc.functional_amounts if r.table_kind == "general_budget_expenditure"]
    names = {r.functional_code: r.functional_name for r in rows}
    assert names["2010201"] == "行政运行"  # the 行政运行 under 政协事务, not the one under 人大事务
    assert [i.message for i in doc.issues if "does not add up" in i.message or "not read" in i.message] == []


def test_a_name_the_document_never_codes_is_kept_out_with_a_warning(tmp_path):
    doc = _parse(tmp_path, CODED + INDENTED.replace("政协会议", "政协调研"), pdf=False)
    codes = _totals(doc, "general_budget_expenditure")
    assert "2010204" not in codes and len(codes) == len(EXPECTED) - 1
    assert any("政协调研" in i.message and "not read" in i.message for i in doc.issues)


def test_without_coded_names_elsewhere_nothing_is_guessed(tmp_path):
    doc = _parse(tmp_path, INDENTED, pdf=False)
    assert _totals(doc, "general_budget_expenditure") == {
        None: Decimal("600000.00"),
        "201": Decimal("500000.00"),
        "221": Decimal("100000.00"),
    }


def test_children_resolve_under_the_nearest_coded_ancestor():
    children = known_children(
        [
            Line("", ("2010101", "行政运行"), 1),
            Line("", ("2010201", "行政运行"), 2),
            Line("", ("20101", "人大事务"), 3),
            Line("", ("20102 政协事务",), 4),  # a code glued to its name
            Line("", ("201 01 02", "一般行政管理事务"), 5),  # a spaced code
        ]
    )
    walk = ChildCodes(children)
    walk.seen("201")
    assert [walk.resolve(n) for n in ("人大事务", "行政运行", "一般行政管理事务", "政协事务", "行政运行")] == [
        "20101",
        "2010101",
        "2010102",
        "20102",
        "2010201",
    ]
    walk.seen(None)  # a 合计 row: no parent left
    assert walk.resolve("行政运行") is None


def test_a_name_printed_with_two_codes_under_one_parent_is_ambiguous():
    children = known_children([Line("", ("2010101", "行政运行"), 1), Line("", ("2010150", "行政运行"), 2)])
    walk = ChildCodes(children)
    walk.seen("20101")
    assert walk.resolve("行政运行") is None
