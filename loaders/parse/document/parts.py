"""Which part of a publication a document is (文件 / 公开表): complete, text or tables.

Many departments publish the 情况说明 and the 公开表 as two files (Jiangsu 文件 + 公开表,
Beijing 附件1 + 附件2). A document is told by what it holds, never by its file name:
tables with data and no figures in prose are the tables part; figures in prose and no
table with data are the text part (titles in its 目录 do not count); both are complete.
Prose is a figure on a line of one cell outside every table and project sheet: the
sentences inside a 专项业务经费 table's cells or a 自评表's are the table's, not the text's.
"""

from __future__ import annotations

from bisect import bisect_right
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
    spans = _Spans(table_spans)
    return {
        line.lineno for line in lines if sum(1 for cell in line.cells if cell.strip()) <= 1 and line.lineno not in spans
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
    has_prose = any(n in prose and n not in sheets for n in facts)
    if has_tables and has_prose:
        return "complete"
    if has_tables:
        return "tables"
    if has_prose:
        return "text"
    return None


def _sheet_spans(tables: Sequence[TableRef], projects: Sequence[Project]) -> _Spans:
    """Lines of each project sheet: from its start to the next sheet or table."""
    starts = sorted({t.lineno for t in tables} | {p.lineno for p in projects})
    spans = []
    for project in projects:
        after = bisect_right(starts, project.lineno)  # the first start past the sheet's own
        spans.append((project.lineno, starts[after] - 1 if after < len(starts) else 1 << 62))
    return _Spans(spans)


class _Spans:
    """Line spans (first, last; both included) asked whether they hold a line number, by bisection:
    overlapping spans are merged and sorted once, so each question costs log(spans), not spans."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(span for span in spans if span[0] <= span[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, lineno: int) -> bool:
        i = bisect_right(self._starts, lineno) - 1
        return i >= 0 and lineno <= self._ends[i]
