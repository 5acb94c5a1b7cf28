"""A synthetic corpus of final accounts (决算) and budgets (预算) whose amounts reconcile exactly.

Many departments (region × agency), years 2019–2025, units 万元 and 元, the tab, ``|`` and
markdown layouts of seeds 000, 001 and 004, a fifth of the files in GB18030, about half
of the tab/markdown final accounts with 项目支出绩效自评表 sheets. The same seed gives
the same bytes. ``generate_documents`` also returns what a correct loader must read
from each file (``Truth``), which makes the corpus an oracle for the parser.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from itertools import product
from pathlib import Path

from bench.accounts import Accounts, draw_accounts
from bench.budget import write_budget
from bench.final_account import write_final_account
from bench.layout import BUDGET_ONLY_LAYOUTS, LAYOUTS, Page

REGIONS = (
    "汾阳市",
    "孝义市",
    "阳城县",
    "泽州县",
    "晋城市",
    "介休市",
    "平遥县",
    "灵石县",
    "长治市",
    "潞城区",
    "太谷区",
    "清徐县",
    "大同市",
    "临汾市",
    "运城市",
    "忻州市",
    "朔州市",
    "洪洞县",
    "襄垣县",
    "沁水县",
    "高平市",
    "陵川县",
    "荆门市",
    "钟祥市",
    "襄阳市",
    "宜城市",
    "宜昌市",
    "荆州市",
    "黄冈市",
    "孝感市",
    "十堰市",
    "咸宁市",
    "随州市",
    "鄂州市",
    "黄石市",
    "京山市",
    "沙洋县",
    "掇刀区",
    "东宝区",
    "远安县",
    "枝江市",
    "当阳市",
    "夷陵区",
    "南漳县",
    "谷城县",
    "保康县",
    "老河口市",
    "枣阳市",
)
# agency → the 款 of its own work (its personnel 款 are added for every department)
AGENCIES: dict[str, tuple[str, ...]] = {
    "行政审批服务管理局": ("20103",),
    "政务服务中心": ("20103",),
    "财政局": ("20106",),
    "发展和改革局": ("20104",),
    "统计局": ("20105",),
    "审计局": ("20108",),
    "商务局": ("20113", "21602"),
    "档案馆": ("20126",),
    "市场监督管理局": ("20138",),
    "人大常委会办公室": ("20101",),
    "政协办公室": ("20102",),
    "公安局": ("20402",),
    "司法局": ("20406",),
    "教育局": ("20501", "20502", "20508"),
    "科学技术局": ("20601", "20604"),
    "文化和旅游局": ("20701", "20708"),
    "人力资源和社会保障局": ("20801",),
    "民政局": ("20802", "20808"),
    "卫生健康局": ("21001", "21004"),
    "生态环境局": ("21101", "21103"),
    "住房和城乡建设局": ("21201", "21203"),
    "农业农村局": ("21301",),
    "水利局": ("21303",),
    "交通运输局": ("21401",),
    "自然资源局": ("22001",),
    "应急管理局": ("22401",),
    "机关事务服务中心": ("20103", "20106"),
    "纪律检查委员会": ("20111",),
}
YEARS = tuple(range(2019, 2026))
KIND_CYCLE = ("final_account", "final_account", "final_account", "budget")
MODEL_ITEMS = {"overseas": "overseas_travel", "reception": "official_reception"}  # ThreePublicAmount.item


@dataclass(frozen=True)
class ProjectTruth:
    name: str
    budget_full_year_yuan: Decimal
    executed_yuan: Decimal
    score: Decimal
    grade: str
    indicator_count: int


@dataclass(frozen=True)
class Truth:
    """What a correct loader must read from one generated document; amounts in yuan."""

    department: str
    fiscal_year: int
    document_kind: str  # final_account | budget
    source_unit: str
    layout: str
    encoding: str
    total_yuan: Decimal  # 支出 合计 = 收入 合计
    basic_yuan: Decimal
    project_yuan: Decimal
    personnel_yuan: Decimal
    public_yuan: Decimal
    expenditure: dict[str, tuple[Decimal, Decimal, Decimal]]  # code → (total, basic, project)
    three_public: dict[tuple[str, str], Decimal]  # (phase, item) → amount
    procurement_total_yuan: Decimal | None  # from 公开10表 where printed
    projects: tuple[ProjectTruth, ...]


@dataclass(frozen=True)
class GeneratedDocument:
    path: Path
    truth: Truth


def to_yuan(cents: int, unit: str) -> Decimal:
    """Hundredths of the printed unit → yuan, exactly."""
    value = Decimal(cents) * 100 if unit == "万元" else Decimal(cents) / 100
    return value.quantize(Decimal("0.01"))


def _truth(acc: Accounts, department: str, year: int, kind: str, layout: str, encoding: str) -> Truth:
    y = lambda cents: to_yuan(cents, acc.unit)  # noqa: E731
    tp: dict[tuple[str, str], Decimal] = {}
    phases = (
        (("budget", acc.three_public_actual),)
        if kind == "budget"
        else (("budget", acc.three_public_budget), ("actual", acc.three_public_actual))
    )
    for phase, values in phases:
        for item, cents in values.items():
            tp[(phase, MODEL_ITEMS.get(item, item))] = y(cents)
        tp[(phase, "vehicles_total")] = y(values["vehicle_purchase"] + values["vehicle_operation"])
        tp[(phase, "total")] = y(sum(values.values()))
    p = acc.procurement
    printed_stats = kind == "final_account" and layout != "pipe"
    sheets = acc.sheets if printed_stats else ()
    return Truth(
        department=department,
        fiscal_year=year,
        document_kind=kind,
        source_unit=acc.unit,
        layout=layout,
        encoding=encoding,
        total_yuan=y(acc.total),
        basic_yuan=y(acc.basic),
        project_yuan=y(acc.project),
        personnel_yuan=y(acc.personnel),
        public_yuan=y(acc.public),
        expenditure={r.code: (y(r.total), y(r.basic), y(r.project)) for r in acc.functional},
        three_public=tp,
        procurement_total_yuan=y(p["goods"] + p["works"] + p["services"]) if printed_stats else None,
        projects=tuple(
            ProjectTruth(
                s.name,
                (s.full_year * 10000).quantize(Decimal("0.01")),
                (s.executed * 10000).quantize(Decimal("0.01")),
                s.score,
                s.grade,
                len(s.indicators),
            )
            for s in sheets
        ),
    )


def render_document(
    rng: random.Random, department: str, sections: tuple[str, ...], year: int, kind: str, layout: str
) -> tuple[str, Accounts]:
    """One document's text and the numbers it was written from."""
    unit = "万元" if rng.random() < 0.7 else "元"
    with_sheets = kind == "final_account" and layout != "pipe" and rng.random() < 0.5
    acc = draw_accounts(rng, unit, year, sections, rng.randint(1, 8) if with_sheets else 0)
    page = Page(layout, rng)
    if kind == "budget":
        write_budget(page, acc, department, year, rng)
    else:
        write_final_account(page, acc, department, year, "unit" if rng.random() < 0.3 else "department", rng)
    return page.render(), acc


