"""Corrections (更正): a republished disclosure marked 更正 / 更正版 / 更正说明, and its note.

A correction is marked on its cover or title ("（更正版）", "（更正）") or carries a
更正说明 ("公开表3 … 填报有误 … 现重新公开"). The note is the text of that 更正说明, kept
for analysts; which document it supersedes is decided in the warehouse (``int_documents``),
where the earlier publication of the same department, year, kind and scope is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.model import Line
from loaders.parse.document.metadata_cover import cover_lines
from loaders.parse.grid.settings import current
from loaders.parse.vocabulary.document import HEADING, NOTE_HEADING

TOC_ENTRY = re.compile(r"(?:\.{3,}|…{2,}|·{3,})\s*\d*$|^\d+$")


def _compact(text: str) -> str:
    return "".join(text.split())


def _note(lines: Sequence[Line]) -> str | None:
    """The 更正说明 paragraph: the heading's own text and the prose lines after it."""
    for i, line in enumerate(lines):
        text = _compact(line.text)
        match = NOTE_HEADING.match(text)
        if not match or len(line.cells) > 2:
            continue
        parts = [text[match.end() :]]
        for follow in lines[i + 1 : i + 40]:
            more = _compact(follow.text)
            if not more or HEADING.match(more) or len([c for c in follow.cells if c.strip()]) > 1:
                break
            parts.append(more)
        note = "".join(parts).strip()
        if note and not TOC_ENTRY.search(note):  # the 目录's "更正说明……1" is not the note
            return note[: current().correction_note_chars]
    return None


def read_correction(lines: Sequence[Line]) -> tuple[bool, str | None]:
    """(is a correction, the 更正说明 text where printed)."""
    note = _note(lines)
    marked = any("更正" in text for text in cover_lines(lines))  # （更正版） on the cover or title
    return bool(note) or marked, note
