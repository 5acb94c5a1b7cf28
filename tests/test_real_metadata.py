"""Metadata of every document in shared/real (README table): department, year, kind, scope, region.

Only the first pages of each PDF are extracted (the cover, the 目录 and the first tables):
metadata is read from there, and extracting all 38 documents whole takes minutes.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from loaders.extract import extract_lines
from loaders.parse.document.metadata import read_metadata

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real" / "docs"
PAGES = 8
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="shared/real is not beside the clone")

B, F, D, U = "budget", "final_account", "department", "unit"
# file: (department, year, kind, scope) as README.md's table lists them (NFKC: the department_key)
EXPECTED = {
    "bj-2026-budget-justice-bureau-text.pdf": ("北京市司法局", 2026, B, D),
    "cn-2024-final-national-public-complaints-bureau.pdf": ("国家信访局", 2024, F, D),
    "cn-2026-budget-national-public-complaints-bureau.pdf": ("国家信访局", 2026, B, D),
    "cq-2026-budget-science-technology-bureau.pdf": ("重庆市科学技术局", 2026, B, D),
    "fj-fuzhou-2026-budget-unit-civil-affairs-bureau-own.pdf": ("福州市民政局(本级)", 2026, B, U),
    "fj-quanzhou-2026-budget-government-office.pdf": ("泉州市人民政府办公室", 2026, B, D),
    "gd-foshan-2019-final-rail-transit-bureau.pdf": ("佛山市轨道交通局", 2019, F, D),
    "gd-guangzhou-2026-budget-statistics-bureau.pdf": ("广州市统计局", 2026, B, D),
    "gd-shenzhen-2026-budget-statistics-bureau.pdf": ("深圳市统计局(本级)", 2026, B, D),
    "gd-zhuhai-2026-budget-commerce-bureau.pdf": ("珠海市商务局", 2026, B, D),
    # README adds the unit the page is about (郑州市土地储备中心); the page is titled by the bureau
    "ha-zhengzhou-2015-budget-land-reserve-center.html": ("郑州市国土资源局", 2015, B, D),
    "hn-changsha-2025-budget-public-security-bureau.pdf": ("长沙市公安局", 2025, B, D),
    "hn-changsha-2026-budget-public-complaints-bureau.pdf": ("长沙市信访局", 2026, B, D),
    "jl-changchun-2026-budget-public-complaints-bureau-own.pdf": ("长春市信访局(本级)", 2026, B, D),
    "js-2017-budget-provincial-cppcc-general-office-tables.pdf": ("江苏省政协办公厅", 2017, B, D),
    "js-2017-budget-provincial-cppcc-general-office-text.pdf": ("江苏省政协办公厅", 2017, B, D),
    "js-2017-budget-provincial-npc-standing-committee-office.pdf": ("江苏省人大常委会办公厅", 2017, B, D),
    "js-2018-budget-provincial-high-court.pdf": ("江苏省高级人民法院", 2018, B, D),
    "js-2018-budget-provincial-party-committee-general-office-tables.pdf": ("中共江苏省委办公厅", 2018, B, D),
    "js-2018-budget-provincial-party-committee-general-office-text.pdf": ("中共江苏省委办公厅", 2018, B, D),
    "js-suzhou-2026-budget-audit-bureau.pdf": ("苏州市审计局", 2026, B, D),
    "js-wuxi-2025-budget-public-complaints-bureau.pdf": ("无锡市信访局", 2025, B, D),
    "js-wuxi-2026-budget-unit-transport-bureau-own.pdf": ("无锡市交通运输局(本级)", 2026, B, U),
    "sd-yantai-2026-budget-statistics-bureau.pdf": ("烟台市统计局", 2026, B, D),
    "sh-2026-budget-unit-audit-bureau-own.pdf": ("上海市审计局", 2026, B, U),
    "sh-2026-budget-unit-statistics-big-data-institute.pdf": (
        "上海市统计和大数据研究院(上海市统计数据管理中心)",
        2026,
        B,
        U,
    ),
    "sn-xian-2019-budget-development-reform-commission-text.pdf": ("西安市发展和改革委员会", 2019, B, D),
    "sn-xian-2019-budget-work-safety-bureau-tables.pdf": ("西安市安全生产监督管理局", 2019, B, D),
    "sn-xian-2020-budget-human-resources-social-security.pdf": ("西安市人力资源和社会保障局", 2020, B, D),
    "sn-xian-2021-budget-publicity-department.pdf": ("中共西安市委宣传部", 2021, B, D),
    "sn-xian-2022-budget-healthcare-security-bureau.pdf": ("西安市医疗保障局", 2022, B, D),
    "sn-xian-2022-final-health-commission-consolidated.pdf": ("西安市卫生健康委员会(汇总)", 2022, F, D),
    "sn-xian-2026-budget-statistics-bureau-consolidated.pdf": ("西安市统计局(汇总)", 2026, B, D),
    "zj-hangzhou-2026-budget-meteorological-bureau.pdf": ("杭州市气象局", 2026, B, D),
    "zj-huzhou-2026-budget-finance-bureau.pdf": ("湖州市财政局", 2026, B, D),
}
# not 预算/决算 disclosures: a project evaluation report and a 绩效目标表 annex (no kind of their own)
NOT_DISCLOSURES = {
    "hn-changsha-2020-perf-eval-sasac-project.pdf": ("长沙市人民政府国有资产监督管理委员会", 2020),
}
# file: (region_name, province, prefecture, county, adcode, admin_level)
REGIONS = {
    "cn-2024-final-national-public-complaints-bureau.pdf": ("中央", None, None, None, "100000", "central"),
    "bj-2026-budget-justice-bureau-text.pdf": ("北京市", "北京市", None, None, "110000", "province"),
    "js-2018-budget-provincial-high-court.pdf": ("江苏省", "江苏省", None, None, "320000", "province"),
    "zj-huzhou-2026-budget-finance-bureau.pdf": ("湖州市", "浙江省", "湖州市", None, "330500", "city"),
    "sn-xian-2021-budget-publicity-department.pdf": ("西安市", "陕西省", "西安市", None, "610100", "city"),
    "jl-changchun-2026-budget-public-complaints-bureau-own.pdf": ("长春市", "吉林省", "长春市", None, "220100", "city"),
}


@pytest.fixture(scope="module")
def metadata() -> dict:
    """Each real document's metadata, read once for the module from its first pages."""
    cache = {}

    def read(name: str):
        if name not in cache:
            cache[name] = read_metadata(extract_lines(REAL / name, max_pages=PAGES))
        return cache[name]

    return read


