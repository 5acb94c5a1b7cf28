"""Tables keyed by classification code, read from the grid: rows with their code, name and measured cells.

The header rows (above the first row with a figure; 栏次 and preamble rows left out)
give each column its path and the vocabulary its measure. Codes come from
``code_columns`` (one cell, 类/款/项 sub-columns, spaced, glued to the name); a row naming only
a 款/项 under a coded row takes the code the document prints for that name (``indented_codes``). A labelled
column nobody knows is kept out with a warning naming it; a 合计 row printed again on a
continuation page is read once. ``read_coded`` returns None when the grid has lost
its positions (figures under no label, words in a measure column: loose text, rows
printed without their blank cells), for a positional reader to handle.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from loaders.model import Line, ParseIssue
from loaders.parse.grid.amounts import is_blank, is_number, parse_number
from loaders.parse.grid.checks import tolerance
from loaders.parse.grid.code_columns import RowCode, code_columns, code_layout, is_name_label, read_code
from loaders.parse.grid.columns import map_columns
from loaders.parse.grid.grid import Grid, Header, grid_from_lines, read_header
from loaders.parse.grid.indented_codes import ChildCodes
from loaders.parse.grid.lines import content_lines
from loaders.parse.grid.side_by_side import side_by_side
from loaders.parse.grid.unit_blocks import UNIT_CODE, UnitRow, department_codes, merge_units, unit_label
from loaders.parse.vocabulary import CODE_AND_NAME, compact, is_total_label, label_key, unit_line
from loaders.parse.vocabulary.grid import GENERIC_LEAVES
from loaders.parse.vocabulary.tables import NAME_COLUMN_HEADINGS
from loaders.parse.vocabulary.totals import TOTAL_WORD

CENT = Decimal("0.01")  # the tolerance of a total labelled by a name: amounts printed to the cent


class CodedContext(Protocol):
    """What the reader needs of a table (a ``tables.CodedContext``): its title for the warnings, its
    lines, and the 款/项 codes the document prints by name."""

    @property
    def title(self) -> str: ...

    @property
    def lines(self) -> Sequence[Line]: ...

    @property
    def known_codes(self) -> Mapping[str, Mapping[str, str]]: ...


@dataclass(frozen=True)
class CodedRow:
    """One data row: its code (None on a total row), name, and printed value per measure."""

    code: str | None
    name: str
    values: dict[str, Decimal | None]
    line: Line
    second_name: str | None = None  # the name under a second classification's code (政府经济科目名称)
    unit: int | None = None  # the unit row it is printed under, in a table printed by unit


@dataclass
class CodedTable:
    rows: list[CodedRow] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)


def is_numbering_row(cells: Sequence[str]) -> bool:
    """The 栏次 row numbering the columns ("1 2 3", "** ** 1 2")."""
    filled = [compact(c) for c in cells if c.strip()]
    if "栏次" in filled:
        return True
    return len(filled) >= 3 and all((c.isdigit() and len(c) <= 2) or set(c) <= {"*"} for c in filled)


def is_meta_row(cells: Sequence[str]) -> bool:
    """A line of the table's preamble printed in cells: 单位名称：… 单位：万元. A header row whose first
    column is headed 单位名称 (单位名称 | 合计 | 预算拨款 | …, a 收入表 printed by unit) is none: dropping
    it would shift every column label printed on it onto the labels above and below."""
    text = compact("".join(cells))
    if unit_line(text) is not None:
        return True
    return text.startswith(("部门名称", "单位名称", "部门:", "部门：", "编制单位")) and not is_heading_row(cells)


def is_heading_row(cells: Sequence[str]) -> bool:
    """A header row: its first label is a name column's heading alone in its cell (单位名称) and at
    least two more labels stand beside it (a preamble prints a name, perhaps a unit, there)."""
    filled = [compact(c) for c in cells if c.strip()]
    return len(filled) >= 3 and filled[0] in NAME_COLUMN_HEADINGS


def has_figure(cells: Sequence[str]) -> bool:
    return any(is_number(compact(c)) for c in cells) and not is_numbering_row(cells)


def heads_end(header: Header, code_cols: set[int], first_measure: int) -> int:
    """Where a row's code and name end: after the last code or name column (科目名称, 项目) the
    header labels, else at the first measure. Labelled columns between the names and the first
    measure (2025年执行数 before 2026年预算数) are figures of their own, not the row's heads."""
    named = [c for c in range(first_measure) if header.path(c) and is_name_label(header.path(c)[-1])]
    heads = named + sorted(code_cols)
    return min(max(heads) + 1, first_measure) if heads else first_measure


