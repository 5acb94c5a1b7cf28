"""Target sheets (项目绩效目标表) whose indicator table prints no 分值, written small: rows told
apart by their centred 三级指标 and 指标值 cells, 二级 labels spanning rows, as text and as a PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from loaders.extract import extract_lines
from loaders.parse.sheets import ruled_target_sheet
from loaders.parse.sheets.centered import pair_centred, span_centred
from tests.pdf_fixtures import FONT, _register

EXPECTED = [
    ("成本指标", "经济成本指标", "项目总成本", "≤25万元"),
    ("产出指标", "数量指标", "开展照护服务项目数", "≥1个"),
    ("产出指标", "数量指标", "补助人数", "≥325人、户"),
    ("效益指标", "社会效益指标", "受益人数", "≥120人"),
    ("满意度指标", "服务对象满意度指标", "受益对象满意度", "≥90%"),
]

HEAD = """\
2026年测试专项项目绩效目标
表
项目名称\t测试专项
主管部门\t101_测试局\t实施单位\t测试局
\t年度资金总额\t25.00
项目资金(万元)\t其中:财政拨款\t25.00
\t其他资金\t0.00
年度目标\t保障测试工作顺利开展。
"""
# a wrapped name beside a one-line value, a wrapped value beside a one-line name, 数量指标
# printed once over its two rows ("数量" / "指标"), a wrapped 服务对象满意度指标
TABLE = """\
\t一级指标\t二级指标\t三级指标\t指标值
\t成本指标\t经济成本指标\t项目总成本\t≤25万元
\t\t\t开展照护服务项目
\t\t\t\t≥1个
\t产出指标\t数量\t数
\t\t指标\t\t≥325人、
\t\t\t补助人数
\t\t\t\t户
\t效益指标\t社会效益指标\t受益人数\t≥120人
\t\t服务对象满意
\t满意度指标\t\t受益对象满意度\t≥90%
\t\t度指标
备注\t
"""


HEADER = "\t一级指标\t二级指标\t三级指标\t指标值\n"


def _read(lines):
    projects, issues = ruled_target_sheet.read(lines)
    return projects, [i.message for i in issues]


def _rows(project):
    return [(i.level1, i.level2, i.indicator, i.target_value) for i in project.indicators]


def _text_lines(tmp_path: Path, text: str):
    path = tmp_path / "sheet.txt"
    path.write_text(text, encoding="utf-8")
    return extract_lines(path)


def test_text_rows_are_told_apart_by_their_centred_cells(tmp_path):
    (project,), warnings = _read(_text_lines(tmp_path, HEAD + TABLE))
    assert not warnings
    # the title wraps ("…项目绩效目标" / "表") and still opens the sheet
    assert (project.name, project.budget_full_year_yuan, project.department_code) == ("测试专项", 250000, "101")
    assert _rows(project) == EXPECTED
    assert {(i.weight, i.score) for i in project.indicators} == {(None, None)}


def test_direction_and_unit_columns_join_the_value_as_printed(tmp_path):
    table = """\
