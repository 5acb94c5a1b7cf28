"""三公 tables as provinces print them, read by label: one small grid per layout, text and PDF.

Each case states every 三公 figure the table must give (the whole set, so a figure read
into the wrong item fails), from layouts seen in real publications: Jiangsu's 合计 with
会议费/培训费 beside the 三公 小计, the central budget/actual halves, Xi'an's phases as
rows, Yantai's two years, Hangzhou/Changsha per-unit rows, Fujian's vertical list,
Guangdong's 行政经费 rows, Shanghai's 三公 with 机关运行经费.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.reading import read_document
from tests.pdf_fixtures import render_pdf

HEAD = "某市某局2026年部门预算公开\n第二部分 2026年部门预算报表\n"
FINAL_HEAD = "某市某局2026年度部门决算公开\n第二部分 2026年度部门决算报表\n"
ITEMS = ("total", "overseas_travel", "official_reception", "vehicles_total", "vehicle_purchase", "vehicle_operation")


def _figures(phase: str, *amounts: str) -> dict[tuple[str, str], Decimal]:
    return {(phase, item): Decimal(a) for item, a in zip(ITEMS, amounts, strict=False)}


CASES = {
    "jiangsu: 合计 with 会议费/培训费, 三公 小计": (
        HEAD,
        (
            "“三公”经费、会议费、培训费支出预算表\n单位：万元\n"
            "合计\t“三公”经费\t\t\t\t\t\t会议费\t培训费\n"
            "\t小计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\n"
            "\t\t\t小计\t公务用车购置费\t公务用车运行维护费\n"
            "1,852.32\t676.10\t76.00\t156.60\t\t156.60\t443.50\t1,094.62\t81.60\n"
        ),
        _figures("budget", "6761000.00", "760000.00", "4435000.00", "1566000.00", "0.00", "1566000.00"),
    ),
    "central final: 预算数 | 决算数 halves": (
        FINAL_HEAD,
        (
            "一般公共预算财政拨款“三公”经费支出决算表\n金额单位：万元\n"
            "预算数\t\t\t\t\t\t决算数\n"
            "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t"
            "公务用车购置及运行维护费\t\t\t公务接待费\n"
            "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\n"
            "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n"
            "76.43\t30.00\t40.63\t\t40.63\t5.80\t46.21\t4.69\t40.61\t\t40.61\t0.90\n"
        ),
        {
            **_figures("budget", "764300.00", "300000.00", "58000.00", "406300.00", "0.00", "406300.00"),
            **_figures("actual", "462100.00", "46900.00", "9000.00", "406100.00", "0.00", "406100.00"),
        },
    ),
    "xi'an final: phases as rows, 会议费 and 培训费 beside": (
        FINAL_HEAD,
        (
            "财政拨款“三公”经费及会议费、培训费支出决算表\n单位：万元\n"
            "项目\t合计\t“三公”经费\t\t\t\t\t\t会议费\t培训费\n"
            "\t\t小计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
            "\t\t\t\t小计\t公务用车购置费\t公务用车运行费\n"
            "预算数\t700.00\t593.46\t10.00\t500.00\t100.00\t400.00\t83.46\t60.00\t46.54\n"
            "决算数\t650.00\t587.55\t9.00\t498.00\t98.00\t400.00\t80.55\t40.00\t22.45\n"
        ),
        {
            **_figures("budget", "5934600.00", "100000.00", "834600.00", "5000000.00", "1000000.00", "4000000.00"),
            **_figures("actual", "5875500.00", "90000.00", "805500.00", "4980000.00", "980000.00", "4000000.00"),
        },
    ),
    "yantai: last year and this year side by side": (
        HEAD,
        (
            "一般公共预算“三公”经费支出情况表\n单位：万元\n"
            "2025年预算数\t\t\t\t\t\t2026年预算数\n"
            "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t"
            "公务用车购置及运行维护费\t\t\t公务接待费\n"
            "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\n"
            "20.00\t2.00\t15.00\t5.00\t10.00\t3.00\t14.30\t\t12.50\t\t12.50\t1.80\n"
        ),
        _figures("budget", "143000.00", "0.00", "18000.00", "125000.00", "0.00", "125000.00"),
    ),
    "changsha: 合计 row then each unit": (
        HEAD,
        (
            "2026年一般公共预算“三公”经费支出情况表\n单位：万元\n"
            "部门名称\t小计\t公务接待费\t因公出国（境）费\t公务用车购置及运行费\t其中：公务用车购置费\t其中：公务用车运行费\n"
            "合计\t8.00\t3.00\t\t5.00\t\t5.00\n"
            "某市某局\t6.00\t2.00\t\t4.00\t\t4.00\n"
            "某市某中心\t2.00\t1.00\t\t1.00\t\t1.00\n"
        ),
        _figures("budget", "80000.00", "0.00", "30000.00", "50000.00", "0.00", "50000.00"),
    ),
    "hangzhou: the department, then its units": (
        HEAD,
        (
            "2026年市级部门一般公共预算“三公”经费预算表\n单位：万元\n"
            "单位名称\t“三公”经费合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行费\t公务用车购置费\t公务用车运行费\n"
            "某市某局\t24.02\t6.00\t3.02\t15.00\t5.00\t10.00\n"
            "某市某局本级\t20.02\t6.00\t2.02\t12.00\t5.00\t7.00\n"
            "某市某中心\t4.00\t0.00\t1.00\t3.00\t0.00\t3.00\n"
        ),
        _figures("budget", "240200.00", "60000.00", "30200.00", "150000.00", "50000.00", "100000.00"),
    ),
    "fujian: a vertical list": (
        HEAD,
        (
            "2026年度一般公共预算“三公”经费支出预算表\n单位：万元\n"
            "项目\t预算数\n合计\t25.05\n1、因公出国(境)费用\t7.05\n2、公务接待费\t8.00\n3、公务用车购置及运行费\t10.00\n"
            "其中:(1)公务用车购置费\t0.00\n(2)公务用车运行费\t10.00\n"
        ),
        _figures("budget", "250500.00", "70500.00", "80000.00", "100000.00", "0.00", "100000.00"),
    ),
    "guangdong: 行政经费 and 三公 with 其中 rows": (
        HEAD,
        (
            "财政拨款安排的行政经费及“三公”经费预算表\n单位：万元\n"
            "项目\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\n"
            "行政经费\t839.21\t839.21\t0.00\t0.00\n“三公”经费\t19.86\t19.86\t0.00\t0.00\n"
            "其中：（一）因公出国（境）支出\t5.00\t5.00\t0.00\t0.00\n"
            "（二）公务用车购置及运行维护支出\t6.70\t6.70\t0.00\t0.00\n1.公务用车购置费\t0.00\t0.00\t0.00\t0.00\n"
            "2.公务用车运行维护费\t6.70\t6.70\t0.00\t0.00\n（三）公务接待费支出\t8.16\t8.16\t0.00\t0.00\n"
        ),
        _figures("budget", "198600.00", "50000.00", "81600.00", "67000.00", "0.00", "67000.00"),
    ),
    "shanghai: 三公 and 机关运行经费 in one table": (
        HEAD,
        (
            "2026年单位“三公”经费和机关运行经费预算表\n单位：万元\n"
            "“三公”经费预算数\t\t\t\t\t\t机关运行经费预算数\n"
            "合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行费\n"
            "\t\t\t小计\t购置费\t运行费\n"
            "237.92\t201.80\t8.12\t28.00\t\t28.00\t2,180.26\n"
        ),
        _figures("budget", "2379200.00", "2018000.00", "81200.00", "280000.00", "0.00", "280000.00"),
    ),
}
STATISTICS = {
    "guangdong: 行政经费 and 三公 with 其中 rows": {("administrative_cost", "total"): Decimal("8392100.00")},
    "shanghai: 三公 and 机关运行经费 in one table": {("operating_cost", "total"): Decimal("21802600.00")},
}


def _parse(tmp_path: Path, head: str, body: str, name: str = "budget.txt"):
    path = tmp_path / name
    path.write_text(head + body, encoding="utf-8")
    return read_document(path)


def _three_public(doc) -> dict[tuple[str, str], Decimal]:
    got: dict[tuple[str, str], Decimal] = {}
    for row in doc.three_public_amounts:
        assert (row.phase, row.item) not in got, f"{row.phase} {row.item} read twice"
        got[(row.phase, row.item)] = row.amount_yuan
    return got


@pytest.mark.parametrize("case", CASES)
def test_three_public_layout(tmp_path, case):
    head, body, expected = CASES[case]
    doc = _parse(tmp_path, head, body)
    assert _three_public(doc) == expected
    assert {(s.section, s.item): s.amount_yuan for s in doc.statistics if s.source == "table"} == STATISTICS.get(
        case, {}
    )
    assert [i for i in doc.issues if i.severity == "warning"] == []  # known columns only, and the sums hold


def test_unknown_column_is_kept_out_and_named(tmp_path):
    doc = _parse(
        tmp_path,
        HEAD,
        (
            "一般公共预算“三公”经费支出表\n单位：万元\n"
            "合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行费\t公务用车购置费\t公务用车运行费\t其他费用\n"
            "10.00\t2.00\t3.00\t5.00\t1.00\t4.00\t9.00\n"
        ),
    )
    assert _three_public(doc) == _figures(
        "budget", "100000.00", "20000.00", "30000.00", "50000.00", "10000.00", "40000.00"
    )
    assert [i.message for i in doc.issues] == ["column 7 (其他费用) is not a 三公 item: kept out"]


def test_vehicles_that_do_not_add_up_are_warned(tmp_path):
    doc = _parse(
        tmp_path,
        HEAD,
        (
            "一般公共预算“三公”经费支出表\n单位：万元\n"
            "合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行费\t公务用车购置费\t公务用车运行费\n"
            "10.00\t2.00\t3.00\t5.00\t1.00\t3.00\n"
        ),
    )
    messages = [i.message for i in doc.issues]
    assert len(messages) == 1 and messages[0].startswith("does not add up: 公务用车购置及运行费 (budget) is 50000.00")


# the fixture draws each text row's own cells, so only layouts whose header rows print every column
@pytest.mark.parametrize(
    "case", ["changsha: 合计 row then each unit", "hangzhou: the department, then its units", "fujian: a vertical list"]
)
def test_layout_from_a_pdf(tmp_path, case):
    head, body, expected = CASES[case]
    text = tmp_path / "source.txt"
    text.write_text(head + body, encoding="utf-8")
    pdf = tmp_path / "budget.pdf"
    pdf.write_bytes(render_pdf(text))
    doc = read_document(pdf)
    assert _three_public(doc) == expected
    assert [i for i in doc.issues if i.severity == "warning"] == []


# ----------------------------------------------------------------- header groups merged over columns
# Each header row as printed: cells separated by tabs, "label@k" a cell merged over k columns. The
# text version writes a merged cell as its label followed by blank cells (as a tab export does); the
# PDF version draws it as one ruled cell over its k columns (no rule inside), as government PDFs do.
MERGED = {
    "central final: 预算数 | 决算数 halves": (
        FINAL_HEAD,
        "一般公共预算财政拨款“三公”经费支出决算表",
        (
            "预算数@6\t决算数@6",
            "合计\t因公出国（境）费\t公务用车购置及运行维护费@3\t公务接待费\t合计\t因公出国（境）费\t"
            "公务用车购置及运行维护费@3\t公务接待费",
            "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t",
            "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12",
            "76.43\t30.00\t40.63\t\t40.63\t5.80\t46.21\t4.69\t40.61\t\t40.61\t0.90",
        ),
    ),
    "yantai: last year and this year side by side": (
        HEAD,
        "一般公共预算“三公”经费支出情况表",
        (
            "2025年预算数@6\t2026年预算数@6",
            "合计\t因公出国（境）费\t公务用车购置及运行维护费@3\t公务接待费\t合计\t因公出国（境）费\t"
            "公务用车购置及运行维护费@3\t公务接待费",
            "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t",
            "20.00\t2.00\t15.00\t5.00\t10.00\t3.00\t14.30\t\t12.50\t\t12.50\t1.80",
        ),
    ),
    "jiangsu: 合计 with 会议费/培训费, 三公 小计": (
        HEAD,
        "“三公”经费、会议费、培训费支出预算表",
        (
            "合计\t“三公”经费@6\t会议费\t培训费",
            "\t小计\t因公出国（境）费\t公务用车购置及运行维护费@3\t公务接待费\t\t",
            "\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t",
            "1,852.32\t676.10\t76.00\t156.60\t\t156.60\t443.50\t1,094.62\t81.60",
        ),
    ),
    "shanghai: 三公 and 机关运行经费 in one table": (
        HEAD,
        "2026年单位“三公”经费和机关运行经费预算表",
        (
            "“三公”经费预算数@6\t机关运行经费预算数",
            "合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行费@3\t",
            "\t\t\t小计\t购置费\t运行费\t",
            "237.92\t201.80\t8.12\t28.00\t\t28.00\t2,180.26",
        ),
    ),
}
# layouts only a ruled PDF (or a sheet's merges) can print: a tab export cannot say which columns
# 因公出国（境）费 heads when it also prints 因公出国（境）费 as one of its own sub-columns
MERGED_ONLY = {
    "jilin: 合计, then 当年预算 | 上年结转, 因公出国 with 科研 part": (
        HEAD,
        "本年一般公共预算“三公”经费支出表",
        (
            "“三公”经费合计\t当年预算@8\t上年结转结余@8",
            "\t小计\t因公出国（境）费@3\t公务用车购置及运行费@3\t公务接待费\t小计\t因公出国（境）费@3\t"
            "公务用车购置及运行费@3\t公务接待费",
            "\t\t小计\t因公出国（境）费\t科研因公出国（境）费用\t小计\t公务用车购置费\t公务用车运行费\t\t"
            "\t小计\t因公出国（境）费\t科研因公出国（境）费用\t小计\t公务用车购置费\t公务用车运行费\t",
            "9.61\t7.61\t1.00\t0.60\t0.40\t5.75\t\t5.75\t0.86\t2.00\t\t\t\t2.00\t\t2.00\t",
        ),
        _figures("budget", "76100.00", "10000.00", "8600.00", "57500.00", "0.00", "57500.00"),
    ),
}
COLUMN = 80.0


def _cells(row: str) -> list[tuple[str, int]]:
    """(label, columns spanned) of each printed cell of a row written with "label@k"."""
    cells = []
    for cell in row.split("\t"):
        label, _, span = cell.partition("@")
        cells.append((label, int(span) if span else 1))
    return cells


def _as_text(head: str, title: str, rows: tuple[str, ...]) -> str:
    body = ["\t".join(label + "\t" * (span - 1) for label, span in _cells(row)) for row in rows]
    return head + f"{title}\n单位：万元\n" + "\n".join(body) + "\n"


def _as_ruled_pdf(head: str, title: str, rows: tuple[str, ...]) -> bytes:
    """The table drawn as a ruled grid whose merged header cells have no rule inside them."""
    from reportlab.pdfgen import canvas

    from tests.pdf_fixtures import FONT, ROW, SIZE, _register

    _register()
    width = max(sum(span for _, span in _cells(row)) for row in rows)
    page = (width * COLUMN + 60, 400.0)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=page)
    pdf.setFont(FONT, SIZE)
    y = page[1] - 30
    for text in [*head.splitlines(), title, "单位：万元"]:
        pdf.drawString(30, y, text)
        y -= ROW
    for row in rows:
        x = 30.0
        pdf.line(x, y - 3, x, y + ROW - 3)
        for label, span in _cells(row):
            pdf.drawString(x + 3, y, label)
            x += span * COLUMN
            pdf.line(x, y - 3, x, y + ROW - 3)
        pdf.line(30, y + ROW - 3, 30 + width * COLUMN, y + ROW - 3)
        pdf.line(30, y - 3, 30 + width * COLUMN, y - 3)
        y -= ROW
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize("source", ["text", "pdf"])
@pytest.mark.parametrize("case", MERGED)
def test_header_groups_merged_over_columns(tmp_path, case, source):
    """Groups (预算数/决算数, years, 三公 › 公务用车 › 购置/运行) head exactly the columns they are
    printed over, in a tab export and in a PDF whose merged cells are ruled as one."""
    head, title, rows = MERGED[case]
    if source == "text":
        path = tmp_path / "budget.txt"
        path.write_text(_as_text(head, title, rows), encoding="utf-8")
    else:
        path = tmp_path / "budget.pdf"
        path.write_bytes(_as_ruled_pdf(head, title, rows))
    doc = read_document(path)
    assert _three_public(doc) == CASES[case][2]
    assert {(s.section, s.item): s.amount_yuan for s in doc.statistics if s.source == "table"} == STATISTICS.get(
        case, {}
    )
    assert [i for i in doc.issues if i.severity == "warning"] == []


def test_header_row_drawn_off_its_columns_is_warned_never_misfiled(tmp_path):
    """A sub-header row drawn from the first column (in reading order) instead of over the
    vehicle columns: its labels are not placed over the figures they do not head, and are named."""
    rows = (
        "合计\t因公出国（境）费\t公务用车购置及运行维护费@3\t公务接待费",
        "小计\t公务用车购置费\t公务用车运行维护费",
        "10.00\t2.00\t5.00\t1.00\t4.00\t3.00",
    )
    path = tmp_path / "budget.pdf"
    path.write_bytes(_as_ruled_pdf(HEAD, "一般公共预算“三公”经费支出表", rows))
    doc = read_document(path)
    got = _three_public(doc)
    assert got == {
        ("budget", "total"): Decimal("100000.00"),
        ("budget", "overseas_travel"): Decimal("20000.00"),
        ("budget", "official_reception"): Decimal("30000.00"),
    }
    messages = [i.message for i in doc.issues if i.severity == "warning"]
    lost = "header labels ['公务用车购置费', '公务用车运行维护费'] not placed over columns: their figures are kept out"
    assert lost in messages
    assert "two columns read as budget vehicles_total: both kept out" in messages


def test_a_table_without_three_public_columns_gives_no_total():
    """An economic table's rows (30212 因公出国(境)费用, 30217 公务接待费) taken for a 三公 table: its
    支出总计 column is not the 三公 total; nothing is read and the table is named in a warning."""
    from loaders.model import Line
    from loaders.parse.tables import PARSERS, TableContext

    texts = [
        ("预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"),
        ("", "30202", "印刷费", "98.22", "12.83", "85.39"),
        ("", "30212", "因公出国(境)费用", "16.80", "16.80", "0.00"),
        ("", "30217", "公务接待费", "11.56", "11.56", "0.00"),
    ]
    lines = tuple(Line("\t".join(cells), cells, n, page=1) for n, cells in enumerate(texts, start=1))
    facts = PARSERS["three_public"](TableContext("three_public", "表8", "万元", lines, "budget.pdf", 2026))
    assert facts.rows == []
    assert [i.message for i in facts.issues] == ["no 三公 item among the column labels: not read"]


@pytest.mark.parametrize("case", MERGED_ONLY)
def test_header_groups_merged_over_columns_pdf_only(tmp_path, case):
    head, title, rows, expected = MERGED_ONLY[case]
    path = tmp_path / "budget.pdf"
    path.write_bytes(_as_ruled_pdf(head, title, rows))
    doc = read_document(path)
    assert _three_public(doc) == expected
    assert [i for i in doc.issues if i.severity == "warning"] == []