def generate_documents(out_dir: Path, n: int, seed: int = 42) -> list[GeneratedDocument]:
    """Write ``n`` documents into ``out_dir``; returns each file with its ground truth."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    departments = [(region + agency, sections) for region, (agency, sections) in product(REGIONS, AGENCIES.items())]
    slots = list(product(range(len(departments)), YEARS))
    rng.shuffle(slots)
    generated = []
    for i in range(n):
        dept_index, year = slots[i % len(slots)]  # past len(slots): republished documents
        department, sections = departments[dept_index]
        layout, kind = LAYOUTS[i % len(LAYOUTS)], KIND_CYCLE[(i // len(LAYOUTS)) % len(KIND_CYCLE)]
        if kind == "budget" and (i // (len(LAYOUTS) * len(KIND_CYCLE))) % 2:
            layout = BUDGET_ONLY_LAYOUTS[0]  # every other round of budgets as raw PDF text, like seed 002
        text, acc = render_document(rng, department, sections, year, kind, layout)
        encoding = "gb18030" if i % 5 == 4 else "utf-8"
        path = out_dir / f"synthetic_{i:06d}_{'budget' if kind == 'budget' else 'final'}_{layout}.txt"
        path.write_bytes(text.encode(encoding))
        generated.append(GeneratedDocument(path, _truth(acc, department, year, kind, layout, encoding)))
    return generated


def generate_corpus(out_dir: Path, n: int, seed: int = 42) -> list[Path]:
    """Write ``n`` documents into ``out_dir`` and return their paths (same seed, same bytes)."""
    return [doc.path for doc in generate_documents(out_dir, n, seed)]
