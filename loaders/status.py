"""`govfin status`: the ledger — documents with their status and error, and the last runs."""
from __future__ import annotations

import psycopg
from rich.console import Console
from rich.table import Table


def print_status(url: str, console: Console, failed_only: bool = False, runs: int = 5) -> int:
    with psycopg.connect(url) as conn:
        if not conn.execute("SELECT to_regclass('raw.document')").fetchone()[0]:
            console.print("the warehouse is empty: run `govfin run` first")
            return 0
        where = "WHERE f.status = 'failed'" if failed_only else ""
        rows = conn.execute(f"""
            SELECT f.source_path, f.status AS file_status, d.status, d.department, d.fiscal_year,
                   d.document_kind, d.disclosure_scope, d.source_unit, d.error, left(f.document_id, 12)
            FROM raw.source_file f LEFT JOIN raw.document d USING (document_id)
            {where} ORDER BY f.source_path""").fetchall()
        last_runs = conn.execute(
            "SELECT run_id, started_at, finished_at, status, documents_loaded, documents_skipped, "
            "documents_failed, login FROM raw.load_run ORDER BY run_id DESC LIMIT %s", (runs,)).fetchall()

    if not console.is_terminal:  # scripts and logs get plain, unfolded lines
        console.print("documents:")
        for path, file_status, status, dept, year, kind, scope, unit, error, doc_id in rows:
            shown = "duplicate" if file_status == "duplicate" else (status or file_status)
            console.print("  ".join(str(v or "-") for v in (path, shown, dept, year, kind, scope, unit, doc_id))
                          + (f"  error: {error}" if error else ""))
        console.print("last runs:")
        for run in last_runs:
            console.print("  ".join(str(v) if v is not None else "-" for v in run))
        return 0
    docs = Table(title="documents", show_lines=False)
    for column in ("file", "status", "department", "year", "kind", "scope", "unit", "document", "error"):
        docs.add_column(column, overflow="fold")
    for path, file_status, status, dept, year, kind, scope, unit, error, doc_id in rows:
        shown = "duplicate" if file_status == "duplicate" else (status or file_status)
        docs.add_row(path, shown, dept or "", str(year or ""), kind or "", scope or "", unit or "",
                     doc_id, error or "")
    console.print(docs)
    history = Table(title="last runs")
    for column in ("run", "started", "finished", "status", "loaded", "skipped", "failed", "login"):
        history.add_column(column)
    for run in last_runs:
        history.add_row(*[str(v) if v is not None else "" for v in run])
    console.print(history)
    return 0
