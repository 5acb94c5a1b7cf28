"""The table model: every source becomes a Grid whose Header gives each column its label path.

One small grid per layout family, written here: PDF (reportlab, ruled, a merged header
cell), space-aligned text with blank cells, HTML with colspan/rowspan, tab text, and
amounts wrapped over two lines.
"""

from __future__ import annotations

import io
from pathlib import Path

from loaders.extract import extract_lines
from loaders.extract.aligned import aligned_blocks
from loaders.extract.html import html_lines
from loaders.model import Line
from loaders.parse.grid.grid import grid_from_lines, read_header, rejoin_wrapped


def _header(lines, rows):
    grid = grid_from_lines(lines)
    return grid, read_header(grid, rows)


def test_merged_cell_heads_every_column_it_spans():
    lines = [
        Line("", ("项目", "决算数", "", ""), 1, spans=(1, 3, 0, 0)),
        Line("", ("", "合计", "公务用车购置及运行维护费", ""), 2, spans=(1, 1, 2, 0)),
        Line("", ("", "", "公务用车购置费", "公务用车运行维护费"), 3),
        Line("", ("合计", "1.00", "2.00", "3.00"), 4),
    ]
    grid, header = _header(lines, (0, 1, 2))
    assert header.path(1) == ("决算数", "合计")
    assert header.path(2) == ("决算数", "公务用车购置及运行维护费", "公务用车购置费")
    assert header.path(3) == ("决算数", "公务用车购置及运行维护费", "公务用车运行维护费")
    assert grid.row(3) == ("合计", "1.00", "2.00", "3.00")


ALIGNED = """\
科目编码    科目名称                  本年支出合计      基本支出      项目支出
合计                                      1,214.68        502.70        711.98
201         一般公共服务支出              1,170.31        458.33        711.98
2010302     一般行政管理事务                 19.57                       19.57
221         住房保障支出                     44.37         44.37
"""


def test_space_aligned_text_keeps_a_blank_cell_in_its_column():
    cells = aligned_blocks(ALIGNED.splitlines())
    assert cells[0] == ("科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出")
    assert cells[3] == ("2010302", "一般行政管理事务", "19.57", "", "19.57")
    assert cells[4] == ("221", "住房保障支出", "44.37", "44.37", "")


def test_text_merely_separated_by_gaps_is_not_cut_by_position():
    text = [
        "科目编码   科目名称   合计   基本支出",
        "201   一般公共服务支出   1,170.31   458.33",
        "2010301   行政运行   870.28   246.97",
        "221   住房保障支出   44.37   44.37",
    ]
    assert aligned_blocks(text) == {}


def test_html_colspan_and_rowspan_keep_columns_aligned():
    html = """<table>
      <tr><th rowspan="2">科目编码</th><th rowspan="2">科目名称</th><th colspan="2">本年支出</th></tr>
      <tr><th>基本支出</th><th>项目支出</th></tr>
      <tr><td>201</td><td>一般公共服务支出</td><td>458.33</td><td>711.98</td></tr>
    </table>"""
    lines = html_lines(html)
    assert lines[0].cells == ("科目编码", "科目名称", "本年支出", "") and lines[0].spans == (1, 1, 2, 0)
    assert lines[1].cells == ("", "", "基本支出", "项目支出")
    _, header = _header(lines, (0, 1))
    assert header.path(0) == ("科目编码",)
    assert header.path(2) == ("本年支出", "基本支出") and header.path(3) == ("本年支出", "项目支出")


def test_amounts_wrapped_in_narrow_columns_are_rejoined():
    lines = [
        Line("", ("合计", "168,441", "6,660"), 1),
        Line("", ("", ".81", ".01"), 2),
        Line("", ("201", "5,183.00", ""), 3),
    ]
    joined = rejoin_wrapped(lines)
    assert [line.cells for line in joined] == [("合计", "168,441.81", "6,660.01"), ("201", "5,183.00", "")]


