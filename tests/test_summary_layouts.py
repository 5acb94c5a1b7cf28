"""Summary and basic-expenditure layouts that used to be warned "not read" (issue 12), one family each.

- 基本支出 by 经济分类 whose columns say 总计 / 人员类 / 公用类 (Hunan's names for 合计 / 人员经费 / 公用经费).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.pdf_fixtures import parse_written

HEADING = "某市某局2026年部门预算\n第二部分 2026年部门预算表\n"

CLASS_COLUMNS = (
    HEADING + "2026年一般公共预算基本支出情况表\n部门名称:某市某局\t单位:万元\n"
    "\t经济科目编码\t经济科目名称\t总计\t人员类\t{public}\n\t**\t**\t1\t2\t3\n"
    "\t\t合计\t30.00\t22.00\t8.00\n"
    "\t301\t工资福利支出\t20.00\t20.00\t\n\t30101\t基本工资\t20.00\t20.00\t\n"
    "\t302\t商品和服务支出\t8.00\t\t8.00\n\t30201\t办公费\t8.00\t\t8.00\n"
    "\t303\t对个人和家庭的补助\t2.00\t2.00\t\n\t30302\t退休费\t2.00\t2.00\t\n"
)


@pytest.mark.parametrize("public", ["公用经费", "公用类"])
@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_class_columns_total_personnel_public(tmp_path, pdf, public):
    doc = parse_written(tmp_path, CLASS_COLUMNS.format(public=public), pdf)
    got = {(r.economic_code, r.measure): r.amount_yuan for r in doc.economic_amounts}
    assert got == {
        (None, "total"): Decimal("300000.00"),
        (None, "personnel"): Decimal("220000.00"),
        (None, "public"): Decimal("80000.00"),
        ("301", "total"): Decimal("200000.00"),
        ("301", "personnel"): Decimal("200000.00"),
        ("30101", "total"): Decimal("200000.00"),
        ("30101", "personnel"): Decimal("200000.00"),
        ("302", "total"): Decimal("80000.00"),
        ("302", "public"): Decimal("80000.00"),
        ("30201", "total"): Decimal("80000.00"),
        ("30201", "public"): Decimal("80000.00"),
        ("303", "total"): Decimal("20000.00"),
        ("303", "personnel"): Decimal("20000.00"),
        ("30302", "total"): Decimal("20000.00"),
        ("30302", "personnel"): Decimal("20000.00"),
    }
    assert [i.message for i in doc.issues if i.severity == "warning"] == []
