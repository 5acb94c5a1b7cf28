"""Metadata from covers and titles as departments print them: one case per layout feature."""

from __future__ import annotations

import pytest

from loaders.model import Line
from loaders.parse.document.correction import read_correction
from loaders.parse.document.metadata import read_metadata
from loaders.parse.document.region import locate


def lines(*texts: str) -> list[Line]:
    return [Line(text=t, cells=tuple(t.split("\t")), lineno=n) for n, t in enumerate(texts, start=1)]


PROSE = "收入预算合计100.00万元，比2023年预算增加10.00万元，比2023年预算数增长。"

# (cover and first lines, department, year, kind, scope, printed scope)
CASES = {
    "name wrapped over two cover lines": (
        ("中共上海市普陀区委", "宣传部", "2024年度部门预算", "目 录", "第一部分 部门概况"),
        "中共上海市普陀区委宣传部",
        2024,
        "budget",
        "department",
        "部门",
    ),
    "year before the name in the title": (
        ("2019 年佛山市轨道交通局部门决算", "目 录"),
        "佛山市轨道交通局",
        2019,
        "final_account",
        "department",
        "部门",
    ),
    "title below the name, prose comparing years": (
        ("湖州市财政局", "2024年部门预算", "一、部门职责", "负责编制市级预算、决算草案，组织决算审查。", PROSE, PROSE),
        "湖州市财政局",
        2024,
        "budget",
        "department",
        "部门",
    ),
    "title wrapped round the name": (
        ("2026 年度", "福州市民政局(本级)", "单位预算", "目录"),
        "福州市民政局(本级)",
        2026,
        "budget",
        "unit",
        "单位(本级)",
    ),
    "本级 on a 部门预算 is a department's": (
        ("长沙市公安局(本级)", "2025年部门预算公开"),
        "长沙市公安局(本级)",
        2025,
        "budget",
        "department",
        "部门(本级)",
    ),
    "汇总 as printed": (
        ("西安市统计局(汇总)2026年部门预算",),
        "西安市统计局(汇总)",
        2026,
        "budget",
        "department",
        "部门(汇总)",
    ),
    "a section heading is never the name": (
        ("第一部分部门概况", "2023年度部门决算公开", "部门名称：汾阳市行政审批服务管理局"),
        "汾阳市行政审批服务管理局",
        2023,
        "final_account",
        "department",
        "部门",
    ),
    "label on the cover": (
        ("江苏省2018年度", "省级部门预算公开报表", "部 门：中共江苏省委办公厅", "江苏省财政厅印制"),
        "中共江苏省委办公厅",
        2018,
        "budget",
        "department",
        "部门",
    ),
    "tables only: kind and year from the tables' titles": (
        ("表一", "收支预算总表", "部门：江苏省政协办公厅\t单位：万元", "表二", "2017年政府采购预算表"),
        "江苏省政协办公厅",
        2017,
        "budget",
        "department",
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_cover_and_title(case):
    texts, *expected = CASES[case]
    meta = read_metadata(lines(*texts))
    assert [
        meta.department,
        meta.fiscal_year,
        meta.document_kind,
        meta.disclosure_scope,
        meta.printed_scope,
    ] == expected


def test_department_code_printed_before_the_name():
    meta = read_metadata(lines("2026年湖州市财政局部门预算", "341-湖州市财政局\t单位：万元"))
    assert (meta.department, meta.department_code) == ("湖州市财政局", "341")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("中共上海市普陀区委宣传部", ("普陀区", "上海市", None, "普陀区", "310107", "county")),
        ("汾阳市行政审批服务管理局", ("汾阳市", "山西省", "吕梁市", "汾阳市", "141182", "county")),
        ("湖州市财政局", ("湖州市", "浙江省", "湖州市", None, "330500", "city")),
        ("重庆市科学技术局", ("重庆市", "重庆市", None, None, "500000", "province")),
        ("国家信访局", ("中央", None, None, None, "100000", "central")),
        ("国家税务总局湖州市税务局", ("湖州市", "浙江省", "湖州市", None, "330500", "city")),
    ],
)
def test_region(name, expected):
    region = locate(name)
    assert (
        region.region_name,
        region.province,
        region.prefecture,
        region.county,
        region.adcode,
        region.admin_level,
    ) == expected


def test_a_bare_name_shared_by_two_places_is_not_guessed():
    assert locate("普陀区财政局") is None  # 上海市普陀区 and 舟山市普陀区


@pytest.mark.parametrize(
    "texts, expected",
    [
        (
            ("某某局2024年度部门预算（更正版）", "更正说明：公开表3“三公”经费填报有误，现重新公开。", "一、部门职责"),
            (True, "公开表3“三公”经费填报有误，现重新公开。"),
        ),
        (("某某局2024年度部门预算（更正）", "目录"), (True, None)),
        (
            (
                "某某局2024年度部门预算（更正版）",
                "目录",
                "更正说明......1",
                "一、部门职责",
                "更正说明",
                "表3填报有误。",
            ),
            (True, "表3填报有误。"),
        ),
        (("某某局2024年度部门预算", "目录", "一、部门职责"), (False, None)),
    ],
)
def test_correction(texts, expected):
    assert read_correction(lines(*texts)) == expected


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("二〇二五年七月", "2025-07-01"),
        ("2026年2月14日", "2026-02-14"),
        ("2015-03-05", "2015-03-05"),
        ("二〇二四年十二月二十三日", "2024-12-23"),
        ("自2023年1月1日起施行。", None),
    ],
)
def test_cover_date(printed, expected):
    meta = read_metadata(lines("国家信访局", "2024年度部门决算", printed, "目 录"))
    assert (str(meta.published_on) if meta.published_on else None) == expected


def test_parse_json_prints_the_new_metadata_beside_the_contract_keys(tmp_path):
    import json
    from pathlib import Path

    from loaders.parse.render import render_document
    from loaders.reading import read_document

    seed = Path(__file__).resolve().parents[1] / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt"
    path = tmp_path / "dated.txt"
    path.write_text(
        seed.read_text(encoding="utf-8").replace("2023年度部门决算公开", "2023年度部门决算公开\n二〇二四年五月", 1),
        encoding="utf-8",
    )
    meta = json.loads(render_document(read_document(path), "json"))["meta"]
    contract = (
        "department",
        "fiscal_year",
        "document_kind",
        "disclosure_scope",
        "source_unit",
        "region_name",
        "province",
        "admin_level",
        "department_code",
    )
    assert set(contract) <= set(meta)
    assert (meta["published_on"], meta["document_part"], meta["adcode"], meta["printed_scope"]) == (
        "2024-05-01",
        "complete",
        "141182",
        "部门",
    )
