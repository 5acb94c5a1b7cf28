"""Render a 部门决算 (final account) from its Accounts in one of the seed layouts.

Tables 公开01–10 with the national template's titles, header rows, 栏次 rows and 合计
rows; the 情况说明 prose; the 名词解释 glossary; 项目支出绩效自评表 sheets as attachments.
"""

from __future__ import annotations

import random

from bench.accounts import Accounts
from bench.classification import ECONOMIC_GROUPS, SUMMARY_CLASSES_FINAL
from bench.layout import Page, amount
from bench.prose import GLOSSARY, final_account_prose
from bench.sheets import write_sheets

INCOME_ITEMS = (
    "一、一般公共预算财政拨款收入",
    "二、政府性基金预算财政拨款收入",
    "三、国有资本经营预算财政拨款收入",
    "四、上级补助收入",
    "五、事业收入",
    "六、经营收入",
    "七、附属单位上缴收入",
    "八、其他收入",
)
CHINESE_NUMERALS = (
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
    "二十五",
    "二十六",
    "二十七",
    "二十八",
    "二十九",
    "三十",
)
NO_DATA = "说明：本表无数据"


class FinalAccountWriter:
    def __init__(self, page: Page, acc: Accounts, department: str, year: int, scope: str):
        self.page, self.acc, self.department, self.year, self.scope = page, acc, department, year, scope
        self.layout = page.layout
        self.number = 0

    def a(self, cents: int) -> str:
        return amount(cents, self.layout)

    def heading(self, title: str, width: int, unit_label: str = "金额单位") -> None:
        self.number += 1
        label = "公开表01" if self.layout == "pipe" and self.number == 1 else f"公开{self.number:02d}表"
        self.page.table_heading(title, label, self.department, self.year, self.acc.unit, width, unit_label)

    def class_amounts(self) -> dict[str, int]:
        return {r.code: r.total for r in self.acc.classes}

    # ------------------------------------------------------------------ tables
    def summary(self) -> None:
        """公开01表 收入支出决算总表."""
        acc, row = self.acc, self.page.row
        self.heading("收入支出决算总表", 6)
        row(["收入", "", "", "支出", "", ""])
        row(["项目", "行次", "金额", "项目", "行次", "金额"])
        row(["栏次", "", "1", "栏次", "", "2"])
        by_class = self.class_amounts()
        for i, (code, name) in enumerate(SUMMARY_CLASSES_FINAL, start=1):
            left = [INCOME_ITEMS[i - 1], i, self.a(acc.total if i == 1 else 0)] if i <= 8 else ["", i, ""]
            row([*left, f"{CHINESE_NUMERALS[i - 1]}、{name}", 31 + i, self.a(by_class.get(code, 0))])
            if i == 23:
                self.page.page_break()
        row(["本年收入合计", 27, self.a(acc.total), "本年支出合计", 58, self.a(acc.total)], bold=True)
        row(["使用非财政拨款结余", 28, self.a(0), "结余分配", 59, self.a(0)])
        row(["年初结转和结余", 29, self.a(0), "年末结转和结余", 60, self.a(0)])
        row(["", 30, "", "", 61, ""])
        row(["总计", 31, self.a(acc.total), "总计", 62, self.a(acc.total)], bold=True)
        self.page.note("本表反映部门本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。")

    def income(self) -> None:
        """公开02表 收入决算表: every code's income, all of it 财政拨款收入."""
        acc, row, a = self.acc, self.page.row, self.a
        self.heading("收入决算表", 9)
        self._header(
            ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
        )
        row(["合计", "", a(acc.total), a(acc.total)] + [a(0)] * 5, bold=True)
        for r in acc.functional:
            row([r.code, r.name, a(r.total), a(r.total)] + [a(0)] * 5)
        self.page.note("本表反映部门本年度取得的各项收入情况。")

    def _header(self, columns: list[str], group: str | None = None) -> None:
        """Header rows of a coded table; the pipe layout splits them over lines as seed 001 does."""
        row = self.page.row
        if self.layout == "pipe" and group is None:
            self.page.lines.append("项 目 |")
            for column in columns[:-1]:
                self.page.lines.append(f"{column} |")
            self.page.lines.append(f"{columns[-1]} | |")
            row(["科目代码", "科目名称"] + [""] * len(columns))
        elif group is not None:
            row(["项目", "", group] + [""] * (len(columns) - 1))
            row(["科目代码", "科目名称", *columns])
        else:
            row(["项目", "", *columns])
            row(["科目代码", "科目名称"] + [""] * len(columns))
        row(["栏次", ""] + [str(i) for i in range(1, len(columns) + 1)])

    def expenditure(self, title: str, general_budget: bool) -> None:
        """公开03表 支出决算表 or 公开05表 一般公共预算财政拨款支出决算表."""
        acc, row, a = self.acc, self.page.row, self.a
        if general_budget:
            self.heading(title, 5)
            self._header(["小计", "基本支出", "项目支出"], group="本年支出")
            extra: list[str] = []
        else:
            self.heading(title, 8)
            self._header(["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"])
            extra = [a(0)] * 3
        row(["合计", "", a(acc.total), a(acc.basic), a(acc.project), *extra], bold=True)
        for r in acc.functional:
            row([r.code, r.name, a(r.total), a(r.basic), a(r.project), *extra])
        self.page.note(
            "本表反映部门本年度一般公共预算财政拨款支出情况。" if general_budget else "本表反映部门本年度各项支出情况。"
        )

    def fiscal_summary(self) -> None:
        """公开04表 财政拨款收入支出决算总表."""
        acc, row, a = self.acc, self.page.row, self.a
        self.heading("财政拨款收入支出决算总表", 9)
        row(["收入", "", "", "支出", "", "", "", "", ""])
        row(
            [
                "项目",
                "行次",
                "金额",
                "项目",
                "行次",
                "合计",
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款",
            ]
        )
        row(["栏次", "", "1", "栏次", "", "2", "3", "4", "5"])
        left_items = ("一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款")
        by_class = self.class_amounts()
        for i, (code, name) in enumerate(SUMMARY_CLASSES_FINAL, start=1):
            left = [left_items[i - 1], i, a(acc.total if i == 1 else 0)] if i <= 3 else ["", i, ""]
            value = by_class.get(code, 0)
            row([*left, f"{CHINESE_NUMERALS[i - 1]}、{name}", 32 + i, a(value), a(value), a(0), a(0)])
        row(["本年收入合计", 27, a(acc.total), "本年支出合计", 59, a(acc.total), a(acc.total), a(0), a(0)], bold=True)
        row(["年初财政拨款结转和结余", 28, a(0), "年末财政拨款结转和结余", 60, a(0), a(0), a(0), a(0)])
        for i, label in enumerate(("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")):
            row([label, 29 + i, a(0), "", 61 + i, "", "", "", ""])
        row(["总计", 32, a(acc.total), "总计", 64, a(acc.total), a(acc.total), a(0), a(0)], bold=True)
        self.page.note(
            "本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的"
            "总收支和年末结转结余情况。"
        )

    def basic_economic(self) -> None:
        """公开06表 一般公共预算财政拨款基本支出决算明细表: code|name|amount groups side by side."""
        acc, row, a = self.acc, self.page.row, self.a
        groups = list(ECONOMIC_GROUPS)
        if self.layout == "pipe":  # seed 001 prints three groups: capital items folded into the third
            groups = [
                groups[0],
                groups[1],
                tuple(g for g in groups[2] + groups[3] if g[0][:3] in ("307", "310", "399")),
            ]
        width = 3 * len(groups)
        self.heading("一般公共预算财政拨款基本支出决算明细表", width)
        row(["人员经费", "", "", "公用经费"] + [""] * (width - 4))
        row(["科目代码", "科目名称", "决算数"] * len(groups))
        for i in range(max(len(g) for g in groups)):
            cells: list[str] = []
            for _g, group in enumerate(groups):
                if i >= len(group):
                    cells += ["", "", ""]
                    continue
                code, name = group[i]
                value = acc.economic_class(code) if len(code) == 3 else acc.economic.get(code, 0)
                printed = "——" if code.startswith("309") and self.layout != "pipe" else a(value)
                cells += [code, name, printed]
            row(cells)
        row(["人员经费合计", "", a(acc.personnel), "公用经费合计"] + [""] * (width - 5) + [a(acc.public)], bold=True)
        self.page.note("本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")

    def empty_fund(self, kind: str) -> None:
        """公开07表 政府性基金 / 公开08表 国有资本经营: printed, with no data."""
        row = self.page.row
        if kind == "government_fund":
            self.heading("政府性基金预算财政拨款收入支出决算表", 8, unit_label="单位")
            row(["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"])
            row(["科目代码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""])
            row(["栏次", "", "1", "2", "3", "4", "5", "6"])
            row(["合计", "", "", "", "", "", "", ""])
            self.page.note("本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。")
        else:
            self.heading("国有资本经营预算财政拨款支出决算表", 5, unit_label="单位")
            row(["项目", "", "本年支出", "", ""])
            row(["科目代码", "科目名称", "合计", "基本支出", "项目支出"])
            row(["栏次", "", "1", "2", "3"])
            row(["合计", "", "", "", ""])
            self.page.note("本表反映部门本年度国有资本经营预算财政拨款支出情况。")
        if self.layout == "pipe":
            self.page.lines.append(
                "(本单位今年没有"
                + ("政府性基金预算财政拨款)" if kind == "government_fund" else "国有资本经营预算财政拨款)")
            )
        else:
            self.page.text(NO_DATA)

    def three_public(self) -> None:
        """公开09表 财政拨款“三公”经费支出决算表: 预算数 and 决算数 halves of six columns."""
        row = self.page.row
        self.heading("财政拨款“三公”经费支出决算表", 12)
        row(["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""])
        half = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"]
        row(half + half)
        sub = ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""]
        row(sub + sub)
        row([str(i) for i in range(1, 13)])
        cells = []
        for values in (self.acc.three_public_budget, self.acc.three_public_actual):
            vehicles = values["vehicle_purchase"] + values["vehicle_operation"]
            cells += [
                self.a(sum(values.values())),
                self.a(values["overseas"]),
                self.a(vehicles),
                self.a(values["vehicle_purchase"]),
                self.a(values["vehicle_operation"]),
                self.a(values["reception"]),
            ]
        row(cells)
        self.page.note(
            "本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序"
            "调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。"
        )

    def statistics(self) -> None:
        """公开10表 部门决算公开相关信息统计表: procurement, 机关运行经费, vehicles."""
        acc, row, a = self.acc, self.page.row, self.a
        self.heading("部门决算公开相关信息统计表", 3)
        p = acc.procurement
        row(["一、政府采购情况", "", ""])
        row(["项目", "行次", "统计数"])
        row(["合计", 1, a(p["goods"] + p["works"] + p["services"])])
        row(["货物", 2, a(p["goods"])])
        row(["工程", 3, a(p["works"])])
        row(["服务", 4, a(p["services"])])
        row(["二、机关运行经费", "", ""])
        row(["项目", "", "统计数"])
        row(["(一) 行政单位", 5, a(acc.operating_cost_split[0])])
        row(["(二) 参照公务员法管理事业单位", 6, a(acc.operating_cost_split[1])])
        row(["三、国有资产占用情况", "", ""])
        row(["(一) 车辆数合计(辆)", 7, sum(acc.vehicles.values()) or ""])
        types = (
            "副部(省)级及以上领导用车",
            "主要负责人用车",
            "机要通信用车",
            "应急保障用车",
            "执法执勤用车",
            "特种专业技术用车",
            "离退休干部服务用车",
            "其他用车",
        )
        for i, t in enumerate(types, start=1):
            row([f"{i}. {t}", 7 + i, acc.vehicles.get(t, "")])
        row(["(二) 单价100万元(含)以上设备(不含车辆)", 17, ""])
        self.page.note("本表反映部门本年度政府采购、机关运行经费和国有资产占用情况。")


def write_final_account(page: Page, acc: Accounts, department: str, year: int, scope: str, rng: random.Random) -> None:
    """Cover, 概况, the ten tables, the prose, the glossary and the project sheets."""
    w = FinalAccountWriter(page, acc, department, year, scope)
    title = f"{year}年度{'单位' if scope == 'unit' else '部门'}决算公开"
    if page.layout == "markdown":
        page.page_break()
        page.heading(department, 1)
        page.heading(title, 2)
        page.page_break()
    elif page.layout == "tab":
        page.text("", department, title)
    page.heading("第一部分 概况")
    page.text(
        "一、本部门（单位）职责",
        f"{department}负责本行业政务服务、行政审批和相关监督管理工作，统筹推进本系统改革和信息化建设。",
        "二、机构设置情况",
        f"从单位构成看，{department}{'单位' if scope == 'unit' else '部门'}决算由实行独立核算的"
        f"{rng.randint(1, 4)}个单位决算组成。",
    )
    page.heading(f"第二部分 {year}年部门决算表")
    three_public_seventh = page.layout == "tab" and rng.random() < 0.3  # seed 003's order
    w.summary()
    w.income()
    w.expenditure("支出决算表", general_budget=False)
    w.fiscal_summary()
    w.expenditure("一般公共预算财政拨款支出决算表", general_budget=True)
    page.page_break()
    w.basic_economic()
    if three_public_seventh:
        w.three_public()
    w.empty_fund("government_fund")
    w.empty_fund("state_capital")
    if not three_public_seventh:
        w.three_public()
    if page.layout != "pipe":
        w.statistics()
    page.heading("第三部分 情况说明")
    for line in final_account_prose(acc, year, rng):
        page.text(line)
    if page.layout != "pipe":
        page.heading("第四部分 名词解释")
        for entry in GLOSSARY:
            page.text(f"- {entry}")
        page.heading("第五部分 附件")
        write_sheets(page, acc.sheets, department, year, rng)
