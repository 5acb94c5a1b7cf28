"""Small written project-sheet layouts, one per feature: centred wrapped cells, 得分 vs 分值,
a wrapped 绩效指标 cell, and a document of project sheets only taking its kind from them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import extract_lines
from loaders.model import ParseError
from loaders.parse.sheets import self_evaluation, target_table
from loaders.parse.sheets.centered import split_centred
from loaders.reading import read_document


@pytest.mark.parametrize(
    "texts, anchors, expected",
    [
        # a 2-line cell above-and-on its anchor, then a 5-line cell centred on the next one
        ([1, 2, 4, 5, 6, 7, 8], [2, 6], ((1, 2), (4, 5, 6, 7, 8))),
        # an empty row between two wrapped ones keeps nothing
        ([0, 1, 2, 6, 7, 8], [1, 4, 7], ((0, 1, 2), (), (6, 7, 8))),
        # an even count of lines: the anchor on one of the middle two
        ([4, 5, 6, 7], [5], ((4, 5, 6, 7),)),
    ],
)
def test_cells_centre_on_their_anchor(texts, anchors, expected):
    assert split_centred(texts, anchors).cells == expected


def test_a_firm_marker_opens_every_cell():
    # counts alone would give line 5 to the first anchor; the numbering says it opens the second
    starts = {0, 5}
    split = split_centred([0, 1, 2, 3, 4, 5, 6, 7], [2, 6], lambda i: i in starts, firm=True)
    assert split.cells == ((0, 1, 2, 3, 4), (5, 6, 7))


def test_positions_tell_a_wide_gap_from_a_line_break():
    # line 3 sits at the pitch under line 2 (same cell), far above line 5 (next cell)
    y = {0: 10.0, 1: 22.0, 2: 34.0, 3: 46.0, 4: 90.0, 5: 102.0, 6: 114.0}
    split = split_centred([0, 1, 2, 3, 5, 6], [1, 5], at=y.get)
    assert split.cells == ((0, 1, 2, 3), (5, 6)) and split.imbalance <= 1


def _lines(tmp_path: Path, text: str):
    path = tmp_path / "sheet.txt"
    path.write_text(text, encoding="utf-8")
    return extract_lines(path)


SELF_EVALUATION = """\
项目支出绩效自评表
项目名称\t测试专项
主管部门\t测试局\t实施单位\t测试局
\t\t年初预\t全年预
\t\t\t\t全年执行数\t分值\t执行率\t得分
\t\t算数\t算数
\t年度资金总额:\t120.00\t100.00\t90.00\t10\t90.00%\t9
项目资金(万元)\t其中:财政拨款\t120.00\t100.00\t90.00\t--\t90.00%\t--
\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t\t\t培训学员
\t产出指标\t数量指标\t\t≥100人\t120人\t50\t50
\t\t\t人数
\t效益指标\t社会效益指标\t服务质量\t有所提高\t明显提高\t40\t38.86\t尚有提升空间
总分\t100\t97.86
"""


def test_the_score_is_the_defen_never_the_fenzhi(tmp_path):
    projects, issues = self_evaluation.read(_lines(tmp_path, SELF_EVALUATION))
    assert not issues and len(projects) == 1
    sheet = projects[0]
    assert sheet.score == Decimal("97.86")  # 总分 | 分值 100 | 得分 97.86
    assert (sheet.budget_full_year_yuan, sheet.executed_yuan, sheet.budget_execution_score) == (
        Decimal("1000000.00"),
        Decimal("900000.00"),
        Decimal(9),
    )
    assert sheet.initial_budget_compiled_yuan == Decimal("1200000.00") and sheet.execution_rate == Decimal("0.9")
    wrapped, quality = sheet.indicators
    assert (wrapped.indicator, wrapped.target_value, wrapped.actual_value, wrapped.weight, wrapped.score) == (
        "培训学员人数",
        "≥100人",
        "120人",
        Decimal(50),
        Decimal(50),
    )
    assert (quality.level1, quality.score, quality.deviation_reason) == ("效益指标", Decimal("38.86"), "尚有提升空间")


def test_two_total_figures_without_a_header_naming_them_are_refused(tmp_path):
    unlabelled = SELF_EVALUATION.replace("\t分值\t得分\t偏差", "\t权重\t评分\t偏差")
    projects, issues = self_evaluation.read(_lines(tmp_path, unlabelled))
    assert not projects and "分值/得分" in issues[0].message


TARGET_TABLE = """\
广州市测试局2026年项目支出绩效目标表
部门名称:广州市测试局\t单位:万元
项目名称(资金使用单位)\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标
合计\t30.50\t30.50
广州市测试局\t30.50\t30.50
\t\t\t\t\t\t1、1-产出指标;11-数量指标;培训场次;实施周期指标值:≥4场;年
测试培训\t\t\t\t\t开展业务培训,提升\t度指标值:≥2场。2、3-满意度指标;31-服务对象满意度;
项目\t20.00\t20.00\t\t\t服务能力。\t学员满意度;实施周期指标值:≥90%;年度指标值:
\t\t\t\t\t\t≥95%。
\t\t\t\t\t\t1、1-产出指标;12-质量指标;印刷差错率;实施周期指标值:
资料印刷\t10.50\t10.50\t\t\t印制宣传资料。\t≤1%;年度指标值:≤1%。
"""


def test_a_wrapped_indicator_cell_reads_as_numbered_items(tmp_path):
    projects, issues = target_table.read(_lines(tmp_path, TARGET_TABLE))
    assert not issues
    training, printing = projects
    assert (training.name, training.budget_full_year_yuan, training.implementing_unit) == (
        "测试培训项目",
        Decimal("200000.00"),
        "广州市测试局",
    )
    assert training.annual_goal == "开展业务培训,提升服务能力。"
    assert [
        (i.level1, i.level2, i.indicator, i.long_term_target_value, i.target_value) for i in training.indicators
    ] == [
        ("产出指标", "数量指标", "培训场次", "≥4场", "≥2场"),
        ("满意度指标", "服务对象满意度", "学员满意度", "≥90%", "≥95%"),
    ]
    assert [(i.indicator, i.target_value) for i in printing.indicators] == [("印刷差错率", "≤1%")]


def test_a_unit_subtotal_that_does_not_add_up_is_a_warning(tmp_path):
    _, issues = target_table.read(_lines(tmp_path, TARGET_TABLE.replace("广州市测试局\t30.50", "广州市测试局\t31.50")))
    assert [i.message for i in issues] == [
        "广州市测试局: printed 315000.00 yuan but its rows add up to 305000.00",
        "合计: printed 305000.00 yuan but its rows add up to 315000.00",
    ]


def test_a_document_of_target_sheets_only_is_a_budget(tmp_path):
    path = tmp_path / "targets.txt"
    path.write_text(TARGET_TABLE, encoding="utf-8")
    doc = read_document(path)
    assert doc.meta.document_kind == "budget" and len(doc.projects) == 2 and not doc.tables


def test_a_document_without_tables_or_sheets_is_still_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("广州市测试局2026年工作要点\n一、加强学习。\n", encoding="utf-8")
    with pytest.raises(ParseError, match="not a budget or final account"):
        read_document(path)


def test_printed_totals_are_kept_as_printed_not_as_the_sum_of_rounded_rows(tmp_path):
    """Σ of projects rounded to 0.01 万元 may differ from the printed 合计 by rounding: the 合计 and
    unit rows are kept as printed (statistics of section project_targets), and no warning."""
    rounded = TARGET_TABLE.replace("项目\t20.00\t20.00", "项目\t20.01\t20.01")
    doc_path = tmp_path / "targets.txt"
    doc_path.write_text(rounded, encoding="utf-8")
    table = target_table.read_table(extract_lines(doc_path))
    assert table.issues == []
    assert sum(p.budget_full_year_yuan for p in table.projects) == Decimal("305100.00")
    assert [(s.section, s.item, s.amount_yuan) for s in table.totals] == [
        ("project_targets", "total", Decimal("305000.00")),
        ("project_targets", "unit:广州市测试局", Decimal("305000.00")),
    ]
    stats = {(s.source, s.item): s.amount_yuan for s in read_document(doc_path).statistics}
    assert stats[("table", "total")] == Decimal("305000.00")
