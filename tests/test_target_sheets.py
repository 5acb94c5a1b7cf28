"""项目支出绩效目标申报表 (target sheets): seed 002 against the answer key, personal data, odd input."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import extract_lines
from loaders.model import Line
from loaders.parse.sheets import LAYOUTS, parse_projects, target_sheet

SEED_NAME = "002_c032330014219076.txt"
SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / SEED_NAME
PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
CONTACT = re.compile(r"(?:经办人|联系人|负责人|填报人)\s*[:：]\s*([\u4e00-\u9fff]{2,4})(?=\s|$)")


@pytest.fixture(scope="module")
def seed_lines() -> list[Line]:
    return extract_lines(SEED)


@pytest.fixture(scope="module")
def seed_projects(seed_lines):
    projects, issues = target_sheet.read(seed_lines)
    return projects, issues


def _lines(source: str) -> list[Line]:
    """Synthetic Lines: one per non-blank line of ``source``."""
    return [Line(t.strip(), (t.strip(),), n) for n, t in enumerate(source.splitlines(), 1) if t.strip()]


def _key(expected) -> dict[str, dict]:
    return {p["name"]: p for p in expected[SEED_NAME]["projects"]}


# --------------------------------------------------------------------------- seed 002


def test_seed_sheets_equal_the_answer_key(expected, seed_projects):
    projects, issues = seed_projects
    key = _key(expected)
    assert len(projects) == expected[SEED_NAME]["project_sheet_count"] == 26
    assert sorted(p.name for p in projects) == sorted(key)
    for project in projects:
        row = key[project.name]
        assert (project.phase, project.sheet_layout) == ("target", "target_declaration")
        assert project.implementing_unit == row["implementing_unit"], project.name
        assert project.implementation_period_total_yuan == Decimal(row["implementation_period_total"]), project.name
        assert project.budget_full_year_yuan == Decimal(row["budget_full_year"]), project.name
        assert len(project.indicators) == row["indicator_count"], project.name
        assert (project.executed_yuan, project.score, project.grade, project.actual_result) == (None,) * 4
        assert (project.budget_unit, project.department_code) == ("汾阳市行政审批服务管理局", "019")
    assert not [i for i in issues if i.severity == "warning"]


def test_seed_indicators_keep_what_each_half_prints(seed_projects):
    projects, _ = seed_projects
    by_name = {p.name: p for p in projects}
    network = by_name["2023年全市电子政务外网进行提速扩容费用"].indicators[0]
    # the sheet contradicts itself (≤100条 for the 实施期, ≥130条 for the year): both kept as printed
    assert (network.level1, network.level2, network.indicator) == ("产出指标", "数量指标", "外网数量")
    assert (network.long_term_target_value, network.target_value) == ("≤100条", "≥130条")
    last = by_name["档案整理和数字化建设项目"].indicators[-1]
    assert (last.level1, last.level2, last.indicator, last.target_value) == (
        "满意度指标",
        "服务对象满意度指标",
        "服务提供者满意度",
        "≥99%",
    )
    # the narrower annual column cuts the name and glues the value: "12345政务热线经32400元"
    cost = [i for i in by_name["2023年12345政务热线经费"].indicators if i.level2 == "成本指标"]
    assert [(i.indicator, i.target_value) for i in cost] == [("12345政务热线经费", "32400元")]
    running = [i.indicator for i in by_name["2023年保运转经费"].indicators if i.level2 == "成本指标"]
    assert sorted(running) == sorted(["其它工资福利支出", "维修维护费", "印刷费", "办公费", "差旅费", "劳务费"])
    # the 年度目标 the sheet prints, even where it is copied from another project
    assert by_name["2023年购买政务大厅综合服务经费"].annual_goal == by_name["档案整理和数字化建设项目"].annual_goal
    assert by_name["2023年保运转经费"].annual_goal == "单位运行高效、平稳。"


def test_seed_sheets_are_a_registered_layout(seed_lines):
    assert target_sheet in LAYOUTS
    projects, _ = parse_projects(seed_lines, meta=None)
    targets = [p for p in projects if p.phase == "target"]
    assert len(targets) == 26 and all(p.seq > 0 for p in targets)


def test_seed_names_and_amounts_through_the_current_extractor(expected):
    projects, issues = target_sheet.read(extract_lines(SEED))
    key = _key(expected)
    assert sorted(p.name for p in projects) == sorted(key)
    for project in projects:
        assert project.budget_full_year_yuan == Decimal(key[project.name]["budget_full_year"])
    assert not [i for i in issues if i.severity == "warning"]


def test_seed_indicator_counts_through_the_extractor(expected):
    """Lines every sheet repeats ('数量指标', '(元)', a 时效指标 row) are not running heads to drop."""
    projects, _ = target_sheet.read(extract_lines(SEED))
    key = _key(expected)
    assert {p.name: len(p.indicators) for p in projects} == {n: r["indicator_count"] for n, r in key.items()}


# --------------------------------------------------------------------------- personal data


def test_no_contact_name_or_phone_reaches_a_project(seed_projects):
    raw = SEED.read_text(encoding="utf-8")
    names = {m.group(1) for m in CONTACT.finditer(raw)} - {"经办人", "联系人", "负责人", "填报人", "联系电话"}
    phones = set(PHONE.findall(raw))
    assert names and phones, "the seed prints contacts on its sheets"
    projects, issues = seed_projects
    for project in projects:
        dump = repr(project)  # every field, indicators included
        assert not PHONE.search(dump), project.name
        assert not any(name in dump for name in names), project.name
    assert not any(PHONE.search(i.message) or any(n in i.message for n in names) for i in issues)


def test_a_contact_row_inside_a_sheet_is_never_read():
    lines = _lines(
        SHEET.replace("项目属性 一次性项目 项目期 1年", "项目负责人: 王小明 联系电话: 0358-7336760 手机 13800138000")
    )
    projects, _ = target_sheet.read(lines)
    assert len(projects) == 1
    dump = repr(projects[0])
    assert "王小明" not in dump and not PHONE.search(dump)


# --------------------------------------------------------------------------- other prints of the sheet


SHEET = """
XX县预算部门项目支出绩效目标申报表
(2024年度)
项目名称 2024年农村道路养护
工程补助资金
主管部门及代码 105-XX县交通运输局 实施单位 XX县公路养护中心
项目属性 一次性项目 项目期 1年
项目资金(万元)
实施期资金总额: 1250 年度资金总额: 12.5
其中:财政拨款 12.5 其中:财政拨款 12.5
其他资金 0 其他资金 0
实施期目标 年度目标
总体目标 完成全县道路养护 完成本年道路养护
一级指标 二级指标 三级指标 指标值 二级指标 三级指标 指标值
产出指标
数量指标 养护里程 ≥120公里 数量指标 养护里程 ≥12公里
养护桥梁 ≥10座 养护桥梁 ≥2座
质量指标 养护合格率 ≥95% 质量指标 养护合格率≥95%
效益指标
社会效益指标 通行条件 改善 社会效益指标 通行条件 改善
满意度指标
满意度指标 群众满意度 ≥90% 满意度指标 群众满意度 ≥90%
负责人: 经办人: 李四 联系电话: 13912345678 填报日期: 20240101
"""


def test_a_sheet_in_wan_yuan_with_a_wrapped_name():
    projects, issues = target_sheet.read(_lines(SHEET))
    assert not issues
    (project,) = projects
    assert project.name == "2024年农村道路养护工程补助资金"
    assert (project.department_code, project.budget_unit, project.implementing_unit) == (
        "105",
        "XX县交通运输局",
        "XX县公路养护中心",
    )
    assert project.implementation_period_total_yuan == Decimal("12500000.00")
    assert project.budget_full_year_yuan == Decimal("125000.00")
    assert project.annual_goal == "完成本年道路养护"
    rows = [(i.level1, i.level2, i.indicator, i.long_term_target_value, i.target_value) for i in project.indicators]
    assert rows == [
        ("产出指标", "数量指标", "养护里程", "≥120公里", "≥12公里"),
        ("产出指标", "数量指标", "养护桥梁", "≥10座", "≥2座"),  # a second row of the same 二级 cell
        ("产出指标", "质量指标", "养护合格率", "≥95%", "≥95%"),
        ("效益指标", "社会效益指标", "通行条件", "改善", "改善"),
        ("满意度指标", "满意度指标", "群众满意度", "≥90%", "≥90%"),
    ]
    assert "李四" not in repr(project)


# --------------------------------------------------------------------------- odd input: warnings, never exceptions


def _sheet_starts(lines: list[Line]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.text.startswith("项目名称")]


def test_annual_amount_replaced_by_text_is_a_warning_not_a_number(expected, seed_lines):
    at = next(i for i, line in enumerate(seed_lines) if "年度资金总额" in line.text)
    broken = list(seed_lines)
    mutated = re.sub(r"(年度资金总额\s*[:：]\s*)\S+", r"\1陆万壹仟叁佰伍拾", broken[at].text)
    broken[at] = replace(broken[at], text=mutated, cells=(mutated,))
    projects, issues = target_sheet.read(broken)
    first = min(projects, key=lambda p: p.lineno)
    assert first.lineno < broken[at].lineno
    assert first.budget_full_year_yuan is None  # not read, not guessed
    assert first.implementation_period_total_yuan == Decimal("61350.00")
    assert any(
        i.severity == "warning" and i.lineno == broken[at].lineno and "年度资金总额" in i.message for i in issues
    )
    key = _key(expected)
    assert all(p.budget_full_year_yuan == Decimal(key[p.name]["budget_full_year"]) for p in projects if p is not first)


def test_a_sheet_cut_after_its_funding_rows_is_a_warning(seed_lines):
    last = _sheet_starts(seed_lines)[-1]
    funding = next(i for i in range(last, len(seed_lines)) if "年度资金总额" in seed_lines[i].text)
    projects, issues = target_sheet.read(seed_lines[: funding + 1])
    assert len(projects) == 26
    assert projects[-1].budget_full_year_yuan == Decimal("130000.00") and projects[-1].indicators == ()
    assert any(i.severity == "warning" and "no indicator table" in i.message for i in issues)


def test_a_sheet_cut_inside_its_indicator_table_is_a_warning(seed_lines):
    last = _sheet_starts(seed_lines)[-1]
    header = next(i for i in range(last, len(seed_lines)) if seed_lines[i].text.startswith("一级指标"))
    projects, issues = target_sheet.read(seed_lines[: header + 4])
    assert len(projects) == 26
    assert any(i.severity == "warning" and "truncated" in i.message for i in issues)


def test_a_sheet_cut_after_its_name_is_not_read(seed_lines):
    last = _sheet_starts(seed_lines)[-1]
    projects, issues = target_sheet.read(seed_lines[: last + 1])
    assert len(projects) == 25
    assert any(
        i.severity == "warning" and "sheet not read" in i.message and i.lineno == seed_lines[last].lineno
        for i in issues
    )


def test_random_damage_never_raises(seed_lines):
    rng = random.Random(2023)
    region = seed_lines[_sheet_starts(seed_lines)[0] - 3 :]
    for _ in range(60):
        damaged = [line for line in region if rng.random() > 0.08]
        for i in rng.sample(range(len(damaged)), 5):
            words = damaged[i].text.split()
            rng.shuffle(words)
            damaged[i] = replace(damaged[i], text=" ".join(words))
        projects, _issues = target_sheet.read(damaged)
        for project in projects:
            assert project.budget_full_year_yuan is None or project.budget_full_year_yuan >= 0
    assert target_sheet.read([]) == ([], [])
    assert target_sheet.read(_lines("项目支出绩效目标申报表\n项目名称"))[0] == []


def test_a_sheet_with_annual_indicators_only():
    single = re.sub(r"一级指标.*", "一级指标 二级指标 三级指标 指标值", SHEET)
    single = single.replace(
        "数量指标 养护里程 ≥120公里 数量指标 养护里程 ≥12公里\n养护桥梁 ≥10座 养护桥梁 ≥2座",
        "数量指标 养护里程 ≥12公里\n养护桥梁 ≥2座",
    )
    single = single.replace("质量指标 养护合格率 ≥95% 质量指标 养护合格率≥95%", "质量指标 养护合格率 ≥95%")
    (project,), _ = target_sheet.read(_lines(single))
    assert [(i.level2, i.indicator, i.target_value, i.long_term_target_value) for i in project.indicators[:3]] == [
        ("数量指标", "养护里程", "≥12公里", None),
        ("数量指标", "养护桥梁", "≥2座", None),
        ("质量指标", "养护合格率", "≥95%", None),
    ]
