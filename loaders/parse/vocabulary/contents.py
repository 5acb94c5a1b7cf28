"""The 目录 (table of contents) a document prints: its heading and the shape of an entry.

An entry is printed ``一、2026年部门收支总表……………5`` or ``1.收入总表 8``: numbering, the title,
a leader of dots and the page number. A title ending in 表 names a table, unless it heads
entries numbered one level deeper (``五、单位预算表`` over ``1. 收支预算总表``) or a part
(``第二部分 预算表``).
"""

from __future__ import annotations

import re

from loaders.parse.vocabulary.text import compact

CONTENTS_HEADING = "目录"
TABLE_TITLE_END = "表"
# numbering by depth: 第一部分, 一、, (一), 1., (1)
NUMBERING_LEVELS = (
    re.compile(r"^第[一二三四五六七八九十\d]+部分"),
    re.compile(r"^[一二三四五六七八九十]+[、.．]"),
    re.compile(r"^[(（][一二三四五六七八九十]+[)）]"),
    re.compile(r"^\d{1,2}(?:[、．]|\.\s|\.(?!\d))"),  # not the 2026 of "1.2026年", a decimal
    re.compile(r"^[(（]\d{1,2}[)）]"),
)
# the leader (dots, ellipses, middle dots) and the page number that end an entry
ENTRY_TAIL = re.compile(r"[.．…·•\-—_\s]*\d{0,4}$")
PAGE_NUMBER_TAIL = re.compile(r"\d{1,4}$")
LEADER = re.compile(r"[.．…·•\-—_]{3,}")
MAX_ENTRY_CHARS = 60  # longer lines are prose, not 目录 entries


def is_contents_heading(text: str) -> bool:
    return compact(text) == CONTENTS_HEADING


def numbering_level(text: str) -> int | None:
    """How deep an entry's numbering is (0 for 第一部分), None where it is not numbered."""
    head = text.strip()
    return next((level for level, pattern in enumerate(NUMBERING_LEVELS) if pattern.match(head)), None)


def contents_entry(text: str) -> str:
    """An entry's title alone: no numbering, no leader, no page number, no whitespace."""
    head = text.strip()
    for pattern in NUMBERING_LEVELS:
        head = pattern.sub("", head, count=1)
    return ENTRY_TAIL.sub("", compact(head))


def is_entry_shaped(text: str) -> bool:
    """A line a 目录 may print: short, and numbered, ending in a page number or naming a table."""
    head = LEADER.sub(" ", compact(text)).replace(" ", "")
    if not head or len(head) > MAX_ENTRY_CHARS:
        return False
    return (
        numbering_level(text) is not None
        or bool(PAGE_NUMBER_TAIL.search(head))
        or contents_entry(head).endswith(TABLE_TITLE_END)
    )


def names_a_table(entry: str) -> bool:
    return entry.endswith(TABLE_TITLE_END)
