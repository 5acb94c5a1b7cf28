"""The cover and title of a disclosure (封面, 标题): department, year, kind and scope as titled.

A title names the year and the kind together ("2026年度部门预算", "2019 年佛山市轨道交通局部门
决算"); the department is printed before it, inside it, or on the cover lines above it,
where a long name may wrap over lines ("中共上海市普陀区委" / "宣传部"). Only the first
page(s) are read: prose further on mentions other years and other kinds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from loaders.model import Line
from loaders.parse.grid.settings import current
from loaders.parse.vocabulary.document import (
    COVER_LABEL,
    DATE_LINE,
    NOT_A_NAME,
    NOT_A_NAME_WORD,
    ORG_SUFFIX,
    PARENTHESES,
    SCOPE_QUALIFIERS,
    SCOPE_SUFFIX,
    SCOPE_WORD,
    TITLE,
)

CHINESE_DIGITS = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


@dataclass(frozen=True)
class Cover:
    """What the title says; any field the title does not give is None."""

    department: str | None
    fiscal_year: int | None
    document_kind: str | None  # final_account | budget
    scope_word: str | None  # 部门 | 单位 as printed in the title (部门预算 / 单位决算)
    title: str | None
    published_on: date | None = None  # the date printed on the cover (落款)


def _compact(text: str) -> str:
    return "".join(text.split()).strip("|")


def is_department_name(text: str) -> bool:
    """A department's name: an organisation word at the end, no heading or sentence shape."""
    text = _compact(text)
    if not 3 <= len(text) <= 60 or NOT_A_NAME.match(text) or not "\u4e00" <= text[0] <= "\u9fff":
        return False
    if any(c in text for c in "，,。:：;；、") or re.search(r"\d", text):
        return False
    if NOT_A_NAME_WORD.search(PARENTHESES.sub("", text)):
        return False
    return bool(ORG_SUFFIX.search(text))


FIGURE = re.compile(r"^-?[\d,]*\.?\d+%?$")


def _is_split_heading(text: str, line: Line) -> bool:
    """A section heading whose words the page's spacing split into cells ("第一部分  概况"), not a table row."""
    return bool(NOT_A_NAME.match(text)) and not any(FIGURE.match(c.strip()) for c in line.cells)


def cover_lines(lines: Sequence[Line]) -> list[str]:
    """The single-cell lines at the top of the document, before its 目录 or its first table."""
    out = []
    for line in lines[: current().cover_lines]:
        text = _compact(line.text).lstrip("#")  # markdown heading marks left by some web pages
        if text.startswith("目录") or text == "目":
            break
        if sum(1 for c in line.cells if c.strip()) > 1 and out and not _is_split_heading(text, line):
            break
        out.append(text)
    # a line printed again and again on the cover is a watermark (仅供内部审核), not part of a name
    return [text for text in out if out.count(text) == 1]


def _department_around(cover: list[str], index: int, title_text: str, match: re.Match) -> str | None:
    before = title_text[: match.start()]
    between = match.group(2)
    # "2019年佛山市轨道交通局部门决算": the name sits between the year and the kind
    inside = SCOPE_SUFFIX.sub("", between)
    for candidate in (before, inside):
        if candidate and is_department_name(candidate):
            return candidate
    # the name above the title, wrapped over up to three cover lines: the longest that is a name
    for size in (3, 2, 1):
        if index - size >= 0:
            joined = "".join(cover[index - size : index])
            if is_department_name(joined):
                return joined
    # or below it ("2026 年度" / "福州市民政局(本级)" / "单位预算")
    for size in (2, 1):
        joined = "".join(cover[index + 1 : index + 1 + size])
        if is_department_name(joined):
            return joined
    return None


def _labelled(cover: list[str]) -> str | None:
    for text in cover:
        match = COVER_LABEL.match(text)
        if match and is_department_name(match.group(1)):
            return match.group(1)
    return None


def read_cover(lines: Sequence[Line]) -> Cover:
    cover = cover_lines(lines)
    for index, _text in enumerate(cover):
        # a title may wrap: "2026 年度" / "福州市民政局(本级)" / "单位预算" reads as one
        for span in (1, 2, 3):
            joined = "".join(cover[index : index + span])
            match = TITLE.search(joined)
            if not match or len(joined) > 60:
                continue
            if match.start() >= len(cover[index]):
                continue  # the title starts on a later line (after a watermark): read it from there
            kind = "final_account" if match.group(3) == "决算" else "budget"
            words = SCOPE_WORD.findall(match.group(2))
            department = _department_around(cover, index, joined, match) or _labelled(cover)
            return Cover(
                department, int(match.group(1)), kind, words[-1] if words else None, joined, _published_on(cover)
            )
    return Cover(None, None, None, None, None, _published_on(cover))


def _number(text: str | None) -> int | None:
    """An Arabic or Chinese number: 14, 二〇二五, 十二, 二十三."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # a year digit by digit
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return CHINESE_DIGITS[text]
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)


def _published_on(cover: list[str]) -> date | None:
    for text in cover:
        for pattern in DATE_LINE:
            match = pattern.fullmatch(text)
            if match:
                try:
                    return date(_number(match.group(1)), _number(match.group(2)), _number(match.group(3)) or 1)
                except (ValueError, KeyError, TypeError):
                    return None
    return None


def scope_qualifier(department: str | None) -> str | None:
    """本级 or 汇总 where the department's name carries it: 福州市民政局(本级)."""
    for word in SCOPE_QUALIFIERS:
        if department and word in department:
            return word
    return None
