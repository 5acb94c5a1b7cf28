"""财政拨款"三公"经费支出表 (kind ``three_public``): 出国, 接待, 用车 (小计, 购置, 运行) and their total, by label.

The kind declares:
- titles: "三公"经费 tables (``vocabulary.document.TITLE_RULES``), wherever printed (after the 说明 too);
- column roles: the items, phase and year groups (``vocabulary.three_public``), read in ``header``;
- row meaning: one row of figures per phase, year or unit (``columns``), or one item per row (``rows``);
  the sums its items are printed as (``common.SUMS``) prove an empty cell zero, and nothing else does.

Every figure is placed by the labels printed over it or beside it (vocabulary
``three_public``), never by its position or the number of columns:

- items as columns (final accounts, most budgets), under phase or year groups (预算数 |
  决算数, 2025年 | 2026年, 当年预算 | 上年结转) or with phases as rows (Xi'an: rows 预算数 /
  决算数), and with one row per unit (合计 first, or the department and each unit);
- items as rows (Fujian 项目 | 预算数; Guangdong 行政经费 and 三公 with indented 其中 rows);
- the same tables' 会议费, 培训费, 机关运行经费, 行政经费 are never taken for 三公:
  机关运行经费 and 行政经费 become statistics, a 合计 that includes 会议费 and 培训费 is
  not the 三公 total.

Only the document's year is taken where years are printed side by side. A column
nobody knows is kept out and named in a warning.
"""

from __future__ import annotations

from loaders.parse.grid.lines import content_lines, is_column_numbers
from loaders.parse.grid.ruled import on_columns
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.tables.three_public.columns import read_columns
from loaders.parse.tables.three_public.common import has_figure
from loaders.parse.tables.three_public.rows import item_rows, read_rows
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.three_public import CONTRACT_ITEMS, item_of


def parse(ctx: TableContext) -> TableFacts:
    lines = [on_columns(ln) for ln in content_lines(ctx.lines) if ln.cells]
    rows = item_rows(lines)
    first_figure = next((i for i, ln in enumerate(lines) if has_figure(ln) and not is_column_numbers(ln)), len(lines))
    # items as columns print two or more item labels on one header line; items as rows one per line
    across = any(
        len({item_of(c) for c in ln.cells if clean(c)} & set(CONTRACT_ITEMS)) >= 2 for ln in lines[:first_figure]
    )
    with_figures = [line for line, _, _ in rows if has_figure(line)]
    if not across and with_figures and len({item for _, _, item in rows if item in CONTRACT_ITEMS}) >= 3:
        return read_rows(ctx, lines, rows)
    return read_columns(ctx, lines)
