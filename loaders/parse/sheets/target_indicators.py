"""The indicator table of a 绩效目标申报表: 一级, then a 实施期 half and a 年度 half of
二级 | 三级 | 指标值 per row (or one half in single-column prints).

A row prints both halves on one line, split at the repeated 二级 label. A 二级 cell
spanning several rows prints its label twice, each just above the first row of its half,
and the other rows as "left right" lines. The right column is narrower: its names are cut
short and glued to the value ("服务对象满意度指标政务服务对象满意99%"); the left half helps
undo that. Several entries in one tall cell are told apart by their 定性/定量 markers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders.model import Indicator, Line
from loaders.parse.sheets.cells import compact, join_wrapped
from loaders.parse.sheets.targets import target_indicator
from loaders.parse.vocabulary.sheets import ENTRY_MARKER, LEVEL1_OF, PERSONAL, VERTICAL_LABEL
from loaders.parse.vocabulary.sheets import TARGET_INDICATORS_LEVEL1 as LEVEL1
from loaders.parse.vocabulary.sheets import TARGET_INDICATORS_LEVEL2 as LEVEL2

QUANTITY_TAIL = re.compile(r"[≥≤><=＞＜]?\s*\d[\d,.]*\s*(?:%|％|[\u4e00-\u9fff]{1,2}(?:/[\u4e00-\u9fff])?)?$")
NAME_BREAK = re.compile(r"[。；;，,]")  # the end of the previous entry's text glued to a name


@dataclass
class _Half:
    """One half-row's text (实施期 on the left, 年度 on the right) with where it was printed."""

    text: str
    line: Line


@dataclass
class _Block:
    """A 二级 cell spanning several rows: the lines of its left and of its right half."""

    kind: str
    left: list[_Half] = field(default_factory=list)
    right: list[_Half] = field(default_factory=list)
    on_right: bool = False


@dataclass
class _Entry:
    name: str
    value: str | None
    line: Line


def read_indicators(rows: Sequence[Line], paired: bool) -> tuple[list[Indicator], bool]:
    """Annual indicator rows (with their 实施期 values) and whether the 满意度 level was reached."""
    reader = _PairedTable() if paired else _SingleTable()
    for line in rows:
        if line.text not in VERTICAL_LABEL:
            reader.feed(line)
    reader.flush()
    return reader.found, reader.reached_satisfaction


def _level2(token: str) -> tuple[str, str, str] | None:
    """(kind, full 二级 label, glued rest) when the token opens with a 二级 label."""
    match = LEVEL2.match(token)
    if match is None:
        return None
    kind = match.group("kind")
    return kind, kind + "指标", token[match.end() :]


class _Table:
    """What both table layouts share: levels, and turning entries into Indicators."""

    def __init__(self):
        self.found: list[Indicator] = []
        self.level1: str | None = None
        self.reached_satisfaction = False

    def strip_level1(self, tokens: list[str]) -> list[str]:
        # "满意度指标" is also a 二级 label: it is the 一级 one only when a 二级 label follows (or nothing)
        if tokens and tokens[0] in LEVEL1 and (len(tokens) == 1 or any(_level2(t) for t in tokens[1:])):
            self.flush()
            self.level1 = tokens[0]
            self.reached_satisfaction |= tokens[0] == "满意度指标"
            return tokens[1:]
        return tokens

    def add(self, kind: str, annual: _Entry, long_term: _Entry | None) -> None:
        if not annual.name or PERSONAL.search(annual.name) or PERSONAL.search(annual.value or ""):
            return
        level1 = LEVEL1_OF.get(kind, self.level1)
        self.reached_satisfaction |= level1 == "满意度指标"
        long_term_value = long_term.value if long_term else None
        self.found.append(
            target_indicator(level1, kind + "指标", annual.name, annual.value, annual.line, long_term=long_term_value)
        )

    def flush(self) -> None:
        """Write out rows held back; the single-column layout reads each row as it comes, so holds none."""


class _SingleTable(_Table):
    """一级 | 二级 | 三级 | 指标值 once per row: a 二级 label stays until the next one."""

    def __init__(self):
        super().__init__()
        self.kind: str | None = None

    def feed(self, line: Line) -> None:
        tokens = self.strip_level1(line.text.split())
        if tokens and _level2(tokens[0]):
            self.kind, _, rest = _level2(tokens[0])
            tokens = [rest, *tokens[1:]] if rest else tokens[1:]
        if tokens and self.kind:
            name, value = _own_split(" ".join(tokens))
            self.add(self.kind, _Entry(name, value, line), None)


