"""项目支出表 read by label: the amount under 总计/合计 whatever columns stand between, units told by arithmetic.

The grid is written as the table model gives a ruled PDF table (one cell per column, the
span of a merged header cell), after Guangdong's 部门预算项目支出及其他支出预算表.
"""

from __future__ import annotations

from decimal import Decimal

from loaders.model import Line
from loaders.parse.tables import TableContext, project_list

ROWS = (  # (cells, spans): 财政拨款 is merged over two columns
    (("支出项目类别(资金使用单位)", "项目类别", "总计", "财政拨款", "", "其他资金", "绩效目标"), (1, 1, 1, 2, 0, 1, 1)),
    (("", "", "", "一般公共预算", "政府性基金", "", ""), ()),
    (("合计", "", "30.00", "25.00", "0.00", "5.00", ""), ()),
    (("某市某局", "", "20.00", "20.00", "0.00", "0.00", ""), ()),
    (("信息化运维经费", "特定目标类", "12.00", "12.00", "0.00", "0.00", "保障系统稳定运行"), ()),
    (("", "", "", "", "", "", "全年无重大故障"), ()),
    (("票据印制", "", "", "", "", "", ""), ()),
    (("", "其他运转类", "8.00", "8.00", "0.00", "0.00", ""), ()),
    (("经费", "", "", "", "", "", ""), ()),
    (("某市某中心", "", "10.00", "5.00", "0.00", "5.00", ""), ()),
    (("代理服务经费", "特定目标类", "10.00", "5.00", "0.00", "5.00", ""), ()),
)


def test_amounts_under_the_total_column_wrapped_names_and_units_by_their_sums():
    lines = tuple(Line("\t".join(cells), cells, n, page=1, spans=spans) for n, (cells, spans) in enumerate(ROWS, 1))
    facts = project_list.parse(
        TableContext("project_expenditure", "部门预算项目支出及其他支出预算表", "万元", lines, "t.pdf")
    )
    listed = [(p.name, p.implementing_unit, p.budget_full_year_yuan) for p in facts.rows]
    assert listed == [
        ("信息化运维经费", "某市某局", Decimal("120000.00")),
        ("票据印制经费", "某市某局", Decimal("80000.00")),
        ("代理服务经费", "某市某中心", Decimal("100000.00")),
    ]
    assert facts.issues == []


def test_unit_and_project_names_in_columns_of_their_own():
    rows = (
        ("单位名称", "项目名称", "总计", "一般公共预算", "单位资金"),
        ("**", "**", "1", "2", "3"),
        ("", "合计", "297.00", "297.00", ""),
        ("某市财政局", "会计人员考培", "187.00", "187.00", ""),
        ("某市财政票据管理中心", "财政票据综合管理", "110.00", "110.00", ""),
    )
    lines = tuple(Line("\t".join(cells), cells, n, page=1) for n, cells in enumerate(rows, 1))
    facts = project_list.parse(
        TableContext("project_expenditure", "2026年市级部门项目支出预算表", "万元", lines, "t.pdf")
    )
    assert [(p.name, p.implementing_unit, p.budget_full_year_yuan) for p in facts.rows] == [
        ("会计人员考培", "某市财政局", Decimal("1870000.00")),
        ("财政票据综合管理", "某市财政票据管理中心", Decimal("1100000.00")),
    ]
    assert facts.issues == []