\t一级指标\t二级指标\t三级指标\t指标方向\t指标值\t度量单位
\t产出指标\t数量指标\t受益人数\t≥\t120\t人
\t满意度指标\t满意度指标\t受益对象满意度\t≥\t90\t%
备注\t
"""
    (project,), warnings = _read(_text_lines(tmp_path, HEAD + table))
    assert not warnings
    assert [i.target_value for i in project.indicators] == ["≥120人", "≥90%"]


@pytest.mark.parametrize(
    "table, reason",
    [
        # a value printed on no name's middle: which row it belongs to is a guess
        (HEADER + "\t产出指标\t数量指标\t受益人数\n\t\t\t\t≥1个\n备注\t\n", "do not centre"),
        # a 二级 label nobody knows
        (HEADER + "\t产出指标\t政治指标\t受益人数\t≥1个\n备注\t\n", "not a known label"),
        # a 二级 label printed on the first of three rows, not centred on them: which rows it spans is a guess
        (HEADER + "\t产出指标\t数量指标\t受益人数\t≥1个\n\t\t\t合格率\t=1\n\t\t\t及时率\t=1\n备注\t\n", "not centre"),
        # rows resuming after a page break: what came before the break is not the whole table
        (HEADER + "\t产出指标\t数量指标\t受益人数\t≥1个\n- 5 -\n\t\t质量指标\t合格率\t=100%\n备注\t\n", "interrupted"),
        # no 三级指标 column (指标内容)
        ("\t一级指标\t二级指标\t指标内容\t指标值\n\t产出指标\t数量指标\t受益人数\t≥1个\n备注\t\n", "no 三级指标"),
    ],
)
def test_a_table_whose_rows_cannot_be_told_apart_is_a_warning(tmp_path, table, reason):
    (project,), warnings = _read(_text_lines(tmp_path, HEAD + table))
    assert project.indicators == () and project.budget_full_year_yuan == 250000
    assert len(warnings) == 1 and reason in warnings[0] and warnings[0].startswith("测试专项: indicators not read")


def _sheet_pdf() -> bytes:
    """The sheet drawn as a ruled PDF: every cell's lines centred in its box, 数量指标 in one box
    over two rows, the leading (9 pt) tighter than a row (one-line rows are 22 pt high)."""
    _register()
    size, leading, x0 = 7.0, 9.0, 30.0
    widths = [50.0, 50.0, 60.0, 90.0, 50.0]
    lefts = [x0 + sum(widths[:k]) for k in range(len(widths) + 1)]
    # (一级, 二级, 三级 lines, 指标值 lines) per row; None: the 二级 cell spans from the row above
    rows = [
        (["成本指标"], ["经济成本指标"], ["项目总成本"], ["≤25万元"]),
        (["产出指标"], ["数量", "指标"], ["开展照护服务项目", "数"], ["≥1个"]),
        (None, None, ["补助人数"], ["≥325人、", "户"]),
        (["效益指标"], ["社会效益指标"], ["受益人数"], ["≥120人"]),
        (["满意度指标"], ["服务对象满意", "度指标"], ["受益对象满意度"], ["≥90%"]),
    ]
    heights = [max(22.0, leading * (1 + max(len(c) for c in row if c))) for row in rows]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(sum(widths) + 60, 400))
    pdf.setFont(FONT, size)
    y = 380.0
    for text in ["2026年测试专项项目绩效目标", "表"]:
        pdf.drawString(x0, y, text)
        y -= 14
    head = [
        ["项目名称", "测试专项"],
        ["主管部门", "101_测试局", "实施单位", "测试局"],
        ["", "年度资金总额", "25.00"],
        ["项目资金(万元)", "其中:财政拨款", "25.00"],
        ["年度目标", "保障测试工作顺利开展。"],
        ["", "一级指标", "二级指标", "三级指标", "指标值"],
    ]
    for cells in head:
        for k, text in enumerate(cells):
            pdf.drawString(lefts[k] + 3, y - 12, text)
            pdf.rect(lefts[k], y - 18, widths[k], 18)
        y -= 18

    def cell(k: int, top: float, height: float, lines: list[str]) -> None:
        pdf.rect(lefts[k], top - height, widths[k], height)
        middle = top - height / 2
        for n, text in enumerate(lines):
            # lines centred on the box's middle; a glyph's baseline sits a third of its size below its middle
            pdf.drawString(lefts[k] + 3, middle + leading * ((len(lines) - 1) / 2 - n) - size / 3, text)

    cell(0, y, sum(heights), ["绩效指标"])  # the label column beside the whole table
    for r, (level1, level2, name, value) in enumerate(rows):
        height = heights[r]
        if level2 is not None:
            span = height + (heights[r + 1] if r + 1 < len(rows) and rows[r + 1][1] is None else 0)
            cell(1, y, span, level1)
            cell(2, y, span, level2)
        cell(3, y, height, name)
        cell(4, y, height, value)
        y -= height
    pdf.drawString(x0, y - 14, "备注")
    pdf.save()
    return buffer.getvalue()


def test_a_pdf_sheet_reads_its_rows_by_position(tmp_path):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(_sheet_pdf())
    lines = extract_lines(path)
    assert all(line.y is not None for line in lines)
    (project,), warnings = _read(lines)
    assert not warnings
    assert _rows(project) == EXPECTED


@pytest.mark.parametrize(
    "first, second, at, rows",
    [
        # two one-line rows are two rows, not one row of two lines
        ([0, 1], [0, 1], {0: 0.0, 1: 20.0}, [((0,), (0,)), ((1,), (1,))]),
        # a name over lines 0 and 2 beside a value on line 1, then a one-line row
        ([0, 2, 3], [1, 3], {0: 0.0, 1: 5.0, 2: 10.0, 3: 30.0}, [((0, 2), (1,)), ((3,), (3,))]),
    ],
)
def test_pair_centred(first, second, at, rows):
    assert pair_centred(first, second, at.get, tolerance=2.0, max_gap=12.0) == rows


def test_pair_centred_refuses_cells_off_their_rows():
    at = {0: 0.0, 1: 7.0}.get
    assert pair_centred([0], [1], at, tolerance=2.0) is None


def test_span_centred_gives_a_label_the_rows_it_centres_on():
    # a label between rows 0 and 1, one on row 2, one on row 3
    assert span_centred([10.0, 40.0, 60.0], [0.0, 20.0, 40.0, 60.0]) == [0, 0, 1, 2]
    assert span_centred([0.0, 10.0, 20.0], [0.0, 20.0]) is None
