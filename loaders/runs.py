"""The run's row in the ledger (raw.load_run) across its build, its end and its abort.

`govfin run` keeps its row 'running' from the load through the dbt build and the swap, so
the row says 'succeeded' only when the analysts' marts hold what it loaded. A signal marks
it 'aborted' with what happened; a run killed outright (SIGKILL, a crash) cannot write, so
the next run, or `govfin status`, finds its row still 'running' with the run lock free and
marks it 'aborted'. Every writer holds the run lock or knows that nobody does.
"""

from __future__ import annotations

import psycopg

from loaders.run_lock import lock_is_free

KILLED = "its process ended without closing the run (killed or crashed); found by a later command"


def close_dead_runs(url: str, lock_held: bool) -> int:
    """Mark runs still 'running' as aborted; they are dead when the run lock is ``lock_held`` by
    the caller or free. Returns how many were marked."""
    try:
        if not lock_held and not lock_is_free(url):
            return 0
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):  # a ledger from before 0007
        return 0
    with psycopg.connect(url) as conn:
        return conn.execute(
            "UPDATE raw.load_run SET status = 'aborted', detail = coalesce(detail, %s), "
            "build_status = CASE WHEN build_status = 'running' THEN 'aborted' ELSE build_status END "
            "WHERE status = 'running'",
            (KILLED,),
        ).rowcount


def start_build(url: str, run_id: int) -> None:
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE raw.load_run SET build_status = 'running' WHERE run_id = %s", (run_id,))


def finish(url: str, run_id: int, documents_failed: int, build_ok: bool, detail: str | None) -> str:
    """Close the run after its build: 'succeeded' only if every document loaded and the build swapped in."""
    status = "succeeded" if build_ok and not documents_failed else "failed"
    with psycopg.connect(url) as conn:
        conn.execute(
            "UPDATE raw.load_run SET status = %s, build_status = %s, detail = %s, finished_at = now() "
            "WHERE run_id = %s",
            (status, "succeeded" if build_ok else "failed", detail, run_id),
        )
    return status


def abort_running(url: str, detail: str) -> None:
    """Mark the caller's own run aborted (the caller holds the run lock, so any 'running' row is its own)."""
    with psycopg.connect(url) as conn:
        conn.execute(
            "UPDATE raw.load_run SET status = 'aborted', finished_at = now(), detail = %s, "
            "build_status = CASE WHEN build_status = 'running' THEN 'aborted' ELSE build_status END "
            "WHERE status = 'running'",
            (detail,),
        )
