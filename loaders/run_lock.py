"""The run lock: one `govfin run`, `load` or `build` at a time, covering load and build.

The lock is ``LOCK TABLE ops.run_lock IN EXCLUSIVE MODE``, held in a transaction that stays
open on a connection of its own for the whole run. Only the loader's and dbt's roles may
take it (it needs UPDATE on the table); the analyst has no privilege on schema ``ops`` at
all, so no analyst session can take or block it, as it could a database-wide advisory key.
The transaction writes nothing (no transaction id, no snapshot kept between statements), so
holding it for hours holds back no vacuum. A killed process's connection closes and the
server ends the transaction: the lock never outlives its run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg

LOCK_TABLE = "ops.run_lock"


class RunInProgress(RuntimeError):
    """Another govfin run holds the lock."""


@contextmanager
def run_lock(url: str, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the run lock for the block. ``wait=False``: raise RunInProgress if another run holds it;
    else call ``on_wait`` with a description of the holder and wait for it."""
    with psycopg.connect(url, application_name="govfin run lock") as conn:
        _settings(conn)
        try:
            conn.execute(f"LOCK TABLE {LOCK_TABLE} IN EXCLUSIVE MODE NOWAIT")
        except psycopg.errors.LockNotAvailable:
            conn.rollback()
            holder = describe_holder(conn)
            conn.rollback()
            if not wait:
                raise RunInProgress(f"another govfin run is in progress ({holder})") from None
            if on_wait:
                on_wait(holder)
            _settings(conn)
            conn.execute(f"LOCK TABLE {LOCK_TABLE} IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            if not conn.closed:
                conn.rollback()


def _settings(conn: psycopg.Connection) -> None:
    # a server or role may cap idle transactions and statements: not this one, which is idle by design
    for setting in ("idle_in_transaction_session_timeout", "statement_timeout", "lock_timeout"):
        conn.execute(f"SET LOCAL {setting} = 0")


def describe_holder(conn: psycopg.Connection) -> str:
    """Who holds the lock, as far as this login may see: login and since when."""
    row = conn.execute(
        "SELECT a.usename, to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS TZ') "
        "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.relation = %s::regclass AND l.granted AND l.mode = 'ExclusiveLock'",
        (LOCK_TABLE,),
    ).fetchone()
    if not row:
        return "its holder has just finished"
    user, since = row
    return f"held by {user or 'another login'} since {since}" if since else f"held by {user or 'another login'}"


def lock_is_free(url: str) -> bool:
    """Whether no run holds the lock now (taken and released at once)."""
    with psycopg.connect(url) as conn:
        _settings(conn)
        try:
            conn.execute(f"LOCK TABLE {LOCK_TABLE} IN EXCLUSIVE MODE NOWAIT")
        except psycopg.errors.LockNotAvailable:
            return False
        finally:
            conn.rollback()
    return True
