"""The real `govfin` CLI against a real embedded PostgreSQL: the skeleton a fresh clone relies on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from loaders import db

ROOT = Path(__file__).resolve().parents[1]
GOVFIN = str(Path(sys.executable).with_name("govfin"))


def govfin(*args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [GOVFIN, *args], cwd=ROOT, env=env or dict(os.environ), capture_output=True, text=True, timeout=timeout
    )


def test_db_start_url_stop_leaves_no_server(server_home):
    """(A home outside pytest's 0700 temporary root: as root the server's own user must reach it,
    and govfin opens no folder above its data for it.)"""
    env = dict(os.environ, GOVFIN_HOME=str(server_home))
    env.pop("DATABASE_URL", None)
    started = govfin("db", "start", env=env)
    assert started.returncode == 0, started.stderr
    url = govfin("db", "url", env=env).stdout.strip()
    assert url.startswith("postgresql://") and "127.0.0.1" in url
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0] == "govfin"
    server = db.EmbeddedServer(server_home)
    pid, guard = server._postmaster()[0], server.guard_pid()
    stopped = govfin("db", "stop", env=env)
    assert stopped.returncode == 0, stopped.stderr
    assert not server.is_running()
    assert not _alive(pid)
    assert guard is not None and not _alive(guard)  # the analyst's statement guard ends with the server


def _alive(pid: int) -> bool:
    """True if ``pid`` runs (a zombie left for a non-reaping init does not count)."""
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_sql_prints_rows_as_json_with_exact_numerics(govfin_env):
    result = govfin(
        "sql", "select 1 as one, 1214.68::numeric(20,2) as amount, 'x' as s", "--format", "json", env=govfin_env
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"one": 1, "amount": "1214.68", "s": "x"}]


def test_sql_is_read_only(govfin_env):
    result = govfin("sql", "create table public.should_not_exist (a int)", env=govfin_env)
    assert result.returncode == 2
    assert "read-only" in result.stderr
    with psycopg.connect(govfin_env["DATABASE_URL"]) as conn:
        assert conn.execute("SELECT to_regclass('public.should_not_exist')").fetchone()[0] is None


def test_sql_csv(govfin_env):
    result = govfin(
        "sql", "select 'a' as x, 2 as y union all select 'b', 3 order by 1", "--format", "csv", env=govfin_env
    )
    assert result.stdout.splitlines() == ["x,y", "a,2", "b,3"]


def test_usage_and_connection_errors_exit_2(govfin_env, tmp_path):
    missing = govfin("load", "--raw-dir", str(tmp_path / "nowhere"), env=govfin_env)
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    bad_env = dict(govfin_env, DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    unreachable = govfin("status", env=bad_env)
    assert unreachable.returncode == 2 and "cannot connect" in unreachable.stderr


def test_roles_exist_and_analyst_cannot_read_raw(pg_url):
    with psycopg.connect(pg_url) as conn:
        roles = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'govfin_%'")}
        assert {"govfin_loader", "govfin_transformer", "govfin_analyst"} <= roles
        conn.execute("SET ROLE govfin_analyst")
        for table in ("raw.document", "staging.functional_amount"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"SELECT * FROM {table}")


def test_loader_role_cannot_write_marts(pg_url):
    with psycopg.connect(pg_url) as conn:
        conn.execute("SET ROLE govfin_loader")
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("CREATE TABLE marts.sneaky (a int)")


def test_run_loads_the_seeds_and_status_lists_them(govfin_env):
    result = govfin("run", env=govfin_env, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 loaded" in result.stdout
    status = govfin("status", env=govfin_env)
    assert status.returncode == 0
    with psycopg.connect(govfin_env["DATABASE_URL"]) as conn:
        rows = conn.execute(
            "SELECT file_name, department, fiscal_year, document_kind, source_unit "
            "FROM raw.document WHERE status = 'loaded' ORDER BY file_name"
        ).fetchall()
    assert [(r[2], r[3], r[4]) for r in rows] == [
        (2023, "final_account", "万元"),
        (2023, "final_account", "万元"),
        (2023, "budget", "万元"),
        (2022, "final_account", "元"),
        (2024, "final_account", "万元"),
    ]
    for file_name, department, *_ in rows:
        assert department and file_name in status.stdout
    again = govfin("run", env=govfin_env, timeout=900)
    assert again.returncode == 0 and "0 loaded, 5 skipped" in again.stdout
