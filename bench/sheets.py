"""项目支出绩效自评表 sheets (the national template of seeds 000 and 004), written cell by cell."""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal

from bench.accounts import ProjectSheet
from bench.layout import Page


def _num(value: Decimal) -> str:
    """As the sheets print numbers: 58, 16.5, 49.834 (no trailing zeros, no separators)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def write_sheets(page: Page, sheets: Sequence[ProjectSheet], department: str, year: int, rng: random.Random) -> None:
    code = f"{rng.randint(1, 99):03d}"
    for sheet in sheets:
        title = f"{sheet.name}项目支出绩效自评表"
        if page.layout == "markdown":
            page.heading(f"{title} ({year}年度)", 2)
        else:
            page.text(title, f"（{year}年度）")
        row = page.row
        row(["项目名称", "", sheet.name] + [""] * 7)
        row(["主管部门及代码", "", f"{code}-{department}", "", "", "预算单位", f"{code}001-{department}", "", "", ""])
        row(
            [
                "项目资金预算安排及执行进度(万元)",
                "年初预算数",
                "",
                "全年预算数",
                "全年执行数",
                "资金结(转)余",
                "执行率",
                "得分",
                "偏差原因分析及改进措施",
                "",
            ]
        )
        row(["", "目标申报数", "预算编制数"] + [""] * 7)
        balance = sheet.full_year - sheet.executed
        money = [
            _num(sheet.declared),
            _num(sheet.compiled),
            _num(sheet.full_year),
            _num(sheet.executed),
            _num(balance),
            f"{sheet.rate}",
            f"{sheet.rate_score}",
        ]
        row(["", "资金总额:", *money, ""])
        row(["市、县、区财政资金", *money, "", ""])
        row(["项目年度绩效目标", "年度目标", "", "", "", "实际完成情况", "", "", "", ""])
        row(["", sheet.goal, "", "", "", sheet.result, "", "", "", ""])
        row(
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年初指标值",
                "调整后指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ]
        )
        last1 = last2 = None
        for ind in sheet.indicators:
            level1 = ind.level1 if ind.level1 != last1 else ""
            level2 = ind.level2 if ind.level2 != last2 else ""
            last1, last2 = ind.level1, ind.level2
            reason = "" if ind.score == ind.weight else "受客观因素影响未全部完成"
            row(
                [
                    "",
                    level1,
                    level2,
                    ind.name,
                    ind.target,
                    ind.target,
                    ind.actual,
                    str(ind.weight),
                    _num(ind.score),
                    reason,
                ]
            )
        if page.layout == "markdown" and rng.random() < 0.3:
            page.page_break()
        row(["总分", "", "", "", "", "", "", _num(sheet.score), sheet.grade, ""])
        row(
            [
                "项目绩效分析",
                "自评结果分析",
                "项目实施和预算执行情况",
                "资金到位及时，资金使用符合相关财务管理制度。",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
        row(["", "", "产出情况及分析", "项目按计划实施，产出数量、质量、时效均达到预期。", "", "", "", "", "", ""])
        page.text(
            "",
            "备注:1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系。",
            "2.“全年预算数”的取数规则，如果年初预算未调整，取预算编制数；如果有调整，取调整后的预算数。",
            "3.“全年执行数”是指预算执行指标确认数。",
            "4.“执行率”是执行数与“全年预算数”相比较。",
        )
