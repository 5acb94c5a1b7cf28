"""Safe nightly loads: idempotent, atomic under SIGKILL, one run at a time, failures reported."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from loaders.pipeline import load_directory

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOVFIN = str(Path(sys.executable).with_name("govfin"))
FINAL_ACCOUNT_SEED = "000_3b0a4ec0e1089ac8.txt"

STAGING_TABLES = (
    "document_table",
    "functional_amount",
    "summary_amount",
    "economic_amount",
    "three_public_amount",
    "statistic",
    "narrative_fact",
    "project",
    "project_indicator",
)


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every staging and ledger table."""
    result = {}
    with psycopg.connect(url) as conn:
        for table in [f"staging.{t}" for t in STAGING_TABLES] + ["raw.document", "raw.document_issue"]:
            exclude = "loaded_at,run_id,first_seen_at" if table == "raw.document" else ""
            cols = [
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema||'.'||table_name = %s "
                    "ORDER BY ordinal_position",
                    (table,),
                )
                if r[0] not in exclude.split(",")
            ]
            row = conn.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') "
                f"FROM (SELECT {', '.join(cols)} FROM {table}) t"
            ).fetchone()
            result[table] = (row[0], row[1])
    return result


def staged_rows(url: str, document_id: str) -> int:
    with psycopg.connect(url) as conn:
        return sum(
            conn.execute(f"SELECT count(*) FROM staging.{t} WHERE document_id = %s", (document_id,)).fetchone()[0]
            for t in STAGING_TABLES
        )


def raw_copy(tmp_path: Path, names=None) -> Path:
    target = tmp_path / "raw"
    target.mkdir()
    for path in sorted(RAW.iterdir()):
        if names is None or path.name in names:
            shutil.copy2(path, target / path.name)
    return target


def variants(tmp_path: Path, n: int) -> Path:
    """n distinct documents (different bytes, same tables) made from one final-account seed."""
    target = tmp_path / "many"
    target.mkdir()
    text = (RAW / FINAL_ACCOUNT_SEED).read_text(encoding="utf-8")
    for i in range(n):
        (target / f"doc_{i:03d}.txt").write_text(text + f"\n\n附：第{i}份\n", encoding="utf-8")
    return target


def test_second_run_loads_nothing_and_changes_no_row(fresh_db, tmp_path):
    raw = raw_copy(tmp_path)
    first = load_directory(raw, fresh_db)
    assert first.failed == 0, [f.error for f in first.failures]
    assert first.loaded == 5
    before = fingerprint(fresh_db)
    second = load_directory(raw, fresh_db)
    assert (second.loaded, second.skipped, second.failed) == (0, 5, 0)
    assert fingerprint(fresh_db) == before


