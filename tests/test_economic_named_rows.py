"""基本支出 tables by 经济分类 name only (Zhejiang 表6): a 栏次 row of ** 1 2 3 is no data row, and
日常公用支出 is the 公用经费 column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.written_documents import parse_written

TABLE = (
    "某市某局2026年部门预算\n第二部分 2026年部门预算表\n"
    "表6:2026年市级部门一般公共预算基本支出预算表\n部门名称:某市某局\t单位:万元\n"
    "\t本年一般公共预算基本支出\n经济分类科目名称\t\t\t\n\t合计\t人员经费\t日常公用支出\n**\t1\t2\t3\n"
    "合计\t30.00\t22.00\t8.00\n工资福利支出\t20.00\t20.00\t\n基本工资\t20.00\t20.00\t\n"
    "商品和服务支出\t8.00\t\t8.00\n办公费\t8.00\t\t8.00\n"
    "对个人和家庭的补助\t2.00\t2.00\t\n退休费\t2.00\t2.00\t\n"
)


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_numbering_row_and_daily_public_column(tmp_path, pdf):
    doc = parse_written(tmp_path, TABLE, pdf)
    got = {(r.economic_name, r.measure): r.amount_yuan for r in doc.economic_amounts}
    assert got == {
        ("合计", "total"): Decimal("300000.00"),
        ("合计", "personnel"): Decimal("220000.00"),
        ("合计", "public"): Decimal("80000.00"),
        ("工资福利支出", "total"): Decimal("200000.00"),
        ("工资福利支出", "personnel"): Decimal("200000.00"),
        ("基本工资", "total"): Decimal("200000.00"),
        ("基本工资", "personnel"): Decimal("200000.00"),
        ("商品和服务支出", "total"): Decimal("80000.00"),
        ("商品和服务支出", "public"): Decimal("80000.00"),
        ("办公费", "total"): Decimal("80000.00"),
        ("办公费", "public"): Decimal("80000.00"),
        ("对个人和家庭的补助", "total"): Decimal("20000.00"),
        ("对个人和家庭的补助", "personnel"): Decimal("20000.00"),
        ("退休费", "total"): Decimal("20000.00"),
        ("退休费", "personnel"): Decimal("20000.00"),
    }
    assert [i.message for i in doc.issues if "does not add up" in i.message] == []
