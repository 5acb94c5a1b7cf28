"""Which 三公 item and group each column of a 三公 table holds, from its header (items as columns).

The rows come spread over the table's columns (``grid.ruled``), so that a label merged over several
columns (预算数 over six) heads exactly the columns its rules enclose. A column's path (the table
model's ``Header``) names its item from the most specific label; a phase or year label merged over
columns groups them; 小计/合计 alone are told apart by what stands beside them; a funding source (一般公共预算
…) under an item marks one part of that item. Where text headers were broken over lines so that no
line has the table's width, the labels' reading order still gives the columns.
"""

from __future__ import annotations

from dataclasses import replace

from loaders.model import Line
from loaders.parse.grid.grid import grid_from_lines, read_header
from loaders.parse.vocabulary.text import label_key
from loaders.parse.vocabulary.three_public import CONTRACT_ITEMS, Group, group_of, is_funding_source, item_of

VEHICLE_PARTS = ("vehicle_purchase", "vehicle_operation")


# the item a 三公 item may be printed under (besides the 三公 heading itself)
PARENT_ITEMS = {
    "vehicle_purchase": "vehicles_total",
    "vehicle_operation": "vehicles_total",
    "research_overseas_travel": "overseas_travel",
}


def item_of_path(parts: tuple[str, ...]) -> str | None:
    """The item of a column path from its most specific label: the leaf, joined with the pieces
    it was broken from (公务用车购 / 置费) where alone it means nothing; 小计 under a parent is the parent's.

    A label under another item that cannot hold it (购置费 under 因公出国) means the header was not
    printed over these columns: the column is unknown (None, kept out with a warning), never the
    leaf's item. An item under itself is one part of it (``part:<item>``).
    """
    for start in range(len(parts) - 1, -1, -1):
        item = item_of("".join(parts[start:]))
        if item == "subtotal" and start > 0:
            parent = item_of_path(parts[:start])
            return parent if parent in CONTRACT_ITEMS else item
        if item is not None:
            above = item_of("".join(parts[:start])) if start else None  # the labels over it, read as one
            if above == item:
                return f"part:{item}"  # 因公出国(境)费 › 因公出国(境)费 beside 小计 and 科研因公出国: a part of it
            return item if above not in CONTRACT_ITEMS or above in ("total", PARENT_ITEMS.get(item)) else None
    return None


