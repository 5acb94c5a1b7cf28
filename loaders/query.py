"""`govfin sql`: one read-only statement as the analyst login, rows streamed as a table, CSV or JSON.

The statement is checked first (loaders/sql_guard.py); it then runs in a READ ONLY
transaction with a statement timeout, on a login that can read marts and quality only.
A query's rows come through a server-side cursor, ``BATCH`` at a time, and are written as
they come, so memory stays flat whatever the size of the result; at most ``max_rows`` are
written (``--max-rows``), and the statement ends there.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

import psycopg
from pglast import ast

from loaders.sql_guard import check_statement

BATCH = 2000  # rows fetched (and, for a table, aligned) at a time
DEFAULT_MAX_ROWS = 10_000


class QueryError(RuntimeError):
    """The database refused the statement (no privilege, a write, an error) or it timed out."""


@dataclass(frozen=True)
class Written:
    """How many rows were written, and whether more were left out (the row cap)."""

    rows: int
    truncated: bool


@contextmanager
def open_query(url: str, query: str, timeout_seconds: float = 60) -> Iterator[tuple[list[str], Iterator[tuple]]]:
    """(columns, rows) of ``query`` in a READ ONLY transaction cancelled after ``timeout_seconds``;
    ``rows`` is read from the server as it is iterated. Raises RefusedStatement (before
    connecting) unless it is exactly one query, QueryError if the server refuses or cancels it."""
    statement = check_statement(query)
    with _errors(timeout_seconds), psycopg.connect(url) as conn:
        conn.execute("SET TRANSACTION READ ONLY")
        conn.execute(
            "SELECT set_config('statement_timeout', %s, true)", (f"{max(1, round(timeout_seconds * 1000))}ms",)
        )
        # DECLARE takes a query only: EXPLAIN and SHOW (a few rows) are fetched at once
        cur = conn.cursor(name="govfin_sql") if isinstance(statement, ast.SelectStmt) else conn.cursor()
        cur.execute(query)
        columns = [c.name for c in cur.description] if cur.description else []
        yield columns, _rows(cur, timeout_seconds) if columns else iter(())
        conn.rollback()


def _rows(cur, timeout_seconds: float) -> Iterator[tuple]:
    with _errors(timeout_seconds):
        while batch := cur.fetchmany(BATCH):
            yield from batch


@contextmanager
def _errors(timeout_seconds: float):
    try:
        yield
    except psycopg.errors.QueryCanceled as exc:
        if "statement timeout" in str(exc):
            raise QueryError(
                f"cancelled: the statement ran longer than {timeout_seconds:g} s (raise the limit with --timeout)"
            ) from exc
        raise QueryError(
            "cancelled by the server: the analyst login's statements run for a limited time "
            "(see docs/security.md, 'Limits')"
        ) from exc
    except psycopg.Error as exc:
        raise QueryError(str(exc).strip()) from exc


def run_query(url: str, query: str, timeout_seconds: float = 60) -> tuple[list[str], list[tuple]]:
    """All the rows of a small query at once (``open_query`` streams them)."""
    with open_query(url, query, timeout_seconds) as (columns, rows):
        return columns, list(rows)


def write_rows(columns: list[str], rows: Iterator[tuple], fmt: str, out: TextIO, max_rows: int) -> Written:
    """Write at most ``max_rows`` of ``rows`` to ``out`` as ``fmt`` (table, csv or json), as they come."""
    capped = _capped(rows, max_rows)
    if fmt == "json":
        count = _write_json(columns, capped, out)
    elif fmt == "csv":
        count = _write_csv(columns, capped, out)
    else:
        count = _write_table(columns, capped, out, lambda: capped.truncated)
    return Written(count, capped.truncated)


class _capped:
    """The first ``limit`` rows; ``truncated`` once a row past them was seen (that row is not kept)."""

    def __init__(self, rows: Iterator[tuple], limit: int):
        self.rows, self.limit, self.truncated = iter(rows), limit, False

    def __iter__(self):
        for count, row in enumerate(self.rows):
            if count >= self.limit:
                self.truncated = True
                return
            yield row


def format_rows(columns: list[str], rows: list[tuple], fmt: str) -> str:
    """All ``rows`` as one string (for small results and tests)."""
    import io

    buffer = io.StringIO()
    write_rows(columns, iter(rows), fmt, buffer, max(len(rows), 1))
    return buffer.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _json_value(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (Decimal, float)):
        return format(value, "f") if isinstance(value, Decimal) else repr(value)
    return str(value)


def _write_json(columns: list[str], rows, out: TextIO) -> int:
    """The same text as ``json.dumps(list_of_objects, indent=2)``, one object at a time."""
    count = 0
    for row in rows:
        item = json.dumps({c: _json_value(v) for c, v in zip(columns, row, strict=False)}, ensure_ascii=False, indent=2)
        out.write(("[\n  " if count == 0 else ",\n  ") + item.replace("\n", "\n  "))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def _write_csv(columns: list[str], rows, out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_text(v) for v in row])
        count += 1
    return count


def _write_table(columns: list[str], rows, out: TextIO, truncated) -> int:
    """Aligned a batch at a time, as psql does with FETCH_COUNT: a column widens when a later
    batch holds a longer value."""
    widths = [_width(c) for c in columns]
    count, batch, header = 0, [], False

    def flush() -> None:
        nonlocal header
        for cells in batch:
            widths[:] = [max(w, _width(v)) for w, v in zip(widths, cells, strict=False)]
        if not header:
            out.write(" | ".join(_pad(c, w) for c, w in zip(columns, widths, strict=False)) + "\n")
            out.write("-+-".join("-" * w for w in widths) + "\n")
            header = True
        for cells in batch:
            out.write(" | ".join(_pad(v, w) for v, w in zip(cells, widths, strict=False)) + "\n")
        batch.clear()

    for row in rows:
        batch.append([_text(v) for v in row])
        count += 1
        if len(batch) == BATCH:
            flush()
    flush()
    more = ", more were left out (--max-rows)" if truncated() else ""
    out.write(f"({count} row{'s' if count != 1 else ''}{more})\n")
    return count


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
