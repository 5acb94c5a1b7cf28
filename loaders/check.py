"""`govfin check`: the corpus's health, read from the marts and quality schemas (analyst login).

Files per ledger status (and the loaded documents per status in the marts), the refusal
reasons, the disclosures (documents with at least ``CORE_TABLES`` of the standard tables)
whose printed identities all hold, with every identity that fails (rule, both numbers,
page), the parser's warnings, and the coverage of department × year × kind.
"""

from __future__ import annotations

import re
from decimal import Decimal

import psycopg
from rich.console import Console

from loaders.outcomes import is_refusal

CORE_TABLES = 4  # a disclosure prints at least this many of the nine standard tables
REASON_HEAD = re.compile(r"^(?:file [^:]*?(?:, (?:table|line) [^:]*?)*: )?(?P<reason>[^(]*)")
NEEDED = ("marts.document_health", "quality.document_identities", "quality.document_coverage")


def refusal_reason(error: str | None) -> str:
    """The reason of a refusal without the file, table and line it names or what was expected:
    ``file a.pdf, line 1: not a disclosure … (expected …)`` → ``not a disclosure …``."""
    match = REASON_HEAD.match(error or "")
    reason = (match.group("reason") if match else error or "").strip().rstrip(":")
    return re.sub(r"\d+", "N", reason)[:120] or "unknown"


