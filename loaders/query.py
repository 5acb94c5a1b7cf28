"""`govfin sql`: one read-only statement as the analyst login, rows printed as a table, CSV or JSON.

The statement is checked first (loaders/sql_guard.py); it then runs in a READ ONLY
transaction with a statement timeout, on a login that can read marts and quality only."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import psycopg

from loaders.sql_guard import check_statement


class QueryError(RuntimeError):
    """The database refused the statement (no privilege, a write, an error) or it timed out."""


def run_query(url: str, query: str, timeout_seconds: float = 60) -> tuple[list[str], list[tuple]]:
    """Run ``query`` in a READ ONLY transaction, cancelled after ``timeout_seconds``.

    Raises RefusedStatement (before connecting) unless it is exactly one query."""
    check_statement(query)
    try:
        with psycopg.connect(url) as conn:
            conn.execute("SET TRANSACTION READ ONLY")
            conn.execute(
                "SELECT set_config('statement_timeout', %s, true)", (f"{max(1, round(timeout_seconds * 1000))}ms",)
            )
            cur = conn.execute(query)
            if cur.description is None:
                return [], []
            columns = [c.name for c in cur.description]
            rows = cur.fetchall()
            conn.rollback()
            return columns, rows
    except psycopg.errors.QueryCanceled as exc:
        raise QueryError(
            f"cancelled: the statement ran longer than {timeout_seconds:g} s (raise the limit with --timeout)"
        ) from exc
    except psycopg.Error as exc:
        raise QueryError(str(exc).strip()) from exc


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


def format_rows(columns: list[str], rows: list[tuple], fmt: str) -> str:
    if fmt == "json":
        return (
            json.dumps(
                [{c: _json_value(v) for c, v in zip(columns, row, strict=False)} for row in rows],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_text(v) for v in row] for row in rows])
        return buffer.getvalue()
    cells = [[_text(v) for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [" | ".join(_pad(c, w) for c, w in zip(columns, widths, strict=False)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(_pad(v, w) for v, w in zip(r, widths, strict=False)) for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
