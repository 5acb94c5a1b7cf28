"""Parsing on a Dask cluster (`govfin load --scheduler`): a LocalCluster of two worker processes
loads exactly what the local process pool loads, row for row, and keeps the parse limits."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import dask
import psycopg
import pytest
from distributed import Client, LocalCluster

from loaders.pipeline import load_directory

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SEED = "000_3b0a4ec0e1089ac8.txt"

# every table a load writes; the columns that say when or in which run are left out
TABLES = {
    "raw.document": ("loaded_at", "run_id", "first_seen_at"),
    "raw.document_issue": (),
    "raw.source_file": ("run_id", "seen_at"),
    **{
        f"staging.{t}": ()
        for t in (
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
    },
}


def warehouse_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table a load writes, sorted, without run ids and timestamps."""
    rows = {}
    with psycopg.connect(url) as conn:
        for table, skip in TABLES.items():
            columns = [
                name
                for (name,) in conn.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema || '.' || table_name = %s ORDER BY ordinal_position",
                    (table,),
                )
                if name not in skip
            ]
            assert columns, table
            found = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            rows[table] = sorted(found, key=repr)
    return rows


def mixed_corpus(tmp_path: Path) -> Path:
    """The five seeds, eight variants of one (distinct bytes), a copy under another name, two refusals."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(RAW.iterdir()):
        shutil.copy2(path, raw / path.name)
    text = (RAW / SEED).read_text(encoding="utf-8")
    for i in range(8):
        (raw / f"variant_{i}.txt").write_text(text + f"\n\n附：第{i}份\n", encoding="utf-8")
    shutil.copy2(RAW / SEED, raw / "copy_of_seed.txt")
    (raw / "garbage.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (raw / "notes.txt").write_text("会议纪要：无预算内容。\n", encoding="utf-8")
    return raw


@pytest.fixture(scope="module")
def cluster():
    # Dask workers start parse processes of their own, which daemon processes may not
    with (
        dask.config.set({"distributed.worker.daemon": False, "distributed.worker.profile.enabled": False}),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
    ):
        yield cluster


def _fresh(server, name: str) -> str:
    from loaders.migrate import upgrade

    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    upgrade(server.url(name))
    return server.url(name)


def test_dask_load_is_identical_to_the_local_load(embedded_server, cluster, tmp_path):
    raw = mixed_corpus(tmp_path)
    local_url, dask_url = _fresh(embedded_server, "dask_vs_local_a"), _fresh(embedded_server, "dask_vs_local_b")
    local = load_directory(raw, local_url, workers=2)
    remote = load_directory(raw, dask_url, scheduler=cluster.scheduler_address)
    assert (local.loaded, local.refused, local.failed, local.skipped) == (13, 2, 0, 1)
    assert sorted((o.path, o.status, o.rows, o.error) for o in remote.outcomes) == sorted(
        (o.path, o.status, o.rows, o.error) for o in local.outcomes
    )
    local_rows, dask_rows = warehouse_rows(local_url), warehouse_rows(dask_url)
    assert all(local_rows[t] for t in ("raw.document", "staging.functional_amount", "staging.project"))
    for table in TABLES:
        assert dask_rows[table] == local_rows[table], f"{table} differs between the Dask and the local load"
    with Client(cluster.scheduler_address) as client:
        ran = client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.task_prefixes))
    assert "parse_batch" in ran, "the files were not parsed on the cluster"


def test_dask_workers_keep_the_parse_time_limit(fresh_db, cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVFIN_PARSE_TIMEOUT_S", "3")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(RAW / SEED, raw / SEED)
    (raw / "long.txt").write_text((RAW / SEED).read_text(encoding="utf-8") * 150, encoding="utf-8")
    started = time.monotonic()
    summary = load_directory(raw, fresh_db, scheduler=cluster.scheduler_address)
    assert [f.path for f in summary.failures] == ["long.txt"]
    assert "parse time limit (3 s) exceeded" in summary.failures[0].error
    assert summary.loaded == 1
    assert time.monotonic() - started < 40


def test_an_unreachable_scheduler_is_a_usage_error(govfin_env, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(RAW / SEED, raw / SEED)
    govfin = str(Path(sys.executable).with_name("govfin"))
    done = subprocess.run(
        [govfin, "load", "--raw-dir", str(raw)],
        env=dict(govfin_env, GOVFIN_DASK_SCHEDULER="tcp://127.0.0.1:9"),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 2, done.stderr
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr
