"""One JSON summary object per command (`run`, `load`, `status --format json`) for schedulers.

Amounts are decimal strings (never floats), as in `govfin sql --format json`; keys may be
added, none renamed.
"""

from __future__ import annotations

import json
from decimal import Decimal

import psycopg


def dumps(summary: dict) -> str:
    """One line of JSON: a scheduler reads the whole object from one line of output."""
    return json.dumps(summary, ensure_ascii=False, default=_exact, separators=(",", ":"))


def _exact(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def load_summary(summary) -> dict:
    """What `govfin load` did: counts, staging rows, seconds, each failure with its error and each
    refusal with its reason (loaders/outcomes.py)."""
    return {
        "command": "load",
        "run_id": summary.run_id,
        "documents": {
            "loaded": summary.loaded,
            "skipped": summary.skipped,
            "refused": summary.refused,
            "failed": summary.failed,
            "quarantined": summary.quarantined,
        },
        "staging_rows": summary.rows,
        "seconds": round(summary.seconds, 3),
        "failures": [{"path": f.path, "error": f.error} for f in summary.failures],
        "refusals": [{"path": r.path, "reason": r.error} for r in summary.refusals],
        "quarantined": [{"path": o.path, "reason": o.error} for o in summary.outcomes if o.status == "quarantined"],
    }


def run_summary(url: str, summary, dbt_code: int, build_ok: bool | None = None, detail: str | None = None) -> dict:
    """`govfin run`: the load, whether dbt built and its marts were swapped in (``build_ok``;
    ``detail`` says why not), and the reconciliation's outcome."""
    result = load_summary(summary)
    ok = dbt_code == 0 if build_ok is None else build_ok
    result.update(
        command="run",
        dbt_build={"exit_code": dbt_code, "ok": ok, **({} if ok else {"detail": detail})},
        reconciliation=reconciliation_summary(url),
    )
    return result


def reconciliation_summary(url: str) -> dict | None:
    """Rule counts by status and every failed rule (None before the first build); marts and
    quality only, so the analyst login can read it."""
    with psycopg.connect(url) as conn:
        if not conn.execute("SELECT to_regclass('quality.reconciliation')").fetchone()[0]:
            return None
        counts = dict(conn.execute("SELECT status, count(*) FROM quality.reconciliation GROUP BY status").fetchall())
        failures = conn.execute(
            "SELECT d.source_file, r.rule_id, r.difference_yuan, r.measured_in "
            "FROM quality.reconciliation r JOIN marts.dim_document d USING (document_id) "
            "WHERE r.status = 'fail' ORDER BY d.source_file, r.rule_id"
        ).fetchall()
    return {
        "pass": counts.get("pass", 0),
        "fail": counts.get("fail", 0),
        "not_applicable": counts.get("not_applicable", 0),
        "failures": [
            {"path": path, "rule_id": rule, "difference": diff, "measured_in": unit}
            for path, rule, diff, unit in failures
        ],
    }


def status_summary(
    url: str, failed_only: bool = False, runs: int = 5, quarantined_only: bool = False, refused_only: bool = False
) -> dict:
    """`govfin status`: every file in the ledger with its status and error (a quarantined one with
    its reason), and the last runs."""
    from loaders.status import ledger

    return {"command": "status", **ledger(url, failed_only, runs, quarantined_only, refused_only)}
