"""Whether a parsed document may load: it names itself, and its tables are tables and readable.

- A document must say which department (部门) and kind (预算/决算) it is, and should say
  its fiscal year (年度): without a department its rows could not be keyed and would be
  garbage in the marts; a missing year alone is a warning for now.
- A region opened by a table's title but holding no row of two or more filled cells is
  a mention of the table (an attachment list "附件：1.…收支总表", a 目录 line), not a
  printed table: it is not reported as an empty table.
- A web page with prose facts and no printed table (a text part, ``parts``) had its
  tables published as images or as an attachment that is not there: it loads its prose
  with the warning "tables not machine-readable (published as images)".
- A table that prints amounts but gives no row and no warning is reported ("prints amounts
  but none was read"): a layout no reader knows must never pass as an empty table.
- A document whose table cells are unreadable or contradict each other nearly everywhere
  (more than ``admission_max_bad_share`` of at least ``admission_min_cells`` cells: unreadable amounts, and
  rows repeating an item of their table with another amount) is failed: a few are
  warnings, a majority means the document is not what its titles say.
- A file with neither a known table nor a figure in its text, or without tables and with no
  amount of money in its text (a portal landing page, a catalogue page, a 政府信息公开指南),
  is refused as "not a disclosure"; a file whose name says PDF but whose bytes
  are a web page is read as the web page, and a refusal says what it really is.
- The number of tables the document's own 目录 lists is noted (an ``info`` issue) so the
  tables found can be held against it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields

from loaders.model import DocumentMeta, Line, ParseError, ParseIssue
from loaders.parse.grid.amounts import is_number, parse_number
from loaders.parse.grid.settings import current
from loaders.parse.vocabulary import compact
from loaders.parse.vocabulary.contents import (
    contents_entry,
    is_contents_heading,
    is_entry_shaped,
    names_a_table,
    numbering_level,
)

NOT_KEY = {"amount_yuan", "count_value", "page", "lineno", "row_number"}
IMAGE_TABLES = "tables not machine-readable (published as images)"
# warnings that each mark one table cell the parsers could not use
BAD_CELL_WARNINGS = ("unreadable cell", "does not add up")  # the latter: one per failed sum (``checks``)


def require_identity(meta: DocumentMeta, name: str, lineno: int) -> list[ParseIssue]:
    """Fail a document that does not say whose and which kind it is; warn when no year was read
    (the metadata reader does not yet take a year printed only in a title, 2026年…目标表)."""
    missing = [
        label
        for label, value in (
            ("department", meta.department),
            ("fiscal year", meta.fiscal_year),
            ("kind", meta.document_kind),
        )
        if value is None
    ]
    if missing and missing != ["fiscal year"]:
        raise ParseError(
            f"no {', '.join(missing)} found: not a disclosure this warehouse can key",
            file=name,
            lineno=lineno,
            expected="a cover or table header naming the department (部门名称), the year (年度) and 预算 or 决算",
        )
    return [ParseIssue("warning", None, lineno, "no fiscal year found")] if missing else []


def is_printed_table(lines: Sequence[Line]) -> bool:
    """Whether a table's region holds a row of at least two filled cells (its header, at least)."""
    return any(sum(1 for cell in line.cells if cell.strip()) >= 2 for line in lines)


def _is_amount(cell: str) -> bool:
    text = compact(cell)
    return ("." in text or "," in text) and is_number(text) and bool(parse_number(text))


def unread_table_issue(lines: Sequence[Line], title: str) -> ParseIssue | None:
    """The warning for a table that prints a non-zero amount but gave no row and said nothing."""
    first = next((line for line in lines if len(line.cells) > 1 and any(map(_is_amount, line.cells))), None)
    if first is None:
        return None
    return ParseIssue("warning", title, first.lineno, "table prints amounts but none was read: layout not recognised")


def image_tables_issue(mentions: Sequence[Line]) -> ParseIssue:
    """The warning for a web page that loads its prose only: its tables are images or attachments."""
    first = mentions[0] if mentions else None
    return ParseIssue("warning", first.text[:60] if first else None, first.lineno if first else None, IMAGE_TABLES)


