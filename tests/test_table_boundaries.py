"""Where a table ends: an empty table must not swallow the rows of the table printed after it.

The Fujian layout family: 国有资本经营预算拨款支出预算表 printed with only its 合计 0.00 and a
备注 ("本单位没有使用…"), followed by a table of a kind no parser reads
(一般公共预算支出经济分类情况表, 301/302 by 经济分类 over all spending), then a table that is read.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.written_documents import parse_written

HEAD = "某市某局2026年度部门预算\n第二部分 2026年度部门预算表\n"

EMPTY_TABLE = (
    "七、国有资本经营预算拨款支出预算表\n2026年度国有资本经营预算拨款支出预算表\n单位:万元\n"
    "科目编码\t科目名称\t小计\t基本支出\t项目支出\n合计\t\t0.00\t0.00\t0.00\n"
)
NOTE = "备注:本单位2026年没有使用国有资本经营预算拨款安排的支出。\n"
UNREAD_TABLE = (
    "八、一般公共预算支出经济分类情况表\n2026年度一般公共预算支出经济分类情况表\n单位:万元\n"
    "科目编码\t科目名称\t预算数\n合计\t\t30.00\n301\t工资福利支出\t20.00\n302\t商品和服务支出\t10.00\n"
)
READ_TABLE = (
    "九、一般公共预算基本支出经济分类情况表\n2026年度一般公共预算基本支出经济分类情况表\n单位:万元\n"
    "科目编码\t科目名称\t预算数\n合计\t\t25.00\n301\t工资福利支出\t20.00\n30101\t基本工资\t20.00\n"
    "302\t商品和服务支出\t5.00\n30201\t办公费\t5.00\n"
)
LAYOUTS = {
    "with its 备注": EMPTY_TABLE + NOTE + UNREAD_TABLE + READ_TABLE,
    "without a note": EMPTY_TABLE + UNREAD_TABLE + READ_TABLE,
    "unread title with its unit in brackets": EMPTY_TABLE
    + UNREAD_TABLE.replace("情况表\n单位:万元\n", "情况表（单位：万元）\n")
    + READ_TABLE,
}


def _parse(tmp_path: Path, body: str, pdf: bool):
    return parse_written(tmp_path, HEAD + body, pdf)


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_empty_table_ends_at_the_next_title_of_any_kind(tmp_path, layout, pdf):
    doc = _parse(tmp_path, LAYOUTS[layout], pdf)
    state_capital = [r for r in doc.functional_amounts if r.table_kind == "state_capital"]
    assert [(r.functional_code, r.measure, r.amount_yuan) for r in state_capital] == [
        (None, measure, Decimal("0.00")) for measure in ("total", "basic", "project")
    ]
    assert [r.economic_code for r in doc.economic_amounts if r.table_kind == "state_capital"] == []
    basic = {r.economic_code: r.amount_yuan for r in doc.economic_amounts}
    assert basic == {
        None: Decimal("250000.00"),
        "301": Decimal("200000.00"),
        "30101": Decimal("200000.00"),
        "302": Decimal("50000.00"),
        "30201": Decimal("50000.00"),
    }
    assert [i.message for i in doc.issues if "does not add up" in i.message] == []


def test_a_title_listed_in_prose_without_a_unit_line_ends_nothing(tmp_path):
    """A line shaped like a title but followed by rows, not by a unit line, stays in its table."""
    doc = _parse(
        tmp_path,
        "一般公共预算基本支出经济分类情况表\n单位:万元\n科目编码\t科目名称\t预算数\n合计\t\t5.00\n"
        "302\t商品和服务支出\t5.00\n其他分类表\n30201\t办公费\t5.00\n",
        pdf=False,
    )
    assert {r.economic_code for r in doc.economic_amounts} == {None, "302", "30201"}


ECONOMIC_OVER_ALL_SPENDING = (
    "表 8\n一般公共预算支出表(按经济分类)\n部门名称:某市某局\t单位:万元\n"
    "预算单位\t科目编码\t科目名称\t支出总计\t基本支出\t项目支出\n"
    "某市某局\t\t\t30.00\t20.00\t10.00\n\t301\t工资福利支出\t20.00\t20.00\t0.00\n"
    "\t30101\t基本工资\t20.00\t20.00\t0.00\n\t302\t商品和服务支出\t10.00\t0.00\t10.00\n"
    "\t30212\t因公出国(境)费用\t10.00\t0.00\t10.00\n"
)
FUNCTIONAL = (
    "表 9\n一般公共预算支出表(按功能分类)\n部门名称:某市某局\t单位:万元\n"
    "科目编码\t科目名称\t支出总计\t基本支出\t项目支出\n合计\t\t30.00\t20.00\t10.00\n"
    "201\t一般公共服务支出\t30.00\t20.00\t10.00\n20101\t人大事务\t30.00\t20.00\t10.00\n"
    "2010101\t行政运行\t30.00\t20.00\t10.00\n"
)


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_numbered_table_of_an_unread_kind_is_not_guessed_from_its_header(tmp_path, pdf):
    """表 8 titled 一般公共预算支出表(按经济分类) (Guangdong): its 基本支出/项目支出 header is that of a
    功能分类 table and its 因公出国(境)费用 row that of a 三公 table, but its 301/302 are 经济分类
    codes: not read as either, and the table after it is read whole."""
    doc = _parse(tmp_path, ECONOMIC_OVER_ALL_SPENDING * 2 + FUNCTIONAL, pdf)
    assert [t.kind for t in doc.tables] == ["general_budget_expenditure"]
    assert doc.three_public_amounts == ()
    assert {r.functional_code for r in doc.functional_amounts} == {None, "201", "20101", "2010101"}
    assert [i.message for i in doc.issues if "does not add up" in i.message] == []


@pytest.mark.parametrize("pdf", [False, True])
def test_a_foreign_title_over_its_header_ends_the_table_before_it_but_a_continuation_does_not(tmp_path, pdf):
    # a 政府采购预算表 printed without a unit line, right under a 机关运行经费 table: its rows are not
    # operating costs; a 续表 over the repeated header goes on with the table before it
    body = (
        "一般公共预算机关运行经费支出预算表\n单位:万元\n"
        "科目编码\t科目名称\t机关运行经费支出\n"
        "\t合计\t30.00\n302\t商品和服务支出\t30.00\n30201\t办公费\t10.00\n"
        "续表\n科目编码\t科目名称\t机关运行经费支出\n30205\t水费\t20.00\n"
        "2018年政府采购预算表\n"
        "采购品目大类\t专项名称\t经济科目\t采购物品名称\t采购组织形式\t总计\n"
        "合计\t\t\t\t\t14.00\n一、货物A\t\t\t\t\t14.00\n\t\t\t台式计算机\t分散自行组织\t14.00\n"
    )
    doc = parse_written(tmp_path, HEAD + body, pdf)
    items = {s.item: s.amount_yuan for s in doc.statistics if s.section == "operating_cost"}
    # every row, the one printed under 续表 included (30205 水费): the total alone would not tell
    assert items == {
        "total": Decimal("300000.00"),
        "economic:302": Decimal("300000.00"),
        "economic:30201": Decimal("100000.00"),
        "economic:30205": Decimal("200000.00"),
    }
