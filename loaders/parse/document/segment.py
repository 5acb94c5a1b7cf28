"""Find the tables of a document: regions of lines opened by a title or a 公开NN表 label.

A region runs from its anchor to the next anchor or section heading. Which kind of
table a region holds is decided from its title, else from its header labels (some
tools drop titles and keep only the number, and numbers differ between documents).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.model import Line
from loaders.parse.grid.settings import current
from loaders.parse.vocabulary import LEADING_NUMBER, compact, is_number_label, unit_in, unit_line
from loaders.parse.vocabulary.document import (
    LIST_NUMBERING,
    NOTE_KINDS,
    NOTE_OPENINGS,
    SECTION,
    TITLE_RULES,
    TITLE_WITH_NOTE,
)

FIGURE = re.compile(r"^-?[\d,]*\.?\d+$")


@dataclass(frozen=True)
class Region:
    """The lines of one table, with what opened it."""

    title: str | None
    number_label: str | None
    anchor: Line
    lines: tuple[Line, ...]
    note: str | None = None  # the 注 printed under the table ("注：本表反映…国有资本经营…")


def _clean(text: str) -> str:
    return compact(text).strip("|")


def title_shaped(title: str) -> bool:
    """Whether a line reads as a table's title of any kind: short, ending in 表 (or 表（…）), not a
    sentence, a quotation in prose, a 说明 or a 绩效 sheet."""
    if "表" not in title:  # every title names a 表; most lines of a document do not
        return False
    text = _clean(title)
    if not (text.endswith("表") or TITLE_WITH_NOTE.search(text)) or len(text) > 45:
        return False
    if "《" in text or "》" in text:
        return False  # a title quoted in prose (更正说明: 公开表3《支出决算表》), not standing as one
    return not (
        ("情况" in text and "说明" in text) or "绩效" in text or "部分" in text or "。" in text or text.startswith("注")
    )


def title_kind(title: str) -> str | None:
    if not title_shaped(title):
        return None
    text = _clean(title)
    for kind, required, forbidden in TITLE_RULES:
        if all(k in text for k in required) and not any(k in text for k in forbidden):
            return kind
    return None


def _number_label(line: Line) -> str | None:
    filled = [c for c in line.cells if c.strip()]
    first = _clean(filled[0] if filled else line.text)
    if len(filled) <= 1 and is_number_label(first):
        return first
    return None


def note_kind(note: str | None) -> str | None:
    """The funding an untitled table's note names (注：本表反映…国有资本经营预算财政拨款支出情况)."""
    return next((kind for needle, kind in NOTE_KINDS if note and needle in note), None)


def _leading_number(title: str | None) -> str | None:
    """The number printed before a title on its line: "预算01表 收支总表" → 预算01表."""
    match = LEADING_NUMBER.match(_clean(title)) if title else None
    return match.group(0).rstrip("、.:：") if match else None


def header_kind(lines: Sequence[Line]) -> str | None:
    """Guess the kind of an untitled table from the labels of its first lines."""
    head = _clean("".join(line.text for line in lines[:14]))
    if "三公" in head or "因公出国" in head:
        return "three_public"
    if "人员经费" in head and "公用经费" in head:
        return "basic_expenditure_economic"
    if "政府采购" in head or "机关运行经费" in head:
        return "statistics"
    if "行次" in head and ("上级补助收入" in head or "事业收入" in head):
        return "income_expenditure_summary"
    if "一般公共预算财政拨款" in head and "政府性基金预算财政拨款" in head and "行次" in head:
        return "fiscal_summary"
    if "年初结转和结余" in head and "本年收入" in head:
        return "government_fund"
    if "财政拨款收入" in head and ("科目" in head or "功能分类" in head):
        return "income"
    if "上缴上级支出" in head or "对附属单位补助支出" in head:
        return "expenditure"
    if "基本支出" in head and "项目支出" in head:
        return "general_budget_expenditure"
    return None


def _foreign_title(lines: Sequence[Line], i: int) -> bool:
    """A title of a kind no parser reads (一般公共预算支出经济分类情况表, 一般公共预算支出表(按经济分类)
    …) standing as a title: alone on its line and followed by the table's unit line or header. Its table is
    not read, but it ends the one before it, whose rows would otherwise run on into its own."""
    line = lines[i]
    if sum(1 for cell in line.cells if cell.strip()) > 1 or not title_shaped(line.text):
        return False
    if _clean(line.text).startswith("续表"):
        return False  # the table before it goes on, under its repeated header
    following = lines[i + 1 : i + 3]
    return bool(unit_in(line.text)) or any(unit_line(after.text) or _is_header_row(after) for after in following)


def _is_header_row(line: Line) -> bool:
    """A row of three or more labels and no figure: a table's header under a title printed without a unit."""
    filled = [compact(c) for c in line.cells if c.strip()]
    return len(filled) >= 3 and not any(FIGURE.match(c) for c in filled)


