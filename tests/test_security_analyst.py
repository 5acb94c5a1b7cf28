"""Issue 23, against the real embedded server: the analyst login (the one BI tools get) cannot write,
fill the server or hold it, even with ``default_transaction_read_only`` turned off; its limits are on
the role, and the statement guard ends what a client may lift; a start opens no folder above its data.

Each test performs one probe of the issue and fails if the probe succeeds again.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

from loaders import db
from loaders.logins import LOGINS

ROOT = Path(__file__).resolve().parents[1]
GOVFIN = str(Path(sys.executable).with_name("govfin"))
ANALYST = LOGINS["analyst"].user
SEED = ROOT / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt"
# what sql/grants.sql gives the analyst login (docs/security.md, "Limits")
DEFAULT_SETTINGS = {
    "default_transaction_read_only": "on",
    "statement_timeout": "60s",
    "idle_in_transaction_session_timeout": "60s",
    "temp_file_limit": "256MB",
    "work_mem": "16MB",
}
DEFAULT_CONNECTIONS = 20
# the small limits of this module's own server, so that each probe ends in seconds
LIMITED = {
    "GOVFIN_ANALYST_STATEMENT_TIMEOUT": "2s",
    "GOVFIN_ANALYST_IDLE_TIMEOUT": "2s",
    "GOVFIN_ANALYST_TEMP_FILE_LIMIT": "8MB",
    "GOVFIN_ANALYST_CONNECTIONS": "3",
}


def analyst(url: str) -> str:
    return db.with_user(url, ANALYST)


def refused(conn: psycopg.Connection, statement: str) -> psycopg.Error:
    with pytest.raises(psycopg.Error) as caught, conn.transaction():
        conn.execute(statement)
    return caught.value


@pytest.fixture(scope="module")
def limited_server():
    """An embedded server of this module's own, started with small GOVFIN_ANALYST_* limits."""
    home = Path(tempfile.mkdtemp(prefix="govfin-test-"))
    home.chmod(0o755)
    saved = {name: os.environ.get(name) for name in LIMITED}
    os.environ.update(LIMITED)
    server = db.EmbeddedServer(home / "home")
    try:
        server.start()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    yield server
    server.stop()
    shutil.rmtree(home, ignore_errors=True)


# -- writes ----------------------------------------------------------------------------------------

LARGE_OBJECT_WRITES = (
    "SELECT lo_from_bytea(0, convert_to(repeat('x', 100000), 'UTF8'))",
    "SELECT lo_create(0)",
    "SELECT lo_creat(-1)",
    "SELECT lo_import('/etc/hostname')",
    "SELECT lo_put(1, 0, '\\x00')",
    "SELECT lo_unlink(1)",
    "SELECT lo_open(1, 131072)",
)