def test_a_tab_separated_line_becomes_a_grid_row():
    lines = [
        Line("", ("科目编码", "科目名称", "合计"), 1),
        Line("", ("201", "一般公共服务支出", "1.00"), 2),
        Line("注：说明", ("注：说明",), 3),
    ]
    grid = grid_from_lines(lines)
    assert grid.n_rows == 2 and grid.n_cols == 3 and grid.row(1) == ("201", "一般公共服务支出", "1.00")


def _ruled_pdf() -> bytes:
    """A ruled table whose first header row merges 基本支出 and 项目支出 under 本年支出."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(500, 300))
    pdf.setFont("STSong-Light", 9)
    xs = [40, 120, 240, 320, 400]
    rows = [
        (["科目编码", "科目名称", "本年支出", None], 250),
        (["", "", "基本支出", "项目支出"], 230),
        (["201", "一般公共服务支出", "458.33", "711.98"], 210),
    ]
    for cells, top in rows:
        bottom = top - 20
        pdf.line(xs[0], bottom, xs[-1], bottom)
        pdf.line(xs[0], top, xs[-1], top)
        for i, x in enumerate(xs):
            if not (cells[3] is None and i == 3):  # no rule inside the merged cell
                pdf.line(x, bottom, x, top)
        for i, text in enumerate(cells):
            if text:
                pdf.drawString(xs[i] + 4, bottom + 6, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_rows_of_one_ruled_table_share_its_columns(tmp_path: Path):
    path = tmp_path / "ruled.pdf"
    path.write_bytes(_ruled_pdf())
    lines = extract_lines(path)
    table = [line for line in lines if len(line.cells) > 1]
    assert table[0].cells == ("科目编码", "科目名称", "本年支出")  # the row's own cells, as printed
    assert table[0].columns == (0, 1, 2) and table[0].spans == (1, 1, 2)
    grid, header = _header(table, (0, 1))
    assert [grid.row(r) for r in range(3)] == [
        ("科目编码", "科目名称", "本年支出", ""),
        ("", "", "基本支出", "项目支出"),
        ("201", "一般公共服务支出", "458.33", "711.98"),
    ]
    assert header.path(3) == ("本年支出", "项目支出")


def test_rows_of_one_ruled_table_share_its_columns_even_under_an_outer_frame():
    from loaders.extract.pdf_geometry import cell_columns, table_columns

    header = [58.0, 211.0, 345.0, 479.0]  # 本年支出 merged over the last two columns: no rule at 412
    data = [51.0, 58.0, 211.0, 345.0, 412.0, 479.0, 790.0]  # data rows add an outer frame
    columns = table_columns([header, data, [0.0, 842.0]])
    assert columns[0] == columns[1] == [51.0, 58.0, 211.0, 345.0, 412.0, 479.0, 790.0] and columns[2] is None
    assert cell_columns(header, columns[0]) == [(1, 1), (2, 1), (3, 2)]


def test_a_label_tail_spilled_into_the_amount_cell_goes_back_to_the_label():
    from loaders.parse.grid.grid import unspill

    assert unspill(["1、人员经费和公用经费支", "出 2,022.39", "1、机关工资福利支出", "1,470.72"]) == [
        "1、人员经费和公用经费支出",
        "2,022.39",
        "1、机关工资福利支出",
        "1,470.72",
    ]
    assert unspill(["合计", "1,214.68"]) == ["合计", "1,214.68"]


def test_data_cells_merged_over_a_finer_ruled_header_stand_under_its_labels():
    lines = [
        Line("", ("", "合计", "", "", "基本支出", ""), 1),
        Line("", ("33,172.15", "", "", "18,570.82", "", ""), 2, spans=(3, 0, 0, 3, 0, 0)),
    ]
    grid, header = _header(lines, (0,))
    assert grid.row_under(1, header) == ("", "33,172.15", "", "", "18,570.82", "")
