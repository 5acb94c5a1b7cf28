"""项目支出表 read by label: the amount under 总计/合计 whatever columns stand between, units told by arithmetic."""
from __future__ import annotations

from decimal import Decimal

from loaders.parse import parse_document
from tests.pdf_fixtures import render_pdf

HEAD = "某市某局2026年部门预算公开\n第二部分 2026年部门预算报表\n"
# Guangdong prints units and projects in one column, a category column before the amounts
TABLE = ("部门预算项目支出及其他支出预算表\n单位：万元\n"
         "支出项目类别（资金使用单位）\t项目类别\t总计\t财政拨款\t其他资金\n"
         "合计\t\t30.00\t25.00\t5.00\n"
         "某市某局\t\t20.00\t20.00\t0.00\n"
         "信息化运维经费\t特定目标类\t12.00\t12.00\t0.00\n"
         "票据印制经费\t其他运转类\t8.00\t8.00\t0.00\n"
         "某市某中心\t\t10.00\t5.00\t5.00\n"
         "代理服务经费\t特定目标类\t10.00\t5.00\t5.00\n")


def test_project_amounts_under_the_total_column_and_units_by_their_sums(tmp_path):
    text = tmp_path / "source.txt"
    text.write_text(HEAD + TABLE, encoding="utf-8")
    pdf = tmp_path / "budget.pdf"
    pdf.write_bytes(render_pdf(text))
    doc = parse_document(pdf)
    listed = [(p.name, p.implementing_unit, p.budget_full_year_yuan) for p in doc.projects if p.phase == "budget_list"]
    assert listed == [("信息化运维经费", "某市某局", Decimal("120000.00")),
                      ("票据印制经费", "某市某局", Decimal("80000.00")),
                      ("代理服务经费", "某市某中心", Decimal("100000.00"))]
    assert not [i for i in doc.issues if "unreadable" in i.message]
