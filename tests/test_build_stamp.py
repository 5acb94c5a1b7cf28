"""The build stamp: `govfin run` skips dbt only while the live marts are what a build would produce.

Real `govfin run` processes on a real embedded PostgreSQL: a rerun with nothing new skips dbt and
leaves the very same marts; a new document, a forgotten one and a mart dropped by hand each make
the next run build. The project digest is checked on a copy of the dbt project.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import psycopg

from loaders import build_stamp
from loaders.dbt import DBT_PROJECT
from tests.test_run_concurrency import govfin, seeds

LIVE_OIDS = """
    SELECT n.nspname || '.' || c.relname, c.oid::bigint FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('marts', 'quality') AND c.relkind IN ('r', 'v') ORDER BY 1"""


def run(raw: Path, env: dict) -> dict:
    result = govfin("run", "--format", "json", "--raw-dir", str(raw), env=env, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def live(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(LIVE_OIDS).fetchall()


def documents_in_marts(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM marts.dim_document").fetchone()[0]


def test_run_skips_dbt_only_while_the_marts_are_current(govfin_env, tmp_path):
    url = govfin_env["DATABASE_URL"]
    raw = seeds(tmp_path, 2)
    first = run(raw, govfin_env)
    assert first["dbt_build"]["skipped"] is False and documents_in_marts(url) == 2
    built = live(url)

    again = run(raw, govfin_env)
    assert again["documents"]["loaded"] == 0
    assert again["dbt_build"] == {"exit_code": 0, "ok": True, "skipped": True}
    assert live(url) == built, "a skipped build changed the marts"

    seeds(tmp_path, 3)  # a third publication in the same folder
    grown = run(raw, govfin_env)
    assert grown["dbt_build"]["skipped"] is False and documents_in_marts(url) == 3

    forgotten = sorted(raw.iterdir())[0]
    assert govfin("forget", str(forgotten), env=govfin_env).returncode == 0
    forgotten.unlink()
    shrunk = run(raw, govfin_env)
    assert shrunk["dbt_build"]["skipped"] is False and documents_in_marts(url) == 2

    with psycopg.connect(url, autocommit=True) as conn:  # a mart dropped outside govfin
        conn.execute("DROP TABLE marts.mart_department_year CASCADE")
    rebuilt = run(raw, govfin_env)
    assert rebuilt["dbt_build"]["skipped"] is False
    assert "marts.mart_department_year" in dict(live(url))


def test_project_digest_follows_the_project_sources_not_dbt_output(tmp_path):
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT, project, ignore=shutil.ignore_patterns(*build_stamp.NOT_SOURCES))
    before = build_stamp.project_digest(project)
    (project / "target").mkdir()
    (project / "target" / "run_results.json").write_text("{}")
    assert build_stamp.project_digest(project) == before, "dbt's own output changed the digest"
    model = project / "models" / "marts" / "fct_revenue.sql"
    model.write_text(model.read_text() + "\n-- changed\n")
    assert build_stamp.project_digest(project) != before


def test_ledger_tables_are_the_raw_sources():
    tables = build_stamp.ledger_tables()
    assert ("raw", "document") in tables and ("raw", "source_file") in tables
    assert all(schema == "raw" for schema, _ in tables)