def _in_place(cells, header: Header, measures, code_cols, heads: int) -> bool:
    """Whether a data row stands on the header's columns: figures under labels, right of the names,
    and no words in a measure column."""
    for c, text in enumerate(cells):
        flat = compact(text)
        if not flat:
            continue
        if is_number(flat):
            if not header.path(c) or (c < heads and c not in code_cols):
                return False
        elif c in measures and not is_blank(flat):
            return False
    return True


def _only_figures(cells: Sequence[str]) -> bool:
    return all(not compact(c) or is_number(compact(c)) or is_blank(compact(c)) for c in cells)


def _unread_columns(unknown: dict[int, tuple[str, ...]], figures_in: set[int]) -> str | None:
    unread = {c: p for c, p in unknown.items() if c in figures_in}
    if not unread:
        return None
    return "columns not recognised, kept out: " + "; ".join(
        f"column {c + 1} ({' › '.join(p)})" for c, p in sorted(unread.items())
    )


def _named_child(children: ChildCodes, labels: Sequence[str]) -> RowCode | None:
    """A 款/项 row printing only its name under a coded row (``indented_codes``)."""
    named = [compact(t) for t in labels if t.strip()]
    code = children.resolve(named[0]) if len(named) == 1 else None
    return RowCode(code, named[0], len(labels) - 1) if code else None


def _name_alone(rows: Sequence[Sequence[str]], k: int, col: int) -> str | None:
    """The text of row ``k`` where it prints nothing but a word in column ``col`` (a piece of a name)."""
    if not 0 <= k < len(rows):
        return None
    filled = [c for c, text in enumerate(rows[k]) if text.strip()]
    text = compact(rows[k][col]) if filled == [col] else ""
    return text if text and not is_number(text) else None


def names_above(rows: Sequence[Sequence[str]], start: int, col: int) -> bool:
    """Whether the table prints each row's name on a line of its own just above the row's code and
    figures: most rows of figures print no word, each of them has a name alone in column ``col`` right
    above it, and a name right below one is followed by a row of figures (the next row's name). Names
    centred around their rows print a head above and a tail below, so two names between two rows."""
    figures = [r for r in range(start + 1, len(rows)) if has_figure(rows[r])]
    bare = [r for r in figures if not any(map(_is_name, rows[r]))]
    if len(bare) < 2 or 2 * len(bare) <= len(figures):
        return False
    named_above = all(_name_alone(rows, r - 1, col) for r in bare)
    return named_above and not any(_name_alone(rows, r + 1, col) and _name_alone(rows, r + 2, col) for r in bare)


def _wrapped_label(rows: Sequence[Sequence[str]], r: int, col: int, above_only: bool = False) -> str:
    """A row's name printed on lines of its own: centred on two lines around its row's figures (the line
    above and the line below print nothing but a part of it, ``机关事业单位基本养`` / ``老保险缴费``), or,
    where the table prints every name above its row (``above_only``), the line above alone: two names
    are never joined."""
    above = _name_alone(rows, r - 1, col)
    if above_only:
        return above or ""
    below = _name_alone(rows, r + 1, col)
    return above + below if above and below else ""


def _heads_units(rows: Sequence[Sequence[str]], r: int, code: str) -> bool:
    """Whether the next code printed below is a unit of the department ``code`` (125 over 125001): then
    the row is the department's, not a 功能分类 类 that happens to print the same digits."""
    for cells in rows[r + 1 :]:
        first = next((compact(c) for c in cells if c.strip()), "")
        if first.isdigit():
            return UNIT_CODE.match(first) is not None and first.startswith(code)
    return False


def _names(cells: Sequence[str], start: int, end: int, second: tuple[int, ...]) -> tuple[str, str | None]:
    """The row's own name (between its code and a second classification's code) and the second's name
    (glued to its code, ``50101-工资奖金津补贴``, or in the name column after it)."""
    own_end = min([c for c in second if c >= start] or [end])
    own = next((compact(t) for t in cells[start:own_end] if t.strip()), "")
    if not second or second[0] >= len(cells):
        return own, None
    glued = CODE_AND_NAME.match(cells[second[0]].strip())
    if glued:
        return own, compact(glued.group(2))
    other = next((compact(t) for t in cells[second[0] + 1 : end] if t.strip()), None)
    return own, other


def grid_header(grid: Grid) -> tuple[int, Header] | None:
    """The grid's first row with a figure and its header: the rows above it (栏次 and preamble rows
    left out). None when no figure stands under a header. Data cells merged over several header
    columns are placed afterwards, row by row (``Grid.row_under``)."""
    rows = [grid.row(r) for r in range(grid.n_rows)]
    data_start = next((r for r, cells in enumerate(rows) if has_figure(cells)), None)
    if not data_start:
        return None
    header = read_header(
        grid, [r for r in range(data_start) if not is_numbering_row(rows[r]) and not is_meta_row(rows[r])]
    )
    return data_start, header


