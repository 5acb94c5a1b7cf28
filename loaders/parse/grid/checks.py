"""Every table checks its own arithmetic as it is read (表内平衡), so a misread is never silent.

Small pure functions over the typed rows one table parser returned: children sum to
their parent (项 → 款 → 类), 合计 = Σ 类, total = basic + project (合计 = 基本支出 +
项目支出), 三公 total = 出国 + 接待 + 用车 with 用车 = 购置 + 运行, income grand total =
expenditure grand total (收入总计 = 支出总计), an economic class = Σ its items.
A rule applies only when every figure it needs was read.

Tolerance is CONTRACT.md's: (n summed cells + 1) × half of the last printed digit, in
the table's unit (the finest decimal printed in the table's figures). A table that does
not add up gets a warning naming the table and the row; its figures stay as printed,
since a contradiction the document really prints is data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from loaders.model import EconomicAmount, FunctionalAmount, Line, ParseIssue, SummaryAmount, ThreePublicAmount
from loaders.parse.grid.amounts import is_number
from loaders.parse.vocabulary import ECONOMIC_TOTALS, UNIT_FACTOR
from loaders.parse.vocabulary.grid import BASIC_PARTS, ECONOMIC_PARTS, SPENDING_PARTS

HALF = Decimal("0.5")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Sum:
    """One equation to verify: ``parent`` should equal the sum of ``parts``."""

    what: str  # the row and measure, as a reader finds them: "201 一般公共服务支出 (basic)"
    lineno: int | None
    parent: Decimal
    parts: tuple[Decimal, ...]
    relation: str  # "Σ 款 rows", "基本支出 + 项目支出" …


def last_digit(cells: Iterable[str], unit: str) -> Decimal:
    """Value in yuan of one unit of the last printed digit: 0.01 万元 → 100 yuan.

    The finest decimal printed in any figure of the table (at most six), in the table's unit.
    """
    decimals = 0
    for cell in cells:
        text = cell.replace(",", "").strip()
        if is_number(text) and "." in text:
            decimals = max(decimals, min(len(text) - text.index(".") - 1, 6))
    return max(UNIT_FACTOR.get(unit, Decimal(1)) / Decimal(10) ** decimals, CENT)


def tolerance(n_cells: int, digit: Decimal) -> Decimal:
    """(n summed cells + 1) × half of the last printed digit."""
    return (n_cells + 1) * HALF * digit


def failures(sums: Iterable[Sum], digit: Decimal) -> list[Sum]:
    return [s for s in sums if abs(s.parent - sum(s.parts, Decimal(0))) > tolerance(len(s.parts), digit)]


# --------------------------------------------------------------------------- 功能分类 tables


def _blocks(rows: Sequence, code_of) -> list[list]:
    """Rows split where a 类 repeats: tables that list the department and then each unit."""
    blocks: list[list] = [[]]
    seen: set[tuple[str, str]] = set()
    for row in rows:
        code = code_of(row)
        if len(code) == 3 and (code, row.measure) in seen:
            blocks.append([])
            seen = set()
        seen.add((code, row.measure))
        blocks[-1].append(row)
    return [b for b in blocks if b]


def _parent(code: str, printed: set[str], child_length: int) -> str | None:
    """The nearest printed level above a code: 3010201's parent is 30102 where printed, else 301."""
    for length in range(len(code) - child_length, 2, -child_length):
        if code[:length] in printed:
            return code[:length]
    return None


def _hierarchy(block: Sequence, code_of, name_of, child_length: int = 2) -> list[Sum]:
    """A code = Σ the codes printed one level below it, per measure (a level the table skips, as
    项 printed under a 类 without their 款, counts as one level).

    A code printed on several rows (one per 政府经济/部门经济 combination) counts as the sum
    of its rows.
    """
    amounts: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    first: dict[tuple[str, str], object] = {}
    for row in block:
        key = (row.measure, code_of(row))
        amounts[key] += row.amount_yuan
        first.setdefault(key, row)
    children: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for measure in {m for m, _ in first}:
        printed = {code for m, code in first if m == measure}
        for code in printed:
            parent = _parent(code, printed, child_length)
            if parent is not None:
                children[(measure, parent)].append(amounts[(measure, code)])
    sums = []
    for (measure, code), parent in first.items():
        if children[(measure, code)]:
            level = "款" if len(code) == 3 else "项"
            sums.append(
                Sum(
                    f"{code} {name_of(parent)} ({measure})",
                    parent.lineno,
                    amounts[(measure, code)],
                    tuple(children[(measure, code)]),
                    f"Σ {level} rows",
                )
            )
    return sums


