"""A report layout is data: a report printing another label set is read by adding one declaration
(``vocabulary.sheets.ReportForm``) and no code; the shared assembly reads what the declaration says."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract.text import text_lines
from loaders.parse.sheets import labelled_report, read_projects
from loaders.parse.vocabulary import sheets as vocabulary
from loaders.parse.vocabulary.sheets import SELF_EVALUATION_ANALYSIS_REPORT, ReportForm, cover_field

MART = "dbt_project/models/marts/fct_project_performance.yml"

# a built report: every label differs from the declared 自评分析报告's (title, cover, headers, total row)
REPORT = """\
某县财政项目绩效自评情况报告
项目全称：乡村道路养护资金
主管单位：123001-某县交通局
一、资金执行
资金类别\t预算安排数(万元)\t实际支出数(万元)\t结转结余(万元)\t执行率\t分数
小计\t120.5\t100.25\t20.25\t83.2%\t8
省级资金\t100\t90\t10\t90%\t
二、指标完成
指标大类\t指标小类\t具体指标\t计划值\t完成情况\t满分\t分数\t未完成原因
产出指标\t数量指标\t养护里程\t50公里\t48公里\t20\t18\t雨季延误
\t质量指标\t合格率\t≥95%\t96%\t20\t20\t
效益指标\t社会效益指标\t通行时间缩短\t明显\t明显\t30\t30\t
三、自评结论
本项目自评分值为 76 分，评定等次：良。
"""

NEW_FORM = ReportForm(
    layout="declared_test_report",
    table="财政项目绩效自评情况报告",
    title=re.compile(r"^\S{0,10}财政项目绩效自评情况报告$"),
    cover=(
        ("name", (cover_field("项目全称"),)),
        ("budget_unit", (cover_field("主管单位"),)),
    ),
    fund_header=("资金类别", "预算安排数"),
    fund_columns=(
        ("full_year", re.compile(r"预算安排数")),
        ("executed", re.compile(r"实际支出数")),
        ("balance", re.compile(r"结转结余")),
        ("rate", re.compile(r"执行率")),
        ("score", re.compile(r"分数")),
    ),
    indicator_header=("指标大类", "指标小类"),
    indicator_columns=(
        ("level1", re.compile(r"指标大类")),
        ("level2", re.compile(r"指标小类")),
        ("indicator", re.compile(r"具体指标")),
        ("target", re.compile(r"计划值")),
        ("actual", re.compile(r"完成情况")),
        ("weight", re.compile(r"满分")),
        ("score", re.compile(r"分数")),
        ("reason", re.compile(r"原因")),
    ),
    total_row="小计",
    total_score=re.compile(r"自评分值为(\d+(?:\.\d+)?)分"),
    grade=re.compile(r"评定等次[:：]([优良中差])"),
    annual_goal=re.compile(r"^年度目标$"),
    actual_result=re.compile(r"^完成情况$"),
    heading=re.compile(r"^[一二三四五六七八九十]+、"),
)


def _projects():
    projects, _, issues = read_projects(text_lines(REPORT), meta=None)
    return projects, issues


def test_a_report_of_another_label_set_is_not_read_without_its_declaration():
    projects, issues = _projects()
    assert projects == [] and issues == []


def test_a_declaration_alone_makes_the_report_read(monkeypatch):
    monkeypatch.setattr(vocabulary, "REPORT_FORMS", (*vocabulary.REPORT_FORMS, NEW_FORM))
    projects, issues = _projects()
    assert issues == []
    [project] = projects
    assert (project.name, project.sheet_layout, project.phase) == (
        "乡村道路养护资金",
        NEW_FORM.layout,
        "self_evaluation",
    )
    assert (project.budget_unit, project.department_code) == ("123001-某县交通局", "123001")
    # the declared total row (小计), in the unit its header prints (万元)
    assert project.budget_full_year_yuan == Decimal("1205000")
    assert project.executed_yuan == Decimal("1002500")
    assert project.balance_yuan == Decimal("202500")
    assert project.execution_rate == Decimal("0.8320")
    assert project.budget_execution_score == Decimal("8")
    assert (project.score, project.grade) == (Decimal("76"), "良")
    rows = [
        (i.level1, i.level2, i.indicator, i.target_value, i.actual_value, i.weight, i.score) for i in project.indicators
    ]
    assert rows == [
        ("产出指标", "数量指标", "养护里程", "50公里", "48公里", Decimal("20"), Decimal("18")),
        ("产出指标", "质量指标", "合格率", "≥95%", "96%", Decimal("20"), Decimal("20")),
        ("效益指标", "社会效益指标", "通行时间缩短", "明显", "明显", Decimal("30"), Decimal("30")),
    ]
    assert project.indicators[0].deviation_reason == "雨季延误"


@pytest.mark.parametrize(
    "field, value",
    [
        ("total_row", "省级资金"),  # the row the figures come from
        ("cover", (("name", (cover_field("主管单位"),)),)),  # where the name is printed
        ("fund_columns", (("full_year", re.compile(r"实际支出数")), ("executed", re.compile(r"预算安排数")))),
    ],
)
def test_what_the_declaration_says_is_what_is_read(field, value):
    """Change one declared part and the reading follows it: the assembly takes nothing for granted."""
    [project] = labelled_report.read(text_lines(REPORT), forms=(replace(NEW_FORM, **{field: value}),))[0]
    if field == "total_row":
        assert project.budget_full_year_yuan == Decimal("1000000")
    elif field == "cover":
        assert project.name == "123001-某县交通局"
    else:
        assert (project.budget_full_year_yuan, project.executed_yuan) == (Decimal("1002500"), Decimal("1205000"))


def test_the_declared_analysis_report_keeps_its_stored_layout_name():
    assert SELF_EVALUATION_ANALYSIS_REPORT in vocabulary.REPORT_FORMS
    assert SELF_EVALUATION_ANALYSIS_REPORT.layout == "self_evaluation_analysis_report"


def test_every_reader_stores_a_layout_name_the_marts_accept():
    """The sheet_layout a loaded row keeps is a name the mart's accepted values list: renaming a
    reader's module leaves it as it is, and a new layout (a module or a declaration) is added there."""
    import yaml

    from loaders.parse.sheets import LAYOUTS

    spec = yaml.safe_load((Path(__file__).resolve().parents[1] / MART).read_text(encoding="utf-8"))
    [model] = [m for m in spec["models"] if m["name"] == "fct_project_performance"]
    [column] = [c for c in model["columns"] if c["name"] == "sheet_layout"]
    [accepted] = [t["accepted_values"]["arguments"]["values"] for t in column["data_tests"] if "accepted_values" in t]
    stored = {reader.LAYOUT for reader in LAYOUTS if reader is not labelled_report}
    stored |= {form.layout for form in vocabulary.REPORT_FORMS}
    assert stored == set(accepted)
    assert {"hubei_evaluation_report", "target_central"} <= stored  # the names loaded rows already hold
