"""Whether a parsed document may feed the marts, or is quarantined with its reason.

A quarantined document is loaded (its ledger row and staging rows are kept, so an analyst can
see what was read) but left out of the marts: no single document's numbers can then break the
build or a mart's tests. The parser has already refused what it cannot read at all
(``loaders/parse/document/admission.py``); these checks catch what reads cleanly but cannot be true:

- an amount of ``MAX_PLAUSIBLE_YUAN`` or more: more than any department's whole budget (China's
  national general public budget spends about 2.8e13 yuan a year; the largest department
  publication of the corpora prints 2.5e10). Below this bound a mart's sums over one department
  stay far inside numeric(20,2) (18 integer digits);
- a table amount more than ``MAX_TOTAL_MULTIPLE`` times the largest total the document prints
  itself (合计 / 总计 of its tables): a cell read in the wrong unit or a misprint, which would
  swamp every sum it enters;
- no fiscal year: its facts could not be keyed by year.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from loaders.model import Document

MAX_PLAUSIBLE_YUAN = Decimal(10) ** 13  # 10 万亿元
MAX_TOTAL_MULTIPLE = 1000
TOTAL_KEYS = {"grand_total", "income_total", "expenditure_total"}


@dataclass(frozen=True)
class Amount:
    """One amount of a document with where it was printed, for a reason an analyst can follow."""

    what: str
    amount_yuan: Decimal
    lineno: int | None
    from_table: bool


def quarantine_reason(doc: Document) -> str | None:
    """Why ``doc`` must stay out of the marts, or None when it may feed them."""
    if doc.meta.fiscal_year is None:
        return "no fiscal year found: its facts cannot be keyed by year"
    amounts = list(_amounts(doc))
    huge = max((a for a in amounts if abs(a.amount_yuan) >= MAX_PLAUSIBLE_YUAN), key=_size, default=None)
    if huge:
        return (
            f"{huge.what} at line {huge.lineno} is {huge.amount_yuan} yuan, "
            f"not below the plausibility bound of {MAX_PLAUSIBLE_YUAN:.0e} yuan"
        )
    total = printed_total(doc)
    if total:
        outlier = max(
            (a for a in amounts if a.from_table and abs(a.amount_yuan) > MAX_TOTAL_MULTIPLE * total),
            key=_size,
            default=None,
        )
        if outlier:
            return (
                f"{outlier.what} at line {outlier.lineno} is {outlier.amount_yuan} yuan, more than "
                f"{MAX_TOTAL_MULTIPLE} times the largest total the document prints ({total} yuan)"
            )
    return None


def printed_total(doc: Document) -> Decimal | None:
    """The largest total (合计 / 总计) the document's own tables print, if any."""
    totals = [a.amount_yuan for a in doc.summary_amounts if a.item_key in TOTAL_KEYS]
    totals += [a.amount_yuan for a in doc.functional_amounts if a.is_total and a.measure == "total"]
    largest = max((abs(t) for t in totals), default=None)
    return largest or None


def _size(amount: Amount) -> Decimal:
    return abs(amount.amount_yuan)


def _amounts(doc: Document) -> Iterator[Amount]:
    for a in doc.functional_amounts:
        yield Amount(
            f"{a.table_kind} {a.functional_code or a.functional_name} {a.measure}", a.amount_yuan, a.lineno, True
        )
    for a in doc.summary_amounts:
        yield Amount(f"{a.table_kind} {a.item} {a.measure}", a.amount_yuan, a.lineno, True)
    for a in doc.economic_amounts:
        yield Amount(f"{a.table_kind} {a.economic_code or a.economic_name} {a.measure}", a.amount_yuan, a.lineno, True)
    for a in doc.three_public_amounts:
        yield Amount(f"{a.table_kind} {a.item} {a.phase}", a.amount_yuan, a.lineno, True)
    for s in doc.statistics:
        if s.amount_yuan is not None:
            yield Amount(f"statistic {s.section} {s.item}", s.amount_yuan, s.lineno, s.source == "table")
    for n in doc.narrative_facts:
        if n.kind == "amount":
            yield Amount(f"narrative {n.label}", n.value, n.lineno, False)
    for p in doc.projects:
        for name in (
            "initial_budget_declared_yuan",
            "initial_budget_compiled_yuan",
            "budget_full_year_yuan",
            "executed_yuan",
            "balance_yuan",
            "implementation_period_total_yuan",
        ):
            value = getattr(p, name)
            if value is not None:
                yield Amount(f"project {p.name} {name}", value, p.lineno, False)
