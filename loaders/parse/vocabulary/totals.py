"""Total rows (合计, 总计, 收入总计, 本年支出合计 …) however spaced or punctuated.

``收 入 总 计`` and ``总计：`` are the same label as ``收入总计``. A grand total (总计,
收入总计) and a current-year total (本年收入合计) are different rows; Fujian and
Jiangsu label the grand total 收入合计 / 支出合计 where a 本年收入合计 row also exists,
which ``loaders.parse.tables.summary`` tells apart from the table's rows.
"""

from __future__ import annotations

from loaders.parse.vocabulary.text import label_key

TOTAL_LABELS = frozenset({"合计", "总计"})
# labels of the first column that total a table keyed by codes
TABLE_TOTALS = frozenset(
    {"合计", "总计", "支出合计", "收入合计", "本年支出合计", "本年收入合计", "支出总计", "收入总计"}
)


def is_total_label(text: str) -> bool:
    """Whether a row label (as printed, spaced or with a colon) totals its table."""
    return label_key(text) in TABLE_TOTALS


TOTAL_WORD = "合计"  # how a rendered total row is named