def source_part(parts: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """The path without a trailing funding source (一般公共预 / 算), and whether it had one."""
    for start in range(len(parts) - 1, 0, -1):
        if is_funding_source("".join(parts[start:])):
            return parts[:start], True
    return parts, False


def column_items(
    header: list[Line], n: int
) -> tuple[list[tuple[str, ...]], list[Group | None], list[Group], list[str]]:
    """Per column its joined label path and group; groups whose columns cannot be told; and the
    labels of header lines that could not be placed over the columns.

    The aligned header lines (one cell per column, or spans from the table model) become a
    ``Header`` of column paths; a phase or year label merged over columns groups all of
    them. Where the printing gives no spans (text), a group label's extent is unknown:
    groups are then kept in reading order, and lines that do not line up with the figures
    only give their group labels.
    """
    aligned: list[Line] = []
    loose: list[Group] = []
    unplaced: list[str] = []
    heads: dict[int, int] = {}  # column -> first column of the label over it, from aligned lines
    for line in header:
        # text sources (no page) drop trailing blank cells; a PDF or sheet row ending before the table's
        # last column lines up only where the columns right of it are headed from above by labels of their
        # own (merged downwards), not by one it would cut; else it was drawn in reading order
        end = len(line.cells)
        short = end < n and line.page is not None and not all(heads.get(c, -1) >= end for c in range(end, n))
        if end > n or short or end < 2:
            loose.extend(g for g in map(group_of, line.cells) if g)
            unplaced.extend(clean for clean in map(label_key, line.cells) if clean)
        else:
            spans = line.spans or (1,) * end
            aligned.append(replace(line, spans=spans))
            for j, (text, span) in enumerate(zip(line.cells, spans, strict=False)):
                if text.strip():
                    heads.update(dict.fromkeys(range(j, j + max(span, 1)), j))
    grid = grid_from_lines(aligned)
    header_paths = read_header(grid, range(grid.n_rows))
    has_spans = any(line.spans and any(s != 1 for s in line.spans) for line in aligned)
    paths: list[tuple[str, ...]] = [()] * n
    groups: list[Group | None] = [None] * n
    for c in range(n):
        path = header_paths.path(c)
        # a group heads its columns: only labels above every item label (预算 under 政府性基金 is a piece)
        lead = 0
        while lead < len(path) and group_of(path[lead]) is not None:
            lead += 1
        groups[c] = group_of(path[0]) if has_spans and lead else None
        paths[c] = path[lead:] if has_spans else tuple(label for label in path if group_of(label) is None)
    if not has_spans:
        loose.extend(g for line in aligned for g in map(group_of, line.cells) if g)
    return paths, groups, loose, unplaced


def resolve(items: list[str | None], groups: list[Group | None], parts: set[int]) -> list[str | None]:
    """小计 and 合计 alone, within each group: 用车 小计 before 购置/运行, else the 三公 total.

    A 合计 beside 会议费 and 培训费 includes them: it is not the 三公 total.
    """
    resolved = list(items)
    for j, item in enumerate(items):
        after = next((i for i in items[j + 1 :] if i != item), None)
        if item == "subtotal" and after in VEHICLE_PARTS:
            resolved[j] = "vehicles_total"
    segments: dict[Group | None, list[int]] = {}
    for j, group in enumerate(groups):
        segments.setdefault(group, []).append(j)
    for columns in segments.values():
        open_sums = [j for j in columns if resolved[j] == "subtotal"]
        if open_sums and open_sums == list(range(open_sums[0], open_sums[-1] + 1)) and parts >= set(open_sums):
            open_sums = open_sums[:1]  # one sum printed by funding source
            for j in columns:
                if resolved[j] == "subtotal" and j != open_sums[0]:
                    resolved[j] = "part_of_sum"
        with_related = any(items[j] in ("meeting", "training") for j in columns)
        has_total = any(resolved[j] == "total" for j in columns)
        for j in open_sums:
            resolved[j] = "grand_total" if has_total or with_related else "total"
        for j in columns:
            if resolved[j] == "part_of_sum":
                resolved[j] = resolved[open_sums[0]]
        if not has_total and with_related and len(open_sums) == 2:
            resolved[open_sums[1]] = "total"  # 合计 (with 会议费, 培训费) first, then 小计 (三公)
        if not has_total and not with_related and len(open_sums) > 1:
            for j in open_sums:
                resolved[j] = None  # several sums and nothing to tell them apart: a warning, no figure
    return resolved


def phase_of_columns(items: list[str | None], groups: list[Group | None], loose: list[Group]) -> list[Group | None]:
    """Groups per column; groups only known in reading order split the columns where an item repeats."""
    if any(groups) or not loose:
        return groups
    if len(loose) == 1:
        return [loose[0]] * len(items)
    result: list[Group | None] = []
    seen: set[str] = set()
    index = 0
    for item in items:
        if item and item in seen:
            index, seen = index + 1, set()
        if item:
            seen.add(item)
        result.append(loose[index] if index < len(loose) else None)
    return result if index == len(loose) - 1 else [None] * len(items)


def in_reading_order(header: list[Line]) -> list[str]:
    """Items per column from the top-level labels in reading order, 用车 expanded to its three columns.

    For headers whose cells were broken over lines so that no line has the table's width
    (rows of pipe text cut after a few cells): the labels still come in column order.
    """
    items: list[str] = []
    for line in header:
        for cell in line.cells:
            text = label_key(cell)
            item = item_of(text) if text else None
            if item == "subtotal":
                item = "total" if ("合计" in text or "总计" in text) else None
            if item == "vehicles_total":
                items.extend(("vehicles_total", *VEHICLE_PARTS))
            elif item in ("total", "overseas_travel", "official_reception"):
                items.append(item)
    return items


def duplicated(items: list[str | None], groups: list[Group | None], parts: set[int]) -> bool:
    seen = [
        (g, i) for j, (i, g) in enumerate(zip(items, groups, strict=False)) if i in CONTRACT_ITEMS and j not in parts
    ]
    return len(seen) != len(set(seen))
