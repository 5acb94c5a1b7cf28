"""The semantic layer (MetricFlow) answers the headline measures exactly as the marts hold them."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from loaders.dbt import DBT_PROJECT, dbt_env

MF = Path(sys.executable).with_name("mf")


def mf_query(url: str, tmp_path: Path, metrics: list[str], group_by: list[str]) -> list[dict]:
    """``mf query`` on a semantic manifest parsed for ``url``'s database, in a copy of the dbt
    project: mf reads the project's own target/, which another test may have parsed for
    another database."""
    project = tmp_path / "dbt_project"
    if not project.exists():
        shutil.copytree(DBT_PROJECT, project, ignore=shutil.ignore_patterns("target", "logs"))
    out = tmp_path / f"{'_'.join(metrics)}.csv"
    env = dict(dbt_env(url), DBT_PROFILES_DIR=str(project))
    parsed = subprocess.run(
        [str(MF.with_name("dbt")), "parse"], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )
    assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    done = subprocess.run(
        [str(MF), "query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by), "--csv", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    with out.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def by_department_year(rows: list[dict]) -> dict[tuple[str, int], dict]:
    return {(r["department__name"], int(r["metric_time__year"][:4])): r for r in rows}


@pytest.fixture(scope="module")
def mart(built_seeds_url) -> dict[tuple[str, int], tuple]:
    with psycopg.connect(built_seeds_url) as conn:
        rows = conn.execute("""
            SELECT m.department_name, m.fiscal_year, m.total_expenditure_yuan, m.budget_execution_rate,
                   m.three_public_actual_yuan, t.execution_rate
            FROM marts.mart_department_year m
            LEFT JOIN marts.fct_three_public_expenses t
                   ON t.department_id = m.department_id AND t.fiscal_year = m.fiscal_year AND t.item = 'total'
        """).fetchall()
    return {(r[0], r[1]): r[2:] for r in rows}


def test_execution_rate_and_spending_equal_the_mart(built_seeds_url, mart, tmp_path):
    answers = by_department_year(
        mf_query(
            built_seeds_url,
            tmp_path,
            ["total_expenditure", "budget_execution_rate"],
            ["department__name", "metric_time__year"],
        )
    )
    assert set(answers) == set(mart)
    for key, (spent, rate, _, _) in mart.items():
        assert Decimal(answers[key]["total_expenditure"]) == spent, key
        assert rate is not None, f"the seeds all have a budget: {key}"
        assert round(Decimal(answers[key]["budget_execution_rate"]), 4) == rate, key


def test_three_public_metrics_equal_the_mart(built_seeds_url, mart, tmp_path):
    answers = by_department_year(
        mf_query(
            built_seeds_url,
            tmp_path,
            ["three_public_actual", "three_public_execution_rate"],
            ["department__name", "metric_time__year"],
        )
    )
    expected = {k: v for k, v in mart.items() if v[2] is not None}
    assert expected, "the seeds print 三公 totals"
    assert set(answers) == set(expected)
    for key, (_, _, actual, rate) in expected.items():
        assert Decimal(answers[key]["three_public_actual"]) == actual, key
        if rate is None:
            assert answers[key]["three_public_execution_rate"] in ("", None), key
        else:
            assert round(Decimal(answers[key]["three_public_execution_rate"]), 4) == rate, key
