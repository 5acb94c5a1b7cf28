"""The parser's tuning numbers in one place (as pdfplumber's ``TableSettings``): how far to look,
how much imbalance or gap to allow.

Modules read them at call time from ``current()``, never into constants at import: a caller
changes them for one parse with ``parse_lines(lines, source, settings=...)`` or, around any
call, ``with using(replace(current(), cover_lines=60)):``. A default changed here changes what
is read, so a change bumps ``PARSER_VERSION``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class ParseSettings:
    # documents: how far metadata and segmentation look
    cover_lines: int = 40  # lines of a cover (封面, 标题) read for the title
    metadata_lines: int = 3000  # lines searched for 部门名称, years, department codes
    title_lines: int = 6000  # lines searched for table titles (kind and year)
    title_block: int = 3  # lines of a table's number, title and subtitle, merged into one anchor
    listing_lookahead: int = 12  # a table prints figures within its header's depth; a 目录 entry is followed by prose
    correction_note_chars: int = 2000  # longest 更正说明 kept
    # admission: a document whose cells are mostly unreadable is refused
    admission_min_cells: int = 20
    admission_max_bad_share: float = 0.5
    contents_window: int = 150  # lines a 目录 may take; its first line that is no entry ends it sooner
    # grids
    subtotal_max_depth: int = 4  # levels of 小计 / 其中 rows told apart
    # a row placed right lies within a line of centred (a first line set apart by its wrapping); a piece
    # given to the wrong row moves the middle by a line or more
    off_centre: float = 0.75
    # project sheets
    sheet_title_gap: int = 4  # lines allowed between a title (or a footer) and the next 项目名称
    sheet_max_imbalance: int = 2  # lines a wrapped cell may sit off its row's centre before the table is not read
    indicator_min_cells: int = 3  # a body row prints at least the label column, a name and a value
    indicator_resume: int = 6  # lines within which table rows resuming after a break mean the table goes on
    indicator_cell_gap: float = 2.0  # two lines of one wrapped cell lie less than two leadings apart
    # centring wrapped cells: what a split costs where the caller's hint says no cell opens: a soft
    # hint (less than one line of imbalance: balance decides, the hint breaks ties) or a firm one
    # (a marker that every cell of the column opens with)
    centring_soft: float = 0.5
    centring_firm: float = 100.0
    centring_page: float = 10_000.0  # a position's page weight: a cell never straddles a page break
    centring_wide_gap: float = 1.4  # pitches between two lines of one cell, at most
    centring_gap_weight: float = 2.0  # cost of each pitch of gap beyond that
    centring_merge: float = 0.1  # cost of each line joined to a cell: of two readings, the one with more rows wins
    centring_max_cell_lines: int = 8  # lines one wrapped cell may take


SETTINGS = ParseSettings()  # the defaults
_CURRENT: ContextVar[ParseSettings] = ContextVar("parse_settings", default=SETTINGS)


def current() -> ParseSettings:
    """The settings in force: the defaults, or those of the innermost ``using``."""
    return _CURRENT.get()


@contextmanager
def using(settings: ParseSettings | None) -> Iterator[ParseSettings]:
    """Parse with ``settings`` inside the block (None: keep those in force); restored on leaving."""
    token = _CURRENT.set(settings if settings is not None else _CURRENT.get())
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)
