"""Render a 部门预算 (budget) from its Accounts: the 预算公开表1–12 of seed 002, with clean cells.

Seed 002 is raw PDF text; here the same tables (titles, header labels, row labels) are
printed in the cell layouts of the other seeds, as a tab/pipe/markdown extraction of a
budget would look.
"""

from __future__ import annotations

import random

from bench.accounts import Accounts
from bench.classification import ECONOMIC_NAMES, GOVERNMENT_ECONOMIC, SUMMARY_CLASSES_BUDGET
from bench.final_account import CHINESE_NUMERALS
from bench.layout import Page, amount
from bench.prose import budget_prose

NO_DATA = "注：本表无数据"


class BudgetWriter:
    def __init__(self, page: Page, acc: Accounts, department: str, year: int):
        self.page, self.acc, self.department, self.year = page, acc, department, year
        self.layout = page.layout
        self.number = 0

    def a(self, cents: int) -> str:
        return amount(cents, self.layout)

    def heading(self, title: str, width: int) -> None:
        self.number += 1
        label = f"预算公开表{self.number}"
        unit = self.acc.unit
        if self.layout == "pipe":  # unlike seed 001's final account, the title survives
            self.page.row([label] + [""] * (width - 1))
            self.page.row([f"{self.year}年{title}"] + [""] * (width - 1))
            self.page.row([f"部门:{self.department}", f"单位:{unit}"] + [""] * (width - 2))
            return
        self.page.text(label)
        if self.layout == "loose":
            self.page.heading(f"{self.year}年{title}")
        elif self.layout == "markdown" and self.page.rng.random() < 0.4:
            self.page.heading(f"{self.year}年{title}", 3)
        else:
            self.page.text(f"{self.year}年{title}")
        self.page.text(f"部门名称：{self.department}  单位：{unit}")

    def _class_rows(self, right_width: int, columns) -> list[list[str]]:
        by_class = {r.code: r.total for r in self.acc.classes}
        rows = []
        for i, (code, name) in enumerate(SUMMARY_CLASSES_BUDGET, start=1):
            value = by_class.get(code, 0)
            rows.append([f"{CHINESE_NUMERALS[i - 1]}、{name}", *columns(value)])
        return rows

    def summary(self) -> None:
        """预算公开表1 预算收支总表."""
        acc, row, a, y = self.acc, self.page.row, self.a, self.year
        self.heading("预算收支总表", 6)
        row(["收入", "", "支出", "", "", ""])
        row(["项目", f"{y}年", "项目", f"{y}年合计", "当年预算安排", "上年结转安排"])
        left = (
            "一、一般公共预算",
            "二、政府性基金预算",
            "三、国有资本经营预算",
            "四、财政专户管理资金",
            "五、单位资金",
        )
        for i, right in enumerate(self._class_rows(4, lambda v: [a(v), a(v), a(0)])):
            row(([left[i], a(acc.total if i == 0 else 0)] if i < len(left) else ["", ""]) + right)
        row(["本年收入合计", a(acc.total), "本年支出合计", a(acc.total), a(acc.total), a(0)], bold=True)
        row(["上年结转", a(0), "年终结转", a(0), "", ""])
        row(["收入总计", a(acc.total), "支出总计", a(acc.total), a(acc.total), a(0)], bold=True)

    def income(self) -> None:
        """预算公开表2 预算收入总表."""
        acc, row, a = self.acc, self.page.row, self.a
        self.heading("预算收入总表", 9)
        row(["项目", "", "本年收入", "", "", "", "", "", "上年结转"])
        row(
            [
                "科目编码",
                "科目名称",
                "合计",
                "一般公共预算",
                "政府性基金",
                "国有资本经营预算",
                "财政专户管理资金",
                "单位资金",
                "",
            ]
        )
        row(["合计", "", a(acc.total), a(acc.total), a(0), a(0), a(0), a(0), a(0)], bold=True)
        for r in acc.functional:
            row([r.code, r.name, a(r.total), a(r.total), a(0), a(0), a(0), a(0), a(0)])

    def expenditure(self, title: str) -> None:
        """预算公开表3 预算支出总表 / 预算公开表5 一般公共预算支出预算表."""
        acc, row, a = self.acc, self.page.row, self.a
        self.heading(title, 5)
        row(["项目", "", f"{self.year}年预算数", "", ""])
        row(["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
        row(["合计", "", a(acc.total), a(acc.basic), a(acc.project)], bold=True)
        for r in acc.functional:
            row([r.code, r.name, a(r.total), a(r.basic), a(r.project)])

    def fiscal_summary(self) -> None:
        """预算公开表4 财政拨款收支总表."""
        acc, row, a = self.acc, self.page.row, self.a
        self.heading("财政拨款收支总表", 7)
        row(["收入", "", "支出", "", "", "", ""])
        row(["项目", "金额", "项目", "小计", "一般公共预算", "政府性基金预算", "国有资本经营预算"])
        left = ("一、一般公共预算", "二、政府性基金预算", "三、国有资本经营预算")
        for i, right in enumerate(self._class_rows(5, lambda v: [a(v), a(v), a(0), a(0)])):
            row(([left[i], a(acc.total if i == 0 else 0)] if i < len(left) else ["", ""]) + right)
        row(["本年收入合计", a(acc.total), "本年支出合计", a(acc.total), a(acc.total), a(0), a(0)], bold=True)
        row(["上年财政拨款结转", a(0), "年终结转", a(0), "", "", ""])
        row(["收入总计", a(acc.total), "支出总计", a(acc.total), a(acc.total), a(0), a(0)], bold=True)

    def basic_economic(self) -> None:
        """预算公开表6 一般公共预算安排基本支出分经济科目表: names with their 政府预算 names, no codes."""
        acc, row, a = self.acc, self.page.row, self.a
        self.heading("一般公共预算安排基本支出分经济科目表（不含上年结转）", 5)
        row(["部门预算支出经济科目名称", "政府预算支出经济科目名称", f"{self.year}年预算数", "", ""])
        row(["", "", "合计", "人员经费", "公用经费"])
        row(["合计", "", a(acc.basic), a(acc.personnel), a(acc.public)], bold=True)
        for cls, personnel in (("301", True), ("302", False), ("303", True)):
            items = {k: v for k, v in acc.economic.items() if k.startswith(cls)}
            if not items:
                continue
            subtotal = sum(items.values())
            row([ECONOMIC_NAMES[cls], "", a(subtotal)] + ([a(subtotal), ""] if personnel else ["", a(subtotal)]))
            for code, value in items.items():
                gov = GOVERNMENT_ECONOMIC.get(code, ECONOMIC_NAMES[cls])
                row([ECONOMIC_NAMES[code], gov, a(value)] + ([a(value), ""] if personnel else ["", a(value)]))

    def empty(self, title: str, header: list[str]) -> None:
        self.heading(title, len(header))
        self.page.row(header)
        self.page.row(["合计"] + [""] * (len(header) - 1))
        if self.layout == "pipe":
            self.page.row([NO_DATA] + [""] * (len(header) - 1))
        else:
            self.page.text("", NO_DATA)

    def three_public(self) -> None:
        """预算公开表10 一般公共预算“三公”经费支出预算表 (the budget's 三公 are this year's plan)."""
        row, a, v = self.page.row, self.a, self.acc.three_public_actual
        self.heading("一般公共预算“三公”经费支出预算表", 5)
        row(["项目", f"{self.year}年预算数", "", "", ""])
        row(["", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"])
        vehicles = v["vehicle_purchase"] + v["vehicle_operation"]
        for label, value in (
            ("因公出国（境）费", v["overseas"]),
            ("公务接待费", v["reception"]),
            ("公务用车购置及运行费", vehicles),
            ("①公务用车购置费", v["vehicle_purchase"]),
            ("②公务用车运行维护费", v["vehicle_operation"]),
            ("合计", sum(v.values())),
        ):
            row([label, a(value), a(value), a(0), a(0)], bold=label == "合计")

    def operating_cost(self) -> None:
        """预算公开表11 机关运行经费预算财政拨款情况统计表."""
        acc, row, a = self.acc, self.page.row, self.a
        self.heading("机关运行经费预算财政拨款情况统计表", 5)
        row(["单位名称", f"{self.year}预算数", "", "", ""])
        row(["", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"])
        row(["部门合计", a(acc.public), a(acc.public), a(0), a(0)], bold=True)
        first, second = acc.operating_cost_split
        row([self.department, a(first), a(first), a(0), a(0)])
        if second:
            # a unit of the department, never the department itself (a 政务服务中心 department's
            # second row was once named like its first: two rows of one unit, a broken grain)
            unit = self.department + "综合服务中心"
            row([unit, a(second), a(second), a(0), a(0)])

    def project_list(self) -> None:
        """预算公开表12 项目支出预算表（本年预算）."""
        row, a = self.page.row, self.a
        self.heading("项目支出预算表（本年预算）", 4)
        row(["项目名称", "合计", "一般公共预算", "单位资金"])
        row(["合计", a(self.acc.project), a(self.acc.project), a(0)], bold=True)
        for name, value in self.acc.project_list:
            row([f"{self.year}年{name}", a(value), a(value), a(0)])


def write_budget(page: Page, acc: Accounts, department: str, year: int, rng: random.Random) -> None:
    w = BudgetWriter(page, acc, department, year)
    if page.layout == "markdown":
        page.page_break()
        page.heading(department, 1)
        page.heading(f"{year}年部门预算公开", 2)
    else:
        page.text(f"{department}{year}年部门预算公开报告")
    page.heading("第一部分 概况")
    page.text(
        "一、本部门职责",
        f"{department}负责本行业政务服务、行政审批和相关监督管理工作。",
        "二、机构设置情况",
        f"从部门预算构成看，本部门包括{rng.randint(1, 4)}个预算单位。",
    )
    page.heading(f"第二部分 {year}年部门预算报表")
    w.summary()
    w.income()
    w.expenditure("预算支出总表")
    w.fiscal_summary()
    w.expenditure("一般公共预算支出预算表（不含上年结转）")
    page.page_break()
    w.basic_economic()
    w.empty("政府性基金预算收入表（不含上年结转）", ["收入科目编码", "科目名称", "政府性基金收入预算"])
    w.empty("政府性基金预算支出表（不含上年结转）", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
    w.empty("国有资本经营预算收支预算表（不含上年结转）", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
    w.three_public()
    w.operating_cost()
    if acc.project_list:
        w.project_list()
    page.heading(f"第三部分 {year}年部门预算情况说明")
    for line in budget_prose(acc, year, rng):
        page.text(line)
