"""Least privilege on the real embedded PostgreSQL: password logins only, one login per job.

Issue 14: no trust, no password-less or wrong-password login, no other OS user; the
analyst reads marts and quality and nothing else; `govfin sql` runs one query or
refuses with exit 2 and changes nothing; the loader cannot read marts, dbt cannot write
raw; and no password shows in what a real `govfin run` prints, logs or records.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from loaders import db
from loaders.logins import LOGINS, SUPERUSER, read_passfile

ROOT = Path(__file__).resolve().parents[1]
GOVFIN = str(Path(sys.executable).with_name("govfin"))
ALL_USERS = [SUPERUSER] + [login.user for login in LOGINS.values()]


def govfin(*args: str, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([GOVFIN, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def as_login(url: str, job: str) -> str:
    return db.with_user(url, LOGINS[job].user)


def params(server: db.EmbeddedServer, user: str, **extra) -> dict:
    return dict(host="127.0.0.1", port=server.port(), user=user, dbname=db.DATABASE_NAME, connect_timeout=5, **extra)


def snapshot(admin_url: str) -> dict:
    """Every table's row count and checksum, and the roles: what a refused statement must not change."""
    with psycopg.connect(admin_url) as conn:
        tables = [
            t
            for (t,) in conn.execute(
                "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
            )
        ]
        sums = {
            t: conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} x"
            ).fetchone()
            for t in tables
        }
        sums["roles"] = conn.execute(
            "SELECT string_agg(rolname || rolsuper::text, ',' ORDER BY rolname) FROM pg_roles"
        ).fetchone()
    return sums


def hba_rules(server: db.EmbeddedServer) -> list[list[str]]:
    return [
        line.split()
        for line in (server.pgdata / "pg_hba.conf").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


# -- the server -----------------------------------------------------------------------------


def test_only_password_logins_over_localhost(embedded_server):
    assert hba_rules(embedded_server) == [["host", "all", "all", "127.0.0.1/32", "scram-sha-256"]]
    assert stat.S_IMODE(embedded_server.pgdata.stat().st_mode) == 0o700
    assert stat.S_IMODE(embedded_server.passfile.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(embedded_server.passfile.stat().st_mode) == 0o600
    with psycopg.connect(embedded_server.url("postgres")) as conn:
        settings = dict(
            conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('listen_addresses', 'unix_socket_directories', 'password_encryption')"
            )
        )
        stored = dict(
            conn.execute("SELECT rolname, left(rolpassword, 14) FROM pg_authid WHERE rolname = ANY(%s)", (ALL_USERS,))
        )
        powers = conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s) AND (rolsuper OR rolcreaterole "
            "OR rolcreatedb OR rolbypassrls OR rolreplication)",
            (ALL_USERS[1:],),
        ).fetchall()
    assert settings == {
        "listen_addresses": "127.0.0.1",
        "unix_socket_directories": "",
        "password_encryption": "scram-sha-256",
    }
    assert stored == {user: "SCRAM-SHA-256$" for user in ALL_USERS}
    assert powers == []


@pytest.mark.parametrize("user", ALL_USERS)
def test_no_password_or_a_wrong_one_is_refused(embedded_server, user):
    with pytest.raises(psycopg.OperationalError, match="no password supplied"):
        psycopg.connect(**params(embedded_server, user, passfile="/dev/null"))
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(**params(embedded_server, user, password="not-the-password", passfile="/dev/null"))
    password = read_passfile(embedded_server.passfile)[user]
    with psycopg.connect(**params(embedded_server, user, password=password, passfile="/dev/null")) as conn:
        assert conn.execute("SELECT session_user").fetchone()[0] == user


def test_another_os_user_cannot_connect(embedded_server):
    if os.geteuid() != 0 or not shutil.which("useradd"):
        pytest.skip("creating a second OS user needs root and useradd")
    intruder = "govfin_intruder"
    subprocess.run(["useradd", "--no-create-home", intruder], capture_output=True)  # may exist from a killed run
    psql = str(embedded_server._server().bin_path / "psql")
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}

    def psql_as(user: str | None, passfile: str) -> subprocess.CompletedProcess:
        conninfo = f"host=127.0.0.1 port={embedded_server.port()} user=postgres dbname=postgres passfile={passfile}"
        return subprocess.run(
            [psql, "-w", conninfo, "-Atc", "select 1"], env=env, user=user, capture_output=True, text=True, timeout=60
        )

    try:
        assert psql_as(None, str(embedded_server.passfile)).stdout.strip() == "1"  # the owner can
        for passfile in (str(embedded_server.passfile), "/nonexistent"):
            refused = psql_as(intruder, passfile)
            assert refused.returncode != 0 and "no password supplied" in refused.stderr
        peek = subprocess.run(
            ["cat", str(embedded_server.passfile)], env=env, user=intruder, capture_output=True, text=True
        )
        assert peek.returncode != 0 and "Permission denied" in peek.stderr
    finally:
        subprocess.run(["userdel", intruder], capture_output=True)


