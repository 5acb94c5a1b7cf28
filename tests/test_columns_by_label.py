"""Columns read by their printed labels, codes in any printing, units per table, rows as printed.

Each case is a small document written here and parsed by the real parser: a column
nobody knows is kept out and named in a warning, never read as its neighbour.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from loaders.reading import read_document

HEAD = "测试局2023年度部门决算\n"


def parse(tmp_path: Path, body: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return read_document(path)


def functional(doc, kind="expenditure"):
    return {(r.functional_code, r.measure): r.amount_yuan for r in doc.functional_amounts if r.table_kind == kind}


EXPENDITURE_SUBCOLUMNS = (
    "支出决算表\n"
    "公开03表\n"
    "部门名称：测试局\n"
    "金额单位：元\n"
    "科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出\n"
    "类\t款\t项\t\t\t\n"
    "合计\t\t\t\t300,000\t42,300\t257,700\n"
    "201\t\t\t一般公共服务支出\t300,000\t42,300\t257,700\n"
    "\t05\t\t统计信息事务\t300,000\t42,300\t257,700\n"
    "201\t05\t01\t行政运行\t42,300\t42,300\t\n"
    "201\t05\t07\t专项普查活动\t257,700\t\t257,700\n"
    "注：本表反映部门本年度各项支出情况。\n"
)


def test_class_section_item_subcolumns_give_full_codes_and_no_fragment_is_an_amount(tmp_path):
    got = functional(parse(tmp_path, EXPENDITURE_SUBCOLUMNS))
    assert got[("2010507", "total")] == Decimal("257700.00")
    assert got[("2010507", "project")] == Decimal("257700.00")
    assert got[("2010507", "basic")] == Decimal("0.00")
    assert got[("20105", "total")] == Decimal("300000.00")  # 款 row printed without its 类
    assert got[(None, "basic")] == Decimal("42300.00")
    assert set(code for code, _ in got) == {None, "201", "20105", "2010501", "2010507"}
    assert Decimal("7.00") not in got.values() and Decimal("5.00") not in got.values()


def test_spaced_and_glued_codes_give_full_codes(tmp_path):
    body = EXPENDITURE_SUBCOLUMNS.replace("科目编码\t\t\t科目名称", "科目编码\t科目名称").replace(
        "类\t款\t项\t\t\t\n", ""
    )
    body = (
        body.replace("合计\t\t\t\t", "合计\t\t")
        .replace("201\t\t\t一般", "201\t一般")
        .replace("\t05\t\t统计", "20105\t统计")
    )
    body = body.replace("201\t05\t01\t行政运行", "201 05 01\t行政运行").replace(
        "201\t05\t07\t专项普查活动\t", "2010507-专项普查活动\t\t"
    )
    got = functional(parse(tmp_path, body))
    assert got[("2010501", "basic")] == Decimal("42300.00")
    assert got[("2010507", "project")] == Decimal("257700.00")


def test_an_unknown_column_is_kept_out_and_named_never_shifted(tmp_path):
    body = EXPENDITURE_SUBCOLUMNS.replace("\t合计\t基本支出", "\t合计\t待定栏目\t基本支出")
    body = body.replace("\t300,000\t", "\t300,000\t9\t").replace("\t42,300\t42,300\t", "\t42,300\t9\t42,300\t")
    body = body.replace("\t257,700\t\t257,700", "\t257,700\t9\t\t257,700")
    doc = parse(tmp_path, body)
    got = functional(doc)
    assert got[("2010507", "basic")] == Decimal("0.00") and got[("2010507", "project")] == Decimal("257700.00")
    assert Decimal("9.00") not in got.values()
    warnings = [i.message for i in doc.issues if "not recognised" in i.message]
    assert warnings == ["columns not recognised, kept out: column 6 (待定栏目)"]


SUMMARY_WAN = """收入支出决算总表
公开01表
部门名称：测试局
金额单位：万元
项目 | 金额 | 项目 | 金额
一、一般公共预算财政拨款收入 | 30.00 | 一、一般公共服务支出 | 30.00
本年收入合计 | 30.00 | 本年支出合计 | 30.00
年初结转和结余 | 1.00 | 年末结转和结余 | 1.00
收入合计 | 31.00 | 支出合计 | 31.00
注：本表反映部门本年度的总收支和年末结转结余情况。
"""


def test_the_unit_printed_on_a_table_governs_it(tmp_path):
    doc = parse(tmp_path, SUMMARY_WAN + EXPENDITURE_SUBCOLUMNS)
    units = {t.kind: t.unit for t in doc.tables}
    assert units == {"income_expenditure_summary": "万元", "expenditure": "元"}
    assert functional(doc)[(None, "total")] == Decimal("300000.00")  # not × 10,000
    assert doc.meta.source_unit in ("万元", "元")


def test_a_unit_in_the_title_or_a_header_cell_governs_the_table(tmp_path):
    body = EXPENDITURE_SUBCOLUMNS.replace("金额单位：元\n", "").replace("支出决算表\n", "支出决算表（单位：元）\n")
    doc = parse(tmp_path, SUMMARY_WAN + body)
    assert functional(doc)[(None, "total")] == Decimal("300000.00")
    body = EXPENDITURE_SUBCOLUMNS.replace("金额单位：元\n", "").replace("\t合计\t", "\t合计(元)\t", 1)
    doc = parse(tmp_path, SUMMARY_WAN + body)
    assert functional(doc)[(None, "total")] == Decimal("300000.00")


def test_income_total_printed_as_grand_total_is_told_apart(tmp_path):
    doc = parse(tmp_path, SUMMARY_WAN)
    keys = {(r.side, r.item_key): r.amount_yuan for r in doc.summary_amounts}
    assert keys[("income", "income_total")] == Decimal("300000.00")
    assert keys[("income", "grand_total")] == Decimal("310000.00")
    assert keys[("expenditure", "grand_total")] == Decimal("310000.00")


def test_a_total_repeated_on_a_continuation_page_is_counted_once(tmp_path):
    head, rest = EXPENDITURE_SUBCOLUMNS.split("201\t05\t07")
    header = head.split("合计\t\t\t\t")[0]
    again = header + "合计\t\t\t\t300,000\t42,300\t257,700\n201\t05\t07" + rest
    continued = head.rstrip("\n") + "\n"
    doc = parse(tmp_path, continued + again)
    assert len([t for t in doc.tables if t.kind == "expenditure"]) == 1
    totals = [r for r in doc.functional_amounts if r.is_total and r.measure == "total"]
    assert [r.amount_yuan for r in totals] == [Decimal("300000.00")]
    assert functional(doc)[("2010507", "project")] == Decimal("257700.00")


def test_a_title_quoted_in_prose_or_listed_in_a_contents_opens_no_table(tmp_path):
    contents = "目录\n一、收入支出决算总表\n二、支出决算表\n三、财政拨款收入支出决算总表\n第二部分 说明\n"
    prose = "更正说明\n原公开表3《支出决算表》\n中数据有误，现更正。\n"
    doc = parse(tmp_path, contents + SUMMARY_WAN + prose + EXPENDITURE_SUBCOLUMNS)
    assert [t.kind for t in doc.tables] == ["income_expenditure_summary", "expenditure"]


ECONOMIC = """一般公共预算基本支出经济分类预算表
编制单位：测试局 单位：元
经济分类科目编码 | | 部门经济分类科目名称 | 合计 | 人员经费 | 公用经费
类 | 款 | | | |
301 | | 工资福利支出 | 148,274,340 | 148,274,340 |
301 | 01 | 基本工资 | 21,000,000 | 21,000,000 |
302 | | 商品和服务支出 | 21,019,560 | | 21,019,560
302 | 01 | 办公费 | 1,100,000 | | 1,100,000
合计 | | | 169,293,900 | 148,274,340 | 21,019,560
"""


def test_economic_codes_printed_as_class_and_section_columns(tmp_path):
    doc = parse(tmp_path, ECONOMIC)
    got = {(r.economic_code, r.measure): (r.amount_yuan, r.expense_category) for r in doc.economic_amounts}
    assert got[("30101", "personnel")] == (Decimal("21000000.00"), "personnel")
    assert got[("30201", "public")] == (Decimal("1100000.00"), "public")
    assert got[(None, "public")][0] == Decimal("21019560.00")
    assert ("301", "public") not in got  # a blank cell is no row


RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def test_untitled_tables_reversed_and_renumbered_parse_the_same(tmp_path):
    """Seed 001 prints no titles, only 公开NN表: its tables reversed and numbered 表9-1 … 表1-1."""
    import re

    source = RAW / "001_cb5fbf2334879971.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if re.match(r"^公开(表\d+|\d+表) \|", line)]
    end = starts[-1] + 1
    while end < len(lines) and "|" in lines[end]:
        end += 1
    blocks = [lines[a:b] for a, b in zip(starts, [*starts[1:], end], strict=False)]
    assert len(blocks) == 9
    reordered = []
    for k, block in enumerate(reversed(blocks)):
        reordered += [re.sub(r"^公开(表\d+|\d+表)", f"表{9 - k}-1", block[0]), *block[1:]]
    path = tmp_path / source.name
    path.write_text("\n".join(lines[: starts[0]] + reordered + lines[end:]), encoding="utf-8")
    original, mutated = read_document(source), read_document(path)

    def facts(doc):
        return {
            attr: sorted(
                str(
                    (
                        r.table_kind,
                        r.amount_yuan,
                        getattr(r, "functional_code", None),
                        getattr(r, "economic_code", None),
                        getattr(r, "measure", None),
                    )
                )
                for r in getattr(doc, attr)
            )
            for attr in ("functional_amounts", "summary_amounts", "economic_amounts", "three_public_amounts")
        }

    assert sorted(t.kind for t in mutated.tables) == sorted(t.kind for t in original.tables)
    assert facts(mutated) == facts(original)


def test_item_rows_printing_only_their_fragment_and_bracketed_codes(tmp_path):
    body = EXPENDITURE_SUBCOLUMNS.replace("201\t05\t01\t行政运行", "\t\t01\t行政运行")
    got = functional(parse(tmp_path, body))
    assert got[("2010501", "basic")] == Decimal("42300.00")
    body = EXPENDITURE_SUBCOLUMNS.replace("科目编码\t\t\t科目名称", "科目编码及名称").replace("类\t款\t项\t\t\t\n", "")
    body = (
        body.replace("合计\t\t\t\t", "合计\t")
        .replace("201\t\t\t一般", "[201]一般")
        .replace("\t05\t\t统计", "[20105]统计")
    )
    body = body.replace("201\t05\t01\t行政运行", "[2010501]行政运行").replace(
        "201\t05\t07\t专项普查活动", "[2010507]专项普查活动"
    )
    got = functional(parse(tmp_path, body))
    assert got[("2010507", "project")] == Decimal("257700.00") and got[("20105", "total")] == Decimal("300000.00")


FISCAL_SUMMARY = (
    "财政拨款收支总表\n部门名称：测试局\n单位：万元\n"
    "\t收入\t\t支出\t\t\t\t\n"
    "\t项目\t预算数\t项目\t政府性基金预算\t合计\t一般公共预算\t\n"
    "\t一、一般公共预算拨款收入\t10.00\t一、一般公共服务支出\t\t10.00\t10.00\t\n"
    "\t二、政府性基金预算拨款收入\t2.00\t二、城乡社区支出\t2.00\t2.00\t\t\n"
    "\t收入总计\t12.00\t支出总计\t2.00\t12.00\t10.00\t\n"
    "注：本表反映财政拨款收支情况。\n"
)


def test_summary_sides_and_columns_by_label_not_by_position(tmp_path):
    """A leading blank cell before the income labels is no expenditure side; columns in any order."""
    doc = parse(tmp_path, FISCAL_SUMMARY)
    got = {(r.side, r.item, r.measure): r.amount_yuan for r in doc.summary_amounts}
    assert got[("income", "一、一般公共预算拨款收入", "amount")] == Decimal("100000.00")
    assert got[("expenditure", "二、城乡社区支出", "government_fund")] == Decimal("20000.00")
    assert got[("expenditure", "二、城乡社区支出", "total")] == Decimal("20000.00")
    assert got[("expenditure", "支出总计", "general_public_budget")] == Decimal("100000.00")
    assert ("expenditure", "二、城乡社区支出", "general_public_budget") not in got
    assert not any(r.side == "expenditure" and "收入" in r.item for r in doc.summary_amounts)


def test_titles_name_the_kind_of_table_not_a_neighbouring_kind():
    from loaders.parse.document.segment import title_kind

    assert title_kind("财政拨款支出表(功能科目)") == "fiscal_expenditure"  # not a second 部门支出总表
    assert title_kind("一般公共预算支出表(按经济分类)") is None  # its 302 is no 功能分类 类
    assert title_kind("政府采购支出表") is None
    assert title_kind("2026年部门收支总体情况表") == "income_expenditure_summary"
    assert title_kind("2026年财政拨款收支总体情况表") == "fiscal_summary"
    assert title_kind("更正：公开表3《支出决算表》") is None


def test_a_side_amount_is_not_last_years_comparison_column(tmp_path):
    body = (
        "收支总表\n单位：万元\n"
        "项目\t上年预算数\t本年预算数\t项目\t本年预算数\n"
        "一、一般公共预算拨款收入\t9.00\t10.00\t一、一般公共服务支出\t10.00\n"
        "收入总计\t9.00\t10.00\t支出总计\t10.00\n注：说明。\n"
    )
    doc = parse(tmp_path, body)
    got = {(r.side, r.item_key): r.amount_yuan for r in doc.summary_amounts}
    assert got[("income", "grand_total")] == Decimal("100000.00")
    assert [i.message for i in doc.issues if "kept out" in i.message] == [
        "columns not recognised, kept out: column 2 (上年预算数)"
    ]


def test_a_second_classification_printed_beside_is_no_amount(tmp_path):
    """Yantai: 部门经济分类 301 | 01 and 政府经济分类 501 | 01 side by side, then 小计 / 人员支出 / 日常公用支出."""
    body = (
        "一般公共预算基本支出情况表\n单位：元\n"
        "科目编码\t\t\t科目编码\t\t\t基本支出预算\t\t\n"
        "\t\t部门预算支出经济分类科目名称\t\t\t政府预算支出经济分类科目名称\t\t\t\n"
        "类\t款\t\t类\t款\t\t小计\t人员支出\t日常公用支出\n"
        "\t\t合计\t\t\t\t1,704\t1,573\t131\n"
        "301\t\t工资福利支出\t501\t\t机关工资福利支出\t705\t705\t\n"
        "301\t01\t基本工资\t501\t01\t工资奖金津补贴\t169\t169\t\n"
        "302\t01\t办公费\t502\t01\t办公经费\t131\t\t131\n"
    )
    doc = parse(tmp_path, body)
    got = {(r.economic_code, r.measure): r.amount_yuan for r in doc.economic_amounts}
    assert got[("30101", "personnel")] == Decimal("169.00") and got[("30201", "public")] == Decimal("131.00")
    assert got[("301", "total")] == Decimal("705.00") and got[(None, "total")] == Decimal("1704.00")
    assert not any(r.amount_yuan in (Decimal("501.00"), Decimal("502.00")) for r in doc.economic_amounts)
