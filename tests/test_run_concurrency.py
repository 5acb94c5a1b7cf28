"""One run at a time over load and build; marts swapped in whole; stopped and killed runs.

Real `govfin` processes on a real embedded PostgreSQL, real dbt: two runs at once, --no-wait,
an analyst trying to take or block the run lock, SIGKILL and SIGTERM during `dbt build`, and an
analyst reading while a build swaps the marts in.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from loaders.db import with_user

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOVFIN = str(Path(sys.executable).with_name("govfin"))
ANALYST = "govfin_analyst_login"
TRANSFORMER = "govfin_transformer_login"
# what an analyst sees: the documents in the marts, the department-years, the documents reconciled
STATE = """
    SELECT (SELECT count(*) FROM marts.dim_document),
           (SELECT count(*) FROM marts.mart_department_year),
           (SELECT count(DISTINCT document_id) FROM quality.reconciliation)"""


def govfin(*args: str, env: dict, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([GOVFIN, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def start(*args: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [GOVFIN, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def seeds(tmp_path: Path, count: int, name: str = "raw") -> Path:
    """The first ``count`` seed publications (each a different department-year)."""
    target = tmp_path / name
    target.mkdir(exist_ok=True)
    for path in sorted(RAW.iterdir())[:count]:
        shutil.copy2(path, target / path.name)
    return target


def marts_state(url: str) -> tuple[int, int, int]:
    with psycopg.connect(url) as conn:
        return conn.execute(STATE).fetchone()


def runs(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT run_id, status, build_status, detail, started_at, finished_at FROM raw.load_run ORDER BY run_id"
        ).fetchall()


def relations_in(url: str, schema: str) -> set[tuple[str, int]]:
    """(name, oid) of the tables and views in ``schema``."""
    with psycopg.connect(url) as conn:
        return set(
            conn.execute(
                "SELECT c.relname, c.oid::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm')",
                (schema,),
            ).fetchall()
        )


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float, message: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.time() + seconds
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{message}: the run ended first ({proc.returncode}): {proc.communicate()[1][-2000:]}")
        assert time.time() < deadline, message
        time.sleep(0.1)


def transformer_sessions(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = %s",
            (TRANSFORMER,),
        ).fetchone()[0]


def test_two_runs_at_once_build_one_after_the_other(govfin_env, tmp_path):
    raw = seeds(tmp_path, 2)
    first, second = (start("run", "--raw-dir", str(raw), env=govfin_env) for _ in range(2))
    results = [proc.communicate(timeout=1200) for proc in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), results
    assert any("in progress" in err and "waiting" in err for _, err in results), "neither run waited for the other"
    ledger = runs(govfin_env["DATABASE_URL"])
    assert [(status, build) for _, status, build, *_ in ledger] == [("succeeded", "succeeded")] * 2
    first_finished, second_started = ledger[0][5], ledger[1][4]
    assert first_finished <= second_started, "the second run's load and build overlapped the first's"
    assert marts_state(govfin_env["DATABASE_URL"])[0] == 2
    assert_swapped_marts_are_described_and_readable(govfin_env)


def assert_swapped_marts_are_described_and_readable(env: dict) -> None:
    """After swaps: every mart keeps its dbt descriptions and the analyst's SELECT; the build schemas
    hold only the standby (tables of the live names, which the analyst cannot reach); `govfin sql`
    reads the marts by name."""
    url = env["DATABASE_URL"]
    with psycopg.connect(url) as conn:
        missing = conn.execute("""
            SELECT n.nspname || '.' || c.relname || coalesce('.' || a.attname, '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname IN ('marts', 'quality') AND c.relkind = 'r'
              AND (obj_description(c.oid, 'pg_class') IS NULL
                   OR (a.attname IS NOT NULL AND col_description(c.oid, a.attnum) IS NULL))""").fetchall()
        unreadable = conn.execute("""
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('marts', 'quality') AND c.relkind = 'r'
              AND NOT has_table_privilege('govfin_analyst', c.oid, 'SELECT')""").fetchall()
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname IN ('marts', 'quality')").fetchone()[0]
    assert tables > 10 and missing == [] and unreadable == []
    for live, build in (("marts", "marts_next"), ("quality", "quality_next")):
        standby = {name for name, _ in relations_in(url, build)}  # empty until a swap replaced a set
        assert standby <= {name for name, _ in relations_in(url, live)}, build
        for name in sorted(standby)[:1]:
            analyst = psycopg.connect(with_user(url, ANALYST))
            with analyst, pytest.raises(psycopg.errors.InsufficientPrivilege):
                analyst.execute(f'SELECT 1 FROM {build}."{name}"')
    counted = govfin("sql", "select count(*) as n from marts.dim_document", "--format", "csv", env=env, timeout=300)
    assert counted.returncode == 0 and counted.stdout.splitlines()[1] == str(marts_state(url)[0])


def test_no_wait_exits_2_for_run_load_and_build_while_a_run_holds_the_lock(govfin_env, tmp_path):
    raw = seeds(tmp_path, 1)
    with psycopg.connect(govfin_env["DATABASE_URL"]) as holder:
        holder.execute("LOCK TABLE ops.run_lock IN EXCLUSIVE MODE")  # as a run holds it
        for command in (["run", "--raw-dir", str(raw)], ["load", "--raw-dir", str(raw)], ["build"]):
            result = govfin(*command, "--no-wait", env=govfin_env, timeout=300)
            assert result.returncode == 2, (command, result.stderr)
            assert "another govfin run is in progress" in result.stderr and "--no-wait" in result.stderr
    assert runs(govfin_env["DATABASE_URL"]) == []


def test_the_analyst_can_neither_take_nor_block_the_run_lock(govfin_env, tmp_path):
    url = govfin_env["DATABASE_URL"]
    raw = seeds(tmp_path, 1)
    with psycopg.connect(with_user(url, ANALYST), autocommit=True) as analyst:
        # issue 23: any advisory key, the analyst's own login id among them, is anyone's to take
        analyst.execute("SELECT pg_advisory_lock(1626415140), pg_advisory_lock(x'60F12024'::int)")
        for mode in ("EXCLUSIVE", "ACCESS SHARE"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), analyst.transaction():
                analyst.execute(f"LOCK TABLE ops.run_lock IN {mode} MODE")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            analyst.execute("SELECT count(*) FROM marts_next.dim_document")
        result = govfin("run", "--no-wait", "--raw-dir", str(raw), env=govfin_env)
        assert result.returncode == 0, result.stderr
    assert [(status, build) for _, status, build, *_ in runs(url)] == [("succeeded", "succeeded")]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_run_killed_during_the_build_leaves_the_previous_marts_whole(govfin_env, tmp_path, sig):
    url = govfin_env["DATABASE_URL"]
    raw = seeds(tmp_path, 3)
    assert govfin("run", "--raw-dir", str(raw), env=govfin_env).returncode == 0
    before = marts_state(url)
    assert before[0] == 3 and before[1] > 0 and before[2] > 0
    for path in sorted(RAW.iterdir())[3:]:
        shutil.copy2(path, raw / path.name)
    standby = relations_in(url, "marts_next")
    proc = start("run", "--raw-dir", str(raw), env=govfin_env)
    # mid-build: dbt has written some of the new marts where the analyst cannot see them
    wait_for(lambda: relations_in(url, "marts_next") != standby, 600, "the build never began", proc)
    below = descendants(proc.pid)
    assert below, "no dbt process under the run"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    if sig == signal.SIGTERM:
        assert proc.returncode == 128 + sig, err
        assert "SIGTERM" in err
    else:
        assert proc.returncode == -sig
    wait_for(lambda: not any(alive(pid) for pid in below), 60, "dbt outlived the run")
    wait_for(lambda: transformer_sessions(url) == 0, 60, "dbt's database sessions outlived the run")
    assert marts_state(url) == before, "the analyst sees part of the killed build"
    status = govfin("status", "--format", "json", env=govfin_env, timeout=300)
    assert status.returncode == 0, status.stderr
    last = json.loads(status.stdout)["runs"][0]
    assert last["status"] == "aborted"
    if sig == signal.SIGTERM:
        assert "SIGTERM" in last["detail"] and "dbt build" in last["detail"]
    else:
        assert "killed" in last["detail"]
    assert last["build_status"] == "aborted"
    rerun = govfin("run", "--no-wait", "--raw-dir", str(raw), env=govfin_env)
    assert rerun.returncode == 0, rerun.stderr
    after = marts_state(url)
    assert after[0] == 5 and after[1] > before[1]


def test_an_analyst_reading_during_a_build_sees_the_old_set_or_the_new_one(govfin_env, tmp_path):
    url = govfin_env["DATABASE_URL"]
    raw = seeds(tmp_path, 2)
    assert govfin("run", "--raw-dir", str(raw), env=govfin_env).returncode == 0
    old = marts_state(url)
    for path in sorted(RAW.iterdir())[2:]:
        shutil.copy2(path, raw / path.name)
    seen: list[tuple] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        """As an analyst: one transaction per look, a statement per table."""
        try:
            with psycopg.connect(with_user(url, ANALYST)) as conn:
                while not stop.is_set():
                    with conn.transaction():
                        documents = conn.execute("SELECT count(*) FROM marts.dim_document").fetchone()[0]
                        time.sleep(0.05)  # the swap may come in between: it must wait for this transaction
                        years = conn.execute("SELECT count(*) FROM marts.mart_department_year").fetchone()[0]
                        checked = conn.execute(
                            "SELECT count(DISTINCT document_id) FROM quality.reconciliation"
                        ).fetchone()[0]
                    seen.append((documents, years, checked))
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        result = govfin("run", "--raw-dir", str(raw), env=dict(govfin_env, GOVFIN_SWAP_WAIT="120"))
    finally:
        time.sleep(1)
        stop.set()
        reader.join(timeout=60)
    assert errors == []
    assert result.returncode == 0, result.stderr
    new = marts_state(url)
    assert new != old and new[0] == 5
    assert set(seen) <= {old, new}, f"a mix of two builds: {set(seen) - {old, new}}"
    assert old in seen and new in seen, "the reader did not read across the swap"


def test_a_build_that_cannot_finish_leaves_the_previous_marts_and_says_why(govfin_env, tmp_path):
    url = govfin_env["DATABASE_URL"]
    raw = seeds(tmp_path, 2)
    assert govfin("run", "--raw-dir", str(raw), env=govfin_env).returncode == 0
    before = marts_state(url)
    for path in sorted(RAW.iterdir())[2:]:
        shutil.copy2(path, raw / path.name)
    # an analyst's transaction holds a mart for longer than the swap may wait: the swap gives up,
    # the analyst's transaction is not cancelled
    with psycopg.connect(with_user(url, ANALYST)) as analyst:
        assert analyst.execute("SELECT count(*) FROM marts.dim_document").fetchone()[0] == before[0]
        held = govfin("run", "--raw-dir", str(raw), env=dict(govfin_env, GOVFIN_SWAP_WAIT="3"))
        assert analyst.execute("SELECT count(*) FROM marts.mart_department_year").fetchone()[0] == before[1]
    assert held.returncode == 1, held.stderr
    assert "not swapped in" in held.stderr and "previous marts stay in place" in held.stderr
    assert marts_state(url) == before
    last = runs(url)[-1]
    assert (last[1], last[2]) == ("failed", "failed") and "not swapped in" in last[3]
    # a model that fails (dbt may not replace a relation it does not own): nothing is swapped in
    with psycopg.connect(url) as conn:
        conn.execute("DROP VIEW transform.stg_documents CASCADE")
        conn.execute("CREATE TABLE transform.stg_documents (document_id text)")
    failed = govfin("run", "--raw-dir", str(raw), env=govfin_env)
    assert failed.returncode == 1 and "dbt build failed" in failed.stderr, failed.stderr
    assert marts_state(url) == before
    last = runs(url)[-1]
    assert (last[1], last[2]) == ("failed", "failed") and "dbt build failed" in last[3]
