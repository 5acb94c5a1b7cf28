"""The numbers of one synthetic disclosure, drawn so that every accounting identity holds exactly.

Amounts are integers in hundredths of the document's printed unit (分 of 万元 or of 元), so
a printed cell is exact and the identities hold cell for cell: 项 sum to 款, 款 to 类, 类 to
合计; total = basic (基本支出) + project (项目支出); income = expenditure; basic = personnel
(人员经费) + public (公用经费); each 三公 total = its parts; procurement total = its parts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from bench.classification import (
    FUNCTIONAL,
    HOUSEHOLD_ITEMS,
    PERSONNEL_CLASSES,
    PERSONNEL_ITEMS,
    PERSONNEL_SECTIONS,
    PUBLIC_ITEMS,
)

BASIC_ONLY = ("行政运行", "事业运行", "离退休", "养老保险", "年金", "医疗", "住房公积金", "提租", "购房")
VEHICLE_TYPES = ("主要负责人用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "其他用车")
PROJECT_NAMES = (
    "保运转经费",
    "政务服务大厅运行维护经费",
    "电子政务外网运维费用",
    "档案整理和数字化建设项目",
    "业务培训经费",
    "新开办企业首套印章刻制免费服务",
    "信息系统等级保护测评经费",
    "12345热线运行经费",
    "专家评审费",
    "办公楼租赁及物业费",
    "网络安全服务费",
    "政策宣传经费",
    "执法装备购置经费",
    "应急物资储备经费",
    "基层服务站点建设补助",
    "数据共享平台建设经费",
    "公共资源交易平台运维经费",
    "证照邮寄费",
    "导办帮办服务经费",
    "标准化建设经费",
    "专项普查工作经费",
    "督查考核工作经费",
    "法律顾问服务费",
    "安全生产监管经费",
)


@dataclass(frozen=True)
class FunctionalRow:
    """One row of a table keyed by 功能分类 code: 类 (3 digits), 款 (5) or 项 (7)."""

    code: str
    name: str
    basic: int
    project: int

    @property
    def total(self) -> int:
        return self.basic + self.project


@dataclass(frozen=True)
class Indicator:
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: int
    score: Decimal


@dataclass(frozen=True)
class ProjectSheet:
    """A 项目支出绩效自评表; amounts in 万元 with up to four decimals, as the sheets print them."""

    name: str
    declared: Decimal  # 年初预算数 目标申报数
    compiled: Decimal  # 年初预算数 预算编制数
    full_year: Decimal  # 全年预算数
    executed: Decimal  # 全年执行数
    rate: Decimal  # 执行率, percent with two decimals
    rate_score: Decimal  # 预算执行率得分 (of 10)
    indicators: tuple[Indicator, ...]
    goal: str
    result: str

    @property
    def score(self) -> Decimal:
        return self.rate_score + sum((i.score for i in self.indicators), Decimal(0))

    @property
    def grade(self) -> str:
        s = self.score
        return "优" if s >= 90 else "良" if s >= 80 else "中" if s >= 60 else "差"


@dataclass(frozen=True)
class Accounts:
    unit: str  # '万元' | '元'
    functional: tuple[FunctionalRow, ...]  # print order: 类, its 款, each 款's 项 …
    economic: dict[str, int]  # 经济分类 款 code → amount (non-zero items only)
    three_public_actual: dict[str, int]  # overseas, vehicle_purchase, vehicle_operation, reception
    three_public_budget: dict[str, int]
    procurement: dict[str, int]  # goods, works, services, sme
    operating_cost_split: tuple[int, int]  # 机关运行经费: 行政单位, 参照公务员法管理事业单位
    vehicles: dict[str, int]
    prior_total: int  # last year's 收入/支出总计, for the prose's 与上年相比
    initial_budget: int  # 年初预算 of the general public budget, for 完成年初预算的 …%
    project_list: tuple[tuple[str, int], ...]  # 项目支出预算表: name, amount (sums to project)
    sheets: tuple[ProjectSheet, ...] = field(default=())

    @property
    def classes(self) -> tuple[FunctionalRow, ...]:
        return tuple(r for r in self.functional if len(r.code) == 3)

    @property
    def basic(self) -> int:
        return sum(r.basic for r in self.classes)

    @property
    def project(self) -> int:
        return sum(r.project for r in self.classes)

    @property
    def total(self) -> int:
        return self.basic + self.project

    def economic_class(self, prefix: str) -> int:
        return sum(v for k, v in self.economic.items() if k.startswith(prefix))

    @property
    def personnel(self) -> int:
        return self.economic_class("301") + self.economic_class("303")

    @property
    def public(self) -> int:
        return self.economic_class("302")

    def three_public_total(self, phase: str) -> int:
        return sum((self.three_public_actual if phase == "actual" else self.three_public_budget).values())


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` cut into ``parts`` pieces ≥ 1 that add up exactly (uneven, like real ledgers)."""
    parts = max(1, min(parts, total))
    if parts == 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=False)]


