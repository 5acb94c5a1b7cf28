"""Labels of the "三公"经费 tables: items (出国, 接待, 用车 …), phases (预算数/决算数, years), neighbours.

A 三公 table prints its items as columns or rows, under or beside phase labels
(预算数 | 决算数, 2025年 | 2026年, 当年预算 | 上年结转), and often next to figures
that are not 三公 at all (会议费, 培训费, 机关运行经费, 行政经费). Every label is
compacted (``loaders.parse.vocabulary.text.label_key``) before it is looked up here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.parse.vocabulary.text import label_key

# (needle, item), the more specific first: 公务用车购置及运行维护费 before 公务用车购置费
THREE_PUBLIC_ITEMS = (
    ("科研因公出国", "research_overseas_travel"),  # a part of 因公出国 (Jilin), not an item of its own
    ("购置及运行", "vehicles_total"),
    ("购置和运行", "vehicles_total"),
    ("购置及运维", "vehicles_total"),
    ("用车购置", "vehicle_purchase"),
    ("车辆购置", "vehicle_purchase"),
    ("购置费", "vehicle_purchase"),
    ("用车运行", "vehicle_operation"),
    ("车辆运行", "vehicle_operation"),
    ("运行维护费", "vehicle_operation"),
    ("运行费", "vehicle_operation"),
    ("因公出国", "overseas_travel"),
    ("出国(境)", "overseas_travel"),
    ("公务接待", "official_reception"),
    ("接待费", "official_reception"),
)
# labels whose glyphs came out of order ("公务用经车费购置", "公待务费接"): tried after every other
# needle, as the characters a label must hold in any order
SCRAMBLED_ITEMS = (
    ("购置运行", "vehicles_total"),
    ("用车购置", "vehicle_purchase"),
    ("用车运行", "vehicle_operation"),
    ("因公出国", "overseas_travel"),
    ("公务接待", "official_reception"),
)
LOOSE_ITEMS = (("购置", "vehicle_purchase"), ("运行", "vehicle_operation"))
# the items of fct_three_public_expenses; the others are kept out of the 三公 facts
CONTRACT_ITEMS = (
    "overseas_travel",
    "vehicle_purchase",
    "vehicle_operation",
    "vehicles_total",
    "official_reception",
    "total",
)
# figures printed in the same tables that are not 三公: known, so kept out without a warning
RELATED_ITEMS = (
    ("会议费", "meeting"),
    ("培训费", "training"),
    ("机关运行经费", "operating_cost"),
    ("行政经费", "administrative_cost"),
    ("编码", "unit_code"),
    ("代码", "unit_code"),
)
SUBTOTALS = ("小计", "合计", "总计", "总额")
# sources an item's columns may be split into (Shenzhen): the item is their sum
FUNDING_SOURCES = ("一般公共预算", "政府性基金", "国有资本经营")
YEAR = re.compile(r"(20\d{2})年?")
ROW_NUMBERING = re.compile(
    r"^(?:其中[:：]?)?(?:[\d①②③④]+[、.．]|[(（][\d一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)*"
)


@dataclass(frozen=True)
class Group:
    """A label that heads a group of figures: which phase and year they are, or a group to leave out."""

    phase: str | None  # 'budget' (预算数) | 'actual' (决算数) | None when only a year is printed
    year: int | None
    kept: bool  # False for 增减 (a difference), 上年结转 (last year's money), 执行率


def group_of(label: str) -> Group | None:
    """The group a header or row label opens (预算数, 2026年决算数, 增减变化), else None."""
    text = label_key(label)
    if not text or len(text) > 16:
        return None
    if "增减" in text or "变动" in text or "比上年" in text or "执行率" in text or "结转" in text or text == "上年":
        return Group(None, None, False)
    if text in ("当年", "本年"):
        return Group(None, None, True)
    year = YEAR.search(text)
    rest = YEAR.sub("", text).replace("度", "")
    if rest.startswith(("当年", "本年")):
        rest = rest[2:]
    phase = "actual" if rest.startswith(("决算", "实际", "执行数")) else "budget" if rest.startswith("预算") else None
    if phase is None and not (year and rest in ("", "预算", "决算", "数")):
        return None
    return Group(phase, int(year.group(1)) if year else None, True)


def is_funding_source(label: str) -> bool:
    text = label_key(label)
    return any(text.startswith(source) and len(text) <= len(source) + 3 for source in FUNDING_SOURCES)


def item_of(label: str) -> str | None:
    """The 三公 item a label names, 'subtotal' for 小计/合计 alone, a related item, else None."""
    text = ROW_NUMBERING.sub("", label_key(label))
    if not text:
        return None
    for needle, item in THREE_PUBLIC_ITEMS:
        if needle in text:
            return item
    for needle, item in RELATED_ITEMS:
        if needle in text:
            return item
    if "三公" in text:
        return "total"
    for needle, item in SCRAMBLED_ITEMS:
        if set(needle) <= set(text):
            return item
    for needle, item in LOOSE_ITEMS:
        if needle in text:
            return item
    if any(text.endswith(s) or text.startswith(s) for s in SUBTOTALS):
        return "subtotal"
    return None
