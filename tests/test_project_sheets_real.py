"""Project sheets of real publications (../shared/real): each PDF parsed once per session.

Figures are as printed on the pages (checked in pdfminer's text of each page); counts,
list lengths and line numbers are regression snapshots, kept apart in
``tests/project_sheet_snapshots.py`` (they say the parse changed, not what is right); the
documents' own arithmetic is the other oracle: a 合计 equals its rows, a 总分 equals the
预算执行 得分 plus the indicators' 得分.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.parse.vocabulary.sheets import PERSONAL
from loaders.reading import read_document

from project_sheet_snapshots import SNAPSHOTS, snapshot

DOCS = Path(__file__).resolve().parents[1] / ".." / "shared" / "real" / "docs"
GUANGZHOU = "gd-guangzhou-2026-perf-targets-data-bureau-projects.pdf"
CHANGSHA = "hn-changsha-2020-perf-eval-sasac-project.pdf"
NATIONAL = "cn-2024-final-national-public-complaints-bureau.pdf"
XIAN = "sn-xian-2022-final-health-commission-consolidated.pdf"
NATIONAL_BUDGET = "cn-2026-budget-national-public-complaints-bureau.pdf"
XIAN_BUDGET = "sn-xian-2026-budget-statistics-bureau-consolidated.pdf"
XIAN_2022_BUDGET = "sn-xian-2022-budget-healthcare-security-bureau.pdf"
FUZHOU = "fj-fuzhou-2026-budget-unit-civil-affairs-bureau-own.pdf"
YANTAI = "sd-yantai-2026-budget-statistics-bureau.pdf"
WAN = Decimal(10000)


@pytest.fixture(scope="session")
def real():
    """name → Document, parsed on first use (the 171-page Xi'an file takes a while)."""
    if not DOCS.is_dir():
        pytest.skip(f"the real corpus is not beside the clone ({DOCS.resolve()} absent)")
    parsed: dict = {}

    def get(name: str):
        if name not in parsed:
            parsed[name] = read_document(DOCS / name)
        return parsed[name]

    return get


def _by_name(doc):
    return {p.name: p for p in doc.projects}


def _sheet_warnings(doc):
    return [i for i in doc.issues if i.severity == "warning" and i.table and "表" in i.table and "项目" in i.table]


def test_guangzhou_target_table_is_a_budget_of_70_projects(real):
    doc = real(GUANGZHOU)
    assert (doc.meta.document_kind, doc.meta.fiscal_year) == ("budget", 2026)
    assert len(doc.projects) == snapshot("guangzhou_projects") and {p.phase for p in doc.projects} == {"target"}
    # its text is table cells, not prose: no narrative facts are made of "≥99.5%"
    assert not doc.issues and not doc.narrative_facts
    # page 1 prints 合计 86,246.64 万元: the projects add up to it within the rounding of their
    # cells (half of 0.01 万元 each, so no warning), as do the four 资金使用单位 subtotals
    rows = sum(p.budget_full_year_yuan for p in doc.projects)
    assert abs(rows - Decimal("86246.64") * WAN) <= len(doc.projects) * Decimal("0.005") * WAN
    assert [u for u in dict.fromkeys(p.implementing_unit for p in doc.projects)] == [
        "广州市政务服务和数据管理局",
        "广州市数字政府运营中心",
        "广州市政务服务中心",
        "广州市市长专线电话受理中心",
    ]


def test_guangzhou_wrapped_names_goals_and_indicator_cells(real):
    projects = _by_name(real(GUANGZHOU))
    hotline = projects["广州12345政务服务便民热线平台运营项目"]  # name wrapped over three lines
    assert hotline.budget_full_year_yuan == Decimal("12000.00") * WAN
    assert hotline.annual_goal.startswith("通过实施2026年度广州12345热线平台运营项目")
    assert hotline.annual_goal.endswith("更好助力提升政府治理水平。")
    assert len(hotline.indicators) == snapshot("guangzhou_hotline_indicators")
    first, last = hotline.indicators[0], hotline.indicators[-1]
    assert (first.level1, first.level2, first.indicator, first.long_term_target_value, first.target_value) == (
        "产出指标",
        "质量指标",
        "不满意回访率",
        "100%",
        "100%",
    )
    assert (last.level1, last.level2, last.indicator, last.target_value) == (
        "成本指标",
        "经济成本指标",
        "人工成本控制率",
        "≤1",
    )
    # a name printed over two lines whose characters used to interleave
    assert projects["广州市公共信用信息运营服务"].budget_full_year_yuan == Decimal("171.15") * WAN
    assert projects["GZIT2022-SM-W-C-051103"].budget_full_year_yuan == Decimal("3457.38") * WAN
    ai = projects["电子政务工作项目"]
    assert [i.target_value for i in ai.indicators][-1] == "≤30%"
    assert ai.indicators[-1].long_term_target_value == "≤100%"


def test_changsha_evaluation_report_is_one_project_scored_92_25(real):
    doc = real(CHANGSHA)
    assert doc.meta.document_kind == "final_account"
    assert len(doc.projects) == 1  # the report evaluates one project, the one its title prints
    report = doc.projects[0]
    assert report.name == "2020年度长沙市人民政府国有资产监督管理委员会国企改革稳定专项资金"
    assert (report.score, report.grade, report.phase) == (Decimal("92.25"), "优", "self_evaluation")
    assert (report.budget_full_year_yuan, report.executed_yuan, report.balance_yuan) == (
        Decimal("13237.00") * WAN,
        Decimal("12679.21") * WAN,
        Decimal("557.79") * WAN,
    )
    assert report.execution_rate == Decimal("0.9579")
    assert not _sheet_warnings(doc)  # 合计 = Σ 一…四, each = Σ its items, names and all


NATIONAL_SHEETS = [  # the four 自评表 the document prints, as printed
    ("信访干部培训专项", "180.03", "180.03", "10", "98"),
    ("信访研究宣传立法专项", "536.2", "413.57", "7.7", "94.7"),
    ("资产运行维护", "120.00", "120.00", "10", "98"),
    ("信息化运行维护", "1639.34", "1032.99", "6.3", "90.5"),
]


@pytest.mark.parametrize("name, full_year, executed, budget_score, score", NATIONAL_SHEETS)
def test_national_self_evaluations_score_the_defen_not_the_fenzhi(real, name, full_year, executed, budget_score, score):
    doc = real(NATIONAL)
    sheet = _by_name(doc)[name]
    assert (sheet.budget_full_year_yuan, sheet.executed_yuan) == (Decimal(full_year) * WAN, Decimal(executed) * WAN)
    assert (sheet.budget_execution_score, sheet.score) == (Decimal(budget_score), Decimal(score))
    assert sheet.budget_execution_score + sum(i.score for i in sheet.indicators) == sheet.score
    assert [p.name for p in doc.projects] == [row[0] for row in NATIONAL_SHEETS] and not _sheet_warnings(doc)


def test_national_indicator_cells_wrapped_over_lines(real):
    training = _by_name(real(NATIONAL))["信访干部培训专项"]
    row = next(i for i in training.indicators if i.indicator == "培养实践锻炼、跟班学习干部人数")
    assert (row.target_value, row.actual_value, row.weight, row.score) == ("≥110人", "123人", Decimal(6), Decimal(6))
    quality = next(i for i in training.indicators if i.indicator == "信访工作质量")
    assert (quality.weight, quality.score) == (Decimal(10), Decimal(9))
    assert quality.actual_value.startswith("着力推进信访工作法治化") and quality.actual_value.endswith("作出积极贡献")


def test_xian_self_evaluation_sheets(real):
    doc = real(XIAN)
    sheets = [p for p in doc.projects if p.phase == "self_evaluation"]
    assert len(sheets) == snapshot("xian_self_evaluation_sheets")
    # one sheet prints its 年初预算数 outside its column: a warning, never a guess
    assert [i.lineno for i in _sheet_warnings(doc)] == snapshot("xian_sheet_warning_lines")
    projects = _by_name(doc)
    mosquito = projects["2022年病媒生物防制"]
    assert (mosquito.budget_full_year_yuan, mosquito.score) == (Decimal("229.19") * WAN, Decimal(100))
    assert len(mosquito.indicators) == snapshot("xian_mosquito_indicators")
    blood = projects["采供血业务经费(非政府采购部分)项目"]
    assert (blood.score, blood.budget_execution_score) == (Decimal("93.65"), Decimal("8.15"))
    lab = projects["疾控新址实验设备采购"]
    assert (lab.initial_budget_compiled_yuan, lab.budget_full_year_yuan, lab.executed_yuan) == (
        Decimal("3350.00") * WAN,
        Decimal("2277.00") * WAN,
        Decimal("2174.20") * WAN,
    )
    assert (lab.execution_rate, lab.score) == (Decimal("0.9549"), Decimal("97.55"))
    assert [p.name for p in sheets if p.budget_execution_score is None] == ["核磁共振"]  # its 得分 cell is blank
    scored = [p for p in sheets if p.budget_execution_score is not None]
    balanced = [p for p in scored if p.budget_execution_score + sum(i.score for i in p.indicators) == p.score]
    assert len(balanced) == snapshot(
        "xian_sheets_whose_scores_add_up"
    )  # the two 中职免学费补助 sheets print a 总分 without their 预算执行 得分
    notes = [i for i in doc.issues if i.severity == "info" and "总分" in i.message]
    assert sorted(i.message.split(":")[0] for i in notes) == ["中职免学费补助(中央资金)", "中职免学费补助(市级资金)"]


def test_national_budget_target_sheets(real):
    doc = real(NATIONAL_BUDGET)
    targets = [p for p in doc.projects if p.phase == "target"]
    assert [(p.name, p.budget_full_year_yuan) for p in targets] == [
        ("信息化运行维护", Decimal("2134.87") * WAN),
        ("信访综合保障经费", Decimal("2706.79") * WAN),
        ("信访业务培训", Decimal("118.01") * WAN),
    ]
    assert {(p.department_code, p.budget_unit, p.implementing_unit) for p in targets} == {
        ("292", "国家信访局", "国家信访局本级")
    }
    # each indicator table's 分值 add up to the (90) its header prints
    assert [sum(i.weight for i in p.indicators) for p in targets] == [90, 90, 90]
    assert [len(p.indicators) for p in targets] == snapshot("national_budget_target_indicators")
    cost = targets[0].indicators[0]
    assert (cost.level1, cost.level2, cost.indicator, cost.target_value, cost.score) == (
        "成本指标",
        "经济成本指标",
        "项目总成本",
        "≤2134.87 万元",
        None,
    )
    assert targets[2].annual_goal.startswith("1.分级分类抓好信访系统干部培训")


def test_xian_budget_target_sheets_of_the_same_template(real):
    doc = real(XIAN_BUDGET)
    targets = [p for p in doc.projects if p.phase == "target"]
    assert len(targets) == snapshot("xian_budget_targets")
    # every sheet's 分值 add up to the 分值权重(90分) its header prints; a row printing only two
    # figures ("1 | 10") is a table row, not a page number
    assert [sum(i.weight for i in p.indicators) for p in targets] == [90] * 9
    audit = targets[0]
    assert (audit.name, audit.implementation_period_total_yuan, audit.budget_full_year_yuan, audit.budget_unit) == (
        "内审服务",
        Decimal("1.50") * WAN,
        None,
        "西安市统计局",
    )
    census = next(p for p in targets if p.name == "1%人口普查(2026)")
    report = next(i for i in census.indicators if i.indicator.startswith("生成人口规模结构预测报告"))
    assert (report.indicator, report.target_value, report.weight) == ("生成人口规模结构预测报告(篇)", "1", Decimal(10))
    # the blank 专项资金 sheet (表16, 不涉及) prints no 项目名称
    assert [i.message for i in _sheet_warnings(doc)] == ["sheet not read: no 项目名称 printed"]


def test_a_target_sheet_without_weights_loads_without_its_indicators(real):
    doc = real(XIAN_2022_BUDGET)
    assert [
        (p.name, p.phase, p.implementation_period_total_yuan, p.indicators)
        for p in doc.projects
        if p.sheet_layout == "target_central"
    ] == [("其他履职尽责专项业务费", "target", Decimal("3075.23") * WAN, ())]
    # it prints 指标内容 where 三级指标 stands: the rows are not guessed
    assert "其他履职尽责专项业务费: indicators not read (no 三级指标 or 指标值 column)" in [
        i.message for i in _sheet_warnings(doc)
    ]


def test_target_sheets_with_wrapped_labels_and_values(real):
    fuzhou = [p for p in real(FUZHOU).projects if p.sheet_layout == "target_central"]
    # 21 sheets, four of them under a title wrapped over two lines ("…项目绩效目标" / "表")
    assert len(fuzhou) == snapshot("fuzhou_target_sheets")
    assert fuzhou[1].name == "白内障、血友病患者医疗救助费用" and fuzhou[1].budget_full_year_yuan == 75 * WAN
    # a name centred over three lines, the middle one beside its label; 实施单位 wrapped "福州市民政" / "局"
    relief = next(p for p in fuzhou if p.lineno == snapshot("fuzhou_relief_sheet_line"))
    assert relief.name == "提前下达2026年中央财政困难群众救助补助资金(支持困难失能老年人等群体基本养老服务救助方向)"
    assert (relief.budget_full_year_yuan, relief.budget_unit, relief.implementing_unit) == (
        Decimal("309.00") * WAN,
        "福州市民政局",
        "福州市民政局",
    )
    assert fuzhou[0].name == "e福州留守困境儿童关爱帮扶专栏"  # printed above an empty 项目名称 cell
    yantai = [p for p in real(YANTAI).projects if p.sheet_layout == "target_central"]
    assert next((p.name, p.budget_full_year_yuan) for p in yantai) == ("实施公车统管费用", Decimal("25.00") * WAN)
    assert {(p.department_code, p.budget_unit) for p in yantai} == {("315", "烟台市统计局")}  # "315_烟台市统计局"


def _rows(project):
    return [(i.level1, i.level2, i.indicator, i.target_value) for i in project.indicators]


def test_target_sheets_without_a_fenzhi_column_read_their_indicators(real):
    fuzhou = [p for p in real(FUZHOU).projects if p.sheet_layout == "target_central"]
    disabled = next(p for p in fuzhou if p.name == "残疾人福利事业项目市级补助经费")
    # names wrapped over two lines beside a one-line value; 数量指标 printed once between its two rows
    assert _rows(disabled) == [
        ("成本指标", "经济成本指标", "资金总投入", "≤100万元"),
        ("产出指标", "数量指标", "开展残疾人照护服务项目数", "≥1个"),
        ("产出指标", "数量指标", "开展精神障碍社区康复服务项目数", "≥2个"),
        ("产出指标", "质量指标", "数据准确率", "≥95%"),
        ("产出指标", "时效指标", "资金拨付及时率", "=100%"),
        ("效益指标", "社会效益指标", "补助受益人数", "≥120人"),
        ("满意度指标", "服务对象满意度指标", "受益对象满意度", "≥90%"),
    ]
    cataract = next(p for p in fuzhou if p.name == "白内障、血友病患者医疗救助费用")
    # a value wrapped over two lines ("≥325人、" / "户") beside a one-line name
    assert _rows(cataract)[1] == ("产出指标", "数量指标", "补助个人(家庭)数量", "≥325人、户")
    elderly = next(p for p in fuzhou if p.name == "养老事业发展资金")
    # 数量指标 printed on the middle of the three rows it spans
    assert [(i.level2, i.indicator) for i in elderly.indicators[1:4]] == [
        ("数量指标", "补助居家养老服务中心站点数"),
        ("数量指标", "补助养老机构数"),
        ("数量指标", "建设农村区域性养老服务中心项目数量"),
    ]
    assert elderly.indicators[0].target_value == "≥1500元/人/年"
    assert [len(p.indicators) for p in fuzhou] == snapshot("fuzhou_indicators")
    assert {(i.weight, i.score) for p in fuzhou for i in p.indicators} == {(None, None)}
    # one sheet prints values off their names' middles (慈善总会慰问困难群众数 / ≥10人): refused, with a reason
    assert [i.message for i in _sheet_warnings(real(FUZHOU))] == [
        "慈善总会及老促会业务费: indicators not read (三级指标 and 指标值 cells do not centre on common rows)"
    ]
    yantai = [p for p in real(YANTAI).projects if p.sheet_layout == "target_central"]
    census = next(p for p in yantai if p.name == "统计周期性调查")
    # 经济成本 printed without 指标; 社会效益指标 and 可持续影响 / 指标 centred between rows
    assert _rows(census) == [
        ("成本指标", "经济成本指标", "项目总成本", "≤368万元"),
        ("成本指标", "经济成本指标", "培训单位成本", "≤450元/人"),
        ("产出指标", "数量指标", "清查摸底数量", "≥130万户"),
        ("产出指标", "质量指标", "清查数据准确率", "≥95%"),
        ("产出指标", "时效指标", "清查工作完成及时率", "=100%"),
        ("效益指标", "社会效益指标", "农业生产经营主体名录覆盖率", "≥95%"),
        ("效益指标", "社会效益指标", "农村基本公共服务覆盖率", "≥90%"),
        ("效益指标", "可持续影响指标", "农业农村现代化建设", "持续推进"),
        ("满意度指标", "服务对象满意度指标", "社会调查对象满意度", "≥90%"),
    ]
    assert [len(p.indicators) for p in yantai] == snapshot("yantai_indicators")
    assert not _sheet_warnings(real(YANTAI))


@pytest.mark.parametrize("name", [GUANGZHOU, CHANGSHA, NATIONAL, XIAN, NATIONAL_BUDGET, XIAN_BUDGET, FUZHOU, YANTAI])
def test_no_contact_or_phone_number_in_a_project(real, name):
    for project in real(name).projects:
        texts = [
            project.name,
            project.budget_unit,
            project.implementing_unit,
            project.annual_goal,
            project.actual_result,
        ] + [
            t
            for i in project.indicators
            for t in (i.indicator, i.target_value, i.actual_value, i.deviation_reason, i.long_term_target_value)
        ]
        assert not [t for t in texts if t and PERSONAL.search(t)], project.name


def test_project_only_documents_load_into_the_marts(real, fresh_db, tmp_path):
    import shutil

    import psycopg

    from loaders.dbt import run_dbt
    from loaders.pipeline import load_directory

    for name in (GUANGZHOU, CHANGSHA):
        shutil.copy(DOCS / name, tmp_path / name)
    summary = load_directory(tmp_path, fresh_db, workers=1)
    assert (summary.loaded, summary.failed) == (2, 0), [f.error for f in summary.failures]
    assert run_dbt(fresh_db, ["build"], quiet=True) == 0
    with psycopg.connect(fresh_db) as conn:
        kinds = conn.execute("SELECT source_file, document_kind FROM marts.dim_document ORDER BY 1").fetchall()
        assert [(Path(f).name, k) for f, k in kinds] == [(GUANGZHOU, "budget"), (CHANGSHA, "final_account")]
        phases = conn.execute(
            "SELECT phase, count(*), sum(budget_yuan), max(score), max(grade) FROM marts.fct_project_performance "
            "GROUP BY phase ORDER BY phase"
        ).fetchall()
        guangzhou = real(GUANGZHOU).projects
        assert phases == [
            ("self_evaluation", 1, Decimal("132370000.00"), Decimal("92.25"), "优"),
            ("target", snapshot("guangzhou_projects"), sum(p.budget_full_year_yuan for p in guangzhou), None, None),
        ]
        indicators = conn.execute("SELECT count(*) FROM marts.fct_performance_indicator").fetchone()[0]
        assert indicators == sum(len(p.indicators) for p in real(GUANGZHOU).projects)
        assert indicators == snapshot("guangzhou_indicators_in_marts")


PINNED = re.compile(r"len\(.*\) == \d|\blineno == \d|== \[\d+(?:, \d+)+\]")


def test_parser_counts_are_pinned_only_as_named_snapshots():
    """A count, a list of counts or a line number the parser gave is a snapshot: it is read through
    ``snapshot(...)`` (tests/project_sheet_snapshots.py), or the page that prints it is cited beside it."""
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    bare = [
        f"{n}: {line.strip()}"
        for n, line in enumerate(lines, start=1)
        if PINNED.search(line.split("#")[0])
        and not re.search(r"print|page", line + lines[n - 2], re.IGNORECASE)
        and "PINNED" not in line
    ]
    assert bare == []
    source = "\n".join(lines)
    assert "SNAPSHOTS" + "[" not in source
    used = set(re.findall(r'snapshot\(\s*"(\w+)"\s*\)', source))
    assert set(SNAPSHOTS) - used == set()
