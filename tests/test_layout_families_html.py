"""The layout families of issue 12, each as a small HTML page (colspan/rowspan), parsed by the real parser.

The same families are written as text (and PDF where the fixture can draw them) in
test_three_public_layouts.py, test_columns_by_label.py and test_table_model.py; here each
header is printed the way portals publish it in HTML: merged header cells as colspan and
rowspan, so the header paths come from spans, not from blank cells. Every case states the
exact figures and their homes (table kind, code or item, measure or phase), and that no
warning was raised.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.reading import read_document
from tests.pdf_fixtures import ruled_table_pdf

FINAL = "某市某局2025年度部门决算"
BUDGET = "某市某局2026年部门预算"


def cell(text: str, cols: int = 1, rows: int = 1) -> str:
    spans = (f' colspan="{cols}"' if cols > 1 else "") + (f' rowspan="{rows}"' if rows > 1 else "")
    return f"<td{spans}>{text}</td>"


def table(*rows) -> str:
    """Rows of cells: a string is one cell, a (text, colspan, rowspan) tuple a merged one."""
    out = []
    for row in rows:
        cells = [cell(*c) if isinstance(c, tuple) else cell(c) for c in row]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>\n" + "\n".join(out) + "\n</table>"


def paragraphs(*texts: str) -> str:
    return "\n".join(f"<p>{t}</p>" for t in texts)


def parse(tmp_path: Path, title: str, *blocks: str):
    path = tmp_path / "page.html"
    path.write_text(f"<html><body>\n{paragraphs(title)}\n" + "\n".join(blocks) + "\n</body></html>", encoding="utf-8")
    return read_document(path)


def warnings(doc) -> list[str]:
    return [i.message for i in doc.issues if i.severity == "warning"]


# ------------------------------------------------------------------ 三公

ITEMS = ("total", "overseas_travel", "official_reception", "vehicles_total", "vehicle_purchase", "vehicle_operation")


def figures(phase: str, *yuan: str) -> dict[tuple[str, str], Decimal]:
    return {(phase, item): Decimal(a) for item, a in zip(ITEMS, yuan, strict=True)}


VEHICLES = ("公务用车购置及运行维护费", 3)
VEHICLE_PARTS = ("小计", "公务用车购置费", "公务用车运行维护费")

THREE_PUBLIC = {
    "三公 with 会议费 and 培训费 beside the 三公 小计 (Jiangsu)": (
        BUDGET,
        ("“三公”经费、会议费、培训费支出预算表", "单位：万元"),
        (
            [("合计", 1, 3), ("“三公”经费", 6), ("会议费", 1, 3), ("培训费", 1, 3)],
            [("小计", 1, 2), ("因公出国（境）费", 1, 2), VEHICLES, ("公务接待费", 1, 2)],
            VEHICLE_PARTS,
            ["1,852.32", "676.10", "76.00", "156.60", "", "156.60", "443.50", "1,094.62", "81.60"],
        ),
        figures("budget", "6761000.00", "760000.00", "4435000.00", "1566000.00", "0.00", "1566000.00"),
        {},
    ),
    "三公 without 会议费/培训费, budget and actual side by side (central final)": (
        FINAL,
        ("一般公共预算财政拨款“三公”经费支出决算表", "金额单位：万元"),
        (
            [("预算数", 6), ("决算数", 6)],
            [("合计", 1, 2), ("因公出国（境）费", 1, 2), VEHICLES, ("公务接待费", 1, 2)] * 2,
            VEHICLE_PARTS * 2,
            [str(n) for n in range(1, 13)],
            ["76.43", "30.00", "40.63", "", "40.63", "5.80", "46.21", "4.69", "40.61", "", "40.61", "0.90"],
        ),
        {
            **figures("budget", "764300.00", "300000.00", "58000.00", "406300.00", "0.00", "406300.00"),
            **figures("actual", "462100.00", "46900.00", "9000.00", "406100.00", "0.00", "406100.00"),
        },
        {},
    ),
    "budget and actual stacked as rows, 会议费 and 培训费 beside (Xi'an)": (
        FINAL,
        ("财政拨款“三公”经费及会议费、培训费支出决算表", "单位：万元"),
        (
            [("项目", 1, 3), ("合计", 1, 3), ("“三公”经费", 6), ("会议费", 1, 3), ("培训费", 1, 3)],
            [("小计", 1, 2), ("因公出国（境）费", 1, 2), ("公务用车购置及运行费", 3), ("公务接待费", 1, 2)],
            ["小计", "公务用车购置费", "公务用车运行费"],
            ["预算数", "700.00", "593.46", "10.00", "500.00", "100.00", "400.00", "83.46", "60.00", "46.54"],
            ["决算数", "650.00", "587.55", "9.00", "498.00", "98.00", "400.00", "80.55", "40.00", "22.45"],
        ),
        {
            **figures("budget", "5934600.00", "100000.00", "834600.00", "5000000.00", "1000000.00", "4000000.00"),
            **figures("actual", "5875500.00", "90000.00", "805500.00", "4980000.00", "980000.00", "4000000.00"),
        },
        {},
    ),
    "三公 and 机关运行经费 in one table (Shanghai)": (
        BUDGET,
        ("2026年单位“三公”经费和机关运行经费预算表", "单位：万元"),
        (
            [("“三公”经费预算数", 6), ("机关运行经费预算数", 1, 3)],
            [("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务接待费", 1, 2), ("公务用车购置及运行费", 3)],
            ["小计", "购置费", "运行费"],
            ["237.92", "201.80", "8.12", "28.00", "", "28.00", "2,180.26"],
        ),
        figures("budget", "2379200.00", "2018000.00", "81200.00", "280000.00", "0.00", "280000.00"),
        {("operating_cost", "total"): Decimal("21802600.00")},
    ),
}


@pytest.mark.parametrize("case", THREE_PUBLIC)
def test_three_public_family(tmp_path, case):
    title, prose, rows, expected, statistics = THREE_PUBLIC[case]
    doc = parse(tmp_path, title, paragraphs(*prose) + table(*rows))
    got: dict[tuple[str, str], Decimal] = {}
    for row in doc.three_public_amounts:
        assert (row.phase, row.item) not in got, f"{row.phase} {row.item} read twice"
        got[(row.phase, row.item)] = row.amount_yuan
    assert got == expected
    assert {(s.section, s.item): s.amount_yuan for s in doc.statistics if s.source == "table"} == statistics
    assert warnings(doc) == []


def pdf(tmp_path: Path, prose: list[str], rows):
    path = tmp_path / "page.pdf"
    path.write_bytes(ruled_table_pdf(prose, rows))
    return read_document(path)


@pytest.mark.parametrize("case", THREE_PUBLIC)
def test_three_public_family_in_a_ruled_pdf(tmp_path, case):
    """The same tables drawn as ruled PDFs, merged header cells as one box."""
    title, prose, rows, expected, statistics = THREE_PUBLIC[case]
    doc = pdf(tmp_path, [title, *prose], rows)
    assert {(r.phase, r.item): r.amount_yuan for r in doc.three_public_amounts} == expected
    assert {(s.section, s.item): s.amount_yuan for s in doc.statistics if s.source == "table"} == statistics
    assert warnings(doc) == []


# ------------------------------------------------------------------ codes in any printing, units per table

SUMMARY_WAN = paragraphs("收入支出决算总表", "公开01表", "金额单位：万元") + table(
    ["项目", "金额", "项目", "金额"],
    ["一、一般公共预算财政拨款收入", "30.00", "一、一般公共服务支出", "30.00"],
    ["本年收入合计", "30.00", "本年支出合计", "30.00"],
    ["年初结转和结余", "1.00", "年末结转和结余", "1.00"],
    ["收 入 总 计", "31.00", "支 出 总 计", "31.00"],
)
EXPENDITURE_TITLE = paragraphs("支出决算表", "公开03表", "金额单位：元")
EXPENDITURE_HEADER = (
    [("科目编码", 3), ("科目名称", 1, 2), ("合计", 1, 2), ("基本支出", 1, 2), ("项目支出", 1, 2)],
    ["类", "款", "项"],
)
EXPENDITURE_TOTAL = [("合计", 4), "300,000", "42,300", "257,700"]
EXPENDITURE_ROWS = (
    ["201", "", "", "一般公共服务支出", "300,000", "42,300", "257,700"],
    ["", "05", "", "统计信息事务", "300,000", "42,300", "257,700"],
    ["201", "05", "01", "行政运行", "42,300", "42,300", ""],
    ["201", "05", "07", "专项普查活动", "257,700", "", "257,700"],
)
EXPENDITURE_EXPECTED = {
    (None, "total"): Decimal("300000.00"),
    (None, "basic"): Decimal("42300.00"),
    (None, "project"): Decimal("257700.00"),
    ("201", "total"): Decimal("300000.00"),
    ("201", "basic"): Decimal("42300.00"),
    ("201", "project"): Decimal("257700.00"),
    ("20105", "total"): Decimal("300000.00"),
    ("20105", "basic"): Decimal("42300.00"),
    ("20105", "project"): Decimal("257700.00"),
    ("2010501", "total"): Decimal("42300.00"),
    ("2010501", "basic"): Decimal("42300.00"),
    ("2010501", "project"): Decimal("0.00"),
    ("2010507", "total"): Decimal("257700.00"),
    ("2010507", "basic"): Decimal("0.00"),
    ("2010507", "project"): Decimal("257700.00"),
}


def functional(doc, kind: str = "expenditure") -> dict[tuple[str | None, str], Decimal]:
    got: dict[tuple[str | None, str], Decimal] = {}
    for row in doc.functional_amounts:
        if row.table_kind == kind:
            assert (row.functional_code, row.measure) not in got, f"{row.functional_code} {row.measure} read twice"
            got[(row.functional_code, row.measure)] = row.amount_yuan
    return got


def one_cell(rows):
    """The same rows with the code printed in one cell (``2010507``) under a one-cell 科目编码."""
    return [["".join(r[:3]) if r[0] else "201" + "".join(r[1:3]), *r[3:]] for r in rows]


CODES = {
    "类/款/项 as three columns under a merged 科目编码": (*EXPENDITURE_HEADER, EXPENDITURE_TOTAL, *EXPENDITURE_ROWS),
    "one cell": (
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        [("合计", 2), "300,000", "42,300", "257,700"],
        *one_cell(EXPENDITURE_ROWS),
    ),
    "spaced in one cell": (
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        [("合计", 2), "300,000", "42,300", "257,700"],
        *[[" ".join(p for p in r[:3] if p) if r[0] else "201 05", *r[3:]] for r in EXPENDITURE_ROWS],
    ),
}


@pytest.mark.parametrize("case", CODES)
def test_codes_in_any_printing_and_the_unit_of_each_table(tmp_path, case):
    doc = parse(tmp_path, FINAL, SUMMARY_WAN, EXPENDITURE_TITLE + table(*CODES[case]))
    assert functional(doc) == EXPENDITURE_EXPECTED  # no code fragment read as an amount, 元 not × 10,000
    assert {t.kind: t.unit for t in doc.tables} == {"income_expenditure_summary": "万元", "expenditure": "元"}
    assert warnings(doc) == []


@pytest.mark.parametrize("case", CODES)
def test_codes_in_any_printing_in_a_ruled_pdf(tmp_path, case):
    doc = pdf(tmp_path, [FINAL, "支出决算表", "公开03表", "金额单位：元"], CODES[case])
    assert functional(doc) == EXPENDITURE_EXPECTED
    assert warnings(doc) == []


def test_spaced_total_labels_are_the_grand_totals(tmp_path):
    doc = parse(tmp_path, FINAL, SUMMARY_WAN)
    got = {(r.side, r.item_key): r.amount_yuan for r in doc.summary_amounts if r.item_key}
    assert got == {
        ("income", "general_public_budget"): Decimal("300000.00"),
        ("income", "income_total"): Decimal("300000.00"),
        ("income", "carryover_begin"): Decimal("10000.00"),
        ("income", "grand_total"): Decimal("310000.00"),
        ("expenditure", "expenditure_total"): Decimal("300000.00"),
        ("expenditure", "carryover_end"): Decimal("10000.00"),
        ("expenditure", "grand_total"): Decimal("310000.00"),
    }


def test_a_continued_table_repeating_its_header_and_total_is_read_once(tmp_path):
    first = table(*EXPENDITURE_HEADER, EXPENDITURE_TOTAL, *EXPENDITURE_ROWS[:3])
    continued = paragraphs("续表") + table(*EXPENDITURE_HEADER, EXPENDITURE_TOTAL, EXPENDITURE_ROWS[3])
    doc = parse(tmp_path, FINAL, EXPENDITURE_TITLE + first, continued)
    assert [t.kind for t in doc.tables] == ["expenditure"]
    assert functional(doc) == EXPENDITURE_EXPECTED
    assert warnings(doc) == []


def test_an_amount_wrapped_inside_its_cell_is_one_amount(tmp_path):
    rows = [[*r[:4], *(v.replace(",300", ",<br>300") for v in r[4:])] for r in EXPENDITURE_ROWS]
    doc = parse(tmp_path, FINAL, EXPENDITURE_TITLE + table(*EXPENDITURE_HEADER, EXPENDITURE_TOTAL, *rows))
    assert functional(doc) == EXPENDITURE_EXPECTED
    assert warnings(doc) == []


# ------------------------------------------------------------------ 基本支出 by 经济分类

BASIC_PROSE = ("一般公共预算基本支出经济分类预算表", "编制单位：测试局 单位：元")
BASIC_ROWS = (
    [("经济分类科目编码", 2), ("部门经济分类科目名称", 1, 2), ("合计", 1, 2), ("人员经费", 1, 2), ("公用经费", 1, 2)],
    ["类", "款"],
    ["301", "", "工资福利支出", "148,274,340", "148,274,340", ""],
    ["301", "01", "基本工资", "21,000,000", "21,000,000", ""],
    ["302", "", "商品和服务支出", "21,019,560", "", "21,019,560"],
    ["302", "01", "办公费", "1,100,000", "", "1,100,000"],
    [("合计", 3), "169,293,900", "148,274,340", "21,019,560"],
)


def economic(doc) -> dict[tuple[str | None, str], tuple[Decimal, str | None]]:
    return {(r.economic_code, r.measure): (r.amount_yuan, r.expense_category) for r in doc.economic_amounts}


@pytest.mark.parametrize("source", ["html", "pdf"])
def test_basic_expenditure_with_total_personnel_and_public_columns(tmp_path, source):
    if source == "html":
        doc = parse(tmp_path, BUDGET, paragraphs(*BASIC_PROSE) + table(*BASIC_ROWS))
    else:
        doc = pdf(tmp_path, [BUDGET, *BASIC_PROSE], BASIC_ROWS)
    got = economic(doc)
    assert got[("30101", "personnel")] == (Decimal("21000000.00"), "personnel")
    assert got[("30201", "public")] == (Decimal("1100000.00"), "public")
    assert got[("302", "total")] == (Decimal("21019560.00"), "public")
    assert got[(None, "public")][0] == Decimal("21019560.00")
    assert got[(None, "total")][0] == Decimal("169293900.00")
    assert ("301", "public") not in got  # a blank cell is no row
    assert {code for code, _ in got} == {None, "301", "30101", "302", "30201"}


BASIC_PART = paragraphs("一般公共预算财政拨款基本支出决算表", "公开06表", "金额单位：元") + table(
    [("人员经费", 4), ("公用经费", 4)],
    ["科目编码", "科目名称", "金额", "其中：基本支出"] * 2,
    ["301", "工资福利支出", "3624055.89", "3624055.89", "302", "商品和服务支出", "1146120.24", "461413.24"],
    ["30101", "基本工资", "1777302.04", "1777302.04", "30201", "办公费", "163677.00", "84215.00"],
    ["30102", "津贴补贴", "1846753.85", "1846753.85", "30202", "印刷费", "982443.24", "377198.24"],
)


def test_amount_with_its_basic_part_beside_it(tmp_path):
    """金额 and 其中：基本支出 side by side (seed 003's 公开06表): both kept, the basic part as ``basic``."""
    got = economic(parse(tmp_path, FINAL, BASIC_PART))
    assert got == {
        ("301", "amount"): (Decimal("3624055.89"), "personnel"),
        ("301", "basic"): (Decimal("3624055.89"), "personnel"),
        ("30101", "amount"): (Decimal("1777302.04"), "personnel"),
        ("30101", "basic"): (Decimal("1777302.04"), "personnel"),
        ("30102", "amount"): (Decimal("1846753.85"), "personnel"),
        ("30102", "basic"): (Decimal("1846753.85"), "personnel"),
        ("302", "amount"): (Decimal("1146120.24"), "public"),
        ("302", "basic"): (Decimal("461413.24"), "public"),
        ("30201", "amount"): (Decimal("163677.00"), "public"),
        ("30201", "basic"): (Decimal("84215.00"), "public"),
        ("30202", "amount"): (Decimal("982443.24"), "public"),
        ("30202", "basic"): (Decimal("377198.24"), "public"),
    }


# ------------------------------------------------------------------ titles only where they stand as titles


def test_a_title_quoted_in_prose_opens_no_table(tmp_path):
    prose = paragraphs("更正说明", "原公开表3《支出决算表》中数据有误，现更正。")
    expenditure = EXPENDITURE_TITLE + table(*EXPENDITURE_HEADER, EXPENDITURE_TOTAL, *EXPENDITURE_ROWS)
    doc = parse(tmp_path, FINAL, SUMMARY_WAN, prose, expenditure)
    assert [t.kind for t in doc.tables] == ["income_expenditure_summary", "expenditure"]
    assert functional(doc) == EXPENDITURE_EXPECTED


def test_untitled_tables_in_any_order_are_known_by_their_header(tmp_path):
    """No titles, numbered 表2-1 before 表1-1: each table is known by its header labels."""
    extra = ["上缴上级支出", "经营支出", "对附属单位补助支出"]
    expenditure = table(
        [*EXPENDITURE_HEADER[0], *((label, 1, 2) for label in extra)],
        EXPENDITURE_HEADER[1],
        [*EXPENDITURE_TOTAL, "", "", ""],
        *([*row, "", "", ""] for row in EXPENDITURE_ROWS),
    )
    summary = table(
        [("收入", 3), ("支出", 3)],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["一、财政拨款收入", "1", "30.00", "一、一般公共服务支出", "32", "30.00"],
        ["二、上级补助收入", "2", "", "", "", ""],
        ["三、事业收入", "3", "", "", "", ""],
        ["本年收入合计", "12", "30.00", "本年支出合计", "62", "30.00"],
    )
    doc = parse(
        tmp_path,
        FINAL,
        paragraphs("表2-1", "金额单位：元") + expenditure,
        paragraphs("表1-1", "金额单位：万元") + summary,
    )
    assert [t.kind for t in doc.tables] == ["expenditure", "income_expenditure_summary"]
    blank = ("remit_superior", "operating_expenditure", "subsidy_affiliated")
    codes = {code for code, _ in EXPENDITURE_EXPECTED}
    assert functional(doc) == EXPENDITURE_EXPECTED | {(c, m): Decimal("0.00") for c in codes for m in blank}
    got = {(r.side, r.item_key): r.amount_yuan for r in doc.summary_amounts if r.item_key}
    assert got[("income", "income_total")] == Decimal("300000.00")
    assert got[("expenditure", "expenditure_total")] == Decimal("300000.00")