def percent(part: int, whole: int) -> Decimal:
    """part / whole × 100 with two decimals, rounded half up as the disclosures round."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


class _Draw:
    """Amounts in hundredths of the unit: 万元 cells have two decimals, 元 cells carry 分."""

    def __init__(self, rng: random.Random, unit: str):
        self.rng, self.unit = rng, unit

    def amount(self, low_wan: float, high_wan: float) -> int:
        """A random amount between ``low_wan`` and ``high_wan`` 万元, in hundredths of the unit."""
        cents_wan = self.rng.randint(int(low_wan * 100), int(high_wan * 100))
        return cents_wan if self.unit == "万元" else cents_wan * 10000 + self.rng.randint(0, 9999)


def _functional(rng: random.Random, draw: _Draw, sections: tuple[str, ...]) -> tuple[FunctionalRow, ...]:
    """The 类/款/项 rows of a department whose own work falls under ``sections`` (款 codes)."""
    chosen: dict[str, set[str]] = {}
    for sec in sections:
        chosen.setdefault(sec[:3], set()).add(sec)
    for cls in PERSONNEL_CLASSES:
        if cls == "208" or rng.random() < 0.85:
            chosen.setdefault(cls, set()).update(PERSONNEL_SECTIONS[cls])
    rows: list[FunctionalRow] = []
    for cls in sorted(chosen):
        cls_name, cls_sections = FUNCTIONAL[cls]
        block: list[FunctionalRow] = []
        for sec in sorted(chosen[cls]):
            sec_name, items = cls_sections[sec]
            codes = sorted(items)
            personnel = sec in PERSONNEL_SECTIONS.get(cls, ())
            if personnel:
                codes = [c for c in codes if any(k in items[c] for k in BASIC_ONLY)]
            picked = sorted(rng.sample(codes, rng.randint(1, min(2 if personnel else 3, len(codes)))))
            item_rows = [_item(rng, draw, code, items[code], personnel) for code in picked]
            block.append(
                FunctionalRow(sec, sec_name, sum(r.basic for r in item_rows), sum(r.project for r in item_rows))
            )
            block.extend(item_rows)
        sections_only = [r for r in block if len(r.code) == 5]
        rows.append(
            FunctionalRow(cls, cls_name, sum(r.basic for r in sections_only), sum(r.project for r in sections_only))
        )
        rows.extend(block)
    return tuple(rows)


def _item(rng: random.Random, draw: _Draw, code: str, name: str, personnel: bool) -> FunctionalRow:
    if personnel:
        return FunctionalRow(code, name, draw.amount(3, 120), 0)
    if any(k in name for k in BASIC_ONLY):
        basic = draw.amount(60, 1500)
        return FunctionalRow(code, name, basic, draw.amount(5, 600) if rng.random() < 0.3 else 0)
    project = draw.amount(2, 900)
    return FunctionalRow(code, name, draw.amount(5, 200) if rng.random() < 0.15 else 0, project)


def _economic(rng: random.Random, basic: int) -> dict[str, int]:
    personnel = basic * rng.randint(72, 93) // 100
    public = basic - personnel
    household = personnel * rng.randint(1, 4) // 100 if rng.random() < 0.5 else 0
    wages = personnel - household
    economic: dict[str, int] = {}
    wage_items = sorted(rng.sample(PERSONNEL_ITEMS, rng.randint(6, len(PERSONNEL_ITEMS))))
    economic.update(zip(wage_items, split(rng, wages, len(wage_items)), strict=False))
    if household:
        items = sorted(rng.sample(HOUSEHOLD_ITEMS, rng.randint(1, 2)))
        economic.update(zip(items, split(rng, household, len(items)), strict=False))
    extra = [c for c, p in (("30231", 0.6), ("30217", 0.5), ("30212", 0.05)) if rng.random() < p]
    public_items = sorted(rng.sample(PUBLIC_ITEMS, rng.randint(5, 12)) + extra)
    economic.update(zip(public_items, split(rng, public, len(public_items)), strict=False))
    return {k: v for k, v in economic.items() if v}


def _sheet(rng: random.Random, name: str, year: int) -> ProjectSheet:
    compiled = Decimal(rng.randint(2000, 2_000_000)) / 10000  # 0.2 … 200 万元, four decimals at most
    compiled = compiled.quantize(Decimal("0.01")) if rng.random() < 0.6 else compiled.normalize()
    full_year = compiled
    executed = (full_year * Decimal(rng.randint(40, 100)) / 100).quantize(Decimal("0.001"))
    rate = percent(int(executed * 1000), int(full_year * 1000))
    rate_score = min(Decimal(10), (rate / 10).quantize(Decimal("0.01"), ROUND_HALF_UP))
    specs = [
        ("产出指标", "数量指标", "完成事项数量", f"≥{rng.randint(5, 500)}件", 20),
        ("产出指标", "质量指标", "验收合格率", "≥95%", 10),
        ("产出指标", "时效指标", "完成及时性", "及时", 10),
        ("产出指标", "成本指标", "项目成本控制", f"≤{int(compiled * 10000)}元", 10),
        ("效益指标", "社会效益指标", "提升政务服务效率", "有效提升", 30),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", 10),
    ]
    if rng.random() < 0.4:
        specs[0:1] = [
            ("产出指标", "数量指标", "完成事项数量", f"≥{rng.randint(5, 500)}件", 10),
            ("产出指标", "数量指标", "覆盖单位数量", f"≥{rng.randint(3, 60)}个", 10),
        ]
    indicators = []
    for level1, level2, ind, target, weight in specs:
        full = rng.random() < 0.8
        score = Decimal(weight) if full else Decimal(rng.randint(weight // 2, weight - 1))
        indicators.append(Indicator(level1, level2, ind, target, "达成预期指标" if full else "部分完成", weight, score))
    return ProjectSheet(
        name=f"{year}年{name}",
        declared=compiled,
        compiled=compiled,
        full_year=full_year,
        executed=executed,
        rate=rate,
        rate_score=rate_score,
        indicators=tuple(indicators),
        goal=f"按期完成{name}各项任务，保障单位工作正常开展。",
        result=f"{name}已按计划实施，资金支付{executed}万元。",
    )


def draw_accounts(rng: random.Random, unit: str, year: int, sections: tuple[str, ...], n_sheets: int) -> Accounts:
    """Draw one department-year's numbers; ``sections`` are the 款 of its own work."""
    draw = _Draw(rng, unit)
    functional = _functional(rng, draw, sections)
    basic = sum(r.basic for r in functional if len(r.code) == 3)
    project = sum(r.project for r in functional if len(r.code) == 3)
    total = basic + project
    economic = _economic(rng, basic)
    actual = {
        "overseas": economic.get("30212", 0),
        "vehicle_purchase": 0,
        "vehicle_operation": economic.get("30231", 0),
        "reception": economic.get("30217", 0),
    }
    if actual["vehicle_operation"] and rng.random() < 0.1:
        actual["vehicle_purchase"] = draw.amount(8, 30)
    budget = {k: v + v * rng.randint(0, 30) // 100 for k, v in actual.items()}
    goods, works, services = (
        draw.amount(0.5, 80),
        draw.amount(5, 300) if rng.random() < 0.2 else 0,
        draw.amount(1, 400),
    )
    procurement = {
        "goods": goods,
        "works": works,
        "services": services,
        "sme": (goods + works + services) * rng.randint(0, 100) // 100,
    }
    public = sum(v for k, v in economic.items() if k.startswith("302"))
    admin = public if rng.random() < 0.5 else public * rng.randint(30, 90) // 100
    vehicles = {t: rng.randint(1, 3) for t in rng.sample(VEHICLE_TYPES, rng.randint(0, 2))}
    prior = total * rng.randint(70, 140) // 100
    initial = total * rng.randint(100, 125) // 100
    names = rng.sample(PROJECT_NAMES, min(len(PROJECT_NAMES), max(1, rng.randint(2, 8))))
    project_list = tuple(zip(names, split(rng, project, len(names)), strict=False)) if project else ()
    sheets = tuple(_sheet(rng, name, year) for name in rng.sample(PROJECT_NAMES, n_sheets))
    return Accounts(
        unit=unit,
        functional=functional,
        economic=economic,
        three_public_actual=actual,
        three_public_budget=budget,
        procurement=procurement,
        operating_cost_split=(admin, public - admin),
        vehicles=vehicles,
        prior_total=prior,
        initial_budget=initial,
        project_list=tuple((n, a) for n, a in project_list if a),
        sheets=sheets,
    )
