"""Budget tables as other departments print them: tab cells, unit subtotals, code-keyed project tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from loaders.reading import read_document

HEAD = "某县财政局2024年部门预算公开\n第二部分 2024年部门预算报表\n"


def parse(tmp_path: Path, body: str, encoding: str = "utf-8"):
    path = tmp_path / "budget.txt"
    path.write_bytes((HEAD + body).encode(encoding))
    return read_document(path)


def test_project_table_with_unit_subtotals(tmp_path):
    doc = parse(
        tmp_path,
        "项目支出表\n单位：万元\n单位名称（项目名称）\t合计\t一般公共预算\n"
        "合计\t30.50\t30.50\n某县财政局\t20.00\t20.00\n\t信息化运维经费\t12.00\t12.00\n"
        "\t票据印制经费\t8.00\t8.00\n某县国库支付中心\t10.50\t10.50\n\t代理银行手续费\t10.50\t10.50\n",
    )
    listed = [(p.name, p.implementing_unit, p.budget_full_year_yuan) for p in doc.projects]
    assert listed == [
        ("信息化运维经费", "某县财政局", Decimal("120000.00")),
        ("票据印制经费", "某县财政局", Decimal("80000.00")),
        ("代理银行手续费", "某县国库支付中心", Decimal("105000.00")),
    ]
    assert {p.phase for p in doc.projects} == {"budget_list"}


def test_project_table_keyed_by_functional_code_reads_as_codes(tmp_path):
    doc = parse(
        tmp_path,
        "项目支出表\n单位：万元\n科目编码\t科目名称\t合计\t一般公共预算\n合计\t\t5.00\t5.00\n"
        "2010601\t行政运行\t5.00\t5.00\n",
    )
    assert doc.projects == ()
    codes = {(r.functional_code, r.measure): r.amount_yuan for r in doc.functional_amounts}
    assert codes[("2010601", "total")] == Decimal("50000.00")


def test_budget_three_public_in_columns_and_gb18030(tmp_path):
    doc = parse(
        tmp_path,
        "一般公共预算“三公”经费支出表\n单位：元\n"
        "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
        "\t\t小计\t公务用车购置费\t公务用车运行费\t\n"
        "预算数\t\t\t\t\t\n"
        "30000.00\t0.00\t20000.00\t0.00\t20000.00\t10000.00\n",
        encoding="gb18030",
    )
    got = {(r.phase, r.item): r.amount_yuan for r in doc.three_public_amounts}
    assert got[("budget", "total")] == Decimal("30000.00")
    assert got[("budget", "vehicle_operation")] == Decimal("20000.00")
    assert got[("budget", "official_reception")] == Decimal("10000.00")
