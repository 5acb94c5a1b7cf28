"""功能分类 and 基本支出 tables as real publications lay them out, each read so that it adds up.

Each case is a small table of one layout family, written here and parsed by the real
parser; the table's own arithmetic (``loaders.parse.grid.checks``) must hold, so a column
read twice or a row filed under the wrong parent shows as a warning.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from loaders.reading import read_document

from pdf_fixtures import FONT, _register

HEAD = "某县信访局2026年部门预算公开\n第二部分 2026年部门预算报表\n"


def parse(tmp_path: Path, body: str):
    path = tmp_path / "budget.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return read_document(path)


def functional(doc, kind: str):
    return {(r.functional_code, r.measure): r.amount_yuan for r in doc.functional_amounts if r.table_kind == kind}


def arithmetic(doc) -> list[str]:
    return [i.message for i in doc.issues if i.message.startswith("does not add up")]


@pytest.mark.parametrize("name_label", ["科目名称", "功能科目"])
def test_last_years_figures_between_the_names_and_this_years_columns_are_kept_out(tmp_path, name_label):
    # 科目名称 | 2025年执行数 | 2026年预算数 (小计 / 基本支出 / 项目支出) | 增减: the prior year's
    # figure stands left of the first measure, in a labelled column of its own
    doc = parse(
        tmp_path,
        "一般公共预算支出表\n单位：万元\n"
        f"科目编码\t{name_label}\t2025年执行数\t2026年预算数\t\t\t增减额\n"
        "\t\t\t小计\t基本支出\t项目支出\t\n"
        "201\t一般公共服务支出\t300.00\t250.00\t100.00\t150.00\t-50.00\n"
        "20140\t信访事务\t300.00\t250.00\t100.00\t150.00\t-50.00\n"
        "2014001\t行政运行\t120.00\t100.00\t100.00\t\t-20.00\n"
        "2014099\t其他信访事务支出\t180.00\t150.00\t\t150.00\t-30.00\n"
        "合计\t\t300.00\t250.00\t100.00\t150.00\t-50.00\n",
    )
    got = functional(doc, "general_budget_expenditure")
    assert got[("201", "total")] == Decimal("2500000.00")
    assert {r.functional_name for r in doc.functional_amounts if r.functional_code == "201"} == {"一般公共服务支出"}
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


# a ruled table in a PDF: (cells, the x of the rules around them); 9 fine columns in the header
FINE = [50.0, 70.0, 130.0, 150.0, 190.0, 270.0, 290.0, 330.0, 380.0, 400.0]
COARSE = [FINE[0], FINE[3], FINE[6], FINE[9]]  # data rows merge each group of three columns
CLASS = [FINE[0], FINE[3], FINE[6], FINE[7], FINE[8], FINE[9]]  # 类 rows rule the amount's group finer


def _ruled_pdf(pages: list[list[tuple[tuple[str, ...], list[float]]]]) -> bytes:
    _register()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(500, 400))
    for rows in pages:
        pdf.setFont(FONT, 7)
        y = 370.0
        for cells, rules in rows:
            if not rules:
                pdf.drawString(50, y, cells[0])
            else:
                for text, left, right in zip(cells, rules, rules[1:], strict=False):
                    if text[:1].isdigit() and not text.startswith(("1、", "2、")):
                        pdf.drawRightString(right - 3, y, text)  # figures align right, as printed
                    else:
                        pdf.drawString(left + 3, y, text)
                for x in rules:
                    pdf.line(x, y - 4, x, y + 10)
                pdf.line(rules[0], y - 4, rules[-1], y - 4)
            y -= 14
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_continuation_page_without_the_headers_fine_rules_keeps_the_tables_columns(tmp_path):
    # Jiangsu: the header rules nine columns, data rows merge them by three (金额 labels the
    # middle one) and the next page, without a header, draws only the coarse rules
    title = [(("某县信访局2026年部门预算公开",), []), (("一般公共预算支出预算表",), []), (("单位:万元",), [])]
    header = (("", "功能科目代码", "", "", "功能科目名称", "", "", "金额", ""), FINE)
    first = [
        header,
        (("", "", "", "", "合计", "", "", "300.00", ""), FINE),
        (("204", "公共安全支出", "", "200.00", ""), CLASS),
        (("20405", "法院", "200.00"), COARSE),
        (("2040501", "行政运行", "150.00"), COARSE),
    ]
    second = [
        (("2040599", "其他法院支出", "50.00"), COARSE),
        (("208", "社会保障和就业支出", "", "100.00", ""), CLASS),
        (("20805", "行政事业单位养老支出", "100.00"), COARSE),
        (("2080505", "机关事业单位基本养老保险缴费支出", "100.00"), COARSE),
    ]
    path = tmp_path / "budget.pdf"
    path.write_bytes(_ruled_pdf([title + first, second]))
    doc = read_document(path)
    got = functional(doc, "general_budget_expenditure")
    assert got[("204", "total")] == Decimal("2000000.00")
    assert got[("208", "total")] == Decimal("1000000.00")
    assert got[("2040599", "total")] == Decimal("500000.00")
    assert got[(None, "total")] == Decimal("3000000.00")
    assert arithmetic(doc) == []


def economic(doc):
    return {(r.economic_name, r.measure): r.amount_yuan for r in doc.economic_amounts}


def test_basic_table_by_names_with_daily_public_spending_and_a_numbering_row(tmp_path):
    # Zhejiang: rows named without codes, columns 合计 / 人员经费 / 日常公用支出, a 栏次 row "** | 1 | 2 | 3"
    doc = parse(
        tmp_path,
        "一般公共预算基本支出预算表\n部门名称:某县信访局\t单位:万元\n"
        "\t本年一般公共预算基本支出\n经济分类科目名称\t\t\t\n\t合计\t人员经费\t日常公用支出\n"
        "**\t1\t2\t3\n"
        "合计\t150.00\t110.00\t40.00\n"
        "工资福利支出\t100.00\t100.00\t\n"
        "基本工资\t100.00\t100.00\t\n"
        "商品和服务支出\t30.00\t\t30.00\n"
        "办公费\t30.00\t\t30.00\n"
        "对个人和家庭的补助\t20.00\t10.00\t10.00\n"
        "退休费\t10.00\t10.00\t\n"
        "其他对个人和家庭的补助\t10.00\t\t10.00\n",
    )
    got = economic(doc)
    assert got[("合计", "public")] == Decimal("400000.00")
    assert got[("对个人和家庭的补助", "public")] == Decimal("100000.00")
    assert not any(name == "**" for name, _ in got)
    assert arithmetic(doc) == []


def test_spending_detail_by_functional_class_with_xian_column_names_is_a_functional_table(tmp_path):
    # Xi'an: 一般公共预算支出明细表(按支出功能分类科目), 合计 = 人员经费支出 + 公用经费支出 + 专项业务经费支出
    doc = parse(
        tmp_path,
        "部门综合预算一般公共预算支出明细表(按支出功能分类科目)\n单位:元\n"
        "功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出\t备注\n"
        "**\t**\t1\t2\t3\t4\t**\n"
        "合计\t\t1,000.00\t500.00\t200.00\t300.00\t\n"
        "201\t一般公共服务支出\t1,000.00\t500.00\t200.00\t300.00\t\n"
        "20105\t统计信息事务\t1,000.00\t500.00\t200.00\t300.00\t\n"
        "2010501\t行政运行\t700.00\t500.00\t200.00\t\t\n"
        "2010507\t专项普查活动\t300.00\t\t\t300.00\t\n",
    )
    got = functional(doc, "general_budget_expenditure")
    assert got[(None, "project")] == Decimal("300.00")
    assert got[("2010501", "personnel")] == Decimal("500.00")
    assert got[("2010507", "total")] == Decimal("300.00")
    assert doc.economic_amounts == ()
    assert arithmetic(doc) == []


def summary(doc):
    return {(r.side, r.item): r.amount_yuan for r in doc.summary_amounts}


def test_summary_labels_running_over_their_rule_into_the_amount_cell_are_given_back(tmp_path):
    # Xi'an's 收支总表: a long label's last characters print in the amount cell beside it,
    # before the figure ("支" | "出 200.00") or alone where the row prints none ("补" | "助")
    rules = [50.0, 120.0, 170.0, 255.0, 330.0]
    rows = [
        (("项目", "预算数", "支出经济分类科目", "预算数"), rules),
        (("1、财政拨款", "300.00", "1、人员经费和公用经费支出", "200.00"), rules),
        (("2、其他收入", "0.00", "(1)对个人和家庭的补助性支出", ""), rules),
        (("", "", "2、专项业务经费支出", "100.00"), rules),
        (("本年收入合计", "300.00", "本年支出合计", "300.00"), rules),
        (("收入总计", "300.00", "支出总计", "300.00"), rules),
    ]
    title = [(("某县信访局2026年部门预算公开",), []), (("部门综合预算收支总表",), []), (("单位:万元",), [])]
    path = tmp_path / "budget.pdf"
    path.write_bytes(_ruled_pdf([title + rows]))
    doc = read_document(path)
    got = summary(doc)
    assert got[("expenditure", "1、人员经费和公用经费支出")] == Decimal("2000000.00")
    assert got[("expenditure", "2、专项业务经费支出")] == Decimal("1000000.00")
    assert got[("income", "1、财政拨款")] == Decimal("3000000.00")
    assert arithmetic(doc) == []


def test_a_section_printed_as_its_two_digits_under_its_class_gets_its_full_code(tmp_path):
    # Xi'an prints 款 rows as "05" in the code column under their 类; after a 款 a two-digit code
    # could be a 项 as well, so that row is left out with a warning, never guessed
    doc = parse(
        tmp_path,
        "一般公共预算支出表\n单位:万元\n"
        "功能科目编码\t功能科目名称\t合计\t基本支出\t项目支出\n"
        "合计\t\t120.00\t120.00\t\n"
        "208\t社会保障和就业支出\t120.00\t120.00\t\n"
        "05\t行政事业单位养老支出\t100.00\t100.00\t\n"
        "2080505\t机关事业单位基本养老保险缴费支出\t100.00\t100.00\t\n"
        "99\t其他社会保障和就业支出\t20.00\t20.00\t\n"
        "01\t待定\t5.00\t5.00\t\n",
    )
    got = functional(doc, "general_budget_expenditure")
    assert got[("20805", "total")] == Decimal("1000000.00")
    assert got[("20899", "basic")] == Decimal("200000.00")
    assert not any(code in ("01", "20801", "2089901") for code, _ in got)
    assert [i.lineno for i in doc.issues if "no code or total label" in i.message] == [11]
    assert arithmetic(doc) == []
