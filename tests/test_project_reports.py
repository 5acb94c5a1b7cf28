"""Hubei 绩效评价报告 (seed 001) and 项目支出绩效自评分析报告 (seed 003) against the answer key.

Mutated copies of the sheets must end in a warning with the figure left None, never an
exception or a number the sheet does not print; personal data is never read.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract.text import text_lines
from loaders.parse.sheets import labelled_report, sectioned_report
from loaders.parse.vocabulary.sheets import SELF_EVALUATION_ANALYSIS_REPORT
from loaders.reading import read_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
HUBEI = "001_cb5fbf2334879971.txt"
ANALYSIS = "003_4bfa79258c3578d4.txt"
LAYOUTS = {HUBEI: "hubei_evaluation_report", ANALYSIS: "self_evaluation_analysis_report"}
AMOUNTS = {
    "budget_full_year": "budget_full_year_yuan",
    "executed": "executed_yuan",
    "balance": "balance_yuan",
    "initial_budget_declared": "initial_budget_declared_yuan",
    "initial_budget_compiled": "initial_budget_compiled_yuan",
}


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _seed_text(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def _read(module, text: str):
    return module.read(text_lines(text))


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"mutation anchor {old!r} must be unique in the seed"
    return text.replace(old, new)


# --------------------------------------------------------------------------- answer key


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_project_count_equals_the_answer_key(expected, name):
    doc = read_document(RAW / name)
    assert len(doc.projects) == len(expected[name]["projects"])
    assert {p.sheet_layout for p in doc.projects} == {LAYOUTS[name]}
    assert {p.phase for p in doc.projects} == {"self_evaluation"}
    assert [p.seq for p in doc.projects] == list(range(1, len(doc.projects) + 1))
    assert not [i for i in doc.issues if i.table in (sectioned_report.TABLE, SELF_EVALUATION_ANALYSIS_REPORT.table)]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_projects_equal_the_answer_key(expected, name):
    doc = read_document(RAW / name)
    for project, key in zip(doc.projects, expected[name]["projects"], strict=True):
        assert project.name == key["name"]
        for field, attribute in AMOUNTS.items():
            assert getattr(project, attribute) == _decimal(key[field]), (project.name, field)
        assert project.execution_rate_printed == key["execution_rate"], project.name
        assert project.execution_rate == Decimal(key["execution_rate"].rstrip("%")) / 100, project.name
        assert project.budget_execution_score == _decimal(key["budget_execution_score"]), project.name
        assert (project.score, project.grade, project.budget_unit) == (
            _decimal(key["score"]),
            key["grade"],
            key["budget_unit"],
        ), project.name


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_indicators_equal_the_answer_key(expected, name):
    doc = read_document(RAW / name)
    for project, key in zip(doc.projects, expected[name]["projects"], strict=True):
        assert len(project.indicators) == key["indicator_count"], project.name
        assert [str(i.score) for i in project.indicators] == key["indicator_scores"], project.name
        assert all(i.level1 and i.level2 and i.indicator and i.weight is not None for i in project.indicators)


def test_hubei_indicators_carry_levels_and_long_term_targets():
    project = read_document(RAW / HUBEI).projects[3]
    first = project.indicators[0]
    assert (first.level1, first.level2) == ("产出指标", "数量指标")
    # the annual (年度) and long-term (长期) targets of one indicator differ on this sheet
    assert (first.target_value, first.long_term_target_value, first.actual_value) == ("1128件", "1132件", "1132件")
    assert {i.level2 for i in project.indicators if i.level1 == "效益指标"} >= {"经济效益指标", "可持续影响指标"}


def test_analysis_report_keeps_adjusted_targets_and_reasons():
    project = read_document(RAW / ANALYSIS).projects[0]
    first = project.indicators[0]
    assert (first.target_value, first.adjusted_target_value, first.actual_value) == ("2", "≥2次", "0")
    assert first.deviation_reason and first.deviation_reason.startswith("因疫情")
    cost = next(i for i in project.indicators if i.level2 == "成本指标")
    assert cost.level1 == "产出指标"  # merged 一级 cell carried over a blank line
    assert project.annual_goal and project.actual_result


def test_readers_claim_no_other_layouts_sheets():
    for name in ("000_3b0a4ec0e1089ac8.txt", "002_c032330014219076.txt", "004_ed45889f6f94df5a.txt", ANALYSIS):
        assert _read(sectioned_report, _seed_text(name)) == ([], [])
    for name in ("000_3b0a4ec0e1089ac8.txt", "002_c032330014219076.txt", "004_ed45889f6f94df5a.txt", HUBEI):
        assert _read(labelled_report, _seed_text(name)) == ([], [])


# --------------------------------------------------------------------------- mutations


def _warned_and_blank(projects, issues, index: int, *fields: str) -> None:
    project = projects[index]
    assert all(getattr(project, f) is None for f in fields), project
    assert any(i.severity == "warning" and project.name in i.message for i in issues), issues


def test_hubei_non_numeric_budget_is_a_warning_not_a_number():
    text = _replace_once(_seed_text(HUBEI), "2057 | 1797.77", "二千零五十七 | 1797.77")
    projects, issues = _read(sectioned_report, text)
    assert len(projects) == 7
    _warned_and_blank(projects, issues, 0, "budget_full_year_yuan", "executed_yuan", "execution_rate")
    assert projects[1].budget_full_year_yuan == Decimal("739000.00")  # the other sheets still read


def test_hubei_deleted_figures_line_is_a_warning():
    text = _replace_once(_seed_text(HUBEI), "73.9 | 37.64 | 万元 | 50.93% | ||||||||\n", "")
    projects, issues = _read(sectioned_report, text)
    assert len(projects) == 7
    _warned_and_blank(projects, issues, 1, "budget_full_year_yuan", "executed_yuan", "execution_rate")


def test_hubei_missing_unit_is_not_guessed():
    text = _replace_once(_seed_text(HUBEI), "120 | 120 | 万元 | 100%", "120 | 120 |  | 100%")
    projects, issues = _read(sectioned_report, text)
    _warned_and_blank(projects, issues, 2, "budget_full_year_yuan", "executed_yuan")


def test_hubei_deleted_budget_section_and_odd_rows_are_warnings():
    text = _replace_once(_seed_text(HUBEI), "年度预算执行情况自评 | ||||||||||\n", "")
    text = _replace_once(
        text, "制发证照及时率 | % | 100% | 100% | 10 | 10", "制发证照及时率 | % | 100% | 100% | 十 | 10"
    )
    projects, issues = _read(sectioned_report, text)
    assert len(projects) == 7
    _warned_and_blank(projects, issues, 0, "budget_full_year_yuan", "executed_yuan")
    assert len(projects[0].indicators) == 7  # the unreadable row is left out, not guessed
    assert any("indicator row not read" in i.message for i in issues)


def test_hubei_rate_as_fraction_and_unit_in_header():
    text = _replace_once(
        _seed_text(HUBEI),
        "预算数(A) | 执行数(B) | 单位 | 执行率(B/A) | |||||||\n2057 | 1797.77 | 万元 | 87%",
        "预算数(A)(万元) | 执行数(B)(万元) | 执行率(B/A) | |||||||\n2057 | 1797.77 | 0.87",
    )
    project = _read(sectioned_report, text)[0][0]
    assert (project.budget_full_year_yuan, project.execution_rate) == (Decimal("20570000.00"), Decimal("0.8700"))


def test_analysis_non_numeric_amount_is_a_warning_not_a_number():
    text = _replace_once(_seed_text(ANALYSIS), "合计\t985,000\t985,000\t492,500", "合计\t985,000\t985,000\t四十九万")
    projects, issues = _read(labelled_report, text)
    assert len(projects) == 3
    _warned_and_blank(projects, issues, 1, "budget_full_year_yuan", "executed_yuan", "balance_yuan")
    assert projects[1].score == Decimal("95")  # what the report does print is still read


def test_analysis_deleted_lines_are_warnings():
    text = _seed_text(ANALYSIS)
    lines = text.splitlines(keepends=True)
    # the third report: drop its 预算执行 合计 and 市县区 rows and its indicator header row
    drop = [i for i, ln in enumerate(lines) if ln.startswith(("合计\t150,000", "市县区财政资金\t150,000"))]
    header = [i for i, ln in enumerate(lines) if ln.startswith("一级指标\t")][-1]
    mutated = "".join(ln for i, ln in enumerate(lines) if i not in set(drop) | {header})
    projects, issues = _read(labelled_report, mutated)
    assert len(projects) == 3
    _warned_and_blank(projects, issues, 2, "budget_full_year_yuan", "executed_yuan", "execution_rate")
    assert projects[2].indicators == ()
    assert projects[0].budget_full_year_yuan == Decimal("134392.00")


def test_analysis_missing_unit_is_not_guessed():
    text = _seed_text(ANALYSIS).replace("(元)", "")
    projects, issues = _read(labelled_report, text)
    assert len(projects) == 3 and all(p.budget_full_year_yuan is None for p in projects)
    assert sum("no money unit" in i.message for i in issues) == 3


# (reader, text, projects it may make): a fragment without a project name makes no project; one
# with a name but no figures makes a project whose figures stay None, with a warning
@pytest.mark.parametrize(
    "module, text, n_projects",
    [
        (sectioned_report, "", 0),
        (sectioned_report, "项目名称 | x\n年度预算执行情况自评\n预算数(A) | 执行数(B)\n", 1),
        (sectioned_report, "项目名称\n年度绩效目标及完成情况自评\n年度目标 | 产出指标 | 1 | 2\n", 0),
        (labelled_report, "项目支出绩效自评分析报告\n资金来源\t全年预算数\n合计\t1\n", 0),
        (labelled_report, "项目支出绩效自评分析报告\n一级指标\t二级指标\t指标名称\t权重\t得分\n\t\t\t\t\n", 1),
    ],
)
def test_odd_input_never_raises_nor_invents_a_figure(module, text, n_projects):
    projects, issues = module.read(text_lines(text))
    assert len(projects) == n_projects
    for project in projects:
        assert project.budget_full_year_yuan is None and project.executed_yuan is None
    assert len(issues) >= n_projects, "a project without figures comes with a warning"


def test_personal_data_is_never_read():
    phone = "13812345678"
    hubei = _replace_once(
        _seed_text(HUBEI),
        "项目名称 | 证照邮寄费 |",
        f"项目名称 | 证照邮寄费 | 项目负责人 | 张三 | 联系电话 | {phone} |",
    )
    analysis = _replace_once(
        _seed_text(ANALYSIS), "完成云桌面运维工作，保障政务大厅日常办公。", f"联系人：张三 {phone}"
    )
    for module, text in ((sectioned_report, hubei), (labelled_report, analysis)):
        projects, _ = _read(module, text)
        assert projects and phone not in repr(projects) and "张三" not in repr(projects)
