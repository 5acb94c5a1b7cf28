"""What `govfin parse FILE` prints: the Document as text for people or JSON for scripts."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal

from loaders.model import Document
from loaders.parse.vocabulary.totals import TOTAL_WORD


def _plain(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def render_document(doc: Document, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(_plain(doc), ensure_ascii=False, indent=2)
    out = [f"file: {doc.source_path}", f"document_id: {doc.document_id}"]
    out += [f"{f.name}: {getattr(doc.meta, f.name)}" for f in dataclasses.fields(doc.meta)]
    out.append(f"tables ({len(doc.tables)}):")
    for t in doc.tables:
        out.append(
            f"  line {t.lineno}: {t.kind:<28} {t.title} [{t.number_label or '-'}] "
            f"unit {t.unit}, {'empty' if t.is_empty else f'{t.row_count} rows'}"
        )
    groups = (
        (
            "functional amounts",
            doc.functional_amounts,
            lambda r: (
                f"{r.table_kind} {r.functional_code or TOTAL_WORD} {r.functional_name} {r.measure} = {r.amount_yuan}"
            ),
        ),
        (
            "summary amounts",
            doc.summary_amounts,
            lambda r: f"{r.table_kind} {r.side} {r.item} [{r.item_key or ''}] {r.measure} = {r.amount_yuan}",
        ),
        (
            "economic amounts",
            doc.economic_amounts,
            lambda r: f"{r.table_kind} {r.economic_code or ''} {r.economic_name} {r.measure} = {r.amount_yuan}",
        ),
        ("三公 amounts", doc.three_public_amounts, lambda r: f"{r.phase} {r.item} = {r.amount_yuan}"),
        (
            "statistics",
            doc.statistics,
            lambda r: (
                f"{r.source} {r.section} {r.item} = {r.amount_yuan if r.amount_yuan is not None else r.count_value}"
            ),
        ),
        ("narrative facts", doc.narrative_facts, lambda r: f"{r.label} ({r.kind}) = {r.value}  «{r.quote[:60]}»"),
        (
            "projects",
            doc.projects,
            lambda r: (
                f"{r.seq}. {r.name} [{r.phase}] budget {r.budget_full_year_yuan} executed {r.executed_yuan} "
                f"score {r.score} {r.grade or ''} ({len(r.indicators)} indicators)"
            ),
        ),
    )
    for title, rows, show in groups:
        out.append(f"{title} ({len(rows)}):")
        out += [f"  line {r.lineno}: {show(r)}" for r in rows]
    out.append(f"warnings ({len(doc.issues)}):")
    out += [f"  {i.severity} {i.table or ''} line {i.lineno}: {i.message}" for i in doc.issues]
    return "\n".join(out)