def functional_sums(rows: Sequence[FunctionalAmount]) -> list[Sum]:
    """项 → 款 → 类 → 合计 per measure, and total = basic + project per row."""
    sums: list[Sum] = []
    blocks = _blocks([r for r in rows if not r.is_total], lambda r: r.functional_code)
    totals = [r for r in rows if r.is_total]
    for block in blocks:
        sums.extend(_hierarchy(block, lambda r: r.functional_code, lambda r: r.functional_name))
    if len(blocks) == 1:
        classes: dict[str, list[Decimal]] = defaultdict(list)
        for row in blocks[0]:
            if len(row.functional_code) == 3:
                classes[row.measure].append(row.amount_yuan)
        for total in totals:
            if classes.get(total.measure):
                sums.append(
                    Sum(
                        f"{total.functional_name} ({total.measure})",
                        total.lineno,
                        total.amount_yuan,
                        tuple(classes[total.measure]),
                        "Σ 类 rows",
                    )
                )
    sums.extend(_basic_plus_project(rows))
    return sums


def _basic_plus_project(rows: Sequence[FunctionalAmount]) -> list[Sum]:
    """Per row: total = basic + project, basic = personnel + public, and where no 基本支出 column is
    printed, total = personnel + public + project (Xi'an's 人员经费 / 公用经费 / 专项业务经费)."""
    by_line: dict[tuple[int, str | None], dict[str, FunctionalAmount]] = defaultdict(dict)
    for row in rows:
        by_line[(row.lineno, row.functional_code)].setdefault(row.measure, row)
    sums = []
    for measures in by_line.values():
        if {"total", "basic", "project"} <= measures.keys():
            sums.append(_row_sum(measures, "total", [m for m in SPENDING_PARTS if m in measures], SPENDING_PARTS))
        if {"basic", *BASIC_PARTS} <= measures.keys():
            sums.append(_row_sum(measures, "basic", list(BASIC_PARTS), BASIC_PARTS))
        if "basic" not in measures and {"total", *BASIC_PARTS} <= measures.keys():
            parts = [*BASIC_PARTS, *(m for m in SPENDING_PARTS if m in measures)]
            sums.append(_row_sum(measures, "total", parts, {**BASIC_PARTS, **SPENDING_PARTS}))
    return sums


def _row_sum(measures: dict[str, FunctionalAmount], parent: str, parts: list[str], names: dict[str, str]) -> Sum:
    row = measures[parent]
    return Sum(
        f"{row.functional_code or ''} {row.functional_name} ({parent})".strip(),
        row.lineno,
        row.amount_yuan,
        tuple(measures[m].amount_yuan for m in parts),
        " + ".join(names[m] for m in parts),
    )


# --------------------------------------------------------------------------- 收支总表


def summary_sums(rows: Sequence[SummaryAmount]) -> list[Sum]:
    """收入总计 = 支出总计 (each measure the table prints on both sides)."""
    grand: dict[tuple[str, str], SummaryAmount] = {}
    for row in rows:
        if row.item_key == "grand_total":
            grand.setdefault((row.side, row.measure), row)
    sums = []
    for (side, measure), income in grand.items():
        if side != "income":
            continue
        expenditure = grand.get(("expenditure", measure)) or (
            grand.get(("expenditure", "total")) if measure == "amount" else None
        )
        if expenditure is not None:
            sums.append(
                Sum(
                    f"{income.item} = {expenditure.item}",
                    expenditure.lineno,
                    income.amount_yuan,
                    (expenditure.amount_yuan,),
                    "支出总计",
                )
            )
    return sums


# --------------------------------------------------------------------------- 经济分类 tables


def economic_sums(rows: Sequence[EconomicAmount]) -> list[Sum]:
    """A 类 (301) = Σ its 款 (30101 …) per measure; 合计 = 人员经费 + 公用经费 per row."""
    sums: list[Sum] = []
    coded = [r for r in rows if r.economic_code]
    blocks = _blocks(coded, lambda r: r.economic_code)
    for block in blocks:
        sums.extend(_hierarchy(block, lambda r: r.economic_code, lambda r: r.economic_name))
    if len(blocks) == 1:
        sums.extend(_grand_total(rows, blocks[0]))
        sums.extend(_category_totals(rows, blocks[0]))
    by_line: dict[tuple[int, str], dict[str, EconomicAmount]] = defaultdict(dict)
    for row in rows:
        by_line[(row.lineno, row.economic_name)].setdefault(row.measure, row)
    for measures in by_line.values():
        if "total" in measures and ("personnel" in measures or "public" in measures):
            total = measures["total"]
            parts = tuple(measures[m].amount_yuan for m in ECONOMIC_PARTS if m in measures)
            sums.append(
                Sum(
                    f"{total.economic_code or ''} {total.economic_name} (total)".strip(),
                    total.lineno,
                    total.amount_yuan,
                    parts,
                    " + ".join(name for m, name in ECONOMIC_PARTS.items() if m in measures),
                )
            )
    return sums


