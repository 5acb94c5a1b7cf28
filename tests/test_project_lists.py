"""项目支出表 layout families read as ``budget_list`` projects, as text and as the same text drawn into a PDF.

- a header ruled apart from its rows (each row drawn with its own rules, names wrapped over
  lines, figures on a line of their own): read in reading order, as the text is (seed 002);
- units by 单位编码 with their projects beneath (Xi'an 专项业务经费支出表): names wrapped around
  their amount among the lines of a long 项目简介, category rows told by their arithmetic,
  every unit checked against Σ its projects;
- 单位名称 and 项目名称 in columns of their own, a unit name wrapped around its row, a code
  printed before the unit name, and an untitled 绩效表 with the same projects after it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.parse.grid.subtotal_levels import levels
from loaders.parse.grid.wrapped_cells import Mark, assign_centred
from loaders.reading import read_document
from tests.pdf_fixtures import ruled_table_pdf
from tests.written_documents import parse_written

HEAD = "某市某局2023年部门预算\n第二部分 2023年部门预算表\n"


def budget_list(doc) -> list[tuple[str, str | None, Decimal]]:
    return [(p.name, p.implementing_unit, p.budget_full_year_yuan) for p in doc.projects if p.phase == "budget_list"]


def warnings(doc, table_word: str) -> list[str]:
    return [i.message for i in doc.issues if i.table and table_word in i.table]


# ------------------------------------------------------------------ header ruled apart from its rows

APART = (  # as a PDF-to-text tool prints it: space-aligned, names indented by ideographic spaces
    "2023年项目支出预算表\n\n部门名称：某市某局 单位：万元\n\n项目名称 合计\n\n2023年财政拨款\n"
    "一般公共预算\n\n1 2 3 4 5 6 7\n\n"
    "\u3000\u30002023年保运转经费 40.00 40.00     \n\n"
    "\u3000\u3000社会团体、民办非企业单位)离任\n审计、注销清算报告审计费用\n\n16.50 16.50     \n\n"
    "\u3000\u3000档案整理和数字化建设项目 98.38 98.38     \n\n"
)


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_header_ruled_apart_from_its_rows_reads_in_reading_order(tmp_path, pdf):
    """The 合计 column of the header holds none of the rows' figures: the rows are not read by it."""
    doc = parse_written(tmp_path, HEAD + APART, pdf)
    assert budget_list(doc) == [
        ("2023年保运转经费", None, Decimal("400000.00")),
        ("社会团体、民办非企业单位)离任审计、注销清算报告审计费用", None, Decimal("165000.00")),
        ("档案整理和数字化建设项目", None, Decimal("983800.00")),
    ]


# ------------------------------------------------------------------ units by code, projects beneath

UNIT_CODED = (
    "2023年部门综合预算专项业务经费支出表\n单位:万元\n"
    "单位编码\t单位(项目)名称\t项目金额\t项目简介\n"
    "**\t**\t**\t**\n"
    "\t合计\t100.00\t\n"
    "101\t某市某局\t100.00\t\n"
    "101001\t某市某局\t{unit}\t\n"
    "\t\t\t依据有关规定开展安全检查\n"
    "\t安全生产业务费(含聘请\t\t防止重特大事故的发生\n"
    "\t专家费用、许可证发放\t60.00\t申请市财政预算拨款60万元\n"
    "\t经费)\t\t\n"
    "\t\t\t用于办公、差旅、办案\n"
    "\t驻局纪检组专项经费\t10.00\t\n"
    "101002\t某市某中心\t30.00\t\n"
    "\t通用项目\t30.00\t\n"
    "\t委托咨询业务\t30.00\t\n"
    "\t法律咨询服务\t12.00\t\n"
    "\t统计调查监测\t18.00\t\n"
)
UNIT_CODED_PROJECTS = [
    ("安全生产业务费(含聘请专家费用、许可证发放经费)", "某市某局", Decimal("600000.00")),
    ("驻局纪检组专项经费", "某市某局", Decimal("100000.00")),
    ("法律咨询服务", "某市某中心", Decimal("120000.00")),
    ("统计调查监测", "某市某中心", Decimal("180000.00")),
]


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_units_by_code_with_wrapped_names_and_categories(tmp_path, pdf):
    doc = parse_written(tmp_path, HEAD + UNIT_CODED.format(unit="70.00"), pdf)
    assert [t.kind for t in doc.tables] == ["project_expenditure"]
    assert budget_list(doc) == UNIT_CODED_PROJECTS
    assert doc.functional_amounts == ()  # unit codes are no 功能分类 codes
    assert warnings(doc, "专项业务经费") == []


