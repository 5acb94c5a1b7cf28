"""Summary and basic-expenditure layouts that used to be warned "not read" (issue 12), one family each.

- 基本支出 by 经济分类 whose columns say 总计 / 人员类 / 公用类 (Hunan's names for 合计 / 人员经费 / 公用经费).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.written_documents import parse_written

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


# Shenzhen's 基本支出总表: names only, 总计 then its split by source of funds, the 预算单位 as first row,
# a name wrapped around its figures
BY_SOURCE = (
    HEADING + "表 4\n基本支出总表\n部门名称:某市某局(本级)\t单位:万元\n"
    "\t\t财政拨款\t\t单位资金\t\n"
    "支出项目类别\t总计\t小计\t一般公共预算拨款\t事业收入\t上年结余、结转\n"
    "{unit}\t{unit_total}\t30.00\t30.00\t0.00\t0.00\n"
    "工资福利支出\t20.00\t20.00\t20.00\t0.00\t0.00\n"
    "基本工资\t12.00\t12.00\t12.00\t0.00\t0.00\n"
    "机关事业单位基本养老保险缴\t\t\t\t\t\n\t8.00\t8.00\t8.00\t0.00\t0.00\n费\t\t\t\t\t\n"
    "商品和服务支出\t8.00\t8.00\t8.00\t0.00\t0.00\n"
    "{item}\t8.00\t8.00\t8.00\t0.00\t0.00\n"
    "对个人和家庭的补助\t2.00\t2.00\t2.00\t0.00\t0.00\n"
    "退休费\t2.00\t2.00\t2.00\t0.00\t0.00\n"
)


def _by_source(unit="某市某局(本级)", unit_total="30.00", item="办公费"):
    return BY_SOURCE.format(unit=unit, unit_total=unit_total, item=item)


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_names_only_with_total_split_by_source_of_funds(tmp_path, pdf):
    doc = parse_written(tmp_path, _by_source(), pdf)
    got = {
        (r.economic_code, r.economic_name, r.expense_category, r.measure): r.amount_yuan for r in doc.economic_amounts
    }
    assert got == {
        (None, "合计", None, "total"): Decimal("300000.00"),
        ("301", "工资福利支出", "personnel", "total"): Decimal("200000.00"),
        ("30101", "基本工资", "personnel", "total"): Decimal("120000.00"),
        ("30108", "机关事业单位基本养老保险缴费", "personnel", "total"): Decimal("80000.00"),
        ("302", "商品和服务支出", "public", "total"): Decimal("80000.00"),
        ("30201", "办公费", "public", "total"): Decimal("80000.00"),
        ("303", "对个人和家庭的补助", "personnel", "total"): Decimal("20000.00"),
        ("30302", "退休费", "personnel", "total"): Decimal("20000.00"),
    }
    assert [i.message for i in doc.issues if i.severity == "warning"] == []
    (note,) = [i.message for i in doc.issues if i.severity == "info"]
    assert note.startswith("columns splitting the total by source of funds, kept out: column 3 (财政拨款 › 小计)")


def test_a_first_row_that_is_not_the_sum_of_the_classes_is_warned_not_read(tmp_path):
    doc = parse_written(tmp_path, _by_source(unit_total="31.00"), False)
    warning = "first row '某市某局(本级)' names no 经济分类 item and is not the sum of the 类 rows: not read"
    assert warning in [i.message for i in doc.issues if i.severity == "warning"]
    assert [r for r in doc.economic_amounts if r.economic_code is None] == []


# Jiangsu's 收入预算总表: 类别 | 项目 | 金额, each group opened by its 小计, the 类别 centred beside it
BY_SOURCE_ROWS = (
    HEADING + "表二\n收入预算总表\n部门:某某办公厅\t单位:万元\n项目名称\t\t金额\n"
    "收入总计\t{total}\n"
    "\t小计\t90.00\n一般公共预算资金\t公共财政拨款(补助)资金\t90.00\n\t专项收入\t\n"
    "政府性基金\t小计\t\n"
    "\t小计\t\n财政转专户管理资金\t专户管理教育收费\t\n\t其他非税收入\t\n"
    "\t小计\t{others}\n\t事业收入\t\n其他资金\t经营收入\t\n\t其他收入\t8.00\n\t债务资金(银行贷款)\t\n"
    "\t小计\t2.00\n上年结转和结余资金\t\t\n\t其中:动用上年结转和结余资金\t2.00\n"
)
# the same printed in narrow cells: 类别 and 项目 wrapped around the figure of their row
WRAPPED_ROWS = (
    HEADING + "收入预算总表\n部门:某某办公厅\t单位:万元\n\t项目名称\t\t金额\t\n"
    "\t收入总计\t100.00\t\n"
    "\t\t小计\t90.00\t\n\t一般公共预\t公共财政拨款(补助)\t\t\n\t\t\t90.00\t\n\t算资金\t资金\t\t\n\t\t专项收入\t\t\n"
    "\t政府性基金\t小计\t\t\n"
    "\t其他资金\t小计\t10.00\t\n\t\t其他收入\t10.00\t\n"
)


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_income_by_source_rows(tmp_path, pdf):
    doc = parse_written(tmp_path, BY_SOURCE_ROWS.format(total="100.00", others="8.00"), pdf)
    got = {(r.functional_code, r.functional_name, r.measure, r.is_total): r.amount_yuan for r in doc.functional_amounts}
    assert got == {
        (None, "收入总计", "total", True): Decimal("1000000.00"),
        (None, "一般公共预算资金", "general_public_budget", True): Decimal("900000.00"),
        (None, "其他收入", "other", True): Decimal("80000.00"),
        (None, "上年结转和结余资金", "carryover_begin", True): Decimal("20000.00"),
    }
    assert [i.message for i in doc.issues if i.severity == "warning"] == []
    notes = [i.message for i in doc.issues if i.severity == "info"]
    assert notes == [
        "rows without a measure of their own (counted in their 小计, or 其中 rows): "
        "公共财政拨款(补助)资金; 其他资金 小计; 其中:动用上年结转和结余资金"
    ]


def test_income_by_source_rows_wrapped_around_their_figures(tmp_path):
    doc = parse_written(tmp_path, WRAPPED_ROWS, False)
    got = {(r.functional_name, r.measure): r.amount_yuan for r in doc.functional_amounts}
    assert got == {
        ("收入总计", "total"): Decimal("1000000.00"),
        ("一般公共预算资金", "general_public_budget"): Decimal("900000.00"),
        ("其他收入", "other"): Decimal("100000.00"),
    }
    assert [i.message for i in doc.issues if i.severity == "warning"] == []
    assert [i.message for i in doc.issues if i.severity == "info"] == [
        "rows without a measure of their own (counted in their 小计, or 其中 rows): "
        "公共财政拨款(补助)资金; 其他资金 小计"
    ]


@pytest.mark.parametrize(
    "total, others, warning",
    [
        ("101.00", "8.00", "does not add up: 收入总计 is 1010000.00 but Σ 小计 rows make 1000000.00"),
        ("100.00", "9.00", "does not add up: 其他资金 小计 is 90000.00 but Σ 项目 rows make 80000.00"),
    ],
    ids=["total", "subtotal"],
)
def test_income_by_source_rows_check_their_sums(tmp_path, total, others, warning):
    doc = parse_written(tmp_path, BY_SOURCE_ROWS.format(total=total, others=others), False)
    assert any(i.message.startswith(warning) for i in doc.issues if i.severity == "warning")


# a continuation page under the table's number alone: its 因公出国(境)费用 and 公务接待费 rows belong to
# the economic table before it, not to an untitled 三公 table
CONTINUED_BY_NUMBER = (
    HEADING + "表 6\n一般公共预算基本支出表\n部门名称:某局\t单位:万元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
    "合计\t\t30.00\t20.00\t10.00\n301\t工资福利支出\t20.00\t20.00\t\n30101\t基本工资\t20.00\t20.00\t\n"
    "302\t商品和服务支出\t10.00\t\t10.00\n30201\t办公费\t4.00\t\t4.00\n"
    "表 6\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
    "30212\t因公出国(境)费用\t3.00\t\t3.00\n30217\t公务接待费\t3.00\t\t3.00\n"
    "表 7\n财政拨款“三公”经费支出表\n部门名称:某局\t单位:万元\n"
    "合计\t因公出国(境)费\t公务用车购置及运行维护费\t公务接待费\n6.00\t3.00\t0.00\t3.00\n"
)


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_a_page_continued_under_its_number_alone_stays_with_its_table(tmp_path, pdf):
    doc = parse_written(tmp_path, CONTINUED_BY_NUMBER, pdf)
    assert [(t.kind, t.title) for t in doc.tables] == [
        ("basic_expenditure_economic", "一般公共预算基本支出表"),
        ("three_public", "财政拨款“三公”经费支出表"),
    ]
    public = {r.economic_code: r.amount_yuan for r in doc.economic_amounts if r.measure == "public"}
    assert public == {
        None: Decimal("100000.00"),
        "302": Decimal("100000.00"),
        "30201": Decimal("40000.00"),
        "30212": Decimal("30000.00"),
        "30217": Decimal("30000.00"),
    }
    assert {r.item: r.amount_yuan for r in doc.three_public_amounts}["total"] == Decimal("60000.00")
    assert [i.message for i in doc.issues if i.severity == "warning"] == []


# Jilin's 收支总表: each side prints 本年预算 and its split 编制预算 + 上年结转
SPLIT_SIDES = (
    HEADING + "收支总表(预算表 1)\n预算单位:某局\t单位:万元\n收 入\t\t\t\t支 出\n"
    "项 目\t本年预算\t编制预算\t上年结转\t项 目\t本年预算\t编制预算\t上年结转\n"
    "一、财政拨款收入\t100.00\t90.00\t10.00\t一、一般公共服务支出\t80.00\t{split}\t10.00\n"
    "二、事业收入\t0.00\t0.00\t0.00\t二、住房保障支出\t20.00\t20.00\t0.00\n"
    "本年收入合计\t100.00\t90.00\t10.00\t本年支出合计\t100.00\t90.00\t10.00\n"
    "收入总计\t100.00\t90.00\t10.00\t支出总计\t100.00\t90.00\t10.00\n"
)


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_summary_columns_splitting_the_amount_are_a_breakdown(tmp_path, pdf):
    doc = parse_written(tmp_path, SPLIT_SIDES.format(split="70.00"), pdf)
    got = {(r.side, r.item_key): r.amount_yuan for r in doc.summary_amounts if r.item_key}
    assert got[("income", "grand_total")] == got[("expenditure", "grand_total")] == Decimal("1000000.00")
    assert {r.measure for r in doc.summary_amounts} == {"amount"}
    assert [i.message for i in doc.issues if i.severity == "warning"] == []
    (note,) = [i.message for i in doc.issues if i.severity == "info"]
    assert note == (
        "columns splitting their side's amount (every row adds up), kept out: "
        "column 3 (编制预算); column 4 (上年结转); column 7 (编制预算); column 8 (上年结转)"
    )


def test_summary_columns_that_do_not_split_the_amount_stay_unknown(tmp_path):
    doc = parse_written(tmp_path, SPLIT_SIDES.format(split="60.00"), False)
    (warning,) = [i.message for i in doc.issues if i.severity == "warning"]
    assert warning == "columns not recognised, kept out: column 7 (编制预算); column 8 (上年结转)"


# Guangdong's 部门预算基本支出预算表: rows by unit, then 政府经济分类 names (工资和福利支出), some of which
# (商品和服务支出) happen to be 部门经济分类 names too
BY_UNIT = (
    CLASS_COLUMNS.format(public="公用经费") + "表11\n部门预算基本支出预算表\n单位名称:某局\t单位:万元\n"
    "支出项目类别(资金使用单位)\t总计\t财政拨款合计\t一般公共预算\n"
    "合计\t30.00\t30.00\t30.00\n某局\t30.00\t30.00\t30.00\n工资和福利支出\t20.00\t20.00\t20.00\n"
    "商品和服务支出\t8.00\t8.00\t8.00\n对个人和家庭的补助\t2.00\t2.00\t2.00\n"
)


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_names_of_another_classification_are_not_read_as_department_economic_rows(tmp_path, pdf):
    doc = parse_written(tmp_path, BY_UNIT, pdf)
    by_unit = next(t for t in doc.tables if t.title == "部门预算基本支出预算表")
    assert [r for r in doc.economic_amounts if r.lineno > by_unit.lineno] == []
    assert len(doc.economic_amounts) == 15  # the table before it, read as in the first test
    (warning,) = [i.message for i in doc.issues if i.severity == "warning"]
    assert warning == "rows name no 部门经济分类 item (某局、工资和福利支出): table not read"
