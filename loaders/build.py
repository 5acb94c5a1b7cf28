"""Build the analyst-facing marts out of sight, then swap the whole set in at once.

dbt builds ``marts`` and ``quality`` into ``marts_next`` and ``quality_next`` (the macro
generate_schema_name reads the mapping from the var ``govfin_build_into``), which the analyst
cannot see; staging and intermediate models stay in ``transform`` (not swapped). Only when
every model and test has passed does one transaction replace each live relation by its new one
(ALTER … SET SCHEMA): a relation keeps its comments, its grants and its indexes when it changes
schema, so the analyst's privileges and the column descriptions come along; the live schemas
themselves, with their USAGE grants, never change. A failed or killed build leaves the previous
set in place.

The swap exchanges generations: a live table it replaces moves into the build schema as the
standby, which the next build patches rather than building every mart anew (loaders/standby.py
says when a standby may be patched; docs/how-it-works.md, "Patched builds"). A build that may not
patch empties the build schemas and builds everything.

The swap needs an ACCESS EXCLUSIVE lock on every live mart, which an analyst's open query
holds back. It never waits long while holding locks others queue behind: each attempt takes
all locks with a short lock_timeout and gives up (releasing them) if one is busy, then
tries again, up to ``GOVFIN_SWAP_WAIT`` seconds; an analyst's query is never cancelled.

The swap's transaction also records the build stamp (loaders/build_stamp.py): with
``skip_if_current`` (what `govfin run` asks), a build whose inputs and live marts equal the
stamp's is not run at all: the live marts are already what it would produce.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from loaders import build_stamp, standby
from loaders.dbt import DBT_PROJECT, run_dbt

log = logging.getLogger("govfin.build")

# live schema → the schema its next build is written into (migration 0007 creates them)
BUILD_INTO = {"marts": "marts_next", "quality": "quality_next"}
# the build's own dbt artifacts: target/ keeps those of the live names (docs, MetricFlow)
BUILD_TARGET = DBT_PROJECT / "target" / "build"
SWAP_WAIT_SECONDS = float(os.environ.get("GOVFIN_SWAP_WAIT", "600"))
# a build patches the standby while at most this share of the documents changed since it was built
PATCH_MAX_SHARE = "0.2"
KINDS = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW"}
# a replaced live table's name for the moment the swap moves it into the build schema (loaders/standby.py)
STANDBY_PREFIX = "govfin_standby__"


@dataclass(frozen=True)
class BuildOutcome:
    ok: bool
    dbt_code: int
    detail: str | None = None  # why the marts were not swapped in
    swap_attempts: int = 0
    swapped: int = 0  # relations swapped in
    skipped: bool = False  # the live marts were current: dbt was not run
    stamp_seconds: float = 0.0  # reading the build stamp's inputs (and emptying the build schemas)
    dbt_seconds: float = 0.0  # dbt build, its start included
    swap_seconds: float = 0.0


class SwapTimeout(RuntimeError):
    """Analyst sessions held the marts longer than the swap may wait."""


def build_marts(
    url: str,
    quiet: bool = False,
    json_log: bool = False,
    to_stderr: bool = False,
    skip_if_current: bool = False,
    full_refresh: bool = False,
    target: Path = BUILD_TARGET,
) -> BuildOutcome:
    """`dbt build` into the build schemas, then the swap; see module doc. The caller holds the run lock.

    ``full_refresh``: incremental models are rebuilt from scratch too; ``target``: dbt's target
    directory (its run_results.json times every node)."""
    started = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        _use_transformer_role(conn)
        inputs = build_stamp.inputs_digest(conn)
        if skip_if_current and build_stamp.stored(conn) == (inputs, build_stamp.marts_digest(conn, list(BUILD_INTO))):
            log.info("the marts are current: nothing to build")
            return BuildOutcome(True, 0, skipped=True, stamp_seconds=round(time.monotonic() - started, 3))
        patch = (
            not full_refresh
            and standby.patchable(conn)
            and standby.changed_share(conn, BUILD_INTO["marts"])
            <= float(os.environ.get("GOVFIN_PATCH_MAX_SHARE", PATCH_MAX_SHARE))
        )
        project_changed = not standby.built_live(conn)
        standby.claim(conn)
        if not patch:
            clear_build_schemas(conn)
    stamp_seconds = round(time.monotonic() - started, 3)
    args = ["build", "--vars", json.dumps({"govfin_build_into": BUILD_INTO}), "--target-path", str(target)]
    args += [] if patch else ["--full-refresh"]
    # parsed whole after a change of the project: dbt's partial parsing can keep a test's
    # dependencies from before a macro was overridden (macros/test_scope.sql)
    args += ["--no-partial-parse"] if project_changed else []
    started = time.monotonic()
    code = run_dbt(url, args, quiet=quiet, json_log=json_log, to_stderr=to_stderr)
    dbt_seconds = round(time.monotonic() - started, 3)
    timings = {"stamp_seconds": stamp_seconds, "dbt_seconds": dbt_seconds}
    if code != 0:
        return BuildOutcome(False, code, "dbt build failed: the marts of the last good build stay in place", **timings)
    started = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        _use_transformer_role(conn)
        try:
            attempts, swapped = swap(conn, SWAP_WAIT_SECONDS, inputs)
        except SwapTimeout as exc:
            return BuildOutcome(False, code, str(exc), **timings)
    seconds = round(time.monotonic() - started, 3)
    log.info("marts swapped in", extra={"relations": swapped, "attempts": attempts, "seconds": seconds})
    return BuildOutcome(True, code, None, attempts, swapped, swap_seconds=seconds, **timings)


def _use_transformer_role(conn: psycopg.Connection) -> None:
    """Act as govfin_transformer (the owner of what dbt builds) when the login may."""
    member = conn.execute(
        "SELECT pg_has_role(current_user, 'govfin_transformer', 'MEMBER') "
        "FROM pg_roles WHERE rolname = 'govfin_transformer'"
    ).fetchone()
    if member and member[0]:
        conn.execute("SET ROLE govfin_transformer")
    for setting in ("statement_timeout", "idle_in_transaction_session_timeout"):
        conn.execute(f"SET {setting} = 0")


def relations(conn: psycopg.Connection, schema: str) -> dict[str, str]:
    """name → relkind of the relations dbt may have built in ``schema``."""
    rows = conn.execute(
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind = ANY(%s) ORDER BY c.relname",
        (schema, list(KINDS)),
    ).fetchall()
    return dict(rows)


def _drop(conn: psycopg.Connection, schema: str, name: str, kind: str) -> None:
    # CASCADE as dbt's own table materialisation drops a replaced relation
    conn.execute(sql.SQL("DROP {} IF EXISTS {} CASCADE").format(sql.SQL(KINDS[kind]), sql.Identifier(schema, name)))


def clear_build_schemas(conn: psycopg.Connection) -> None:
    """Empty the build schemas: what a failed or killed build left there must not be swapped in."""
    for schema in BUILD_INTO.values():
        with conn.transaction():
            for name, kind in relations(conn, schema).items():
                _drop(conn, schema, name, kind)


def swap(conn: psycopg.Connection, wait_seconds: float, inputs: str | None = None) -> tuple[int, int]:
    """Move every relation of the build schemas into its live schema, replacing the one of the same
    name, in one transaction; retried while analysts' sessions hold the marts. Returns (attempts,
    relations moved). ``inputs``: the digest the build read, stamped on the new set in the same
    transaction (None: the stamp is dropped, the next run builds)."""
    deadline = time.monotonic() + wait_seconds
    attempt = 0
    while True:
        attempt += 1
        # short lock waits first: an attempt that waits holds the locks it has, and analysts'
        # new queries on those marts queue behind it for as long
        lock_timeout_ms = min(100 * 2 ** (attempt - 1), 2000)
        try:
            return attempt, _swap_once(conn, lock_timeout_ms, inputs)
        except (psycopg.errors.LockNotAvailable, psycopg.errors.DeadlockDetected) as exc:
            if time.monotonic() >= deadline:
                raise SwapTimeout(
                    f"the new marts were built but not swapped in: analysts' sessions held the marts for "
                    f"{wait_seconds:.0f} s ({exc.diag.message_primary}); the previous marts stay in place"
                ) from None
            log.info("the marts are in use; the swap tries again", extra={"attempt": attempt})
            time.sleep(min(0.2 * attempt, 5.0))


def _swap_once(conn: psycopg.Connection, lock_timeout_ms: int, inputs: str | None) -> int:
    moved = 0
    with conn.transaction():
        conn.execute(f"SET LOCAL lock_timeout = {int(lock_timeout_ms)}")
        plan = [(live, build, relations(conn, live), relations(conn, build)) for live, build in BUILD_INTO.items()]
        if not any(new for *_, new in plan):
            raise RuntimeError("the build schemas are empty: nothing to swap in")
        # every lock first, in one statement: no relation changes before all are ours
        lockable = [
            sql.Identifier(schema, name)
            for live, build, old, new in plan
            for schema, rels in ((live, old), (build, new))
            for name, kind in rels.items()
            if KINDS[kind] != "MATERIALIZED VIEW" and (schema == build or name in new)
        ]
        if lockable:
            conn.execute(sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(sql.SQL(", ").join(lockable)))
        for live, build, old, new in plan:
            for name, kind in new.items():
                kept = name in old and KINDS[old[name]] == KINDS[kind] == "TABLE"
                if kept:  # the replaced table becomes the standby: out of the way under a name of its own
                    _alter(conn, kind, (live, name), "RENAME TO {}", sql.Identifier(STANDBY_PREFIX + name))
                elif name in old:
                    _drop(conn, live, name, old[name])
                _alter(conn, kind, (build, name), "SET SCHEMA {}", sql.Identifier(live))
                if kept:
                    _alter(conn, kind, (live, STANDBY_PREFIX + name), "SET SCHEMA {}", sql.Identifier(build))
                    _alter(conn, kind, (build, STANDBY_PREFIX + name), "RENAME TO {}", sql.Identifier(name))
                moved += 1
        if inputs is None:
            build_stamp.forget(conn)
        else:
            build_stamp.save(conn, inputs, build_stamp.marts_digest(conn, list(BUILD_INTO)))
        standby.record(conn)
    return moved


def _alter(conn: psycopg.Connection, kind: str, relation: tuple[str, str], change: str, *args) -> None:
    statement = sql.SQL("ALTER {} {} " + change).format(sql.SQL(KINDS[kind]), sql.Identifier(*relation), *args)
    conn.execute(statement)