@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_a_unit_that_does_not_add_up_is_named(tmp_path, pdf):
    doc = parse_written(tmp_path, HEAD + UNIT_CODED.format(unit="75.00"), pdf)
    assert budget_list(doc) == UNIT_CODED_PROJECTS
    assert warnings(doc, "专项业务经费") == [
        "does not add up: 101 某市某局 is 1000000.00 but Σ its units make 1050000.00 "
        "(difference -50000.00, tolerance 150.00 yuan)",
        "does not add up: 101001 某市某局 is 750000.00 but Σ its projects make 700000.00 "
        "(difference 50000.00, tolerance 150.00 yuan)",
    ]


# ------------------------------------------------------------------ 单位名称 | 项目名称 columns

NAMED = (
    "2023年市级部门项目支出预算表\n部门名称:某市某局\t单位:万元\n"
    "单位名称\t项目名称\t总计\t一般公共预算\n"
    "**\t**\t1\t2\n"
    "\t合计\t30.00\t30.00\n"
    "[101001]某市某局\t业务建设\t20.00\t20.00\n"
    "某市某服务中心(某市预\t\t\t\n"
    "\t系统维护\t10.00\t10.00\n"
    "警信息发布中心)\t\t\t\n"
    "2023年市级部门项目支出绩效表\n"
    "单位名称\t项目名称\t金额\t绩效目标\n"
    "某市某局\t业务建设\t20.00\t提升监测能力\n"
)


def test_unit_and_project_columns_in_text(tmp_path):
    """Tab text drops the blank cells after a piece of a wrapped unit name, which then has no column:
    that unit stays unknown, never misplaced; the 绩效表 after the list adds no project."""
    doc = parse_written(tmp_path, HEAD + NAMED, pdf=False)
    assert budget_list(doc) == [
        ("业务建设", "某市某局", Decimal("200000.00")),
        ("系统维护", None, Decimal("100000.00")),
    ]
    assert warnings(doc, "项目支出") == []


def test_unit_code_beside_unit_and_project_name_columns(tmp_path):
    """单位编码 | 单位名称 | 项目名称 | 金额: each row names its unit and its project in their own columns."""
    table = (
        "2023年项目支出预算表\n单位:万元\n单位编码\t单位名称\t项目名称\t金额\n\t\t合计\t30.00\n"
        "101001\t某市某局\t业务建设\t20.00\n101002\t某市某中心\t系统维护\t10.00\n"
    )
    doc = parse_written(tmp_path, HEAD + table, pdf=False)
    assert budget_list(doc) == [
        ("业务建设", "某市某局", Decimal("200000.00")),
        ("系统维护", "某市某中心", Decimal("100000.00")),
    ]
    assert warnings(doc, "项目支出") == []


def test_unit_and_project_columns_in_a_ruled_pdf(tmp_path):
    """Each printed line a ruled row: the unit name's pieces stand in its column around the row's line."""
    rows = [[c for c in line.split("\t")] for line in NAMED.splitlines()[2:9]]
    width = max(len(r) for r in rows)
    path = tmp_path / "list.pdf"
    path.write_bytes(
        ruled_table_pdf([*HEAD.splitlines(), *NAMED.splitlines()[:2]], [r + [""] * (width - len(r)) for r in rows])
    )
    doc = read_document(path)
    assert budget_list(doc) == [
        ("业务建设", "某市某局", Decimal("200000.00")),
        ("系统维护", "某市某服务中心(某市预警信息发布中心)", Decimal("100000.00")),
    ]
    assert warnings(doc, "项目支出") == []


# ------------------------------------------------------------------ the two mechanisms alone


@pytest.mark.parametrize(
    "amounts, parent, expected",
    [
        ((5, 3, 2), 10, [1, 1, 1]),  # a plain list
        ((6, 4, 2, 3, 1, 2), 9, [1, 2, 2, 1, 2, 2]),  # categories over their items
        ((9, 5, 5, 4, 4), 9, [1, 2, 3, 2, 3]),  # 通用项目 › 委托咨询业务 › items
        ((10, 5, 5), 20, [1, 1, 1]),  # 10 = 5 + 5 by chance: the list still adds up flat
        ((5, 3, 1), 10, None),  # adds up at no depth
    ],
)
def test_levels_by_arithmetic(amounts, parent, expected):
    def close(total, printed, n):
        return total == printed

    assert levels([Decimal(a) for a in amounts], Decimal(parent), close) == expected


def test_pieces_go_to_the_row_they_are_centred_on():
    """Two rows 40 pt apart; the first's name wraps over three lines, the second's over two around it."""
    anchors = [Mark(1, 100.0), Mark(1, 140.0)]
    pieces = [(-1, Mark(1, 94.0)), (0, Mark(1, 106.0)), (0, Mark(1, 137.0)), (1, Mark(1, 143.0))]
    groups, errors = assign_centred(anchors, pieces)
    assert groups == [[0, 1], [2, 3]]
    assert errors == [0.0, 0.0]
