"""Text inputs → Lines: decoding, NFKC, tags, watermarks, and cells from tabs, pipes or gaps.

Knows nothing of budgets: it only turns bytes of the layouts that extraction tools
produce (tab-separated, `|`-separated, markdown with <b> tags, space-aligned: cut at
the block's column positions by ``aligned``) into lines of cells with their line numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from charset_normalizer import from_bytes

from loaders.extract.aligned import aligned_blocks
from loaders.extract.loose_cells import is_loose, loose_cells, unglue
from loaders.model import Line

TAG = re.compile(r"<[^>]{1,200}>")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
GAP = re.compile(r"\s{2,}")
# label lines (金额单位：万元, 部门名称：…) and table titles repeat by design: never noise
STRUCTURAL = re.compile(r"[:：\t|]|表|单位|部门|年度|合计|总计|项目|科目|指标|\((万)?元\)")


def decode(data: bytes) -> str:
    """Bytes in UTF-8 (with or without BOM), UTF-16 or GB18030/GBK → str."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass  # not UTF-8: most likely GB18030 (a superset of GBK and GB2312)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")


def normalise(text: str) -> str:
    """NFKC (full-width digits, letters and punctuation to half-width), tags and headings removed."""
    text = unicodedata.normalize("NFKC", text)
    text = TAG.sub("", text)
    text = MARKDOWN_HEADING.sub("", text)
    return text.replace("\xa0", " ").rstrip("\r\n")


def split_cells(text: str) -> tuple[str, ...]:
    """Cells of one line: tab- or pipe-separated, or separated by runs of 2+ spaces."""
    if "\t" in text:
        cells = text.split("\t")
    elif "|" in text:
        cells = text.split("|")
        if cells and not cells[0].strip() and text.lstrip().startswith("|"):
            cells = cells[1:]
    elif GAP.search(text.strip()):
        cells = GAP.split(text.strip())
    else:
        cells = [text]
    cells = [" ".join(c.split()) for c in cells]
    while len(cells) > 1 and cells[-1] == "":
        cells.pop()
    return tuple(cells)


def repeated_noise(texts: list[str], min_repeats: int = 4) -> set[str]:
    """Short lines repeated many times with no digits: watermarks (仅供内部审核) and running heads.

    One- and two-character lines are the tails of labels broken over lines ("出", "支出"), never noise.
    """
    counts = Counter(t.strip() for t in texts if t.strip())
    return {
        t
        for t, n in counts.items()
        if n >= min_repeats and 3 <= len(t) <= 30 and not re.search(r"\d", t) and not STRUCTURAL.search(t)
    }


def text_lines(text: str, repair=None) -> list[Line]:
    """Lines of a decoded text with their 1-based line numbers; blank and noise lines dropped."""
    originals = text.splitlines()
    raw = [normalise(t) for t in originals]
    noise = repeated_noise(raw)
    separated = any("\t" in t or "|" in t for t in raw[:400])
    loose = not separated and is_loose(raw)
    guessed: set[int] = set()
    aligned = {} if separated or loose else aligned_blocks(raw, guessed=guessed)
    lines: list[Line] = []
    for number, content in enumerate(raw, start=1):
        if not content.strip() or content.strip() in noise:
            continue
        if loose:
            content = unglue(content)
        if repair is not None:
            content = repair(content)
        if number - 1 in aligned:  # cut at the block's columns, then each cell repaired
            cells = tuple(repair(c) for c in aligned[number - 1]) if repair else aligned[number - 1]
        else:
            cells = loose_cells(content) if loose else split_cells(content.rstrip())
        original = originals[number - 1].strip()
        printed = original if original != content.strip() else ""
        # cells found by spacing alone: split at gaps (an empty cell leaves no trace) or cut at positions
        # no header text confirms
        gapped = "\t" not in content and "|" not in content
        spaced = number - 1 in guessed if number - 1 in aligned else gapped
        lines.append(Line(text=content.strip(), cells=cells, lineno=number, printed=printed, spaced=spaced))
    return lines
