"""Synthetic final accounts (部门决算) whose amounts reconcile exactly, in the loader's text layouts.

Departments, regions, years, functional codes (类/款/项) and economic codes are drawn
with a fixed seed; 项 amounts sum to 款, 款 to 类, 类 to 合计; total = basic + project;
basic = personnel + public; 三公 合计 = its parts. Layouts: tab-separated, `|`-separated
and markdown with <b> tags and a watermark. ``generate_corpus`` returns each file's truth.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

REGIONS = ["汾阳市", "孝义市", "阳城县", "泽州县", "荆门市", "钟祥市", "晋城市", "介休市", "平遥县", "灵石县",
           "襄阳市", "宜城市", "长治市", "潞城区", "太谷区", "清徐县"]
AGENCIES = ["行政审批服务管理局", "财政局", "教育局", "卫生健康局", "自然资源局", "住房和城乡建设局", "交通运输局",
            "农业农村局", "文化和旅游局", "市场监督管理局", "民政局", "人力资源和社会保障局", "生态环境局",
            "水利局", "统计局", "审计局", "司法局", "应急管理局", "医疗保障局", "政务服务中心"]
FUNCTIONAL = {
    "201": ("一般公共服务支出", {"20103": ("政府办公厅(室)及相关机构事务", {"2010301": "行政运行", "2010302": "一般行政管理事务", "2010350": "事业运行"}),
                               "20106": ("财政事务", {"2010601": "行政运行", "2010699": "其他财政事务支出"})}),
    "205": ("教育支出", {"20508": ("进修及培训", {"2050803": "培训支出"})}),
    "208": ("社会保障和就业支出", {"20805": ("行政事业单位养老支出", {"2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出"})}),
    "210": ("卫生健康支出", {"21011": ("行政事业单位医疗", {"2101101": "行政单位医疗", "2101102": "事业单位医疗"})}),
    "221": ("住房保障支出", {"22102": ("住房改革支出", {"2210201": "住房公积金"})}),
}
ECONOMIC = {"301": ("工资福利支出", {"30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30108": "机关事业单位基本养老保险缴费", "30113": "住房公积金"}),
            "302": ("商品和服务支出", {"30201": "办公费", "30207": "邮电费", "30211": "差旅费", "30231": "公务用车运行维护费", "30299": "其他商品和服务支出"})}
LAYOUTS = ("tab", "pipe", "markdown")


@dataclass(frozen=True)
class Truth:
    """What a correct loader must read from one generated document, in yuan."""

    department: str
    fiscal_year: int
    total_yuan: Decimal
    basic_yuan: Decimal
    project_yuan: Decimal
    three_public_yuan: Decimal
    n_functional_codes: int


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` (in hundredths) cut into ``parts`` positive pieces that add up exactly."""
    if parts == 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


def _fmt(cents: int, unit: str) -> str:
    return f"{Decimal(cents) / 100:,.2f}" if cents else ""