def test_changed_file_replaces_its_rows(fresh_db, tmp_path):
    raw = raw_copy(tmp_path, {FINAL_ACCOUNT_SEED})
    load_directory(raw, fresh_db)
    with psycopg.connect(fresh_db) as conn:
        old_id = conn.execute("SELECT document_id FROM raw.document").fetchone()[0]
    path = raw / FINAL_ACCOUNT_SEED
    path.write_text(path.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    summary = load_directory(raw, fresh_db)
    assert summary.loaded == 1
    with psycopg.connect(fresh_db) as conn:
        ids = [r[0] for r in conn.execute("SELECT document_id FROM raw.document")]
    assert len(ids) == 1 and ids[0] != old_id
    assert staged_rows(fresh_db, old_id) == 0
    assert staged_rows(fresh_db, ids[0]) > 0


def test_duplicate_under_another_name_is_loaded_once(fresh_db, tmp_path):
    raw = raw_copy(tmp_path, {FINAL_ACCOUNT_SEED})
    shutil.copy2(raw / FINAL_ACCOUNT_SEED, raw / "copy_of_the_same.txt")
    summary = load_directory(raw, fresh_db)
    assert (summary.loaded, summary.count("duplicate")) == (1, 1)
    with psycopg.connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM raw.document").fetchone()[0] == 1
        statuses = dict(conn.execute("SELECT source_path, status FROM raw.source_file"))
    assert statuses == {FINAL_ACCOUNT_SEED: "loaded", "copy_of_the_same.txt": "duplicate"}


def test_new_parser_version_reloads(fresh_db, tmp_path, monkeypatch):
    raw = raw_copy(tmp_path, {FINAL_ACCOUNT_SEED})
    load_directory(raw, fresh_db, workers=1)
    monkeypatch.setattr("loaders.parse.PARSER_VERSION", "test-next-version")
    summary = load_directory(raw, fresh_db, workers=1)
    assert summary.loaded == 1
    with psycopg.connect(fresh_db) as conn:
        assert conn.execute("SELECT parser_version FROM raw.document").fetchone()[0] == "test-next-version"


def test_bad_document_fails_alone_and_leaves_nothing(fresh_db, tmp_path):
    raw = raw_copy(tmp_path, {FINAL_ACCOUNT_SEED})
    (raw / "not_a_disclosure.txt").write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    summary = load_directory(raw, fresh_db)
    assert (summary.loaded, summary.refused, summary.failed) == (1, 2, 0)
    with psycopg.connect(fresh_db) as conn:
        failed = dict(conn.execute("SELECT file_name, error FROM raw.document WHERE status = 'failed'"))
        assert set(failed) == {"not_a_disclosure.txt", "empty.txt"}
        assert all("not_a_disclosure.txt" in e or "empty.txt" in e for e in failed.values())
        for (doc_id,) in conn.execute("SELECT document_id FROM raw.document WHERE status = 'failed'"):
            assert staged_rows(fresh_db, doc_id) == 0


def test_an_unchanged_refused_file_is_refused_again_without_being_parsed(fresh_db, tmp_path):
    """A rerun of the crawler corpus re-parsed its 227 refused files (and a file the time limit had
    stopped could load on the second run): a rerun must load nothing. The unchanged refused file
    keeps its reason and counts as failed, unparsed; ``force`` parses it again."""
    raw = raw_copy(tmp_path, {FINAL_ACCOUNT_SEED})
    (raw / "not_a_disclosure.txt").write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    first = load_directory(raw, fresh_db)
    assert (first.loaded, first.refused, first.failed) == (1, 1, 0)
    second = load_directory(raw, fresh_db)
    assert (second.loaded, second.skipped, second.refused, second.failed) == (0, 1, 1, 0)
    assert second.refusals[0].error == first.refusals[0].error
    with psycopg.connect(fresh_db) as conn:
        (run_id,) = conn.execute("SELECT run_id FROM raw.document WHERE status = 'failed'").fetchone()
    assert run_id == first.run_id, "the refused file was parsed and recorded again"
    forced = load_directory(raw, fresh_db, force=True)
    assert forced.refused == 1
    with psycopg.connect(fresh_db) as conn:
        (run_id,) = conn.execute("SELECT run_id FROM raw.document WHERE status = 'failed'").fetchone()
    assert run_id == forced.run_id


def test_a_document_the_database_rejects_costs_only_itself(fresh_db, tmp_path):
    """Documents load in batches; a batch the database rejects is written again one by one."""
    from dataclasses import replace
    from decimal import Decimal

    from loaders.load import SourceFile
    from loaders.parse import PARSER_VERSION
    from loaders.pipeline import _load_batch
    from loaders.reading import read_document

    batch = []
    for name in ("000_3b0a4ec0e1089ac8.txt", "002_c032330014219076.txt", "004_ed45889f6f94df5a.txt"):
        doc = read_document(RAW / name)
        if name.startswith("002"):  # a value numeric(20,2) cannot hold: the database refuses the row
            first = replace(doc.functional_amounts[0], amount_yuan=Decimal("1e19"))
            doc = replace(doc, functional_amounts=(first, *doc.functional_amounts[1:]))
        batch.append((SourceFile(name, 1, 1, doc.document_id), doc))
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        run_id = conn.execute(
            "INSERT INTO raw.load_run (parser_version) VALUES (%s) RETURNING run_id", (PARSER_VERSION,)
        ).fetchone()[0]
        outcomes = list(_load_batch(conn, batch, PARSER_VERSION, run_id))
    assert [o.status for o in outcomes] == ["loaded", "failed", "loaded"]
    assert "database rejected the document" in outcomes[1].error and "002_c032330014219076.txt" in outcomes[1].error
    assert staged_rows(fresh_db, batch[1][1].document_id) == 0
    assert staged_rows(fresh_db, batch[0][1].document_id) > 100 and staged_rows(fresh_db, batch[2][1].document_id) > 100


def govfin(*args, env, **kwargs):
    return subprocess.run([GOVFIN, *args], cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)


def test_run_exit_code_and_status_failed_and_json_logs(govfin_env, tmp_path):
    """A file that is no disclosure is refused with its reason (exit 0, a warning); a file over a
    limit is a failure (exit 1, an error); `status --refused` and `--failed` list each alone."""
    raw = raw_copy(tmp_path, {FINAL_ACCOUNT_SEED})
    (raw / "broken.txt").write_text("随便写的文字\n", encoding="utf-8")
    result = govfin("--log-format", "json", "load", "--raw-dir", str(raw), env=govfin_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 loaded, 0 skipped, 1 refused, 0 failed" in result.stdout
    assert "broken.txt: file broken.txt" in result.stdout and "not a budget or final account" in result.stdout
    logs = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert any(entry["level"] == "warning" and "broken.txt" in entry.get("path", "") for entry in logs)
    (raw / "big.txt").write_text("预算" * 200_000, encoding="utf-8")
    failing = govfin("load", "--raw-dir", str(raw), env=dict(govfin_env, GOVFIN_MAX_FILE_MB="1"))
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "0 loaded, 1 skipped, 1 refused, 1 failed" in failing.stdout
    refused = govfin("status", "--refused", env=govfin_env)
    assert refused.returncode == 0 and "broken.txt" in refused.stdout and "refused" in refused.stdout
    assert "big.txt" not in refused.stdout and FINAL_ACCOUNT_SEED not in refused.stdout
    failed = govfin("status", "--failed", env=govfin_env)
    assert failed.returncode == 0 and "big.txt" in failed.stdout and "file too large" in failed.stdout
    assert "broken.txt" not in failed.stdout and FINAL_ACCOUNT_SEED not in failed.stdout


def test_second_run_waits_for_the_lock_or_reports_it(govfin_env, tmp_path):
    raw = raw_copy(tmp_path, {FINAL_ACCOUNT_SEED})
    with psycopg.connect(govfin_env["DATABASE_URL"]) as holder:
        holder.execute("LOCK TABLE ops.run_lock IN EXCLUSIVE MODE")  # as a run holds it
        refused = govfin("load", "--no-wait", "--raw-dir", str(raw), env=govfin_env)
        assert refused.returncode == 2 and "in progress" in refused.stderr
        waiting = subprocess.Popen(
            [GOVFIN, "load", "--raw-dir", str(raw)],
            cwd=ROOT,
            env=govfin_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # wait until the second run queues for the lock (its start-up time varies with the machine's load)
        deadline = time.time() + 120
        while (
            waiting.poll() is None
            and time.time() < deadline
            and not holder.execute(
                "SELECT count(*) FROM pg_locks WHERE relation = 'ops.run_lock'::regclass AND NOT granted"
            ).fetchone()[0]
        ):
            time.sleep(0.2)
        assert waiting.poll() is None, "the second run must wait while the lock is held"
        holder.rollback()
        out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert "in progress" in err and "1 loaded" in out


def test_two_runs_together_load_each_document_once(govfin_env, tmp_path):
    raw = variants(tmp_path, 6)
    procs = [
        subprocess.Popen(
            [GOVFIN, "load", "--raw-dir", str(raw)],
            cwd=ROOT,
            env=govfin_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        proc.communicate(timeout=600)
        assert proc.returncode == 0
    with psycopg.connect(govfin_env["DATABASE_URL"]) as conn:
        loaded = conn.execute("SELECT sum(documents_loaded) FROM raw.load_run").fetchone()[0]
        docs = conn.execute("SELECT count(*) FROM raw.document WHERE status = 'loaded'").fetchone()[0]
    assert (loaded, docs) == (6, 6)


def loader_waits_on(url: str, table: str) -> int | None:
    """The pid of a backend that has written raw.document in an open transaction and now waits for ``table``."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT w.pid FROM pg_locks w JOIN pg_locks d ON d.pid = w.pid "
            "WHERE w.relation = %s::regclass AND NOT w.granted "
            "AND d.relation = 'raw.document'::regclass AND d.mode = 'RowExclusiveLock' AND d.granted",
            (table,),
        ).fetchone()
    return row and row[0]


def test_sigkill_inside_an_open_load_transaction_leaves_nothing_of_it(govfin_env, tmp_path):
    """Kill the loader while its batch transaction has written the ledger and some staging tables."""
    url = govfin_env["DATABASE_URL"]
    raw = variants(tmp_path, 10)
    later = tmp_path / "later"
    later.mkdir()
    for path in sorted(raw.iterdir())[3:]:
        path.rename(later / path.name)
    assert load_directory(raw, url).loaded == 3  # committed before the kill
    committed = fingerprint(url)
    for path in later.iterdir():
        path.rename(raw / path.name)
    # the batch's last COPY (project_indicator) waits behind this lock, its transaction open
    with psycopg.connect(url) as holder:
        holder.execute("LOCK TABLE staging.project_indicator IN SHARE MODE")
        proc = subprocess.Popen(
            [GOVFIN, "load", "--workers", "1", "--raw-dir", str(raw)],
            cwd=ROOT,
            env=govfin_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 300
        while not loader_waits_on(url, "staging.project_indicator") and time.time() < deadline:
            assert proc.poll() is None, "the loader finished without writing project indicators"
            time.sleep(0.05)
        assert loader_waits_on(url, "staging.project_indicator"), "the loader never opened its batch"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        holder.rollback()  # the orphaned backend gets its lock, finds its client gone and rolls back
    deadline = time.time() + 60
    while loader_waits_on(url, "staging.project_indicator") and time.time() < deadline:
        time.sleep(0.05)
    assert fingerprint(url) == committed, "rows of the killed transaction are visible"
    rerun = load_directory(raw, url)
    assert (rerun.failed, rerun.loaded, rerun.skipped) == (0, 7, 3)
    with psycopg.connect(url) as conn:
        ids = [doc_id for (doc_id,) in conn.execute("SELECT document_id FROM raw.document")]
        runs = [status for (status,) in conn.execute("SELECT status FROM raw.load_run ORDER BY run_id")]
    assert runs == ["succeeded", "aborted", "succeeded"]
    # every document is the same tables, so every loaded one holds the same number of rows
    counts = {staged_rows(url, doc_id) for doc_id in ids}
    assert len(ids) == 10 and len(counts) == 1 and counts.pop() > 0


def files_written_since(started: float, *roots: Path) -> list[Path]:
    """Every file under ``roots`` (not the virtualenv or git's objects) modified after ``started``."""
    skip = {".venv", ".git", "__pycache__"}
    written = []
    for root in roots:
        for path in root.rglob("*"):
            if skip.isdisjoint(path.relative_to(root).parts) and path.is_file() and path.stat().st_mtime >= started:
                written.append(path)
    return written


def test_no_credential_is_printed_or_written(govfin_env, embedded_server, tmp_path):
    """A password in DATABASE_URL never reaches stdout, stderr (text or JSON logs) or any file the jobs write.

    The real jobs run: `govfin run` (migrate, load, dbt build with its logs and artifacts), `govfin build`,
    `load` with JSON logs, and `status` against a server that refuses the connection.
    """
    from loaders.logins import read_passfile

    secret = read_passfile(embedded_server.passfile)["postgres"]
    good = govfin_env["DATABASE_URL"].replace("postgresql://postgres@", f"postgresql://postgres:{secret}@")
    raw = raw_copy(tmp_path, {FINAL_ACCOUNT_SEED})
    (raw / "broken.txt").write_text("随便写的文字\n", encoding="utf-8")
    env = dict(govfin_env, DATABASE_URL=good)
    started = time.time() - 1
    runs = [
        govfin("--log-format", "json", "run", "--raw-dir", str(raw), env=env),
        govfin("build", env=env),
        govfin("--log-format", "json", "load", "--force", "--raw-dir", str(raw), env=env),
        govfin("status", env=env),
        govfin("status", env=dict(govfin_env, DATABASE_URL=f"postgresql://postgres:{secret}@127.0.0.1:1/x")),
    ]
    assert [r.returncode for r in runs] == [0, 0, 0, 0, 2]  # broken.txt is refused; the refused server is exit 2
    for result in runs:
        assert secret not in result.stdout + result.stderr
    written = files_written_since(started, ROOT, tmp_path)
    assert any(p.suffix == ".log" for p in written), "dbt's log is among the files checked"
    leaked = [p for p in written if secret.encode() in p.read_bytes()]
    assert leaked == []
