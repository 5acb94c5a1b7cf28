"""The budget seed (002, raw PDF text with doubled bold glyphs) equals the answer key, to the cent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import extract_lines
from loaders.reading import read_document

from answer_key import budget_checks, statistic, summary

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
BUDGET = "002_c032330014219076.txt"


@pytest.fixture(scope="module")
def budget():
    return read_document(RAW / BUDGET)


def test_every_budget_table_value(budget, expected):
    checks = budget_checks(budget, expected[BUDGET])
    wrong = [(what, str(want), str(got)) for what, want, got in checks if want != got]
    assert len(checks) > 150
    assert wrong == []
    assert budget.issues == ()  # every budget table read without a warning


def test_tables_are_recognised_with_their_numbers(budget):
    numbered = {t.number_label: t.kind for t in budget.tables}
    assert numbered["预算公开表1"] == "income_expenditure_summary"
    assert numbered["预算公开表12"] == "project_expenditure" and numbered["预算公开表11"] == "operating_cost"
    assert numbered["部门公开表9"] == "state_capital"
    assert [t.is_empty for t in budget.tables if t.kind == "government_fund"] == [True, True]
    assert len(budget.tables) == 13


def test_budget_total_is_the_initial_budget_the_final_account_quotes(budget, expected):
    """000 (2023 决算) quotes 年初预算 1,433.90 万元: the 收支总表 total of 002 (2023 预算)."""
    final = read_document(RAW / "000_3b0a4ec0e1089ac8.txt")
    quoted = statistic(final, "budget", "initial_budget_total", "narrative")
    assert quoted == Decimal("14339000.00")
    assert summary(budget, "income_expenditure_summary", "income", "grand_total") == quoted
    assert summary(budget, "income_expenditure_summary", "expenditure", "grand_total") == quoted


def test_project_list_matches_the_table_total(budget):
    listed = [p for p in budget.projects if p.phase == "budget_list"]
    assert len(listed) == 26
    total = sum(p.budget_full_year_yuan for p in listed)
    # 预算公开表3 项目支出 958.88 万元 is the sum of table 12's rows, each rounded to 0.01 万元
    project_total = next(
        r.amount_yuan
        for r in budget.functional_amounts
        if r.table_kind == "expenditure" and r.is_total and r.measure == "project"
    )
    assert abs(total - project_total) <= Decimal("100") * len(listed) / 2


@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.txt") if p.name != BUDGET))
def test_loose_cell_reading_leaves_other_layouts_alone(name):
    """The single-space cell reading is for loose PDF text only: aligned seeds keep their cells."""
    from loaders.extract.loose_cells import is_loose
    from loaders.extract.text import decode, normalise

    text = decode((RAW / name).read_bytes())
    assert not is_loose([normalise(t) for t in text.splitlines()])


def test_loose_rows_keep_blank_cells_in_place():
    data = (
        "预算公开表3\n2023年预算支出总表\n单位:万元\n科目编码 科目名称 合计 基本支出 项目支出\n"
        "合计合计 30.0030.00 7.007.00 23.0023.00\n2010302 一般行政管理事务 23.02  23.02\n"
        "2010350 事业运行 6.98 6.98  \n2010301 行政运行 0.00 0.02 0.00\n2010399 其他 0.01 0.01 0.00\n"
    ).encode()
    lines = extract_lines(Path("t.txt"), data)
    assert [ln.cells for ln in lines if ln.text.startswith("2010302")] == [
        ("2010302", "一般行政管理事务", "23.02", "", "23.02")
    ]
    assert [ln.cells for ln in lines if ln.text.startswith("合计")] == [("合计", "30.00", "7.00", "23.00")]
