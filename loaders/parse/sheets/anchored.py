"""Rows of a project table that prints a figure on every row: the figure's line anchors the row.

A 自评表's indicator rows print their 分值, a one-table 绩效目标表 its projects' 总计, an
evaluation report's 项目支出情况表 its items' 预算批复: one line per row holds that figure,
and every wrapped text cell of the row is centred on it. ``anchored_rows`` finds the
anchors and splits each text column around them (``centered.split_centred``) once for
every reader; the readers say what the cells mean.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from loaders.model import Line
from loaders.parse.grid.amounts import is_number
from loaders.parse.sheets.cells import compact, join_wrapped, unwrap
from loaders.parse.sheets.centered import Split, position, split_centred

# where a column's cells may open (a line index → bool) and whether every cell opens so
Opening = tuple[Callable[[int], bool], bool]


@dataclass(frozen=True)
class AnchoredRows:
    """The table's lines, its columns by key, the anchor line of each row and each text column's split."""

    body: Sequence[Line]
    columns: Mapping[str, int]
    anchors: tuple[int, ...]
    splits: Mapping[str, Split]

    def cell(self, i: int, key: str) -> str:
        """Line ``i``'s cell in the column of ``key``, stripped; '' where the table has no such column."""
        return self.body[i].cells[self.columns[key]].strip() if key in self.columns else ""

    def texts(self, k: int, key: str) -> list[str]:
        """The lines of row ``k``'s cell in the text column ``key``, top to bottom."""
        return [self.cell(i, key) for i in self.splits[key].cells[k]]

    def text(self, k: int, key: str) -> str:
        """Row ``k``'s cell in the text column ``key``, its wrapped lines joined."""
        return unwrap(join_wrapped(self.texts(k, key)))

    def figure(self, k: int, key: str) -> str:
        """Row ``k``'s cell in the column ``key`` on its anchor line (a one-line figure)."""
        return self.cell(self.anchors[k], key)

    def line(self, k: int) -> Line:
        """Row ``k``'s anchor line: where it is printed."""
        return self.body[self.anchors[k]]


def anchored_rows(
    body: Sequence[Line],
    columns: Mapping[str, int],
    anchor: str,
    text_keys: Sequence[str],
    openings: Mapping[str, Opening] | None = None,
) -> AnchoredRows:
    """The rows anchored on the figures of the column ``anchor``, each column of ``text_keys``
    split around them (``openings`` says where a column's cells may open).
    No anchors, no splits: a table without figures has no rows."""
    empty = AnchoredRows(body, columns, (), {})
    anchors = tuple(i for i in range(len(body)) if is_number(compact(empty.cell(i, anchor))))
    if not anchors:
        return empty

    def at(i: int) -> float | None:
        return position(body[i].page, body[i].y)

    splits = {}
    for key in text_keys:  # a column the table lacks splits into empty cells
        boundary, firm = (openings or {}).get(key, (lambda i: True, False))
        texts = [i for i in range(len(body)) if empty.cell(i, key)]
        splits[key] = split_centred(texts, anchors, boundary, firm=firm, at=at)
    return AnchoredRows(body, columns, anchors, splits)