def _key(row) -> tuple:
    return (type(row).__name__, *tuple(getattr(row, f.name) for f in fields(row) if f.name not in NOT_KEY))


def contradictions(rows: Iterable) -> int:
    """Rows that repeat an earlier row's item (same table, code, name, measure) with another amount.

    A table prints each item once (a 合计 repeated on a continuation page repeats its amount);
    random words and digits under a table title repeat the same few labels with any figure.
    """
    first: dict[tuple, tuple] = {}
    count = 0
    for row in rows:
        value = (getattr(row, "amount_yuan", None), getattr(row, "count_value", None))
        if first.setdefault(_key(row), value) != value:
            count += 1
    return count


def check_readable(rows: Sequence, issues: Sequence[ParseIssue], name: str) -> None:
    """Fail a document whose table cells are unreadable or contradict each other nearly everywhere."""
    unreadable = sum(1 for issue in issues if issue.message.startswith(BAD_CELL_WARNINGS))
    contradicting = contradictions(rows)
    total = len(rows) + unreadable
    settings = current()
    if total >= settings.admission_min_cells and unreadable + contradicting > total * settings.admission_max_bad_share:
        raise ParseError(
            f"tables unreadable: of {total} table cells, {unreadable} could not be read as amounts "
            f"and {contradicting} repeat an item with another amount (more than "
            f"{settings.admission_max_bad_share:.0%})",
            file=name,
            expected="tables of printed amounts",
        )


CONTENTS_NOTE = "table of contents (目录) lists {n} tables"
NOT_A_DISCLOSURE = "not a disclosure: no standard table recognised and no amount of money in the text"


def listed_tables(lines: Sequence[Line]) -> int | None:
    """How many tables the document's own 目录 lists; None where it prints no 目录.

    The 目录 runs from its heading to the first line that is no entry (prose, a heading of the
    body), prints an amount or repeats an entry, at most ``current().contents_window`` lines. An entry
    over entries numbered one level deeper is a heading of the tables, not a table.
    """
    start = next((i for i, line in enumerate(lines) if is_contents_heading(line.text)), None)
    if start is None:
        return None
    entries: list[tuple[str, int | None]] = []
    for line in lines[start + 1 : start + 1 + current().contents_window]:
        if not line.text.strip():
            continue
        entry = contents_entry(line.text)
        amounts = len(line.cells) > 1 and any(map(_is_amount, line.cells))
        if amounts or not is_entry_shaped(line.text) or entry in {e for e, _ in entries}:
            break
        entries.append((entry, numbering_level(line.text)))
    levels = [level for _, level in entries]
    following = [*levels[1:], None]  # the level of the entry after each one
    return sum(
        1
        for (entry, level), after in zip(entries, following, strict=False)
        if names_a_table(entry) and not (level is not None and after is not None and after > level)
    )


def contents_issue(lines: Sequence[Line]) -> list[ParseIssue]:
    """An info note of how many tables the 目录 lists (``marts.document_health.tables_listed``)."""
    n = listed_tables(lines)
    return [] if n is None else [ParseIssue("info", None, None, CONTENTS_NOTE.format(n=n))]


def no_content_error(name: str) -> ParseError:
    """The refusal of a file with neither a known table nor a figure: a portal or catalogue page,
    a notice, a cover saved alone."""
    return ParseError(
        NOT_A_DISCLOSURE,
        file=name,
        expected="tables such as 收入支出决算总表 or 预算收支总表, project sheets, or a 情况说明 stating figures",
    )


def states_money(narrative: Sequence, statistics: Sequence, projects: Sequence) -> bool:
    """Whether a document without tables states an amount of money: a 情况说明 does (收入预算
    1234.56万元); a portal page's figures are counts and dates (20个工作日, 12个项目)."""
    return (
        bool(projects)
        or any(fact.kind == "amount" for fact in narrative)
        or any(item.amount_yuan is not None for item in statistics)
    )


def with_format_note(error: ParseError, note: str | None) -> ParseError:
    """The refusal of a file whose name lies about its format, saying what the file really is."""
    if note is None:
        return error
    return ParseError(
        f"{note}: {error.reason}", file=error.file, table=error.table, lineno=error.lineno, expected=error.expected
    )
