"""For schedulers and spreadsheets: one JSON summary per command, JSON-only logs, CSV with a BOM."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.test_cli import ROOT, govfin


@pytest.fixture(scope="module")
def json_run(embedded_server, tmp_path_factory):
    """`govfin --log-format json run --format json` over the seeds plus one damaged PDF."""
    import os

    from tests.conftest import _fresh_database

    raw = tmp_path_factory.mktemp("raw")
    for seed in (ROOT / "data" / "raw").iterdir():
        shutil.copy(seed, raw / seed.name)
    (raw / "damaged.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    env = dict(os.environ, DATABASE_URL=_fresh_database(embedded_server))
    result = govfin("--log-format", "json", "run", "--format", "json", "--raw-dir", str(raw), env=env, timeout=900)
    return env, raw, result


def test_run_prints_one_json_summary_and_logs_only_json(json_run):
    _, _, result = json_run
    assert result.returncode == 0, result.stderr  # the damaged PDF is refused with its reason; the others loaded
    [line] = result.stdout.splitlines()
    summary = json.loads(line)
    assert summary["command"] == "run"
    assert summary["documents"] == {"loaded": 5, "skipped": 0, "refused": 1, "failed": 0, "quarantined": 0}
    assert summary["failures"] == []
    [refusal] = summary["refusals"]
    assert refusal["path"].endswith("damaged.pdf") and "PDF" in refusal["reason"]
    assert summary["dbt_build"] == {"exit_code": 0, "ok": True, "skipped": False}
    checks = summary["reconciliation"]
    assert checks["fail"] == len(checks["failures"]) and checks["pass"] > 0
    log_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert log_lines, "the run logged nothing"
    for line in log_lines:
        assert isinstance(json.loads(line), dict), line


def test_load_and_status_print_one_json_object(json_run):
    env, raw, _ = json_run
    load = govfin("load", "--format", "json", "--raw-dir", str(raw), env=env)
    summary = json.loads(load.stdout)
    assert summary["command"] == "load"
    assert summary["documents"]["loaded"] == 0 and summary["documents"]["skipped"] == 5
    status = govfin("status", "--format", "json", env=env)
    assert status.returncode == 0, status.stderr
    ledger = json.loads(status.stdout)
    by_name = {d["path"].rsplit("/", 1)[-1]: d for d in ledger["documents"]}
    assert sorted(by_name) == sorted(p.name for p in raw.iterdir())
    assert by_name["damaged.pdf"]["status"] == "refused" and "PDF" in by_name["damaged.pdf"]["error"]
    assert [d["status"] for n, d in by_name.items() if n != "damaged.pdf"] == ["loaded"] * 5
    newest, oldest = ledger["runs"]  # the load, then the run
    assert newest["run_id"] > oldest["run_id"] and (newest["loaded"], newest["skipped"]) == (0, 5)


def test_sql_csv_with_bom_for_excel(govfin_env):
    result = govfin(
        "sql", "select '部门' as name, 1.50::numeric(20,2) as amount", "--format", "csv", "--bom", env=govfin_env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "\ufeffname,amount\n部门,1.50\n"
    plain = govfin("sql", "select 1 as one", "--format", "csv", env=govfin_env)
    assert plain.stdout == "one\n1\n"
    refused = govfin("sql", "select 1", "--format", "json", "--bom", env=govfin_env)
    assert refused.returncode == 2 and "--bom" in refused.stderr
