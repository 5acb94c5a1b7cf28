"""A 收入表 printed by unit, its header over several lines with 单位名称 heading the name column.

The line ``单位名称 | 合计 | 预算拨款 | …`` is a header row, not the table's preamble (单位名称：某局):
dropped, its labels were lost and every column took the pieces above and below it, 合计 read 0.00.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from loaders.reading import read_document

HEAD = "测试局2026年部门预算\n"

INCOME_BY_UNIT = (
    "收入预算总表\n"
    "单位：万元\n"
    "\t\t一般公共\t政府性基\t财政专户\t\t\t\t\n"
    "\t\t\t\t\t\t上级补助\t\t上年结转\n"
    "单位名称\t合计\t预算拨款\t金预算拨\t管理资金\t事业收入\t\t其他收入\t\n"
    "\t\t\t\t\t\t收入\t\t结余\n"
    "\t\t收入\t款收入\t收入\t\t\t\t\n"
    "合计\t617.64\t487.64\t50.00\t0.00\t0.00\t0.00\t0.00\t80.00\n"
    "测试局本级\t617.64\t487.64\t50.00\t\t\t\t\t80.00\n"
    "注：本表反映部门收入预算。\n"
)


def income_totals(doc) -> dict[str, Decimal]:
    return {r.measure: r.amount_yuan for r in doc.functional_amounts if r.table_kind == "income" and r.is_total}


def parse(tmp_path: Path, body: str):
    path = tmp_path / "doc.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return read_document(path)


def test_a_header_row_headed_by_unit_name_keeps_its_labels(tmp_path):
    got = income_totals(parse(tmp_path, INCOME_BY_UNIT))
    assert got["total"] == Decimal("6176400.00")
    assert got["general_public_budget"] == Decimal("4876400.00")
    assert got["government_fund"] == Decimal("500000.00")
    assert got["special_account"] == Decimal("0.00")
    assert got["business"] == Decimal("0.00")
    assert got["superior_subsidy"] == Decimal("0.00")
    assert got["other"] == Decimal("0.00")
    assert got["carryover_begin"] == Decimal("800000.00")


def test_a_preamble_line_naming_the_unit_is_still_no_header(tmp_path):
    body = INCOME_BY_UNIT.replace("单位：万元\n", "单位名称：测试局\t单位：万元\n")
    body = body.replace("收入预算总表\n", "收入预算总表\n单位名称：测试局\t\t\n")
    got = income_totals(parse(tmp_path, body))
    assert got["total"] == Decimal("6176400.00")
    assert got["carryover_begin"] == Decimal("800000.00")


def html_table(*rows) -> str:
    """Rows of cells: a string is one cell, a (text, colspan, rowspan) tuple a merged one."""

    def cell(text: str, cols: int = 1, rows: int = 1) -> str:
        spans = (f' colspan="{cols}"' if cols > 1 else "") + (f' rowspan="{rows}"' if rows > 1 else "")
        return f"<td{spans}>{text}</td>"

    body = ["<tr>" + "".join(cell(*c) if isinstance(c, tuple) else cell(c) for c in row) + "</tr>" for row in rows]
    return "<table>\n" + "\n".join(body) + "\n</table>"


SPECIAL_ACCOUNT_SPLIT = (("财政专户拨款收入", 2, 1), ("事业收入", 1, 2))


def test_columns_that_only_split_a_source_are_not_read_as_the_source(tmp_path):
    """财政专户拨款收入 over 教育收费 | 其他专户收入拨款: either one alone is no 财政专户 total."""
    page = (
        f"<html><body><p>{HEAD.strip()}</p><p>收入总体情况表</p><p>单位：万元</p>\n"
        + html_table(
            [("单位名称", 1, 2), ("合计", 1, 2), ("一般公共预算", 1, 2), *SPECIAL_ACCOUNT_SPLIT],
            ["教育收费", "其他专户收入拨款"],
            ["合计", "300.00", "100.00", "50.00", "70.00", "80.00"],
            ["测试局本级", "300.00", "100.00", "50.00", "70.00", "80.00"],
        )
        + "\n</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    got = income_totals(doc)
    assert got["total"] == Decimal("3000000.00")
    assert got["general_public_budget"] == Decimal("1000000.00")
    assert got["business"] == Decimal("800000.00")
    assert "special_account" not in got  # neither 500,000 (教育收费 alone) nor a guess
    kept_out = [i.message for i in doc.issues if "kept out" in i.message]
    assert kept_out and "教育收费" in kept_out[0] and "其他专户收入拨款" in kept_out[0]


def test_the_subtotal_under_a_source_is_its_whole(tmp_path):
    """一般公共预算拨款 over 小计 | 其中：专项资金: the 小计 is the source's total, the 其中 column a part."""
    page = (
        f"<html><body><p>{HEAD.strip()}</p><p>收入总体情况表</p><p>单位：万元</p>\n"
        + html_table(
            [("单位名称", 1, 2), ("合计", 1, 2), ("一般公共预算拨款", 2, 1), ("事业收入", 1, 2)],
            ["小计", "其中：专项资金"],
            ["合计", "300.00", "220.00", "50.00", "80.00"],
            ["测试局本级", "300.00", "220.00", "50.00", "80.00"],
        )
        + "\n</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    got = income_totals(read_document(path))
    assert got["total"] == Decimal("3000000.00")
    assert got["general_public_budget"] == Decimal("2200000.00")
    assert got["business"] == Decimal("800000.00")


def test_a_carry_over_column_named_balance_first_is_the_carry_over(tmp_path):
    """上年结余、结转 (the balance named before the carry-over) heads the carry-over column: read
    as nothing, the 收入表 合计 (which counts it) was held against 本年收入合计 and failed."""
    page = (
        f"<html><body><p>{HEAD.strip()}</p><p>收入总表</p><p>单位：万元</p>\n"
        + html_table(
            [("预算单位", 1, 2), ("收入总计", 1, 2), ("财政拨款", 1, 1), ("单位资金", 1, 1), ("上年结余、结转", 1, 2)],
            ["一般公共预算拨款", "事业收入"],
            ["合计", "300.00", "200.00", "20.00", "80.00"],
            ["测试局本级", "300.00", "200.00", "20.00", "80.00"],
        )
        + "\n</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    got = income_totals(read_document(path))
    assert got["total"] == Decimal("3000000.00")
    assert got["carryover_begin"] == Decimal("800000.00")