class _PairedTable(_Table):
    """The 实施期 and 年度 halves side by side (see the module docstring)."""

    def __init__(self):
        super().__init__()
        self.block: _Block | None = None
        self.row_kind: str | None = None  # the 二级 label of the last one-line row

    def feed(self, line: Line) -> None:
        tokens = self.strip_level1(line.text.split())
        if not tokens:
            return
        labels = [(i, _level2(t)) for i, t in enumerate(tokens) if _level2(t)]
        if len(labels) >= 2 or (labels and labels[0][0] > 0):
            self.flush()
            self.row(tokens, labels, line)
        elif labels:
            self.block_label(labels[0][1], tokens, line)
        elif self.block is not None:
            half = _Half(" ".join(tokens), line)
            (self.block.right if self.block.on_right else self.block.left).append(half)
        elif self.row_kind is not None:  # more rows of the 二级 cell whose label sat on the line above
            left, right = _split_row(_Half(" ".join(tokens), line))
            left_entry, right_entry = _split_pair(left.text, right.text, line, line)
            self.add(self.row_kind, right_entry, left_entry)

    def row(self, tokens: list[str], labels, line: Line) -> None:
        """One line holding both halves, split at the second 二级 label."""
        (first, (kind, _, rest)), *others = labels
        if first > 0:  # the left half printed without its label
            left, right_at, right_kind, right_rest = tokens[:first], first, kind, rest
        else:
            right_at, (right_kind, _, right_rest) = others[0]
            left = ([rest] if rest else []) + tokens[1:right_at]
        right = ([right_rest] if right_rest else []) + tokens[right_at + 1 :]
        left_entry, right_entry = _split_pair(" ".join(left), " ".join(right), line, line)
        self.add(right_kind, right_entry, left_entry)
        self.row_kind = right_kind

    def block_label(self, label, tokens: list[str], line: Line) -> None:
        kind, _, rest = label
        text = " ".join(([rest] if rest else []) + tokens[1:])
        if self.block is not None and self.block.kind == kind and not self.block.on_right:
            self.block.on_right = True
            self.block.right.append(_Half(text, line))
            return
        self.flush()
        self.block = _Block(kind, left=[_Half(text, line)])

    def flush(self) -> None:
        block, self.block, self.row_kind = self.block, None, None
        if block is None:
            return
        for annual, long_term in _pair_up(*_block_entries(block)):
            self.add(block.kind, annual, long_term)


def _block_entries(block: _Block) -> tuple[list[_Entry], list[_Entry]]:
    """The left and right entries of a multi-row 二级 cell."""
    left = [h for h in block.left if h.text]
    right = [h for h in block.right if h.text]
    if not block.on_right:  # the label printed once: every line holds both halves
        rows = [_split_row(h) for h in left]
        left, right = [a for a, _ in rows if a.text], [b for _, b in rows if b.text]
    elif len(left) > 1:  # long texts wrapped inside each half: one cell per half
        return _cell_entries(left), _cell_entries(right)
    else:  # first rows stand apart beside the labels, the others as "left right" lines
        rows = [_split_row(h) for h in right[1:]]
        left += [a for a, _ in rows if a.text]
        right = right[:1] + [b for _, b in rows if b.text]
    lefts, rights = [], []
    for index in range(max(len(left), len(right))):
        l_half = left[index] if index < len(left) else None
        r_half = right[index] if index < len(right) else None
        l_entry, r_entry = _split_pair(
            l_half.text if l_half else "",
            r_half.text if r_half else "",
            (l_half or r_half).line,
            (r_half or l_half).line,
        )
        lefts += [l_entry] if l_entry.name else []
        rights += [r_entry] if r_entry.name else []
    return lefts, rights


