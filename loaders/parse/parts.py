"""Which part of a publication a document is (文件 / 公开表): complete, text or tables.

Many departments publish the 情况说明 and the 公开表 as two files (Jiangsu 文件 + 公开表,
Beijing 附件1 + 附件2). A document is told by what it holds, never by its file name:
tables with data and no figures in prose are the tables part; figures in prose and no
table with data are the text part (titles in its 目录 do not count); both are complete.
"""
from __future__ import annotations

from typing import Sequence

from loaders.model import NarrativeFact, Project, StatisticItem, TableRef


def document_part(tables: Sequence[TableRef], narrative: Sequence[NarrativeFact],
                  statistics: Sequence[StatisticItem], projects: Sequence[Project]) -> str | None:
    """'complete', 'text' or 'tables'; None when the document holds neither tables nor figures."""
    has_tables = any(not t.is_empty for t in tables) or bool(projects)
    inside = _sheet_spans(tables, projects)
    has_prose = any(not _within(f.lineno, inside) for f in narrative) or any(
        s.source == "narrative" and not _within(s.lineno, inside) for s in statistics)
    if has_tables and has_prose:
        return "complete"
    if has_tables:
        return "tables"
    if has_prose:
        return "text"
    return None


def _sheet_spans(tables: Sequence[TableRef], projects: Sequence[Project]) -> list[tuple[int, int]]:
    """Lines of each project sheet: from its start to the next sheet or table (the sentences
    in a 自评表's cells are the sheet's, not the 情况说明's)."""
    starts = sorted({t.lineno for t in tables} | {p.lineno for p in projects})
    spans = []
    for project in projects:
        after = [s for s in starts if s > project.lineno]
        spans.append((project.lineno, after[0] if after else 1 << 62))
    return spans


def _within(lineno: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= lineno < end for start, end in spans)