@pytest.mark.parametrize("where", ["warehouse", "database created later"])
def test_analyst_cannot_store_a_large_object_or_a_temporary_table(embedded_server, built_seeds_url, where):
    """Probe: `set default_transaction_read_only=off; select lo_from_bytea(0, '…')` stored a large object."""
    url = embedded_server.url(user=ANALYST) if where == "warehouse" else analyst(built_seeds_url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET default_transaction_read_only = off")
        for statement in LARGE_OBJECT_WRITES:
            error = refused(conn, statement)
            assert isinstance(error, psycopg.errors.InsufficientPrivilege), (statement, error)
        error = refused(conn, "CREATE TEMPORARY TABLE scratch (a text)")
        assert isinstance(error, psycopg.errors.InsufficientPrivilege), error
    admin = embedded_server.url() if where == "warehouse" else built_seeds_url
    with psycopg.connect(admin) as conn:
        assert conn.execute("SELECT count(*) FROM pg_largeobject_metadata").fetchone()[0] == 0
        # the loader and dbt have no large objects either; only a superuser does
        holders = conn.execute(
            "SELECT DISTINCT r.rolname FROM pg_proc p, pg_roles r WHERE p.proname = 'lo_from_bytea' "
            "AND has_function_privilege(r.oid, p.oid, 'EXECUTE') AND r.rolname LIKE 'govfin%'"
        ).fetchall()
        assert holders == []


@pytest.mark.parametrize("database", ["postgres", "template1"])
def test_analyst_connects_to_the_warehouse_only(embedded_server, database):
    """Probe: the analyst could log into `postgres` and `template1` and create temporary tables there."""
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(embedded_server.url(database, user=ANALYST), connect_timeout=5)
    with psycopg.connect(embedded_server.url(database), autocommit=True) as conn:  # the superuser still may
        assert conn.execute("SELECT current_database()").fetchone()[0] == database


# -- limits on the role ------------------------------------------------------------------------------


def test_the_analyst_role_carries_its_limits(embedded_server):
    """The values docs/security.md lists, on the role itself (no client needed to apply them), and which
    of them a session may move (PostgreSQL's own rule: a 'user' setting, not a 'superuser' one)."""
    with psycopg.connect(embedded_server.url()) as conn:
        settings = dict(
            entry.split("=", 1)
            for (entry,) in conn.execute(
                "SELECT unnest(setconfig) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole "
                "WHERE r.rolname = %s AND s.setdatabase = 0",
                (ANALYST,),
            )
        )
        limit = conn.execute("SELECT rolconnlimit FROM pg_roles WHERE rolname = %s", (ANALYST,)).fetchone()[0]
        contexts = dict(conn.execute("SELECT name, context FROM pg_settings WHERE name = ANY(%s)", (list(settings),)))
        reserved = conn.execute("SHOW reserved_connections").fetchone()[0]
        reserved_for = conn.execute(
            "SELECT array_agg(r.rolname ORDER BY r.rolname) FROM pg_roles r "
            "WHERE pg_has_role(r.oid, 'pg_use_reserved_connections', 'MEMBER') AND r.rolname LIKE 'govfin%'"
        ).fetchone()[0]
    assert settings == DEFAULT_SETTINGS
    assert limit == DEFAULT_CONNECTIONS
    assert contexts == {name: "superuser" if name == "temp_file_limit" else "user" for name in DEFAULT_SETTINGS}
    assert (reserved, reserved_for) == (
        str(db.RESERVED_CONNECTIONS),
        ["govfin_loader_login", "govfin_transformer_login"],
    )
    with psycopg.connect(embedded_server.url(user=ANALYST), autocommit=True) as conn:
        assert conn.execute("SHOW temp_file_limit").fetchone()[0] == "256MB"
        error = refused(conn, "SET temp_file_limit = -1")
        assert isinstance(error, psycopg.errors.InsufficientPrivilege)


def test_analyst_connections_are_capped_and_a_load_still_runs(embedded_server, govfin_env, tmp_path):
    """Probe: 97 analyst connections made `govfin load` fail with "remaining connection slots are reserved"."""
    held, refusals = [], []
    try:
        for _ in range(97):
            try:
                held.append(psycopg.connect(embedded_server.url(user=ANALYST), connect_timeout=5))
            except psycopg.OperationalError as exc:
                refusals.append(str(exc))
        assert len(held) == DEFAULT_CONNECTIONS
        assert all("too many connections for role" in message for message in refusals), refusals[:1]
        raw = tmp_path / "raw"
        raw.mkdir()
        shutil.copy2(SEED, raw)
        load = subprocess.run(
            [GOVFIN, "load", "--raw-dir", str(raw)],
            cwd=ROOT,
            env=govfin_env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert load.returncode == 0, load.stdout + load.stderr
    finally:
        for conn in held:
            conn.close()


# -- what a client may lift, the guard ends ------------------------------------------------------------


def test_a_statement_past_the_limit_ends_though_the_client_lifted_its_timeout(limited_server):
    """Probe: `set statement_timeout=0; select pg_sleep(65)` ran 65 s."""
    with psycopg.connect(limited_server.url(user=ANALYST), autocommit=True) as conn:
        conn.execute("SET statement_timeout = 0")
        started = time.monotonic()
        with pytest.raises(psycopg.errors.QueryCanceled):
            conn.execute("SELECT pg_sleep(65)")
        took = time.monotonic() - started
    assert 2 <= took < 15, took


def test_govfin_sql_past_the_limit_is_cancelled_by_the_server(limited_server):
    env = dict(os.environ, GOVFIN_HOME=str(limited_server.home))
    env.pop("DATABASE_URL", None)
    started = time.monotonic()
    result = subprocess.run(
        [GOVFIN, "sql", "select pg_sleep(65)", "--timeout", "600"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 2 and "cancelled by the server" in result.stderr, result.stderr


def test_an_idle_transaction_past_the_limit_is_ended(limited_server):
    conn = psycopg.connect(limited_server.url(user=ANALYST))
    try:
        conn.execute("SET idle_in_transaction_session_timeout = 0")
        conn.execute("SELECT 1")  # a transaction left open, as a BI tool might
        time.sleep(6)
        with pytest.raises(psycopg.OperationalError):
            conn.execute("SELECT 1")
    finally:
        conn.close()


def test_temporary_files_past_the_limit_are_refused(limited_server):
    """Probe: temp_file_limit was -1 and one sort spilled 126 MB."""
    with psycopg.connect(limited_server.url(user=ANALYST), autocommit=True) as conn:
        assert isinstance(refused(conn, "SET temp_file_limit = -1"), psycopg.errors.InsufficientPrivilege)
        conn.execute("SET work_mem = '64kB'")
        error = refused(
            conn, "SELECT count(*) FROM (SELECT md5(g::text) m FROM generate_series(1, 2000000) g ORDER BY m) s"
        )
        assert "temp_file_limit" in str(error), error


def test_the_role_connection_limit_follows_its_setting(limited_server):
    held = [psycopg.connect(limited_server.url(user=ANALYST)) for _ in range(3)]
    try:
        with pytest.raises(psycopg.OperationalError, match="too many connections for role"):
            psycopg.connect(limited_server.url(user=ANALYST), connect_timeout=5)
        with psycopg.connect(limited_server.url(user=LOGINS["loader"].user)) as conn:
            assert conn.execute("SELECT session_user").fetchone()[0] == LOGINS["loader"].user
    finally:
        for conn in held:
            conn.close()


def test_a_bad_limit_stops_the_start_with_its_name(server_home, monkeypatch):
    monkeypatch.setenv("GOVFIN_ANALYST_STATEMENT_TIMEOUT", "soon")
    server = db.EmbeddedServer(server_home)
    with pytest.raises(db.DatabaseUnavailable, match="GOVFIN_ANALYST_STATEMENT_TIMEOUT='soon'"):
        server.start()
    assert not server.is_running() and server.guard_pid() is None  # no server left without its limits


def test_the_guard_lives_as_long_as_the_server(limited_server):
    """Started with the server, ended with it, and gone by itself when the server dies under it."""
    pid = limited_server.guard_pid()
    assert pid is not None
    limited_server.start()  # a second start (any govfin command) keeps the one guard
    assert limited_server.guard_pid() == pid
    server = limited_server._server()
    limited_server._pg_ctl(server, "-w", "-m", "immediate", "-D", str(limited_server.pgdata), "stop")
    assert _gone(limited_server, pid)
    limited_server.start()
    again = limited_server.guard_pid()
    assert again is not None and again != pid
    limited_server.stop()
    assert _gone(limited_server, again)


def _gone(server: db.EmbeddedServer, pid: int, within: float = 10) -> bool:
    deadline = time.monotonic() + within
    while server.guard_pid() is not None or _running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


# -- the data directory's folders ----------------------------------------------------------------------


def test_a_start_changes_no_folder_above_its_data():
    """Probe: run as root, each server start opened every parent folder of the data directory (0700 → 0755)."""
    base = Path(tempfile.mkdtemp(prefix="govfin-test-"))
    base.chmod(0o755)
    try:
        private = base / "private"
        private.mkdir(mode=0o700)
        private.chmod(0o700)
        parents = [base, *base.parents]
        before = {folder: stat.S_IMODE(folder.stat().st_mode) for folder in [private, *parents]}
        server = db.EmbeddedServer(private / "home")
        try:
            server.start()
            assert os.geteuid() != 0, "as root the server's own user cannot reach a 0700 folder: the start must refuse"
            assert stat.S_IMODE(server.pgdata.stat().st_mode) == 0o700
        except db.DatabaseUnavailable as exc:
            assert os.geteuid() == 0
            assert f"{private} is mode 0o700" in str(exc) and "chmod o+x" in str(exc)
        finally:
            server.stop()
        after = {folder: stat.S_IMODE(folder.stat().st_mode) for folder in before}
        assert after == before
    finally:
        shutil.rmtree(base, ignore_errors=True)