def _grand_total(rows: Sequence[EconomicAmount], block: Sequence[EconomicAmount]) -> list[Sum]:
    """合计 = Σ the highest codes printed (the 类 rows, or the 款 where a table prints no 类)."""
    top: dict[str, list[Decimal]] = defaultdict(list)
    printed = {(r.measure, r.economic_code) for r in block}
    for row in block:
        codes = {code for measure, code in printed if measure == row.measure}
        if _parent(row.economic_code, codes, 2) is None:
            top[row.measure].append(row.amount_yuan)
    totals = [r for r in rows if r.economic_code is None and r.economic_name in ("合计", "总计")]
    return [
        Sum(f"{t.economic_name} ({t.measure})", t.lineno, t.amount_yuan, tuple(top[t.measure]), "Σ top-level rows")
        for t in totals
        if top.get(t.measure)
    ]


def _category_totals(rows: Sequence[EconomicAmount], block: Sequence[EconomicAmount]) -> list[Sum]:
    """人员经费合计 = Σ the personnel 类 printed (301 and 303), 公用经费合计 = Σ the other 类 printed."""
    top: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    printed = {(r.measure, r.economic_code) for r in block}
    for row in block:
        codes = {code for measure, code in printed if measure == row.measure}
        if _parent(row.economic_code, codes, 2) is None:
            side = "personnel" if row.expense_category == "personnel" else "public"
            top[(side, row.measure)].append(row.amount_yuan)
    totals = [r for r in rows if r.economic_code is None and r.economic_name in ECONOMIC_TOTALS]
    return [
        Sum(f"{t.economic_name} ({t.measure})", t.lineno, t.amount_yuan, tuple(parts), "Σ its 类 rows")
        for t in totals
        if (parts := top.get((ECONOMIC_TOTALS[t.economic_name], t.measure)))
    ]


# --------------------------------------------------------------------------- 三公经费


def three_public_sums(rows: Sequence[ThreePublicAmount]) -> list[Sum]:
    """Per phase: total = 出国 + 接待 + 用车; 用车 = 购置 + 运行."""
    by_phase: dict[str, dict[str, ThreePublicAmount]] = defaultdict(dict)
    for row in rows:
        by_phase[row.phase].setdefault(row.item, row)
    sums = []
    for phase, items in by_phase.items():
        if {"vehicles_total", "vehicle_purchase", "vehicle_operation"} <= items.keys():
            parent = items["vehicles_total"]
            sums.append(
                Sum(
                    f"公务用车购置及运行费 ({phase})",
                    parent.lineno,
                    parent.amount_yuan,
                    (items["vehicle_purchase"].amount_yuan, items["vehicle_operation"].amount_yuan),
                    "购置费 + 运行费",
                )
            )
        if {"total", "overseas_travel", "official_reception", "vehicles_total"} <= items.keys():
            parent = items["total"]
            sums.append(
                Sum(
                    f"“三公”经费合计 ({phase})",
                    parent.lineno,
                    parent.amount_yuan,
                    tuple(items[k].amount_yuan for k in ("overseas_travel", "official_reception", "vehicles_total")),
                    "出国 + 接待 + 用车",
                )
            )
    return sums


# --------------------------------------------------------------------------- entry point

SUMS = {
    FunctionalAmount: functional_sums,
    SummaryAmount: summary_sums,
    EconomicAmount: economic_sums,
    ThreePublicAmount: three_public_sums,
}


def check_table(title: str, unit: str, rows: Sequence, lines: Sequence[Line]) -> list[ParseIssue]:
    """Warnings for every equation of one table that does not hold within the rounding of its cells."""
    amounts = [r for r in rows if getattr(r, "amount_yuan", None) is not None]
    digit = last_digit((cell for line in lines for cell in line.cells), unit)
    issues: list[ParseIssue] = []
    for fact_type, sums_of in SUMS.items():
        typed = [r for r in amounts if isinstance(r, fact_type)]
        if not typed:
            continue
        for s in failures(sums_of(typed), digit):
            difference = s.parent - sum(s.parts, Decimal(0))
            issues.append(
                ParseIssue(
                    "warning",
                    title,
                    s.lineno,
                    f"does not add up: {s.what} is {s.parent} but {s.relation} make {sum(s.parts, Decimal(0))} "
                    f"(difference {difference}, tolerance {tolerance(len(s.parts), digit).quantize(CENT)} yuan)",
                )
            )
    return issues