def corpus_health(url: str) -> dict | None:
    """The figures of `govfin check` as one dict; None before the first build made the models."""
    with psycopg.connect(url) as conn:
        if not all(conn.execute("SELECT to_regclass(%s)", (name,)).fetchone()[0] for name in NEEDED):
            return None
        files = dict(conn.execute("SELECT status, count(*) FROM quality.document_load GROUP BY status").fetchall())
        not_loaded = conn.execute(
            "SELECT source_path, error FROM quality.document_load WHERE status = 'failed' ORDER BY source_path"
        ).fetchall()
        documents = dict(conn.execute("SELECT status, count(*) FROM marts.document_health GROUP BY status").fetchall())
        disclosures, holding, warnings, unreadable, listed_short = conn.execute(
            "SELECT count(*) FILTER (WHERE core_tables_found >= %(core)s), "
            "count(*) FILTER (WHERE core_tables_found >= %(core)s AND all_identities_hold), "
            "coalesce(sum(warnings), 0), coalesce(sum(unreadable_cells), 0), "
            "count(*) FILTER (WHERE tables_found < tables_listed) FROM marts.document_health",
            {"core": CORE_TABLES},
        ).fetchone()
        identities = dict(
            conn.execute(
                "SELECT i.status, count(*) FROM quality.document_identities i "
                "JOIN marts.document_health h USING (document_id) WHERE h.core_tables_found >= %s GROUP BY i.status",
                (CORE_TABLES,),
            ).fetchall()
        )
        failures = conn.execute(
            "SELECT h.source_file, i.rule_id, i.table_kind, i.measure, i.expected_yuan, i.actual_yuan, "
            "i.difference_yuan, i.page, i.line_no FROM quality.document_identities i "
            "JOIN marts.document_health h USING (document_id) "
            "WHERE i.status = 'fail' AND h.core_tables_found >= %s ORDER BY h.source_file, i.rule_id, i.table_kind",
            (CORE_TABLES,),
        ).fetchall()
        unchecked = [
            row[0]
            for row in conn.execute(
                "SELECT source_file FROM marts.document_health "
                "WHERE core_tables_found >= %s AND identities_checked = 0 ORDER BY source_file",
                (CORE_TABLES,),
            )
        ]
        coverage = dict(
            conn.execute("SELECT coverage, count(*) FROM quality.document_coverage GROUP BY coverage").fetchall()
        )
        grid = conn.execute(
            "SELECT department_name, fiscal_year, document_kind, coverage FROM quality.document_coverage "
            "WHERE coverage <> 'missing' ORDER BY department_name, fiscal_year, document_kind"
        ).fetchall()
    reasons: dict[str, int] = {}
    failed = [{"path": path, "error": error} for path, error in not_loaded if not is_refusal(error)]
    for _, error in not_loaded:
        if is_refusal(error):
            key = refusal_reason(error)
            reasons[key] = reasons.get(key, 0) + 1
    counts = {**files, "refused": sum(reasons.values()), "failed": len(failed)}
    return {
        "command": "check",
        "files": {status: counts.get(status, 0) for status in ("loaded", "refused", "failed", "duplicate")},
        "refusals": dict(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
        "failed_files": failed,
        "documents": documents,
        "disclosures": {
            "core_tables_at_least": CORE_TABLES,
            "count": disclosures,
            "all_identities_hold": holding,
            "share_holding": round(holding / disclosures, 4) if disclosures else None,
            "identities": {"pass": identities.get("pass", 0), "fail": identities.get("fail", 0)},
            "without_identities": unchecked,
            "failures": [
                {
                    "path": path,
                    "rule_id": rule,
                    "table_kind": table,
                    "measure": measure,
                    "expected_yuan": expected,
                    "actual_yuan": actual,
                    "difference_yuan": difference,
                    "page": page,
                    "line_no": line_no,
                }
                for path, rule, table, measure, expected, actual, difference, page, line_no in failures
            ],
        },
        "warnings": warnings,
        "unreadable_cells": unreadable,
        "documents_with_fewer_tables_than_listed": listed_short,
        "coverage": {
            "cells": {state: coverage.get(state, 0) for state in ("present", "refused", "missing")},
            "present_or_refused": [
                {"department": name, "fiscal_year": year, "document_kind": kind, "coverage": state}
                for name, year, kind, state in grid
            ],
        },
    }


def _yuan(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def print_health(health: dict, console: Console) -> None:
    """The text form: counts first, then each failing identity on one line."""
    files, docs, disc = health["files"], health["documents"], health["disclosures"]
    console.print(
        f"files: {files['loaded']} loaded, {files['refused']} refused, {files['failed']} failed, "
        f"{files['duplicate']} duplicate; "
        "loaded documents: " + (", ".join(f"{n} {status}" for status, n in sorted(docs.items())) or "none")
    )
    for reason, n in health["refusals"].items():
        console.print(f"  refused {n}: {reason}")
    for failure in health["failed_files"]:
        console.print(f"  [red]failed[/red] {failure['path']}: {failure['error']}")
    share = f" ({disc['share_holding']:.1%})" if disc["share_holding"] is not None else ""
    console.print(
        f"disclosures (≥{disc['core_tables_at_least']} core tables): {disc['count']}, "
        f"every printed identity holding in {disc['all_identities_hold']}{share}; "
        f"identities {disc['identities']['pass']} pass, {disc['identities']['fail']} fail"
    )
    for f in disc["failures"]:
        page = f"page {f['page']}" if f["page"] is not None else f"line {f['line_no']}"
        console.print(
            f"  [yellow]fail[/yellow] {f['path']} {f['rule_id']} {f['table_kind']}.{f['measure']}: "
            f"expected {_yuan(f['expected_yuan'])}, actual {_yuan(f['actual_yuan'])} "
            f"(difference {_yuan(f['difference_yuan'])} yuan), {page}"
        )
    for path in disc["without_identities"]:
        console.print(f"  no identity to check (two sides of no rule printed): {path}")
    console.print(
        f"warnings: {health['warnings']}, unreadable cells: {health['unreadable_cells']}, "
        f"documents with fewer tables found than their 目录 lists: {health['documents_with_fewer_tables_than_listed']}"
    )
    cells = health["coverage"]["cells"]
    console.print(
        f"coverage (department × year × kind): {cells['present']} present, {cells['refused']} refused, "
        f"{cells['missing']} missing"
    )
