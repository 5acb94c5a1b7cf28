"""`govfin status`: the ledger — documents with their status and error, and the last runs.

A file is listed by its source location (the folder a run was given, ``root``, and its
``path`` under it); a quarantined document (loaded, kept out of the marts) with its reason.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
from rich.console import Console
from rich.table import Table

from loaders.outcomes import outcome

DOCUMENT_KEYS = (
    "root",
    "path",
    "status",
    "department",
    "fiscal_year",
    "document_kind",
    "disclosure_scope",
    "source_unit",
    "document_id",
    "error",
    "quarantine_reason",
)
RUN_KEYS = (
    "run_id",
    "started_at",
    "finished_at",
    "status",
    "loaded",
    "skipped",
    "failed",
    "login",
    "build_status",
    "detail",
)


def ledger(
    url: str, failed_only: bool = False, runs: int = 5, quarantined_only: bool = False, refused_only: bool = False
) -> dict[str, list[dict]]:
    """Every file in the ledger (a duplicate shown as such; a file not loaded as refused or failed,
    by its reason: loaders/outcomes.py) and the last ``runs`` load runs."""
    with psycopg.connect(url) as conn:
        if not conn.execute("SELECT to_regclass('raw.document')").fetchone()[0]:
            return {"documents": [], "runs": []}
        chosen = (("failed", failed_only), ("quarantined", quarantined_only), ("refused", refused_only))
        wanted = {status for status, only in chosen if only}
        rows = conn.execute(
            """
            SELECT f.source_root, f.source_path,
                   CASE WHEN f.status = 'duplicate' THEN 'duplicate' ELSE coalesce(d.status, f.status) END AS status,
                   d.department, d.fiscal_year, d.document_kind, d.disclosure_scope, d.source_unit,
                   f.document_id, d.error, d.quarantine_reason, f.status AS file_status
            FROM raw.source_file f LEFT JOIN raw.document d USING (document_id)
            ORDER BY f.source_root, f.source_path"""
        ).fetchall()
        last_runs = conn.execute(
            # build_status and detail by name from the row: a ledger not yet migrated has none
            "SELECT run_id, started_at, finished_at, status, documents_loaded, documents_skipped, "
            "documents_failed, login, to_jsonb(r) ->> 'build_status', to_jsonb(r) ->> 'detail' "
            "FROM raw.load_run r ORDER BY run_id DESC LIMIT %s",
            (runs,),
        ).fetchall()
    documents = []
    for row in rows:
        document = dict(zip(DOCUMENT_KEYS, row, strict=False))
        document["status"] = outcome(document["status"], document["error"])
        # a file whose new bytes failed while an older version stays loaded counts as failed
        file_status = outcome(row[-1], document["error"])
        if not wanted or document["status"] in wanted or file_status in wanted:
            documents.append(document)
    return {"documents": documents, "runs": [dict(zip(RUN_KEYS, row, strict=False)) for row in last_runs]}


def print_status(
    url: str,
    console: Console,
    failed_only: bool = False,
    runs: int = 5,
    quarantined_only: bool = False,
    refused_only: bool = False,
) -> int:
    found = ledger(url, failed_only, runs, quarantined_only, refused_only)
    if not found["documents"] and not found["runs"]:
        console.print("the warehouse is empty: run `govfin run` first")
        return 0
    shown_keys = ("status", "department", "fiscal_year", "document_kind", "disclosure_scope", "source_unit")
    docs = [
        [location(d["root"], d["path"])]
        + [_cell(d[k]) for k in shown_keys]
        + [(d["document_id"] or "")[:12], _cell(d["error"] or d["quarantine_reason"])]
        for d in found["documents"]
    ]
    history = [[_cell(r[k]) for k in RUN_KEYS] for r in found["runs"]]
    if not console.is_terminal:  # scripts and logs get plain, unfolded lines
        console.print("documents:")
        for row in docs:
            label = "reason" if row[1] in ("quarantined", "refused") else "error"
            console.print("  ".join(v or "-" for v in row[:-1]) + (f"  {label}: {row[-1]}" if row[-1] else ""))
        console.print("last runs:")
        for row in history:
            console.print("  ".join(v or "-" for v in row))
        return 0
    table = Table(title="documents", show_lines=False)
    for column in ("file", "status", "department", "year", "kind", "scope", "unit", "document", "error / reason"):
        table.add_column(column, overflow="fold")
    for row in docs:
        table.add_row(*row)
    console.print(table)
    runs_table = Table(title="last runs")
    for column in ("run", "started", "finished", "status", "loaded", "skipped", "failed", "login", "build", "detail"):
        runs_table.add_column(column)
    for row in history:
        runs_table.add_row(*row)
    console.print(runs_table)
    return 0


def location(root: str | None, path: str) -> str:
    """Where a file was found: relative to the working directory where it lies under it."""
    full = Path(root or "") / path
    try:
        return str(full.relative_to(Path.cwd()))
    except ValueError:
        return str(full)


def _cell(value) -> str:
    return "" if value is None else str(value)
