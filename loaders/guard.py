"""The analyst's statement guard: ends analyst statements and idle transactions past the role's limits.

PostgreSQL lets any session raise ``statement_timeout`` and
``idle_in_transaction_session_timeout`` for itself (``SET statement_timeout = 0``), so the
role's settings alone do not hold against a client. The guard does: once a second it reads
the limits the logins of ``govfin_analyst`` have on their role (``ALTER ROLE … SET``, from
sql/grants.sql or ``GOVFIN_ANALYST_*``) and, in ``pg_stat_activity``, cancels
(``pg_cancel_backend``) a statement running ``GRACE`` seconds past its limit, terminates
(``pg_terminate_backend``) one still running ``KILL_AFTER`` seconds past it, and terminates a
session idle in a transaction past its limit. Superusers are never touched.

Lifetime: the embedded server's. ``EmbeddedServer.start`` starts it as a detached process
(``guard.pid`` in GOVFIN_HOME), ``stop`` ends it, and it exits by itself within a second when
the postmaster it was started for is gone, so it never outlives the server. ``govfin db guard``
runs the same loop in the foreground for a server of your own (DATABASE_URL).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg

GROUP = "govfin_analyst"
POLL = 1.0  # seconds between looks at pg_stat_activity
GRACE = 1.0  # past the limit before a cancel: the server's own timeout acts first when it is in force
KILL_AFTER = 10.0  # past the limit before a statement that ignored its cancel is terminated
UNITS_MS = {"us": 0.001, "ms": 1, "s": 1000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}


@dataclass(frozen=True)
class Limits:
    """One login's limits in seconds (None: no limit)."""

    statement: float | None
    idle_in_transaction: float | None


@dataclass(frozen=True)
class Action:
    pid: int
    user: str
    what: str  # cancel or terminate
    why: str


def milliseconds(value: str) -> float | None:
    """A time setting as PostgreSQL reads it (a bare number is milliseconds); None for 0 or unreadable."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*", value)
    if not match:
        return None
    number = float(match.group(1)) * UNITS_MS[match.group(2) or "ms"]
    return number or None


def role_limits(conn: psycopg.Connection) -> dict[str, Limits]:
    """login → its limits, for every non-superuser member of GROUP with a role-level setting."""
    settings: dict[str, dict[str, str]] = {}
    for user, entry in conn.execute(
        "SELECT r.rolname, c FROM pg_roles r JOIN pg_db_role_setting s ON s.setrole = r.oid AND s.setdatabase = 0, "
        "unnest(s.setconfig) c WHERE NOT r.rolsuper AND pg_has_role(r.oid, %s, 'MEMBER')",
        (GROUP,),
    ):
        name, _, value = entry.partition("=")
        settings.setdefault(user, {})[name] = value

    def seconds(values: dict[str, str], name: str) -> float | None:
        ms = milliseconds(values[name]) if name in values else None
        return ms / 1000 if ms else None

    return {
        user: Limits(seconds(values, "statement_timeout"), seconds(values, "idle_in_transaction_session_timeout"))
        for user, values in settings.items()
    }


def sweep(conn: psycopg.Connection) -> list[Action]:
    """One look at the analyst sessions: cancel or terminate those past their limits."""
    limits = role_limits(conn)
    if not limits:
        return []
    actions = []
    for pid, user, state, running, idle in conn.execute(
        "SELECT pid, usename, state, extract(epoch FROM clock_timestamp() - query_start)::float8, "
        "extract(epoch FROM clock_timestamp() - state_change)::float8 FROM pg_stat_activity "
        "WHERE backend_type = 'client backend' AND usename = ANY(%s) AND pid <> pg_backend_pid()",
        (list(limits),),
    ):
        limit = limits[user]
        if state == "active" and limit.statement is not None and running is not None:
            if running > limit.statement + KILL_AFTER:
                actions.append(Action(pid, user, "terminate", f"statement still running {running:.0f} s"))
            elif running > limit.statement + GRACE:
                actions.append(Action(pid, user, "cancel", f"statement running {running:.0f} s"))
        elif (
            state
            and state.startswith("idle in transaction")
            and limit.idle_in_transaction is not None
            and idle is not None
            and idle > limit.idle_in_transaction + GRACE
        ):
            actions.append(Action(pid, user, "terminate", f"idle in a transaction {idle:.0f} s"))
    for action in actions:
        function = "pg_cancel_backend" if action.what == "cancel" else "pg_terminate_backend"
        conn.execute(f"SELECT {function}(%s)", (action.pid,))
    return actions


def watch(url: str, alive: Callable[[], bool], log=sys.stderr) -> None:
    """Sweep every POLL seconds while ``alive()``; reconnect after a lost connection."""
    conn = None
    while alive():
        try:
            if conn is None or conn.closed:
                conn = psycopg.connect(url, autocommit=True, connect_timeout=5, application_name="govfin guard")
            for action in sweep(conn):
                entry = {"ts": datetime.now(UTC).isoformat(), **vars(action)}
                log.write(json.dumps(entry) + "\n")
                log.flush()
        except psycopg.Error as exc:
            if conn is not None:
                conn.close()
            conn = None
            log.write(json.dumps({"ts": datetime.now(UTC).isoformat(), "error": str(exc).strip()}) + "\n")
            log.flush()
        time.sleep(POLL)
    if conn is not None:
        conn.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by another user (the postmaster runs as pgserver)
        return True
    return True


def is_guard(pid: int) -> bool:
    """True if ``pid`` is a running guard (not another process that reused the number)."""
    if not Path("/proc/self").exists():  # no procfs (macOS): trust the pid file
        return _alive(pid)
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"loaders.guard" in cmdline


def main(argv: list[str]) -> None:
    """``python -m loaders.guard URL POSTMASTER_PID PIDFILE``: detach, record the pid, watch until
    the postmaster is gone or the pid file names another process."""
    url, postmaster, pidfile = argv[0], int(argv[1]), Path(argv[2])
    if os.fork():  # the caller waits for this parent only: the guard itself is nobody's child
        os._exit(0)
    os.setsid()
    pidfile.write_text(f"{os.getpid()}\n")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    def alive() -> bool:
        try:
            mine = pidfile.read_text().strip() == str(os.getpid())
        except OSError:
            mine = False
        return mine and _alive(postmaster)

    try:
        watch(url, alive, log=sys.stderr)
    finally:
        # a pid file another guard has taken over, or one already gone, is left as it is
        with contextlib.suppress(OSError):
            if pidfile.read_text().strip() == str(os.getpid()):
                pidfile.unlink()


if __name__ == "__main__":
    main(sys.argv[1:])