def test_a_server_from_before_passwords_is_locked_down_at_its_next_start(server_home):
    """A GOVFIN_HOME made by an older govfin (trust, no password file) gets passwords and loses trust."""
    server = db.EmbeddedServer(server_home)
    server.start()
    old = read_passfile(server.passfile)
    server.stop()
    server.passfile.unlink()
    (server.pgdata / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n")
    try:
        server.start()
        assert hba_rules(server) == [["host", "all", "all", "127.0.0.1/32", "scram-sha-256"]]
        new = read_passfile(server.passfile)
        assert all(new[user] != old[user] for user in ALL_USERS)
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(**params(server, SUPERUSER, password=old[SUPERUSER], passfile="/dev/null"))
        with psycopg.connect(server.url(user=LOGINS["analyst"].user)) as conn:
            assert conn.execute("SELECT session_user").fetchone()[0] == "govfin_analyst_login"
    finally:
        server.stop()


# -- what each login may do -------------------------------------------------------------------


def _refused(conn: psycopg.Connection, statement: str) -> str:
    with pytest.raises(psycopg.Error) as caught, conn.transaction():
        conn.execute(statement)
    return type(caught.value).__name__


def test_analyst_reads_marts_and_quality_only(built_seeds_url):
    with psycopg.connect(built_seeds_url) as conn:
        hidden = [
            t
            for (t,) in conn.execute(
                "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname IN ('raw', 'staging') "
                "UNION ALL SELECT format('%I.%I', schemaname, viewname) FROM pg_views WHERE schemaname = 'transform'"
            )
        ]
    assert len(hidden) > 15
    with psycopg.connect(as_login(built_seeds_url, "analyst"), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM marts.dim_document").fetchone()[0] == 5
        assert conn.execute("SELECT count(*) FROM quality.reconciliation").fetchone()[0] > 0
        for table in hidden:
            assert _refused(conn, f"SELECT * FROM {table} LIMIT 1") == "InsufficientPrivilege", table


def test_analyst_cannot_reach_past_its_role(built_seeds_url):
    before = snapshot(built_seeds_url)
    with psycopg.connect(as_login(built_seeds_url, "analyst"), autocommit=True) as conn:
        assert conn.execute("SHOW default_transaction_read_only").fetchone()[0] == "on"
        # the privileges themselves refuse, not only the read-only default a BI tool could turn off
        conn.execute("SET default_transaction_read_only = off")
        for statement in (
            "SELECT pg_read_file('/etc/passwd')",
            "SELECT pg_ls_dir('.')",
            "COPY (SELECT 1) TO PROGRAM 'id'",
            "COPY marts.dim_document TO '/tmp/govfin_analyst_copy'",
            "CREATE TABLE marts.sneaky (a int)",
            "CREATE TABLE public.sneaky (a int)",
            "CREATE SCHEMA sneaky",
            "INSERT INTO marts.dim_document (document_id) VALUES ('x')",
            "DELETE FROM quality.reconciliation",
            "SET ROLE postgres",
            "SET ROLE govfin_loader",
            "SET SESSION AUTHORIZATION postgres",
            "SELECT set_config('role', 'govfin_transformer', false)",
        ):
            assert _refused(conn, statement) == "InsufficientPrivilege", statement
    assert not Path("/tmp/govfin_analyst_copy").exists()
    assert snapshot(built_seeds_url) == before


def test_loader_cannot_read_marts_and_dbt_cannot_write_raw(built_seeds_url):
    with psycopg.connect(as_login(built_seeds_url, "loader"), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM raw.document").fetchone()[0] == 5
        for statement in (
            "SELECT * FROM marts.dim_document",
            "SELECT * FROM quality.reconciliation",
            "CREATE TABLE marts.sneaky (a int)",
            "SELECT pg_read_file('/etc/passwd')",
        ):
            assert _refused(conn, statement) == "InsufficientPrivilege", statement
    with psycopg.connect(as_login(built_seeds_url, "transformer"), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM raw.document").fetchone()[0] == 5
        for role in ("NONE", "govfin_transformer"):  # as the login and as dbt's role
            conn.execute(f"SET ROLE {role}")
            for statement in (
                "INSERT INTO raw.load_run (parser_version) VALUES ('x')",
                "UPDATE raw.document SET status = 'failed'",
                "DELETE FROM staging.functional_amount",
                "CREATE TABLE raw.sneaky (a int)",
                "TRUNCATE raw.document_issue",
            ):
                assert _refused(conn, statement) == "InsufficientPrivilege", (role, statement)


# -- govfin sql ---------------------------------------------------------------------------------

REFUSED_SQL = {
    "select 1; create table public.sneaky (a int)": "exactly one statement",
    "commit; create table public.sneaky (a int)": "exactly one statement",
    "commit;": "transaction control",
    "set role postgres": "SET ROLE",
    "reset role": "SET ROLE",
    "set session authorization postgres": "SET SESSION AUTHORIZATION",
    "copy (select 1) to program 'touch /tmp/govfin_sql_program'": "COPY … PROGRAM",
    "delete from marts.fct_revenue": "not DELETE",
    "with gone as (delete from marts.fct_revenue returning 1) select count(*) from gone": "DELETE is not allowed",
    "select * into public.sneaky from marts.dim_document": "SELECT … INTO",
    "select pg_read_file('/etc/passwd')": "permission denied",
    "select * from raw.document": "permission denied",
}


def test_govfin_sql_refuses_all_but_one_query_and_changes_nothing(built_seeds_url):
    env = dict(os.environ, DATABASE_URL=built_seeds_url)
    before = snapshot(built_seeds_url)
    for statement, message in REFUSED_SQL.items():
        result = govfin("sql", statement, env=env)
        assert (result.returncode, message in result.stderr) == (2, True), (statement, result.stderr)
    assert not Path("/tmp/govfin_sql_program").exists()
    assert snapshot(built_seeds_url) == before
    who = govfin("sql", "select session_user, current_user", "--format", "csv", env=env)
    assert who.stdout.splitlines() == ["session_user,current_user", "govfin_analyst_login,govfin_analyst_login"]


def test_govfin_sql_times_out(built_seeds_url):
    env = dict(os.environ, DATABASE_URL=built_seeds_url)
    slow = govfin("sql", "select pg_sleep(30)", "--timeout", "1", env=env, timeout=20)
    assert slow.returncode == 2 and "longer than 1 s" in slow.stderr


# -- URLs ---------------------------------------------------------------------------------------


def test_job_urls_follow_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://owner:pw@db.example:5433/govfin?sslmode=require")
    monkeypatch.delenv("GOVFIN_ANALYST_URL", raising=False)
    monkeypatch.delenv("GOVFIN_LOADER_URL", raising=False)
    assert db.login_url("loader") == "postgresql://govfin_loader_login@db.example:5433/govfin?sslmode=require"
    assert db.login_url("admin") == "postgresql://owner:pw@db.example:5433/govfin?sslmode=require"
    assert db.without_password(db.login_url("admin")) == "postgresql://owner@db.example:5433/govfin?sslmode=require"
    monkeypatch.setenv("GOVFIN_ANALYST_URL", "postgresql://bi:secret@db.example/govfin")
    assert db.login_url() == "postgresql://bi:secret@db.example/govfin"
    shown = govfin("db", "url", env=dict(os.environ))
    assert (shown.returncode, shown.stdout) == (0, "postgresql://bi@db.example/govfin\n")
    assert "secret" not in shown.stderr
    with pytest.raises(ValueError, match="unknown role"):
        db.login_url("root")


# -- a real run, end to end ----------------------------------------------------------------------


def test_a_real_run_uses_its_logins_and_shows_no_password(server_home):
    """`govfin run` on its own embedded server (what `make run` does): every password stays in the
    password file, the load is recorded under the loader's login, `db url` hands out the analyst."""
    home = server_home
    env = dict(os.environ, GOVFIN_HOME=str(home))
    env.pop("DATABASE_URL", None)
    outputs = []
    try:
        run = govfin("--log-format", "json", "run", env=env, timeout=900)
        assert run.returncode == 0, run.stdout + run.stderr
        outputs += [run.stdout, run.stderr]
        for args in (
            ["status"],
            ["db", "url"],
            ["db", "url", "--role", "loader"],
            ["db", "url", "--role", "admin"],
            ["sql", "select count(*) from marts.dim_document"],
        ):
            result = govfin(*args, env=env)
            assert result.returncode == 0, (args, result.stderr)
            outputs += [result.stdout, result.stderr]
        analyst = govfin("db", "url", env=env).stdout.strip()
        shown = govfin("db", "url", "--show-password", env=env).stdout.strip()
        server = db.EmbeddedServer(home)
        passwords = read_passfile(server.passfile)
        with psycopg.connect(server.url()) as conn:
            ledger = conn.execute("SELECT string_agg(r::text, '|') FROM raw.load_run r").fetchone()[0]
            logins = conn.execute("SELECT array_agg(DISTINCT login) FROM raw.load_run").fetchone()[0]
            # the loader login may ANALYZE what it loaded (MAINTAIN), for the dbt build's plans
            unanalyzed = conn.execute(
                "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname IN "
                "('raw', 'staging') AND last_analyze IS NULL"
            ).fetchone()[0]
        for url in (analyst, shown):
            with psycopg.connect(url) as conn:
                assert conn.execute("SELECT session_user").fetchone()[0] == "govfin_analyst_login"
    finally:
        govfin("db", "stop", env=env)
    assert logins == ["govfin_loader_login"] and "govfin_loader_login" in outputs[2]  # govfin status
    assert unanalyzed == 0
    assert passwords["govfin_analyst_login"] in shown
    logs = [ledger, (home / "postgres.log").read_text(errors="replace")]
    dbt_log = ROOT / "dbt_project" / "logs" / "dbt.log"
    if dbt_log.exists():
        logs.append(dbt_log.read_text(errors="replace"))
    for user, password in passwords.items():
        assert not any(password in text for text in outputs + logs), user
        tracked = subprocess.run(["git", "grep", "-l", "-F", password], cwd=ROOT, capture_output=True, text=True)
        assert tracked.stdout == "", user


def test_the_grants_script_is_all_a_dba_gives(embedded_server, tmp_path):
    """DATABASE_URL on a server of one's own: a database owned by a plain login, the logins made
    by docker/initdb (sql/grants.sql), and every job runs with no superuser in sight."""
    from loaders.logins import scram_verifier

    owner, database, owner_password = "govfin_owner_test", "t_dba_grants", "owner-pw-for-this-test"
    passwords = read_passfile(embedded_server.passfile)
    port = embedded_server.port()
    with psycopg.connect(embedded_server.url("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {owner} LOGIN PASSWORD '{scram_verifier(owner_password)}'")
        conn.execute(f"CREATE DATABASE {database} OWNER {owner}")
    psql_dir = str(embedded_server._server().bin_path)
    init = dict(
        os.environ,
        PATH=f"{psql_dir}:{os.environ['PATH']}",
        PGHOST="127.0.0.1",
        PGPORT=str(port),
        PGPASSFILE=str(embedded_server.passfile),
        POSTGRES_USER="postgres",
        POSTGRES_DB=database,
        GOVFIN_GRANTS_SQL=str(ROOT / "sql" / "grants.sql"),
        **{f"GOVFIN_{job.upper()}_PASSWORD": passwords[login.user] for job, login in LOGINS.items()},
    )
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(ROOT / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt", raw)
    try:
        made = subprocess.run(
            ["sh", str(ROOT / "docker" / "initdb" / "10-govfin-logins.sh")],
            env=init,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert made.returncode == 0, made.stderr
        env = dict(
            os.environ,
            DATABASE_URL=f"postgresql://{owner}:{owner_password}@127.0.0.1:{port}/{database}",
            **{
                f"GOVFIN_{job.upper()}_URL": f"postgresql://{login.user}:{passwords[login.user]}"
                f"@127.0.0.1:{port}/{database}"
                for job, login in LOGINS.items()
            },
        )
        run = govfin("run", "--raw-dir", str(raw), env=env, timeout=900)
        assert run.returncode == 0, run.stdout + run.stderr
        count = govfin("sql", "select count(*) as n from marts.dim_document", "--format", "csv", env=env)
        assert count.stdout.splitlines() == ["n", "1"]
        with psycopg.connect(embedded_server.url(database)) as conn:
            owners = dict(
                conn.execute(
                    "SELECT schemaname, min(tableowner) FROM pg_tables WHERE schemaname IN ('raw', 'marts') GROUP BY 1"
                )
            )
            public_connect = conn.execute(
                "SELECT has_database_privilege('public', %s, 'CONNECT')", (database,)
            ).fetchone()[0]
        assert owners == {"raw": owner, "marts": "govfin_transformer"}
        assert public_connect is False
    finally:
        with psycopg.connect(embedded_server.url("postgres"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            conn.execute(f"DROP ROLE IF EXISTS {owner}")
