"""Compare a parsed Document with the Truth its synthetic file was written from.

Returns readable mismatches ("expenditure 2010301 basic: got 1.00, want 2.00"), so a
failing comparison points straight at the table, code and column a parser misread.
Cells printed blank or 0 count as zero whether or not the parser emitted a row for them.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from bench.corpus import Truth
from loaders.model import Document

ZERO = Decimal("0.00")
MEASURES = ("total", "basic", "project")


def _coded(doc: Document, kind: str) -> dict[str | None, dict[str, Decimal]]:
    """code (None for the 合计 row) → measure → amount, for one table kind."""
    table: dict[str | None, dict[str, Decimal]] = defaultdict(dict)
    for r in doc.functional_amounts:
        if r.table_kind == kind:
            table[None if r.is_total else r.functional_code][r.measure] = r.amount_yuan
    return table


def _check(out: list[str], label: str, got, want) -> None:
    if got != want:
        out.append(f"{label}: got {got}, want {want}")


def compare(doc: Document, truth: Truth) -> list[str]:
    out: list[str] = []
    meta = doc.meta
    for field in ("department", "fiscal_year", "document_kind", "source_unit"):
        _check(out, field, getattr(meta, field), getattr(truth, field))
    for kind in ("expenditure", "general_budget_expenditure"):
        table = _coded(doc, kind)
        want_total = (truth.total_yuan, truth.basic_yuan, truth.project_yuan)
        for measure, want in zip(MEASURES, want_total, strict=False):
            _check(out, f"{kind} 合计 {measure}", table.get(None, {}).get(measure, ZERO), want)
        for code, values in truth.expenditure.items():
            for measure, want in zip(MEASURES, values, strict=False):
                _check(out, f"{kind} {code} {measure}", table.get(code, {}).get(measure, ZERO), want)
        extra = set(table) - set(truth.expenditure) - {None}
        if extra:
            out.append(f"{kind}: codes not in the document {sorted(extra)}")
    income = _coded(doc, "income")
    _check(out, "income 合计 total", income.get(None, {}).get("total", ZERO), truth.total_yuan)
    for code, (total, _, _) in truth.expenditure.items():
        _check(out, f"income {code} total", income.get(code, {}).get("total", ZERO), total)
    summary = {(r.table_kind, r.side, r.item_key) for r in doc.summary_amounts if r.item_key}
    for r in doc.summary_amounts:
        if r.item_key in ("income_total", "expenditure_total", "grand_total") and r.measure in ("amount", "total"):
            _check(out, f"{r.table_kind} {r.side} {r.item_key}", r.amount_yuan, truth.total_yuan)
    if not any(key[2] == "income_total" for key in summary):
        out.append("summary tables: no 本年收入合计 read")
    for category, want in (("personnel", truth.personnel_yuan), ("public", truth.public_yuan)):
        got = sum(
            (
                r.amount_yuan
                for r in doc.economic_amounts
                if r.expense_category == category and not r.is_subtotal and r.measure in ("amount", category)
            ),
            ZERO,
        )
        _check(out, f"economic {category} items sum", got, want)
    three_public = {(r.phase, r.item): r.amount_yuan for r in doc.three_public_amounts}
    for key, want in truth.three_public.items():
        _check(out, f"三公 {key[0]} {key[1]}", three_public.get(key, ZERO), want)
    if truth.procurement_total_yuan is not None:
        got = next(
            (
                s.amount_yuan
                for s in doc.statistics
                if s.source == "table" and s.section == "procurement" and s.item == "total"
            ),
            ZERO,
        )
        _check(out, "procurement total", got, truth.procurement_total_yuan)
    projects = {p.name: p for p in doc.projects if p.phase == "self_evaluation"}
    for want in truth.projects:
        got = projects.get(want.name)
        if got is None:
            out.append(f"project {want.name}: not read")
            continue
        for field, value in (
            ("budget_full_year_yuan", want.budget_full_year_yuan),
            ("executed_yuan", want.executed_yuan),
            ("score", want.score),
            ("grade", want.grade),
        ):
            _check(out, f"project {want.name} {field}", getattr(got, field), value)
        _check(out, f"project {want.name} indicators", len(got.indicators), want.indicator_count)
    return out
