"""Which part of a publication a document is (文件 / 公开表): complete, text or tables.

Many departments publish the 情况说明 and the 公开表 as two files (Jiangsu 文件 + 公开表,
Beijing 附件1 + 附件2). A document is told by what it holds, never by its file name:
tables with data and no figures in prose are the tables part; figures in prose and no
table with data are the text part (titles in its 目录 do not count); both are complete.
Prose is a figure on a line of one cell outside every table and project sheet: the
sentences inside a 专项业务经费 table's cells or a 自评表's are the table's, not the text's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from loaders.model import Line, NarrativeFact, Project, StatisticItem, TableRef
from loaders.parse.document.segment import Region


def table_spans(regions: Sequence[Region], read: Sequence[Region]) -> list[tuple[int, int]]:
    """(first, last) line of each region read as a table, except the last title of a 目录:
    a region right after one with no lines of its own is a list of titles, then prose."""
    spans, ids = [], {id(region) for region in read}
    for before, region in zip([None, *regions], regions, strict=False):
        if id(region) in ids and not (before is not None and not before.lines):
            spans.append((region.anchor.lineno, region.lines[-1].lineno if region.lines else region.anchor.lineno))
    return spans


def prose_lines(lines: Sequence[Line], table_spans: Iterable[tuple[int, int]]) -> set[int]:
    """Line numbers of single-cell lines outside the (first, last) line spans of the tables."""
    spans = list(table_spans)
    return {
        line.lineno
        for line in lines
        if sum(1 for cell in line.cells if cell.strip()) <= 1 and not _within(line.lineno, spans)
    }


def document_part(
    tables: Sequence[TableRef],
    narrative: Sequence[NarrativeFact],
    statistics: Sequence[StatisticItem],
    projects: Sequence[Project],
    prose: set[int],
) -> str | None:
    """'complete', 'text' or 'tables'; None when the document holds neither tables nor figures."""
    has_tables = any(not t.is_empty for t in tables) or bool(projects)
    sheets = _sheet_spans(tables, projects)
    facts = [f.lineno for f in narrative] + [s.lineno for s in statistics if s.source == "narrative"]
    has_prose = any(n in prose and not _within(n, sheets) for n in facts)
    if has_tables and has_prose:
        return "complete"
    if has_tables:
        return "tables"
    if has_prose:
        return "text"
    return None


def _sheet_spans(tables: Sequence[TableRef], projects: Sequence[Project]) -> list[tuple[int, int]]:
    """Lines of each project sheet: from its start to the next sheet or table."""
    starts = sorted({t.lineno for t in tables} | {p.lineno for p in projects})
    spans = []
    for project in projects:
        after = [s for s in starts if s > project.lineno]
        spans.append((project.lineno, after[0] - 1 if after else 1 << 62))
    return spans


def _within(lineno: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= lineno <= end for start, end in spans)
