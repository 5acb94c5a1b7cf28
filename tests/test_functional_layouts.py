"""功能分类 and 基本支出 tables as real publications lay them out, each read so that it adds up.

Each case is a small table of one layout family, written here and parsed by the real
parser; the table's own arithmetic (``loaders.parse.checks``) must hold, so a column
read twice or a row filed under the wrong parent shows as a warning.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from loaders.parse import parse_document

HEAD = "某县信访局2026年部门预算公开\n第二部分 2026年部门预算报表\n"


def parse(tmp_path: Path, body: str):
    path = tmp_path / "budget.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return parse_document(path)


def functional(doc, kind: str):
    return {(r.functional_code, r.measure): r.amount_yuan for r in doc.functional_amounts if r.table_kind == kind}


def arithmetic(doc) -> list[str]:
    return [i.message for i in doc.issues if i.message.startswith("does not add up")]


def test_last_years_figures_between_the_names_and_this_years_columns_are_kept_out(tmp_path):
    # 科目名称 | 2025年执行数 | 2026年预算数 (小计 / 基本支出 / 项目支出) | 增减: the prior year's
    # figure stands left of the first measure, in a labelled column of its own
    doc = parse(
        tmp_path,
        "一般公共预算支出表\n单位：万元\n"
        "科目编码\t科目名称\t2025年执行数\t2026年预算数\t\t\t增减额\n"
        "\t\t\t小计\t基本支出\t项目支出\t\n"
        "201\t一般公共服务支出\t300.00\t250.00\t100.00\t150.00\t-50.00\n"
        "20140\t信访事务\t300.00\t250.00\t100.00\t150.00\t-50.00\n"
        "2014001\t行政运行\t120.00\t100.00\t100.00\t\t-20.00\n"
        "2014099\t其他信访事务支出\t180.00\t150.00\t\t150.00\t-30.00\n"
        "合计\t\t300.00\t250.00\t100.00\t150.00\t-50.00\n",
    )
    got = functional(doc, "general_budget_expenditure")
    assert got[("201", "total")] == Decimal("2500000.00")
    assert got[("2014001", "basic")] == Decimal("1000000.00")
    assert got[(None, "project")] == Decimal("1500000.00")
    assert Decimal("3000000.00") not in got.values()
    assert arithmetic(doc) == []


def test_figures_wrapped_around_their_rows_line_in_narrow_columns_are_rejoined(tmp_path):
    # a narrow cell wraps 1682.76 as "1682.7" over "6", centred on the row: the label's line
    # stands between the two parts, which are blank on it
    doc = parse(
        tmp_path,
        "本年一般公共预算支出表\n单位：万元\n"
        "科目编码\t功能分类科目名称\t合计\t基本支出\t\t\t项目支出\n"
        "\t\t\t小计\t人员经费\t公用经费\t\n"
        "\t\t1682.7\t1208.2\t\t\t\n"
        "总计:\t\t\t\t997.20\t211.00\t474.56\n"
        "\t\t6\t0\t\t\t\n"
        "\t\t1378.4\t\t\t\t\n"
        "201\t一般公共服务支出\t\t903.85\t692.85\t211.00\t474.56\n"
        "\t\t1\t\t\t\t\n"
        "2014001\t行政运行\t903.85\t903.85\t692.85\t211.00\t0.00\n"
        "2014002\t一般行政管理事务\t474.56\t0.00\t0.00\t0.00\t474.56\n"
        "208\t社会保障和就业支出\t304.35\t304.35\t304.35\t0.00\t0.00\n"
        "2080501\t行政单位离退休\t304.35\t304.35\t304.35\t0.00\t0.00\n",
    )
    got = functional(doc, "general_budget_expenditure")
    assert got[(None, "total")] == Decimal("16827600.00")
    assert got[(None, "basic")] == Decimal("12082000.00")
    assert got[("201", "total")] == Decimal("13784100.00")
    assert arithmetic(doc) == []
