"""Classification codes read from a grid row however they are printed.

One cell (``2010301``), 类/款/项 sub-columns (``201 | 05 | 07``; a 款 row may leave its
类 blank, then it belongs to the 类 printed above it), spaced in one cell (``201 05
07``), glued to the name (``2040601-行政运行``), a 款 printed as its two digits in the code
column under its 类 (``208`` / ``05``), and economic ``301 | 01``. A code
fragment is consumed as a code, so it is never read as an amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from loaders.parse.grid.grid import Header
from loaders.parse.vocabulary import (
    CLASS_PART,
    CODE_AND_NAME,
    FUNCTIONAL_CODE,
    SUB_PART,
    compact,
    join_parts,
    spaced_code,
)
from loaders.parse.vocabulary.grid import CODE_LABELS, NAME_LABEL, PART_LABELS


def is_name_label(label: str) -> bool:
    """Whether a column label heads the rows' names (科目名称, 功能科目), not a figure."""
    return bool(NAME_LABEL.search(label))


@dataclass(frozen=True)
class CodeLayout:
    """Where a table prints its codes: sub-columns (类, 款[, 项]) or one column."""

    parts: tuple[int, ...]  # columns of 类/款/项 fragments, empty when the code is in one cell
    column: int | None  # the one code column, when known from the header
    others: tuple[int, ...] = ()  # 类/款 columns of a second classification printed beside (政府经济分类)


def _is_code_label(path: tuple[str, ...]) -> bool:
    return bool(path) and path[-1] not in PART_LABELS and any(k in "".join(path) for k in CODE_LABELS)


def _labelled_code_columns(header: Header, n_cols: int) -> list[int]:
    """Columns headed by a code label of their own (科目编码, 科目代码); a label spanning columns counts once."""
    return [c for c in range(n_cols) if _is_code_label(header.path(c)) and not _is_code_label(header.path(c + 1))]


def _second_classifications(header: Header, columns: list[int]) -> tuple[list[int], tuple[int, ...]]:
    """Code columns split into row codes and codes of a second classification of the same row.

    A code column whose only neighbours since the previous code column are name columns
    (部门经济科目编码 | 名称 | 政府经济科目编码 | 名称 | 合计 …) classifies the same row again; one with
    figures between (code | name | 金额 | code | name | 金额) starts a block printed side by side.
    """
    own: list[int] = []
    second: list[int] = []
    for c in columns:
        between = range((own[-1] if own else c) + 1, c)
        if own and all(header.path(k) and is_name_label(header.path(k)[-1]) for k in between):
            second.append(c)
        else:
            own.append(c)
    return own, tuple(second)


def code_layout(header: Header, n_cols: int) -> CodeLayout:
    labelled = [c for c in range(n_cols) if header.path(c) and header.path(c)[-1] in PART_LABELS]
    parts: tuple[int, ...] = ()
    for c in labelled:  # the first run of 类/款/项 columns; a later run is a second classification
        if parts and c != parts[-1] + 1:
            break
        parts += (c,)
    if len(parts) >= 2:
        return CodeLayout(parts, None, tuple(c for c in labelled if c not in parts))
    own, second = _second_classifications(header, _labelled_code_columns(header, n_cols))
    column = next((c for c in range(n_cols) if any(k in "".join(header.path(c)) for k in CODE_LABELS)), None)
    if column is None:
        return _by_classification(header, n_cols)
    return CodeLayout((), column, second if len(own) == 1 else ())


def _by_classification(header: Header, n_cols: int) -> CodeLayout:
    """Codes glued to names under classification columns (Beijing: ``2040601-行政运行 |
    50101-工资奖金津补贴 | 30101-基本工资``): a 功能分类 column keys the row where printed, else the
    部门经济分类 one; the economic columns beside it are second classifications."""
    joined = ["".join(header.path(c)) for c in range(n_cols)]
    functional = next((c for c in range(n_cols) if "功能" in joined[c]), None)
    department = next((c for c in range(n_cols) if "部门" in joined[c] and "经济" in joined[c]), None)
    government = next((c for c in range(n_cols) if "政府" in joined[c] and "经济" in joined[c]), None)
    if functional is not None and (department is not None or government is not None):
        return CodeLayout((), functional, tuple(c for c in (government, department) if c is not None))
    if department is None or government is None:
        return CodeLayout((), None)
    return CodeLayout((), department, (government,))


def code_columns(header: Header, n_cols: int) -> list[int]:
    """The code columns that start a block of rows: more than one means blocks printed side by side
    (a second classification's code column beside the names is not one)."""
    return _second_classifications(header, _labelled_code_columns(header, n_cols))[0]


@dataclass(frozen=True)
class RowCode:
    code: str | None
    name: str | None  # a name printed in the code's cell ("2040601-行政运行")
    last_col: int  # the last column the code occupies


def read_code(cells: Sequence[str], layout: CodeLayout, previous: str | None) -> RowCode | None:
    """The full code of a row, or None when the row prints none."""
    if layout.parts:
        parts = [compact(cells[c]) if c < len(cells) else "" for c in layout.parts]
        if not any(parts):
            return None
        if not parts[0] and previous and all(not p or SUB_PART.match(p) for p in parts):
            # a 款/项 row printing only its own fragment: the levels above come from the row before
            depth = next(i for i, p in enumerate(parts) if p)
            prefix = previous[: 3 + 2 * (depth - 1)]
            rest = join_parts(["000", *parts[depth:]])  # the fragments' own shape, after a dummy 类
            if len(prefix) != 3 + 2 * (depth - 1) or rest is None:
                return None
            return RowCode(prefix + rest[3:], None, layout.parts[-1])
        code = join_parts(parts)
        return RowCode(code, None, layout.parts[-1]) if code else None
    start = layout.column if layout.column is not None else next((i for i, c in enumerate(cells) if c.strip()), None)
    if start is None or start >= len(cells):
        return None
    text = cells[start].strip()
    flat = compact(text)
    if FUNCTIONAL_CODE.match(flat):
        # 类 and 款 in neighbouring cells without header labels: "201 | 05 | 07"
        following = [compact(c) for c in cells[start + 1 : start + 3]]
        if CLASS_PART.match(flat):
            joined = [flat]
            for part in following:
                if not SUB_PART.match(part):
                    break
                joined.append(part)
            if len(joined) > 1:
                return RowCode("".join(joined), None, start + len(joined) - 1)
        return RowCode(flat, None, start)
    if layout.column is not None and SUB_PART.match(flat) and previous and len(previous) in (3, 7):
        # a 款 printed as its own two digits under its 类 (Xi'an: 208 / 05 / 2080505 / 99): after a 类 or
        # a 项 it can only be a 款 of the current 类; after a 款 it could be a 项 as well, so it is left
        return RowCode(previous[:3] + flat, None, start)
    spaced = spaced_code(text)
    if spaced:
        return RowCode(spaced, None, start)
    glued = CODE_AND_NAME.match(text)
    if glued and len(glued.group(1)) in (3, 5, 7):
        return RowCode(glued.group(1), compact(glued.group(2)), start)
    return None