def header_paths(lines: Sequence[Line]) -> tuple[tuple[str, ...], ...]:
    """The column paths of a table's lines (决算数 › 公务用车购置及运行维护费 › 公务用车购置费), as the
    table model reads them; () when the lines hold no grid with a header."""
    found = grid_header(grid_from_lines(content_lines(lines)))
    return found[1].paths if found else ()


def read_coded(
    ctx: CodedContext,
    vocabulary: Sequence[tuple[str, str]],
    generic: Sequence[str] = GENERIC_LEAVES,
    row_labels: Collection[str] = (),
) -> CodedTable | None:
    """The coded rows of a table on its labelled columns; ``row_labels`` are the kind's own labels of
    rows without a code that are kept as printed beside its totals (人员经费合计 of a 基本支出 table)."""
    grid = grid_from_lines(content_lines(ctx.lines))
    found = grid_header(grid)
    if found is None:
        return None
    data_start, header = found
    blocks = side_by_side(grid, header)
    if len(blocks) == 1:
        return _read_grid(ctx, grid, header, data_start, vocabulary, generic, row_labels)
    if not any(_names_apart(block, head, data_start) for block, head in blocks):
        return None  # blocks of code | name | amount, each row on one line: read by the kind's own reader
    # names printed on lines of their own, apart from their codes and amounts: each block is read
    # as a table of its own, so that its names pair with its own rows
    tables = [_read_grid(ctx, block, head, data_start, vocabulary, generic, row_labels) for block, head in blocks]
    if any(table is None for table in tables):
        return None
    return CodedTable(
        [row for table in tables for row in table.rows], [issue for table in tables for issue in table.issues]
    )


def _names_apart(grid: Grid, header: Header, data_start: int) -> bool:
    """Whether a block prints its names on lines of their own, each above its code and amounts."""
    starts = code_columns(header, grid.n_cols)
    rows = [grid.row(r) for r in range(grid.n_rows)]
    return bool(starts) and names_above(rows, data_start, starts[0] + 1)


