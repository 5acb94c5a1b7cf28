"""Layout variations of unseen publications, each read in general form over a case built here.

Each test parses a small document by the real parser (extract, then ``parse_lines``) and fails
when the general reading of its variation is taken away.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from loaders.model import EconomicAmount
from loaders.parse.grid.names import reads_as_amount, rows_named_by_names
from loaders.reading import read_document

HEAD = "某县某局2026年部门预算公开\n第二部分 2026年部门预算报表\n"


def parse(tmp_path: Path, body: str, head: str = HEAD):
    path = tmp_path / "budget.txt"
    path.write_text(head + body, encoding="utf-8")
    return read_document(path)


def functional(doc, kind: str):
    return {(r.functional_code, r.measure): r.amount_yuan for r in doc.functional_amounts if r.table_kind == kind}


def arithmetic(doc) -> list[str]:
    return [i.message for i in doc.issues if i.message.startswith("does not add up")]


def test_amounts_wrapped_inside_narrow_cells_split_after_a_decimal_are_rejoined(tmp_path):
    # 21,118.51 printed as "21,118.5" on the row's line and "1" on the line below, in its column
    doc = parse(
        tmp_path,
        "一般公共预算支出表\n单位：万元\n"
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "合计\t\t21,118.5\t20,000.00\t1,118.5\n"
        "\t\t1\t\t1\n"
        "201\t一般公共服务支出\t21,118.51\t20,000.00\t1,118.51\n"
        "20101\t人大事务\t21,118.51\t20,000.00\t1,118.51\n"
        "2010101\t行政运行\t21,118.51\t20,000.00\t1,118.51\n",
    )
    got = functional(doc, "general_budget_expenditure")
    assert got[(None, "total")] == Decimal("211185100.00")
    assert got[(None, "project")] == Decimal("11185100.00")
    assert arithmetic(doc) == []


EXPENDITURE = (
    "单位：万元\n"
    "科目编码\t科目名称\t2025年预算数\t合计\t基本支出\t项目支出\n"
    "201\t一般公共服务支出\t90.00\t100.00\t100.00\t\n"
    "20101\t人大事务\t90.00\t100.00\t100.00\t\n"
    "2010101\t行政运行\t90.00\t100.00\t100.00\t\n"
    "合计\t\t90.00\t100.00\t100.00\t\n"
)


def test_a_tables_only_file_takes_the_year_its_tables_titles_print_later(tmp_path):
    # no cover; the first table's title prints no year, a later one does; the columns name the
    # year before more often than any title names the year
    doc = parse(
        tmp_path,
        "部门名称：某县某局\n一般公共预算支出表\n"
        + EXPENDITURE
        + "政府性基金预算支出表\n"
        + EXPENDITURE.replace("201\t", "212\t").replace("20101\t", "21208\t").replace("2010101\t", "2120801\t")
        + "2026年一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t金额\n"
        + "301\t工资福利支出\t100.00\n合计\t\t100.00\n",
        head="",
    )
    assert doc.meta.fiscal_year == 2026
    assert not [i for i in doc.issues if i.message.startswith("fiscal year")]


def test_a_title_with_a_misprinted_year_yields_to_its_tables_and_says_so(tmp_path):
    doc = parse(
        tmp_path,
        "2026年一般公共预算支出表\n" + EXPENDITURE + "2026年政府性基金预算支出表\n" + EXPENDITURE,
        head="某县某局2062年部门预算公开\n第二部分 部门预算报表\n",
    )
    assert doc.meta.fiscal_year == 2026
    notes = [i.message for i in doc.issues if i.message.startswith("fiscal year")]
    assert notes == ["fiscal year: the title names 2062, the tables' titles 2026: 2026 is taken"]


def test_a_title_and_one_table_disagreeing_keep_the_title_and_say_so(tmp_path):
    doc = parse(tmp_path, "2025年一般公共预算支出表\n" + EXPENDITURE)
    assert doc.meta.fiscal_year == 2026
    notes = [i.message for i in doc.issues if i.message.startswith("fiscal year")]
    assert notes == ["fiscal year: the title names 2026, a table's title 2025: 2026 is kept"]


def _names(doc) -> list[str]:
    fields = ("functional_name", "item", "economic_name", "government_economic_name", "name")
    rows = [
        *doc.functional_amounts,
        *doc.summary_amounts,
        *doc.economic_amounts,
        *doc.three_public_amounts,
        *doc.statistics,
        *doc.projects,
    ]
    return [value for row in rows for f in fields if isinstance(value := getattr(row, f, None), str)]


def test_a_row_whose_name_reads_as_an_amount_is_not_kept():
    rows = [
        EconomicAmount("basic_expenditure_economic", None, "2,082.85", "personnel", "amount", Decimal(1), False, 1, 7),
        EconomicAmount(
            "basic_expenditure_economic", "30101", "基本工资", "personnel", "amount", Decimal(1), False, 1, 8
        ),
        EconomicAmount("basic_expenditure_economic", "301", "301", "personnel", "amount", Decimal(1), True, 1, 9),
    ]
    kept, issues = rows_named_by_names(rows, "基本支出表")
    assert [r.lineno for r in kept] == [8, 9]  # a code printed as the name is no amount
    assert [(i.table, i.lineno, i.message) for i in issues] == [
        ("基本支出表", 7, "row named by a figure (2,082.85): its cells not read")
    ]


def test_no_name_item_or_label_of_the_seeds_and_cases_reads_as_an_amount(tmp_path):
    seeds = sorted((Path(__file__).resolve().parents[1] / "data" / "raw").glob("*.txt"))
    docs = [read_document(path) for path in seeds]
    docs.append(parse(tmp_path, "一般公共预算支出表\n" + EXPENDITURE))
    docs.append(parse(tmp_path, SIDE_BY_SIDE))
    names = [name for doc in docs for name in _names(doc)]
    assert names and [name for name in names if reads_as_amount(name)] == []


BASIC = (
    "一般公共预算基本支出表\n单位：万元\n"
    "科目编码\t科目名称\t金额\n"
    "合计\t\t170.00\n"
    "人员经费合计\t\t{personnel}\n"
    "301\t工资福利支出\t100.00\n"
    "30101\t基本工资\t100.00\n"
    "303\t对个人和家庭的补助\t20.00\n"
    "30305\t生活补助\t20.00\n"
    "公用经费合计\t\t50.00\n"
    "302\t商品和服务支出\t50.00\n"
    "30201\t办公费\t50.00\n"
)


def _economic(doc):
    return {(r.economic_code, r.economic_name): (r.expense_category, r.amount_yuan) for r in doc.economic_amounts}


def test_a_printed_personnel_total_is_kept_and_checked_against_301_and_303(tmp_path):
    doc = parse(tmp_path, BASIC.format(personnel="120.00"))
    got = _economic(doc)
    assert got[(None, "人员经费合计")] == ("personnel", Decimal("1200000.00"))  # 301 + 303, not the 301 subtotal
    assert got[(None, "公用经费合计")] == ("public", Decimal("500000.00"))
    assert arithmetic(doc) == []


def test_a_personnel_total_that_is_not_301_plus_303_is_kept_as_printed_and_named(tmp_path):
    doc = parse(tmp_path, BASIC.format(personnel="100.00"))  # the 301 subtotal printed as 人员经费合计
    assert _economic(doc)[(None, "人员经费合计")] == ("personnel", Decimal("1000000.00"))
    assert arithmetic(doc) == [
        "does not add up: 人员经费合计 (amount) is 1000000.00 but Σ its 类 rows make 1200000.00 "
        "(difference -200000.00, tolerance 150.00 yuan)"
    ]


NAMED_TOTAL = (
    "一般公共预算支出表\n单位：万元\n"
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "\t某县某局\t{total}\t100.00\t150.00\n"
    "201\t一般公共服务支出\t250.00\t100.00\t150.00\n"
    "20140\t信访事务\t250.00\t100.00\t150.00\n"
    "2014001\t行政运行\t100.00\t100.00\t\n"
    "2014099\t其他信访事务支出\t150.00\t\t150.00\n"
)


def test_a_total_row_labelled_with_the_units_name_is_the_tables_total(tmp_path):
    doc = parse(tmp_path, NAMED_TOTAL.format(total="250.00"))
    got = functional(doc, "general_budget_expenditure")
    assert got[(None, "total")] == Decimal("2500000.00")
    assert got[(None, "project")] == Decimal("1500000.00")
    assert arithmetic(doc) == []
    assert [i.message for i in doc.issues] == ["total row labelled 某县某局: read as 合计"]


def test_a_row_labelled_with_a_name_that_is_not_the_sum_is_not_read_as_the_total(tmp_path):
    doc = parse(tmp_path, NAMED_TOTAL.format(total="260.00"))
    assert (None, "total") not in functional(doc, "general_budget_expenditure")
    assert any(i.message.startswith("row with figures but no code or total label not read") for i in doc.issues)


THREE_PUBLIC_AFTER_NOTES = (
    "一般公共预算支出表\n" + EXPENDITURE + "第三部分 2026年部门预算情况说明\n"
    "一、“三公”经费预算情况。2026年“三公”经费预算7.00万元，比上年减少1.00万元。\n"
    "2026年因公出国（境）费、公务用车购置及运行费和公务接待费预算表\n单位：万元\n"
    "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t会议费\t培训费\n"
    "\t\t小计\t购置费\t运行费\t\t\t\n"
    "12.00\t\t5.00\t\t5.00\t2.00\t3.00\t2.00\n"
)


def test_a_three_public_table_after_the_notes_titled_by_its_items_is_read(tmp_path):
    # the title names the three items, not the word 三公; its 合计 covers 会议费 and 培训费 too, so
    # it is no 三公 total; the single data row prints few cells, each under its own column's labels.
    # The empty 因公出国 cell is no figure (no printed 三公 total makes it 0); the empty 购置费 is 0,
    # as 小计 5.00 = 运行费 5.00 proves
    doc = parse(tmp_path, THREE_PUBLIC_AFTER_NOTES)
    assert [t.kind for t in doc.tables] == ["general_budget_expenditure", "three_public"]
    got = {(r.phase, r.item): r.amount_yuan for r in doc.three_public_amounts}
    assert got == {
        ("budget", "vehicles_total"): Decimal("50000.00"),
        ("budget", "vehicle_purchase"): Decimal("0.00"),
        ("budget", "vehicle_operation"): Decimal("50000.00"),
        ("budget", "official_reception"): Decimal("20000.00"),
    }


def test_a_name_labelled_first_row_of_a_table_printed_by_unit_is_no_total(tmp_path):
    # the department's name over its units' blocks: the units are the table's blocks, so the first
    # row is not taken for a 合计 even where the codes of its first unit happen to add up to it
    doc = parse(
        tmp_path,
        NAMED_TOTAL.format(total="250.00").replace(
            "201\t一般公共服务支出", "101001\t某县某局(本级)\t250.00\t100.00\t150.00\n201\t一般公共服务支出", 1
        ),
    )
    assert (None, "total") not in functional(doc, "general_budget_expenditure")
    assert not [i for i in doc.issues if i.message.startswith("total row labelled")]


def test_names_printed_one_line_above_their_codes_are_paired_never_joined(tmp_path):
    # each row's name on a line of its own above the line of its code and figures; a long name's
    # tail and a name's brackets print on the code's line
    doc = parse(
        tmp_path,
        "一般公共预算基本支出表\n单位：万元\n"
        "科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "合计\t\t154.00\t100.00\t54.00\n"
        "\t工资福利支出\t\t\t\n"
        "301\t\t100.00\t100.00\t\n"
        "\t基本工资\t\t\t\n"
        "30101\t\t80.00\t80.00\t\n"
        "\t机关事业单位基本养老保险\t\t\t\n"
        "30108\t缴费\t20.00\t20.00\t\n"
        "\t商品和服务支出\t\t\t\n"
        "302\t\t54.00\t\t54.00\n"
        "\t办公费\t\t\t\n"
        "30201\t\t50.00\t\t50.00\n"
        "\t因公出国 境 费用\t\t\t\n"
        "30212\t( )\t4.00\t\t4.00\n",
    )
    names = {r.economic_code: r.economic_name for r in doc.economic_amounts if r.economic_code}
    assert names == {
        "301": "工资福利支出",
        "30101": "基本工资",
        "30108": "机关事业单位基本养老保险缴费",
        "302": "商品和服务支出",
        "30201": "办公费",
        "30212": "因公出国境费用",
    }
    assert arithmetic(doc) == []


SIDE_BY_SIDE = (
    "一般公共预算基本支出表\n单位：万元\n"
    "人员经费\t\t\t公用经费\t\t\n"
    "科目编码\t科目名称\t金额\t科目编码\t科目名称\t金额\n"
    "\t工资福利支出\t\t\t商品和服务支出\t\n"
    "301\t\t2,082.85\t302\t\t500.00\n"
    "\t基本工资\t\t\t办公费\t\n"
    "30101\t\t1,082.85\t30201\t\t300.00\n"
    "\t津贴补贴\t\t\t邮电费\t\n"
    "30102\t\t1,000.00\t30207\t\t200.00\n"
    "\t对个人和家庭的补助\t\t\t\t\n"
    "303\t\t100.00\t\t\t\n"
    "\t生活补助\t\t\t\t\n"
    "30305\t\t100.00\t\t\t\n"
    "人员经费合计\t\t2,182.85\t公用经费合计\t\t500.00\n"
)


def test_a_basic_table_printed_as_two_blocks_with_names_on_lines_of_their_own_pairs_each_block(tmp_path):
    # 人员经费 items left, 公用经费 items right; each name on the line above its code and amount
    doc = parse(tmp_path, SIDE_BY_SIDE)
    got = {(r.economic_code, r.economic_name): (r.expense_category, r.amount_yuan) for r in doc.economic_amounts}
    assert got == {
        ("301", "工资福利支出"): ("personnel", Decimal("20828500.00")),
        ("30101", "基本工资"): ("personnel", Decimal("10828500.00")),
        ("30102", "津贴补贴"): ("personnel", Decimal("10000000.00")),
        ("303", "对个人和家庭的补助"): ("personnel", Decimal("1000000.00")),
        ("30305", "生活补助"): ("personnel", Decimal("1000000.00")),
        (None, "人员经费合计"): ("personnel", Decimal("21828500.00")),
        ("302", "商品和服务支出"): ("public", Decimal("5000000.00")),
        ("30201", "办公费"): ("public", Decimal("3000000.00")),
        ("30207", "邮电费"): ("public", Decimal("2000000.00")),
        (None, "公用经费合计"): ("public", Decimal("5000000.00")),
    }
    assert [name for name in _names(doc) if reads_as_amount(name) or not name] == []
    assert arithmetic(doc) == []