def _split_row(half: _Half) -> tuple[_Half, _Half]:
    """A line holding a left and a right entry without labels: "印刷费 130000元 办公费 213400元"."""
    tokens = half.text.split()
    if len(tokens) <= 2:  # one entry only: a 实施期 row without an annual counterpart
        return half, _Half("", half.line)
    # the annual entry usually repeats the left name; else the columns hold about as many tokens
    at = next((k for k in range(2, len(tokens)) if tokens[k][:2] == tokens[0][:2]), (len(tokens) + 1) // 2)
    return _Half(" ".join(tokens[:at]), half.line), _Half(" ".join(tokens[at:]), half.line)


def _cell_entries(halves: Sequence[_Half]) -> list[_Entry]:
    """Entries of one tall cell: a name on the label's line, then wrapped text with more
    "name 定性 value" entries inside it."""
    if not halves:
        return []
    name, body = halves[0].text, join_wrapped([h.text for h in halves[1:]])
    if not name:
        name, _, body = body.partition(" ")
    entries, cursor = [], 0
    for match in ENTRY_MARKER.finditer(body):
        entries.append(_Entry(name, body[cursor : match.start()].strip() or None, halves[0].line))
        name, cursor = NAME_BREAK.split(match.group("name"))[-1], match.end()
    entries.append(_Entry(name, body[cursor:].strip() or None, halves[0].line))
    return [e for e in entries if e.name]


def _pair_up(lefts: Sequence[_Entry], rights: Sequence[_Entry]) -> list[tuple[_Entry, _Entry | None]]:
    """Each annual entry with its 实施期 one: the same (or a cut-short) name, else the same row.

    Rows of a tall cell are not always printed in the same order in both halves, so a
    name match comes first; a row's neighbour is taken only when its name matches no
    annual entry at all.
    """

    def same(a: _Entry, b: _Entry) -> bool:
        x, y = compact(a.name), compact(b.name)
        return bool(x and y) and (x.startswith(y) or y.startswith(x))

    used: set[int] = set()
    pairs = []
    for index, entry in enumerate(rights):
        match = next((i for i, left in enumerate(lefts) if i not in used and same(entry, left)), None)
        if (
            match is None
            and index < len(lefts)
            and index not in used
            and not any(same(lefts[index], r) for r in rights)
        ):
            match = index
        if match is not None:
            used.add(match)
        pairs.append((entry, lefts[match] if match is not None else None))
    return pairs


# --------------------------------------------------------------------------- name | value


def _own_split(text: str) -> tuple[str, str | None]:
    """Name and value of one entry by its own spaces: the value is the last token."""
    tokens = text.split()
    if len(tokens) < 2:
        return text.strip(), None
    return " ".join(tokens[:-1]), tokens[-1]


def _split_pair(left: str, right: str, left_line: Line, right_line: Line) -> tuple[_Entry, _Entry]:
    """Both halves of a row split into name and value, each half helping the other."""
    own_left, own_right = _own_split(left), _own_split(right)
    l_name, l_value = _hinted(left, own_left, own_right, right)
    r_name, r_value = _hinted(right, own_right, (l_name, l_value), left)
    if l_value is None and r_value is not None:
        l_name, l_value = _hinted(left, own_left, (r_name, r_value), right)
    # the right column cuts names short: the left one names the same indicator in full
    if (
        r_name
        and l_name
        and len(compact(l_name)) > len(compact(r_name))
        and compact(l_name).startswith(compact(r_name))
    ):
        r_name = l_name
    return _Entry(l_name, l_value, left_line), _Entry(r_name, r_value, right_line)


def _hinted(text: str, own: tuple[str, str | None], other: tuple[str, str | None], other_text: str):
    """Name and value of a half; a value glued to a cut-short name is told by the other half."""
    if not text.strip():
        return "", None
    other_name, other_value = other
    squeezed = compact(text)
    if own[1] is None and other_value is not None and squeezed == compact(other_name):
        return own  # the other half's name alone: no value printed in this half
    if other_value and _glued_suffix(text, other_value):
        return text[: -len(other_value)].strip(), other_value
    if own[1] is not None:
        return own
    suffix = _common_suffix(squeezed, compact(other_text))
    if suffix and suffix != squeezed and suffix != compact(other_text) and squeezed[:2] == compact(other_text)[:2]:
        return text[: -len(suffix)].strip() if text.endswith(suffix) else squeezed[: -len(suffix)], suffix
    tail = QUANTITY_TAIL.search(text)
    if tail and tail.start() > 0:
        return text[: tail.start()].strip(), tail.group().strip()
    return text.strip(), None


def _glued_suffix(text: str, value: str) -> bool:
    """``text`` ends with ``value`` after a non-empty name, not inside a longer number."""
    if not text.endswith(value) or not text[: -len(value)].strip():
        return False
    before = text[-len(value) - 1]
    return not (before.isdigit() or before in ".,%") or not value[0].isdigit()


def _common_suffix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size]:
        size += 1
    return a[len(a) - size :] if size else ""