def _document(rng: random.Random, layout: str) -> tuple[str, Truth]:
    department = rng.choice(REGIONS) + rng.choice(AGENCIES)
    year = rng.randint(2019, 2025)
    unit = rng.choice(["万元", "万元", "元"])
    scale = 100 if unit == "万元" else 1_000_000
    classes = rng.sample(sorted(FUNCTIONAL), rng.randint(2, len(FUNCTIONAL)))
    rows = []  # (code, name, basic, project) in hundredths of the unit
    for code in sorted(classes):
        name, sections = FUNCTIONAL[code]
        class_rows = []
        for section_code, (section_name, items) in sorted(sections.items()):
            item_rows = [(c, n, rng.randint(1, 400) * scale, rng.randint(0, 300) * scale) for c, n in sorted(items.items())]
            basic, project = sum(r[2] for r in item_rows), sum(r[3] for r in item_rows)
            class_rows.append([(section_code, section_name, basic, project)] + item_rows)
        basic = sum(r[0][2] for r in class_rows)
        project = sum(r[0][3] for r in class_rows)
        rows.append((code, name, basic, project))
        for block in class_rows:
            rows.extend(block)
    classes_only = [r for r in rows if len(r[0]) == 3]
    basic_total, project_total = sum(r[2] for r in classes_only), sum(r[3] for r in classes_only)
    total = basic_total + project_total
    personnel, public = _split(rng, basic_total, 2)
    vehicles = rng.randint(0, min(public // 4, 50 * scale))
    reception = rng.randint(0, min(public // 4, 20 * scale))
    three_public = vehicles + reception
    sep = {"tab": "\t", "pipe": " | ", "markdown": "\t"}[layout]

    def row(*cells) -> str:
        return sep.join(str(c) for c in cells)

    out: list[str] = []
    if layout == "markdown":
        out += ["仅供内部审核"] * 4 + [f"# {department}", f"## {year}年度部门决算公开"]
    else:
        out += [department, f"{year}年度部门决算公开"]

    def table(title: str, number: str) -> None:
        out.extend(["", f"<b>{title}</b>" if layout == "markdown" else title, "", number, "",
                    f"部门名称：{department}", "", f"{year}年度", "", f"金额单位：{unit}", ""])
        if layout == "markdown":
            out.append("仅供内部审核")

    table("收入支出决算总表", "公开01表")
    out += [row("收入", "", "", "支出", "", ""), row("项目", "行次", "金额", "项目", "行次", "金额"),
            row("栏次", "", "1", "栏次", "", "2")]
    out.append(row("一、一般公共预算财政拨款收入", 1, _fmt(total, unit), "一、" + FUNCTIONAL[classes_only[0][0]][0], 32, _fmt(classes_only[0][2] + classes_only[0][3], unit)))
    for i, c in enumerate(classes_only[1:], start=2):
        out.append(row("", i, "", "二、" + c[1], 31 + i, _fmt(c[2] + c[3], unit)))
    out.append(row("本年收入合计", 27, _fmt(total, unit), "本年支出合计", 58, _fmt(total, unit)))
    out.append(row("总计", 31, _fmt(total, unit), "总计", 62, _fmt(total, unit)))
    table("收入决算表", "公开02表")
    out += [row("项目", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"),
            row("科目代码", "科目名称", "", "", "", "", "", "", ""), row("栏次", "", 1, 2, 3, 4, 5, 6, 7),
            row("合计", "", _fmt(total, unit), _fmt(total, unit), "", "", "", "", "")]
    out += [row(c, n, _fmt(b + p, unit), _fmt(b + p, unit)) for c, n, b, p in rows]
    for title, number in (("支出决算表", "公开03表"), ("一般公共预算财政拨款支出决算表", "公开05表")):
        table(title, number)
        out += [row("项目", "", "本年支出合计", "基本支出", "项目支出"), row("科目代码", "科目名称", "", "", ""),
                row("栏次", "", 1, 2, 3), row("合计", "", _fmt(total, unit), _fmt(basic_total, unit), _fmt(project_total, unit))]
        out += [row(c, n, _fmt(b + p, unit), _fmt(b, unit), _fmt(p, unit)) for c, n, b, p in rows]
    table("一般公共预算财政拨款基本支出决算明细表", "公开06表")
    out.append(row("科目代码", "科目名称", "决算数"))
    for code, share in (("301", personnel), ("302", public)):
        name, items = ECONOMIC[code]
        out.append(row(code, name, _fmt(share, unit)))
        for (item_code, item_name), amount in zip(sorted(items.items()), _split(rng, share, len(items))):
            out.append(row(item_code, item_name, _fmt(amount, unit)))
    out.append(row("人员经费合计", "", _fmt(personnel, unit)))
    out.append(row("公用经费合计", "", _fmt(public, unit)))
    table("财政拨款“三公”经费支出决算表", "公开09表")
    out += [row("预算数", "", "", "", "", "", "决算数", "", "", "", "", ""),
            row("合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费",
                "合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"),
            row("", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", "", "小计", "公务用车购置费", "公务用车运行维护费", ""),
            row(*range(1, 13))]
    half = [_fmt(three_public, unit), "", _fmt(vehicles, unit), "", _fmt(vehicles, unit), _fmt(reception, unit)]
    out.append(row(*(half + half)))
    out += ["", "第三部分 情况说明", "", f"{year}年度收入总计{_fmt(total, unit)}{unit}，支出总计{_fmt(total, unit)}{unit}。"]
    factor = Decimal(10000) if unit == "万元" else Decimal(1)
    yuan = lambda cents: (Decimal(cents) / 100 * factor).quantize(Decimal("0.01"))
    truth = Truth(department, year, yuan(total), yuan(basic_total), yuan(project_total), yuan(three_public),
                  len(rows))
    return "\n".join(out) + "\n", truth


def generate_corpus(out_dir: Path, n: int, seed: int = 42) -> dict[Path, Truth]:
    """Write ``n`` documents into ``out_dir``; returns each path's ground truth."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = {}
    for i in range(n):
        layout = LAYOUTS[i % len(LAYOUTS)]
        text, truth = _document(rng, layout)
        path = out_dir / f"synthetic_{i:06d}_{layout}.txt"
        path.write_text(text, encoding="utf-8" if i % 5 else "gb18030")
        truths[path] = truth
    return truths