def test_the_table_covers_every_document():
    listed = (
        set(EXPECTED)
        | set(NOT_DISCLOSURES)
        | {"bj-2026-budget-justice-bureau-tables.pdf", "gd-guangzhou-2026-perf-targets-data-bureau-projects.pdf"}
    )
    assert listed == {p.name for p in REAL.iterdir()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_department_year_kind_scope(metadata, name):
    """The table lists each name's key (NFKC); the document keeps the name as the PDF prints it."""
    meta = metadata(name)
    assert (meta.department_key, meta.fiscal_year, meta.document_kind, meta.disclosure_scope) == EXPECTED[name]
    assert unicodedata.normalize("NFKC", meta.department) == meta.department_key


def test_full_width_brackets_are_kept_as_the_pdf_prints_them(metadata):
    assert metadata("gd-shenzhen-2026-budget-statistics-bureau.pdf").department == "深圳市统计局（本级）"
    assert metadata("jl-changchun-2026-budget-public-complaints-bureau-own.pdf").department == "长春市信访局（本级）"


@pytest.mark.parametrize("name", sorted(NOT_DISCLOSURES))
def test_reports_are_not_given_a_kind(metadata, name):
    meta = metadata(name)
    assert (meta.department, meta.fiscal_year, meta.document_kind) == (*NOT_DISCLOSURES[name], None)


def test_a_name_wrapped_inside_a_table_cell_is_read_whole(metadata):
    """The Guangzhou annex names its department only inside a wrapped table cell
    ("广州市政务服务和" / "数据管理局"): the whole name, never half of one."""
    name = metadata("gd-guangzhou-2026-perf-targets-data-bureau-projects.pdf").department
    assert name == "广州市政务服务和数据管理局"


def test_a_tables_part_named_only_in_its_last_table():
    """Beijing's 附件2 has no cover; its name is the cell after 部门名称 in the 部门整体绩效目标表 on
    page 47, so the whole file is read."""
    meta = read_metadata(extract_lines(REAL / "bj-2026-budget-justice-bureau-tables.pdf"))
    assert (meta.department, meta.fiscal_year, meta.document_kind, meta.disclosure_scope) == (
        "北京市司法局",
        2026,
        "budget",
        "department",
    )


@pytest.mark.parametrize("name", sorted(REGIONS))
def test_region_from_the_national_division_codes(metadata, name):
    meta = metadata(name)
    assert (meta.region_name, meta.province, meta.prefecture, meta.county, meta.adcode, meta.admin_level) == REGIONS[
        name
    ]


def test_department_code_printed_before_the_name():
    """Huzhou prints "341-湖州市财政局" on its tables only (page 17 on): the whole file is read."""
    meta = read_metadata(extract_lines(REAL / "zj-huzhou-2026-budget-finance-bureau.pdf"))
    assert (meta.department, meta.department_code) == ("湖州市财政局", "341")


def test_printed_scope(metadata):
    assert metadata("fj-fuzhou-2026-budget-unit-civil-affairs-bureau-own.pdf").printed_scope == "单位(本级)"
    assert metadata("sn-xian-2026-budget-statistics-bureau-consolidated.pdf").printed_scope == "部门(汇总)"


# the halves of split publications (README: "Split publications"), the web page whose tables were
# an .xls attachment, and a complete document whose 目录 runs straight into its prose
PARTS = {
    "bj-2026-budget-justice-bureau-text.pdf": "text",
    "js-2017-budget-provincial-cppcc-general-office-tables.pdf": "tables",
    "js-2017-budget-provincial-cppcc-general-office-text.pdf": "text",
    "js-2018-budget-provincial-party-committee-general-office-tables.pdf": "tables",
    "js-2018-budget-provincial-party-committee-general-office-text.pdf": "text",
    "sn-xian-2019-budget-development-reform-commission-text.pdf": "text",
    "sn-xian-2019-budget-work-safety-bureau-tables.pdf": "tables",
    "ha-zhengzhou-2015-budget-land-reserve-center.html": "text",
    "sh-2026-budget-unit-audit-bureau-own.pdf": "complete",
}


@pytest.mark.parametrize("name", sorted(PARTS))
def test_document_part(name):
    from loaders.reading import read_document

    doc = read_document(REAL / name)
    assert doc.meta.document_part == PARTS[name]
    if PARTS[name] == "text":  # the titles of its 目录 open no table
        assert doc.tables == () and doc.functional_amounts == () and doc.narrative_facts
    if PARTS[name] == "tables":
        assert any(not t.is_empty for t in doc.tables)