def _read_grid(
    ctx: CodedContext,
    grid: Grid,
    header: Header,
    data_start: int,
    vocabulary: Sequence[tuple[str, str]],
    generic: Sequence[str],
    row_labels: Collection[str],
) -> CodedTable | None:
    rows = [grid.row(r) for r in range(grid.n_rows)]
    rows[data_start:] = [grid.row_under(r, header) for r in range(data_start, grid.n_rows)]
    layout = code_layout(header, grid.n_cols)
    code_cols = set(layout.parts) | set(layout.others) | ({layout.column} if layout.column is not None else set())
    columns = map_columns(header, [c for c in range(grid.n_cols) if c not in code_cols], vocabulary, generic)
    if not columns.measures:
        return None
    first_measure = min(columns.measures)
    heads = heads_end(header, code_cols, first_measure)
    table = CodedTable()
    figures_in: set[int] = set()
    previous: str | None = None
    totals_seen: set[tuple] = set()
    children = ChildCodes(ctx.known_codes)
    units: list[UnitRow] = []
    departments = department_codes(rows[data_start:])
    named: tuple | None = None  # a first row labelled by a name instead of 合计 (the unit's own)
    above: dict[int, bool] = {}  # by name column: whether the table prints each name above its row
    for r in range(data_start, grid.n_rows):
        cells, line = rows[r], grid.lines[r]
        if not has_figure(cells):
            continue
        if not _in_place(cells, header, columns.measures, code_cols, heads):
            if not layout.parts:
                return None
            # 类/款/项 columns are printed: read positionally, fragments would become amounts
            table.issues.append(
                ParseIssue("warning", ctx.title, line.lineno, f"row not on the table's columns, not read: {cells!r}")
            )
            continue
        figures_in.update(c for c, text in enumerate(cells) if is_number(compact(text)))
        code = read_code(cells[:heads], layout, previous)
        label = next((compact(t) for t in cells[:first_measure] if is_total_label(t) or compact(t) in row_labels), None)
        if code is None and label is None:
            code = _named_child(children, cells[:first_measure])
        if (
            code is None
            and label is None
            and r == data_start
            and _only_figures(cells)
            and not any(has_figure(rows[k]) for k in range(r + 1, grid.n_rows))
        ):
            label = "合计"  # a table of one row of figures under its labels (支出预算总表: 合计 | 基本支出 …)
        unit = unit_label(cells[:heads]) if code is None and label is None else None
        is_department = code is not None and code.code in departments and _heads_units(rows, r, code.code)
        if unit is not None or is_department:
            values = _values(table, ctx, cells, columns.measures, line)
            units.append(
                UnitRow(unit or " ".join(compact(c) for c in cells[:heads] if c.strip()), values, line, is_department)
            )
            continue
        if code is None and label is None:
            if not table.rows and not units and named is None and _has_words(cells[:first_measure]):
                named = (cells, line, len(table.issues))  # the total where it adds up: checked once all rows are read
                continue
            table.issues.append(_unread_row(ctx, line, cells))
            continue
        children.seen(code.code if code else None)
        second_name = None
        if code is not None:
            previous = code.code
            name, second_name = _names(cells, code.last_col + 1, heads, layout.others)
            name, col = code.name or name, code.last_col + 1
            if col not in above:
                above[col] = names_above(rows, data_start, col)
            if not _is_name(name):  # nothing, or only the brackets of a name printed on another line
                name = _wrapped_label(rows, r, col, above[col]) or name
            elif above[col] and not code.name:  # the head of a long name printed above, its tail on the row
                name = (_name_alone(rows, r - 1, col) or "") + name
        else:
            name = label_key(label)
            key = (name if name in row_labels else None, *(cells[c] for c in sorted(columns.measures)))
            if key in totals_seen:
                continue  # the 合计 row repeated on a continuation page
            totals_seen.add(key)
        values = _values(table, ctx, cells, columns.measures, line)
        n_units = sum(1 for u in units if not u.is_department)  # rows under a department row are its own
        unit_index = n_units - 1 if n_units else None
        table.rows.append(CodedRow(code.code if code else None, name, values, line, second_name, unit_index))
    if named is not None:
        cells, line, at = named
        probe = CodedTable()  # its cells' warnings count only where the row is read
        total = CodedRow(None, TOTAL_WORD, _values(probe, ctx, cells, columns.measures, line), line)
        if not units and _adds_up(total, table.rows):  # a table by unit: the units are its blocks
            table.rows.insert(0, total)
            table.issues.extend(probe.issues)
            label = " ".join(compact(c) for c in cells[:first_measure] if c.strip())
            table.issues.append(
                ParseIssue("info", ctx.title, line.lineno, f"total row labelled {label}: read as {TOTAL_WORD}")
            )
        else:
            table.issues.insert(at, _unread_row(ctx, line, cells))  # where it was printed
    message = _unread_columns(columns.unknown, figures_in)
    if message:
        table.issues.append(ParseIssue("warning", ctx.title, grid.lines[data_start].lineno, message))
    if units:
        table.rows, unit_issues = merge_units(table.rows, units, ctx.title)
        table.issues.extend(unit_issues)
    return table


def _unread_row(ctx: CodedContext, line: Line, cells) -> ParseIssue:
    return ParseIssue(
        "warning", ctx.title, line.lineno, f"row with figures but no code or total label not read: {cells!r}"
    )


def _is_name(text: str) -> bool:
    """Whether a cell holds a word: a letter or a character, not only figures or punctuation."""
    flat = compact(text)
    return bool(flat) and not is_number(flat) and any(ch.isalnum() for ch in flat)


def _has_words(cells: Sequence[str]) -> bool:
    return any(c.strip() and not is_number(compact(c)) for c in cells)


def _adds_up(total: CodedRow, rows: Sequence[CodedRow]) -> bool:
    """Whether a row's figures are, measure by measure, the sum of the top-level codes printed below it
    (and the table prints no total of its own)."""
    if not rows or any(row.code is None for row in rows):
        return False
    codes = {row.code for row in rows}
    top = [row for row in rows if not any(row.code != c and row.code.startswith(c) for c in codes)]
    printed = [(m, v) for m, v in total.values.items() if v is not None]
    if not printed:
        return False
    for measure, value in printed:
        parts = [row.values.get(measure) or Decimal(0) for row in top]
        if abs(value - sum(parts, Decimal(0))) > tolerance(len(parts), CENT):
            return False
    return True


def _values(table: CodedTable, ctx: CodedContext, cells, measures: dict[int, str], line: Line) -> dict:
    """The row's printed value per measure; an unreadable cell is warned about and left out."""
    values: dict[str, Decimal | None] = {}
    for col, measure in sorted(measures.items()):
        text = cells[col] if col < len(cells) else ""
        try:
            values[measure] = parse_number(text)
        except ValueError:
            table.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {text!r}"))
    return values
