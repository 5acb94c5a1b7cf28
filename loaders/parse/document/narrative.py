"""Facts stated in the prose (情况说明): every number with its unit and the phrase it belongs to.

A sentence such as "2023年度收入总计1,214.68万元，支出总计1,214.68万元" yields one
fact per number: label (the phrase before the number, back to the previous
punctuation), kind (amount in yuan, percent as printed, or count), the printed text
and the quote. Figures no table holds (政府采购 to SMEs, 三公 counts, 年初预算 and its
completion rate, vehicles) also become StatisticItem(source='narrative').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from loaders.model import DocumentMeta, Line, NarrativeFact, ParseIssue, StatisticItem
from loaders.parse.grid.amounts import LIMIT
from loaders.parse.vocabulary.document import LABEL_VERB_SUFFIX, LEADING, NUMBER, STATISTICS, VEHICLES

BARE_FIGURE = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")
DELIMITERS = "，,。；;：:、（(）)\t|"


def _label(text: str, start: int) -> str:
    i = start
    while i > 0 and text[i - 1] not in DELIMITERS:
        i -= 1
    label = LEADING.sub("", text[i:start].strip())
    return LABEL_VERB_SUFFIX.sub(lambda m: m.group(0) if len(label) <= 4 else "", label) or label


def _facts_in(line: Line) -> list[NarrativeFact]:
    facts: list[NarrativeFact] = []
    text = line.text
    previous_label = ""
    for match in NUMBER.finditer(text):
        printed, unit = match.group("num"), match.group("unit")
        if match.start() > 0 and text[match.start() - 1].isdigit():
            continue
        try:
            value = Decimal(printed.replace(",", ""))
        except InvalidOperation:
            continue
        if abs(value) >= LIMIT:
            continue  # not a figure a disclosure can mean (a garbled or run-together number)
        label = _label(text, match.start()) or previous_label
        if unit == "人次" and not _label(text, match.start()):
            label = previous_label + "人次"
        previous_label = label
        if unit in ("万元", "元"):
            kind, value = "amount", (value * (10000 if unit == "万元" else 1)).quantize(Decimal("0.01"))
        elif unit == "%":
            kind = "percent"
        else:
            kind = "count"
        start = max(0, text.rfind("。", 0, match.start()) + 1)
        end = text.find("。", match.end())
        quote = text[start : end if end != -1 else len(text)].strip()
        facts.append(NarrativeFact(label, kind, value, printed, unit, quote, line.page, line.lineno))
    return facts


def _statistics(facts: list[NarrativeFact]) -> list[StatisticItem]:
    found: dict[tuple[str, str], StatisticItem] = {}
    for index, fact in enumerate(facts):
        for keyword, kind, section, item in STATISTICS:
            if keyword in fact.label and fact.kind == kind and (section, item) not in found:
                found[(section, item)] = _item(fact, section, item)
                if item in ("overseas_groups",) and index + 1 < len(facts) and facts[index + 1].printed_unit == "人次":
                    found[(section, "overseas_persons")] = _item(facts[index + 1], section, "overseas_persons")
        if (
            fact.kind == "count"
            and fact.printed_unit == "批次"
            and "接待" in fact.quote
            and ("three_public_counts", "reception_batches") not in found
        ):
            found[("three_public_counts", "reception_batches")] = _item(
                fact, "three_public_counts", "reception_batches"
            )
            if index + 1 < len(facts) and facts[index + 1].printed_unit == "人次":
                found[("three_public_counts", "reception_persons")] = _item(
                    facts[index + 1], "three_public_counts", "reception_persons"
                )
        if (
            fact.kind == "amount"
            and fact.label.endswith("年初预算")
            and "财政拨款支出" in fact.label
            and ("budget", "initial_budget_total") not in found
        ):
            found[("budget", "initial_budget_total")] = _item(fact, "budget", "initial_budget_total")
    found.update(_vehicles(facts, found))
    return list(found.values())


def _vehicles(facts: list[NarrativeFact], found: dict) -> dict:
    """Vehicles the prose counts by type ("2辆机要通信车"), and their total where none is stated."""
    by_type: dict[tuple[str, str], StatisticItem] = {}
    for fact in facts:
        if fact.kind != "count" or fact.printed_unit != "辆":
            continue
        for count, kind in VEHICLES.findall(fact.quote):
            if Decimal(count) == fact.value and ("assets", f"vehicles:{kind}") not in by_type:
                by_type[("assets", f"vehicles:{kind}")] = StatisticItem(
                    "narrative", "assets", f"vehicles:{kind}", None, fact.value, fact.page, fact.lineno
                )
    if by_type and ("assets", "vehicles_total") not in found:
        first = next(iter(by_type.values()))
        total = sum(item.count_value for item in by_type.values())
        by_type[("assets", "vehicles_total")] = StatisticItem(
            "narrative", "assets", "vehicles_total", None, total, first.page, first.lineno
        )
    return by_type


def _item(fact: NarrativeFact, section: str, item: str) -> StatisticItem:
    amount = fact.value if fact.kind == "amount" else None
    count = fact.value if fact.kind != "amount" else None
    return StatisticItem("narrative", section, item, amount, count, fact.page, fact.lineno)


def _is_prose(line: Line) -> bool:
    """One cell, or (loose PDF text, where any space splits cells) a long line without a bare figure."""
    filled = [c for c in line.cells if c.strip()]
    if len(filled) <= 1:
        return len(line.text) >= 2
    return len(line.text) >= 15 and not any(BARE_FIGURE.match(c.strip()) for c in filled)


def _wrapped(previous: Line, line: Line) -> bool:
    """Whether ``line`` continues a sentence ``previous`` broke off: PDF lines that follow
    each other, or in extracted text a long line (not a heading) ending mid-sentence with
    at most a blank line before the next."""
    if previous.text.endswith(("。", "；", ";", "：", ":")):
        return False
    if line.page is not None:
        return previous.lineno + 1 == line.lineno
    return line.lineno - previous.lineno <= 2 and len(previous.text) >= 25 and "\u4e00" <= previous.text[-1] <= "\u9fff"


def _paragraphs(lines: Sequence[Line]) -> list[Line]:
    """Prose lines; in PDFs (where lines carry a page) a sentence wrapped over lines is rejoined."""
    prose = [ln for ln in lines if _is_prose(ln)]
    joined: list[Line] = []
    for line in prose:
        previous = joined[-1] if joined else None
        if previous is not None and _wrapped(previous, line):
            joined[-1] = Line(previous.text + line.text, (previous.text + line.text,), previous.lineno, previous.page)
        else:
            joined.append(line)
    return [ln for ln in joined if len(ln.text) >= 8]


def parse_narrative(
    lines: Sequence[Line], meta: DocumentMeta
) -> tuple[list[NarrativeFact], list[StatisticItem], list[ParseIssue]]:
    """Facts of every prose line (a line that is not a table row)."""
    facts: list[NarrativeFact] = []
    for line in _paragraphs(lines):
        facts.extend(_facts_in(line))
    issues = [
        ParseIssue(
            "warning",
            "情况说明",
            f.lineno,
            f"{f.label} printed in 元 ({f.printed}元) in a document whose tables are in 万元",
        )
        for f in facts
        if f.kind == "amount"
        and f.printed_unit == "元"
        and meta.source_unit == "万元"
        and "." in f.printed
        and Decimal(f.printed.replace(",", "")) < 1000
    ]
    return facts, _statistics(facts), issues
