"""Bulk real loads leave whole, consistent marts (issue 22): identity, twins, quarantine, forget.

Real PostgreSQL, real loader, real dbt, real `govfin` CLI. Each case reproduces a reported failure:

- a file of the same relative name under another ``--raw-dir`` replaced the first folder's
  document (the ledger was keyed by the path relative to the folder);
- a 部门 publication and its 单位 twin (same totals), a tables-only and a text-only half, and
  re-crawls of one publication broke the marts' grain tests (the marts took every publication);
- a document with absurd but admissible amounts (just under the 1e18 cap) failed a dbt test on
  every later run, and nothing in the CLI could remove it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from mart_names import FACTS_AND_MARTS
from test_publications import SEED, TABLE_LINES, TEXT_LINES, _cut, _mart, _rows

from loaders.dbt import run_dbt
from loaders.pipeline import load_directory

ROOT = Path(__file__).resolve().parents[1]
GOVFIN = str(Path(sys.executable).with_name("govfin"))
OTHER_SEED = ROOT / "data" / "raw" / "003_4bfa79258c3578d4.txt"  # another department, another year
TITLE = "2023年度部门决算公开"
# a cell of the seed's 收入决算表 (and, unchanged, of its 支出 tables)
CELL = "2210201\t住房公积金\t44.37\t44.37"
ABSURD = "2210201\t住房公积金\t99999999999999.99\t99999999999999.99"  # 万元: 9.99e17 yuan, under the 1e18 cap


def govfin(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([GOVFIN, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def _write(folder: Path, *files: tuple[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files:
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _unit_twin(body: str) -> str:
    """The same publication printed as a 单位决算 (a 部门 publication's 单位 / 本级 twin)."""
    assert TITLE in body
    return body.replace(TITLE, "2023年度单位决算公开", 1)


def _ids(url: str) -> dict[str, str]:
    return dict(_rows(url, "SELECT file_name, document_id FROM raw.document"))


# --------------------------------------------------------------------------- identity


def test_the_same_relative_name_in_another_folder_keeps_both(fresh_db, tmp_path):
    first = _write(tmp_path / "first", ("report.txt", _seed()))
    other = _write(tmp_path / "other", ("report.txt", OTHER_SEED.read_text(encoding="utf-8")))
    assert load_directory(first, fresh_db, workers=1).loaded == 1
    assert load_directory(other, fresh_db, workers=1).loaded == 1
    again = load_directory(first, fresh_db, workers=1)
    assert (again.loaded, again.skipped, again.failed) == (0, 1, 0)
    assert load_directory(other, fresh_db, workers=1).loaded == 0
    departments = _rows(
        fresh_db, "SELECT department, source_root FROM raw.document WHERE status = 'loaded' ORDER BY department"
    )
    assert departments == [("晋城市政务服务中心", str(other)), ("汾阳市行政审批服务管理局", str(first))]
    assert _rows(fresh_db, "SELECT count(DISTINCT document_id) FROM staging.functional_amount") == [(2,)]
    assert _rows(fresh_db, "SELECT source_root, source_path FROM raw.source_file ORDER BY 1") == [
        (str(first), "report.txt"),
        (str(other), "report.txt"),
    ]


def test_a_changed_file_replaces_only_its_own_folders_document(fresh_db, tmp_path):
    first = _write(tmp_path / "first", ("report.txt", _seed()))
    other = _write(tmp_path / "other", ("report.txt", _seed()))  # the same bytes: one document, two locations
    load_directory(first, fresh_db, workers=1)
    assert load_directory(other, fresh_db, workers=1).count("duplicate") == 1
    _write(other, ("report.txt", _seed().replace(CELL, "2210201\t住房公积金\t45.37\t45.37", 1)))
    assert load_directory(other, fresh_db, workers=1).loaded == 1
    # the first folder still holds the original bytes: their document stays, beside the new one
    assert _rows(fresh_db, "SELECT count(*) FROM raw.document WHERE status = 'loaded'") == [(2,)]
    assert load_directory(first, fresh_db, workers=1).skipped == 1


# --------------------------------------------------------------------------- twins


def _whole_seed_marts(url: str, tmp_path: Path) -> dict[str, list]:
    load_directory(_write(tmp_path / "whole", (SEED.name, _seed())), url, workers=1)
    assert run_dbt(url, ["build"], quiet=True) == 0
    return {mart: _mart(url, mart) for mart in FACTS_AND_MARTS}


@pytest.fixture(scope="module")
def seed_marts(embedded_server, tmp_path_factory) -> dict[str, list]:
    """The marts of the seed loaded alone: what every twin case must give."""
    from loaders.migrate import upgrade
    from tests.conftest import _fresh_database

    url = _fresh_database(embedded_server)
    upgrade(url)
    return _whole_seed_marts(url, tmp_path_factory.mktemp("seed"))


TWIN_CASES = {
    # a 部门 publication and its 单位 twin with the same totals: the 部门 one is chosen
    "department_and_unit_twin": (("bumen.txt", _seed()), ("danwei.txt", _unit_twin(_seed()))),
    # a tables-only 部门 half and a text-only 单位 half: the parts complement each other
    "tables_half_and_text_half_of_twins": (
        ("gongkaibiao.txt", _cut(TABLE_LINES)),
        ("wenjian.txt", _unit_twin(_cut(TEXT_LINES))),
    ),
    # a 单位 twin that disagrees with the 部门 publication (another figure): the 部门 one is chosen
    "disagreeing_unit_twin": (
        ("bumen.txt", _seed()),
        ("danwei.txt", _unit_twin(_seed()).replace(CELL, "2210201\t住房公积金\t45.37\t45.37", 1)),
    ),
}


@pytest.mark.parametrize("case", sorted(TWIN_CASES))
def test_twins_build_with_every_grain_and_the_marts_of_the_chosen_publication(fresh_db, tmp_path, seed_marts, case):
    load_directory(_write(tmp_path / "raw", *TWIN_CASES[case]), fresh_db, workers=1)
    assert run_dbt(fresh_db, ["build"], quiet=True) == 0  # every model built, every grain test passed
    for mart, expected in seed_marts.items():
        assert _mart(fresh_db, mart) == expected, mart
    statuses = _rows(
        fresh_db,
        "SELECT d.disclosure_scope, d.document_part, s.status FROM marts.dim_document d "
        "JOIN transform.int_document_status s USING (document_id) ORDER BY d.disclosure_scope, d.document_part",
    )
    if case == "tables_half_and_text_half_of_twins":
        assert statuses == [("department", "tables", "current"), ("unit", "text", "current")]
    else:
        assert statuses == [("department", "complete", "current"), ("unit", "complete", "twin_not_chosen")]


def test_two_recrawls_of_one_publication_that_disagree_give_one_deterministic_version(fresh_db, tmp_path):
    """Byte-different copies of one publication loaded in one run: neither dated nor marked 更正, the
    smallest document id is chosen, whatever the file names and the load order."""
    raw = _write(
        tmp_path / "raw",
        ("crawl_a.txt", _seed()),
        ("crawl_b.txt", _seed().replace(CELL, "2210201\t住房公积金\t45.37\t45.37", 1)),
        ("crawl_c.txt", _seed() + "\n"),  # a re-crawl that differs by a trailing newline only
    )
    load_directory(raw, fresh_db, workers=1)
    assert run_dbt(fresh_db, ["build"], quiet=True) == 0
    ids = _ids(fresh_db)
    chosen = min(ids.values())
    assert _rows(fresh_db, "SELECT document_id FROM marts.dim_document WHERE is_current") == [(chosen,)]
    assert _rows(fresh_db, "SELECT DISTINCT document_id FROM marts.fct_revenue") == [(chosen,)]
    others = sorted(
        _rows(
            fresh_db,
            "SELECT status, chosen_document_id FROM transform.int_document_status WHERE NOT document_id = %s",
            chosen,
        )
    )
    assert others == [("superseded", chosen), ("superseded", chosen)]


# --------------------------------------------------------------------------- quarantine and forget


def test_an_absurd_document_is_quarantined_and_every_run_exits_0(govfin_env, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    _write(raw, ("absurd.txt", _seed().replace(CELL, ABSURD, 1)))
    first = govfin("run", "--raw-dir", str(raw), env=govfin_env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "5 loaded" in first.stdout and "1 quarantined" in first.stdout
    assert "absurd.txt" in first.stdout and "plausibility bound" in first.stdout
    again = govfin("run", "--raw-dir", str(raw), env=govfin_env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "0 loaded, 6 skipped" in again.stdout
    url = govfin_env["DATABASE_URL"]
    [(absurd_id, reason)] = _rows(
        url, "SELECT document_id, quarantine_reason FROM raw.document WHERE status = 'quarantined'"
    )
    assert "999999999999999900.00 yuan" in reason
    # kept in staging, out of every mart; the seed it imitates is the one in the marts
    assert _rows(url, "SELECT count(*) > 0 FROM staging.functional_amount WHERE document_id = %s", absurd_id) == [
        (True,)
    ]
    for mart in (*FACTS_AND_MARTS, "dim_document"):
        assert _rows(url, f"SELECT count(*) FROM marts.{mart} WHERE document_id = %s", absurd_id) == [(0,)], mart
    assert _rows(url, "SELECT max(amount_yuan) < 1e13 FROM marts.fct_revenue") == [(True,)]
    assert _rows(
        url, "SELECT status, status_reason FROM transform.int_document_status WHERE document_id = %s", absurd_id
    ) == [("quarantined", reason)]
    status = govfin("status", "--quarantined", env=govfin_env)
    assert status.returncode == 0 and "absurd.txt" in status.stdout and "plausibility bound" in status.stdout
    assert "000_3b0a4ec0e1089ac8.txt" not in status.stdout


def test_a_document_contradicting_its_own_totals_builds_and_is_reported(fresh_db, tmp_path):
    """A summary total 100 万元 off its expenditure table: a source contradiction, reported in
    quality.reconciliation and warned by the mart's test, never a failed build."""
    printed = "本年收入合计\t27\t1,214.68\t本年支出合计\t58\t1,214.68"
    assert _seed().count(printed) == 1
    contradicting = _seed().replace(printed, printed[:-8] + "1,314.68")
    load_directory(_write(tmp_path / "raw", ("contradicting.txt", contradicting)), fresh_db, workers=1)
    assert run_dbt(fresh_db, ["build"], quiet=True) == 0
    assert _rows(
        fresh_db, "SELECT total_expenditure_yuan::text, basic_yuan + project_yuan FROM marts.mart_department_year"
    ) == [("13146800.00", 12146800)]
    failed = _rows(
        fresh_db, "SELECT rule_id FROM quality.reconciliation WHERE status = 'fail' AND rule_id LIKE 'summary.%%'"
    )
    assert failed, "the contradiction is not reported"


def test_forget_by_path_and_by_id_removes_the_document_and_its_facts(govfin_env, tmp_path):
    url = govfin_env["DATABASE_URL"]
    raw = _write(tmp_path / "raw", ("a.txt", _seed()), ("b.txt", OTHER_SEED.read_text(encoding="utf-8")))
    assert govfin("run", "--raw-dir", str(raw), env=govfin_env).returncode == 0
    ids = _ids(url)
    # by path: the file's bytes and its recorded location
    by_path = govfin("forget", str(raw / "a.txt"), env=govfin_env)
    assert by_path.returncode == 0, by_path.stderr
    assert "still there" in by_path.stdout  # the next run would load it again
    (raw / "a.txt").unlink()
    # by a document id prefix, as `govfin status` shows it
    by_id = govfin("forget", ids["b.txt"][:12], env=govfin_env)
    assert by_id.returncode == 0, by_id.stderr
    with psycopg.connect(url) as conn:
        for table in ("raw.document", "raw.source_file", "raw.document_issue", "staging.functional_amount"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    missing = govfin("forget", ids["b.txt"], env=govfin_env)
    assert missing.returncode == 1 and "no loaded document" in missing.stderr
    rebuilt = govfin("run", "--raw-dir", str(raw), env=govfin_env)
    assert rebuilt.returncode == 0 and "1 loaded" in rebuilt.stdout
    assert _rows(url, "SELECT count(*) FROM marts.dim_document") == [(1,)]


def test_forget_finds_a_deleted_file_by_its_recorded_location(fresh_db, tmp_path):
    from loaders.forget import forget

    raw = _write(tmp_path / "raw", ("gone.txt", _seed()))
    load_directory(raw, fresh_db, workers=1)
    (raw / "gone.txt").unlink()
    [removed] = forget(fresh_db, str(raw / "gone.txt"))
    assert removed.locations == (str(raw / "gone.txt"),) and removed.staging_rows > 0
    assert _rows(fresh_db, "SELECT count(*) FROM raw.document") == [(0,)]


def test_rerun_of_twins_and_a_quarantined_document_is_a_no_op(fresh_db, tmp_path):
    raw = _write(
        tmp_path / "raw",
        *TWIN_CASES["department_and_unit_twin"],
        ("absurd.txt", _seed().replace(CELL, ABSURD, 1)),
    )
    first = load_directory(raw, fresh_db, workers=1)
    assert (first.loaded, first.quarantined) == (2, 1)
    before = _rows(fresh_db, "SELECT document_id, status, loaded_at FROM raw.document ORDER BY 1")
    again = load_directory(raw, fresh_db, workers=1)
    assert (again.loaded, again.quarantined, again.skipped) == (0, 0, 3)
    assert _rows(fresh_db, "SELECT document_id, status, loaded_at FROM raw.document ORDER BY 1") == before


def test_a_failing_grain_test_names_the_documents_of_the_duplicate_rows(built_seeds_url, tmp_path):
    with psycopg.connect(built_seeds_url, autocommit=True) as conn:
        ctid, document_id = conn.execute(
            "INSERT INTO marts.fct_revenue SELECT * FROM marts.fct_revenue LIMIT 1 RETURNING ctid, document_id"
        ).fetchone()
        try:
            selection = "fct_revenue,test_name:grain_is_unique"
            assert run_dbt(built_seeds_url, ["compile", "--select", selection, "--target-path", str(tmp_path)]) == 0
            [compiled] = (tmp_path / "compiled").rglob("grain_is_unique_fct_revenue*.sql")
            failures = conn.execute(compiled.read_text(encoding="utf-8")).fetchall()
            assert run_dbt(built_seeds_url, ["test", "--select", selection], quiet=True) == 1
        finally:
            conn.execute("DELETE FROM marts.fct_revenue WHERE ctid = %s", (ctid,))
    [failure] = failures
    assert failure[-1] == document_id and failure[-2] == 2  # document_ids, duplicate_rows


def test_the_migration_gives_existing_files_the_folder_of_the_run_that_saw_them(embedded_server):
    """A ledger from before 0006 keeps its files known: each takes its run's folder, so the next run
    on that folder skips them instead of loading them again."""
    from loaders.migrate import upgrade
    from tests.conftest import _fresh_database

    url = _fresh_database(embedded_server)
    upgrade(url, "0003")
    with psycopg.connect(url) as conn:
        run = conn.execute(
            "INSERT INTO raw.load_run (raw_dir, parser_version) VALUES ('/data/raw', 'v') RETURNING run_id"
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO raw.document (document_id, source_path, file_name, size_bytes, status, parser_version, "
            "run_id) VALUES ('d1', 'a/x.txt', 'x.txt', 1, 'loaded', 'v', %s)",
            (run,),
        )
        conn.execute(
            "INSERT INTO raw.source_file (source_path, document_id, size_bytes, mtime_ns, run_id, status) "
            "VALUES ('a/x.txt', 'd1', 1, 1, %s, 'loaded')",
            (run,),
        )
    upgrade(url)
    assert _rows(url, "SELECT source_root, source_path FROM raw.source_file") == [("/data/raw", "a/x.txt")]
    assert _rows(url, "SELECT source_root, quarantine_reason FROM raw.document") == [("/data/raw", None)]
    with psycopg.connect(url) as conn:  # the same relative path under another folder is another row
        conn.execute(
            "INSERT INTO raw.source_file (source_root, source_path, document_id, size_bytes, mtime_ns, status) "
            "VALUES ('/other', 'a/x.txt', 'd1', 1, 1, 'duplicate')"
        )
