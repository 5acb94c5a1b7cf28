"""Economic tables that print a second classification (政府经济分类) beside the 部门经济分类 code,
tables printed unit by unit, and tables nobody can read.

The second code column (50101, 50201 …) must be read as a code, never as an amount: the
Xi'an 支出明细表 once stored 30101 基本工资 = 505,010,000 yuan from it, silently.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.reading import read_document

HEAD = "某市应急管理局2019年部门预算公开\n第二部分 2019年部门预算报表\n"
XIAN_HEADER = (
    "2019年部门综合预算一般公共预算支出明细表(按支出经济分类科目)\n单位:万元\n"
    "\t\t政府经济科\t\t\t\t\t\t\n"
    "部门经济科目编码\t部门经济科目名称\t\t政府经济科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出\t备注\n"
    "\t\t目编码\t\t\t\t\t\t\n"
    "**\t\t\t**\t1\t2\t3\t4\t**\n"
)


def parse(tmp_path: Path, body: str):
    path = tmp_path / "budget.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return read_document(path)


def economic(doc) -> dict[tuple, Decimal]:
    return {(r.economic_code, r.measure): r.amount_yuan for r in doc.economic_amounts}


def warnings(doc) -> list[str]:
    return [i.message for i in doc.issues if i.severity == "warning"]


def test_government_code_column_is_a_code_and_its_name_is_kept(tmp_path):
    doc = parse(
        tmp_path,
        XIAN_HEADER + "\t\t\t合计\t100.00\t60.00\t10.00\t30.00\t\n"
        "301\t工资福利支出\t\t\t60.00\t60.00\t\t\t\n"
        "30101\t基本工资\t50101\t工资奖金津补贴\t40.00\t40.00\t\t\t\n"
        "3010201\t津贴补贴\t50101\t工资奖金津补贴\t15.00\t15.00\t\t\t\n"
        "\t机关事业单位基本养\t\t\t\t\t\t\t\n"
        "30108\t\t50102\t社会保障缴费\t5.00\t5.00\t\t\t\n"
        "\t老保险缴费\t\t\t\t\t\t\t\n"
        "302\t商品和服务支出\t\t\t40.00\t\t10.00\t30.00\t\n"
        "30201\t办公费\t50201\t办公经费\t40.00\t\t10.00\t30.00\t\n",
    )
    got = economic(doc)
    assert got[("30101", "total")] == Decimal("400000.00")
    assert got[("3010201", "personnel")] == Decimal("150000.00")
    assert got[("30201", "project")] == Decimal("300000.00")
    assert not any(v >= Decimal("5000000") for v in got.values())  # no 50101 read as 万元
    names = {r.economic_code: (r.economic_name, r.government_economic_name) for r in doc.economic_amounts}
    assert names["30101"] == ("基本工资", "工资奖金津补贴")
    assert names["30108"] == ("机关事业单位基本养老保险缴费", "社会保障缴费")  # centred on two lines
    assert warnings(doc) == []


def test_a_misread_amount_in_such_a_table_is_warned_about(tmp_path):
    doc = parse(
        tmp_path,
        XIAN_HEADER + "\t\t\t合计\t100.00\t60.00\t10.00\t30.00\t\n"
        "301\t工资福利支出\t\t\t60.00\t60.00\t\t\t\n"
        "30101\t基本工资\t50101\t工资奖金津补贴\t45.00\t45.00\t\t\t\n"
        "30102\t津贴补贴\t50101\t工资奖金津补贴\t20.00\t20.00\t\t\t\n"
        "302\t商品和服务支出\t\t\t40.00\t\t10.00\t30.00\t\n"
        "30201\t办公费\t50201\t办公经费\t40.00\t\t10.00\t30.00\t\n",
    )
    assert any("301 工资福利支出 (total)" in w for w in warnings(doc))


def test_unit_blocks_are_summed_to_the_department_and_checked_against_the_total(tmp_path):
    body = (
        XIAN_HEADER + "\t\t\t合计\t{total}\t60.00\t10.00\t30.00\t\n"
        "125001\t某市应急管理局\t\t\t70.00\t40.00\t5.00\t25.00\t\n"
        "301\t工资福利支出\t\t\t40.00\t40.00\t\t\t\n"
        "30101\t基本工资\t50101\t工资奖金津补贴\t40.00\t40.00\t\t\t\n"
        "302\t商品和服务支出\t\t\t30.00\t\t5.00\t25.00\t\n"
        "30201\t办公费\t50201\t办公经费\t30.00\t\t5.00\t25.00\t\n"
        "125002\t某市应急救援中心\t\t\t30.00\t20.00\t5.00\t5.00\t\n"
        "301\t工资福利支出\t\t\t20.00\t20.00\t\t\t\n"
        "30101\t基本工资\t50501\t工资福利支出\t20.00\t20.00\t\t\t\n"
        "302\t商品和服务支出\t\t\t10.00\t\t5.00\t5.00\t\n"
        "30201\t办公费\t50201\t办公经费\t10.00\t\t5.00\t5.00\t\n"
    )
    doc = parse(tmp_path, body.format(total="100.00"))
    rows = [(r.economic_code, r.government_economic_name, r.measure, r.amount_yuan) for r in doc.economic_amounts]
    assert ("30201", "办公经费", "total", Decimal("400000.00")) in rows  # 30 + 10 万元
    assert ("301", None, "personnel", Decimal("600000.00")) in rows
    # the department's 30101 stays split by its 政府经济 class
    assert ("30101", "工资奖金津补贴", "total", Decimal("400000.00")) in rows
    assert ("30101", "工资福利支出", "total", Decimal("200000.00")) in rows
    assert warnings(doc) == []
    wrong = parse(tmp_path, body.format(total="110.00"))
    assert any("Σ unit rows" in w for w in warnings(wrong))


def test_codes_glued_to_names_under_government_and_department_columns(tmp_path):
    # Beijing: 政府支出经济分类科目 first, 部门支出经济分类科目 second, each "code-name"
    doc = parse(
        tmp_path,
        "预算06表 一般公共预算基本支出表\n金额单位:万元\n"
        "\t\t预算数\t\t\n"
        "政府支出经济分类科目\t部门支出经济分类科目\t合计\t人员经费\t公用经费\n"
        "50101-工资奖金津补贴\t30101-基本工资\t20.00\t20.00\t\n"
        "50101-工资奖金津补贴\t30102-津贴补贴\t10.00\t10.00\t\n"
        "50201-办公经费\t30201-办公费\t5.00\t\t5.00\n"
        "\t合 计\t35.00\t30.00\t5.00\n",
    )
    got = economic(doc)
    assert got[("30101", "total")] == Decimal("200000.00")
    assert got[("30201", "public")] == Decimal("50000.00")
    assert {r.government_economic_name for r in doc.economic_amounts if r.economic_code == "30201"} == {"办公经费"}
    assert warnings(doc) == []


@pytest.mark.parametrize("total, warned", [("35.00", False), ("36.00", True)])
def test_the_total_row_is_checked_against_the_highest_codes_printed(tmp_path, total, warned):
    doc = parse(
        tmp_path,
        "一般公共预算基本支出表\n单位:万元\n"
        "部门经济科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "30101\t基本工资\t20.00\t20.00\t\n"
        "30102\t津贴补贴\t10.00\t10.00\t\n"
        "30201\t办公费\t5.00\t\t5.00\n"
        f"合计\t\t{total}\t30.00\t5.00\n",
    )
    assert any("合计 (total)" in w and "Σ top-level rows" in w for w in warnings(doc)) is warned


def test_a_table_printed_again_under_its_number_alone_is_one_table(tmp_path):
    part = (
        "表8\n一般公共预算基本支出明细表(按支出经济分类科目-\n不含上年结转)\n单位:元\n"
        "部门经济科目编码\t部门经济科目名称\t合计\t人员经费支出\t公用经费支出\n"
    )
    doc = parse(
        tmp_path,
        part + "\t合计\t300.00\t100.00\t200.00\n"
        "301\t工资福利支出\t100.00\t100.00\t\n"
        "30101\t基本工资\t100.00\t100.00\t\n"
        "302\t商品和服务支出\t200.00\t\t200.00\n"
        "30201\t办公费\t50.00\t\t50.00\n" + part + "30213\t维修(护)费\t150.00\t\t150.00\n",
    )
    assert len([t for t in doc.tables if t.kind == "basic_expenditure_economic"]) == 1
    assert economic(doc)[("30213", "total")] == Decimal("150.00")
    assert warnings(doc) == []


def test_a_table_printing_amounts_that_no_reader_understands_is_reported(tmp_path):
    doc = parse(
        tmp_path,
        "一般公共预算基本支出表\n单位:万元\n部门经济科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "30101\t基本工资\t20.00\t20.00\t\n"
        "一般公共预算支出表\n单位:万元\n甲栏\t乙栏\n某种说明\t另一种说明\t12.50\n",
    )
    assert not doc.functional_amounts
    assert any("prints amounts but none was read" in w for w in warnings(doc))


def test_a_department_row_over_its_units_is_no_functional_class(tmp_path):
    # the department's code (201) over its units' (201001) prints the digits of 类 201
    doc = parse(
        tmp_path,
        "一般公共预算支出明细表(按支出功能分类科目)\n单位:万元\n"
        "功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出\n"
        "\t合计\t30.00\t15.00\t5.00\t10.00\n"
        "201\t某市委宣传部\t30.00\t15.00\t5.00\t10.00\n"
        "201001\t某市委宣传部(本级)\t30.00\t15.00\t5.00\t10.00\n"
        "201\t一般公共服务支出\t30.00\t15.00\t5.00\t10.00\n"
        "20133\t宣传事务\t30.00\t15.00\t5.00\t10.00\n"
        "2013301\t行政运行\t20.00\t15.00\t5.00\t\n"
        "2013302\t一般行政管理事务\t10.00\t\t\t10.00\n",
    )
    names = {(r.functional_code, r.functional_name) for r in doc.functional_amounts}
    assert ("201", "一般公共服务支出") in names
    assert not any("宣传部" in name for _, name in names)
    total = [r for r in doc.functional_amounts if r.functional_code == "201" and r.measure == "total"]
    assert [r.amount_yuan for r in total] == [Decimal("300000.00")]
    assert warnings(doc) == []