def find_regions(lines: Sequence[Line]) -> list[Region]:
    anchors: list[tuple[int, str | None, str | None]] = []  # (index, title, number label)
    i = 0
    while i < len(lines):
        line = lines[i]
        if "表" not in line.text and (i + 1 == len(lines) or "表" not in lines[i + 1].text):
            i += 1  # titles and 公开NN表 labels all name a 表, on this line or (broken) the next
            continue
        joined = line.text if len(line.cells) <= 1 else _clean("".join(line.cells))
        title = joined if title_kind(joined) else None
        # a title broken over two lines: "...财政拨款收入支出" + "决算总表"
        if title is None and i + 1 < len(lines) and len(lines[i + 1].cells) <= 1:
            combined = _clean(line.text + lines[i + 1].text)
            if (
                len(line.cells) <= 1
                and len(_clean(line.text)) <= 30
                and title_kind(combined)
                and not title_kind(lines[i + 1].text)
                and not _number_label(lines[i + 1])
            ):
                title, i = combined, i + 1
        label = _number_label(line) or _leading_number(title)
        if not (title or label) and _foreign_title(lines, i):
            if anchors and i - anchors[-1][0] <= current().title_block and anchors[-1][1] is not None:
                i += 1  # a subtitle under a recognised title
                continue
            title = _clean(line.text)  # a table no parser reads: it ends the one before it
        if title or label:
            if anchors and i - anchors[-1][0] <= current().title_block and (anchors[-1][1] is None) != (title is None):
                prev = anchors[-1]
                anchors[-1] = (prev[0], prev[1] or title, prev[2] or label)
            else:
                anchors.append((i, title, label))
        i += 1
    regions = []
    for n, (start, title, label) in enumerate(anchors):
        end = anchors[n + 1][0] if n + 1 < len(anchors) else len(lines)
        body, note = [], None
        for line in lines[start + 1 : end]:
            text = _clean(line.text)
            # the heading that opens the tables part ("第二部分 …预算报表") can be printed inside the first table
            if (SECTION.match(text) and "报表" not in text) or text.startswith(NOTE_OPENINGS):
                note = text if text.startswith(NOTE_OPENINGS) else None
                break
            body.append(line)
        if not body and n + 1 < len(anchors):
            continue  # a title listed in a 目录 (the next title follows at once): no table here
        regions.append(Region(title, label, lines[start], tuple(body), note))
    return [region for region in join_continued(_without_listings(regions)) if not _is_foreign(region)]


def _is_foreign(region: Region) -> bool:
    """A region under a title of a kind no parser reads: not guessed from its header (its 302 is
    no 功能分类 类), only kept from running into its neighbours."""
    return region.title is not None and title_kind(region.title) is None


def _title_key(title: str | None) -> str | None:
    return LIST_NUMBERING.sub("", _clean(title)) if title else None


def _without_listings(regions: list[Region]) -> list[Region]:
    """Regions without the last entry of a 目录: a title with no figures under it that a later table
    prints, or a numbered entry (8、…表) of a kind a later table has."""
    # one pass from the last region back: the keys and kinds of the regions after each one are
    # gathered as the pass goes, not gathered again for every region
    kept: list[Region] = []
    later: set[str | None] = set()
    later_kinds: set[str | None] = set()
    for region in reversed(regions):
        key = _title_key(region.title)
        listed = key in later or (LIST_NUMBERING.match(_clean(region.title or "")) and title_kind(key) in later_kinds)
        if not (key and listed and not any(_has_figures(line) for line in region.lines[: current().listing_lookahead])):
            kept.append(region)
        later.add(key)
        if region.title:
            later_kinds.add(title_kind(region.title))
    return kept[::-1]


def _has_figures(line: Line) -> bool:
    """An amount in a cell (not an entry number such as the 9 of "9、…表")."""
    return len(line.cells) > 1 and any(
        FIGURE.match(text) and ("." in text or "," in text or len(text) >= 3) for text in map(compact, line.cells)
    )


def _continues(region: Region, previous: Region) -> bool:
    """Whether a region is the next page of the table before it: printed again under its own title,
    or under its number alone (``表 8`` over the repeated header), which names no other table."""
    if region.title is None:
        return region.number_label is not None and region.number_label == previous.number_label
    return (
        previous.title is not None
        and _clean(region.title) == _clean(previous.title)
        and (region.number_label or previous.number_label) == (previous.number_label or region.number_label)
    )


def join_continued(regions: Sequence[Region]) -> list[Region]:
    """A table printed again under its own title on the next page (续表) joined to the first part; so
    is one printed again under its number alone (表8 / 表8: a title the segmenter could not read, or
    none over the repeated header), whose rows are the first part's whatever its header suggests
    (因公出国(境)费用 rows are no 三公 table)."""
    joined: list[Region] = []
    for region in regions:
        previous = joined[-1] if joined else None
        if previous is not None and _continues(region, previous):
            joined[-1] = Region(
                previous.title,
                previous.number_label,
                previous.anchor,
                (*previous.lines, region.anchor, *region.lines),
                region.note or previous.note,
            )
            continue
        joined.append(region)
    return joined


def region_unit(region: Region, default: str | None) -> str:
    """The unit printed on the table (title line, 单位/金额单位 line, header cell such as 金额(万元));
    the document's unit only where the table states none."""
    for line in (region.anchor, *region.lines[:10]):
        unit = unit_line(line.text) or unit_in(line.text)
        if unit:
            return unit
    return default or "元"
