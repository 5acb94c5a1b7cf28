"""Reconciliation rules keep their grain (one row per document and rule) on any input.

Reproduces the crawler-corpus build that failed: a 项目支出预算表 printing one project name twice
(the same project under two units) made the target-sheet rule join two list rows and emit the
same ``rule_id`` twice, so ``int_reconciliation_projects``' grain test failed and no mart was
swapped in. The seeds are loaded, one budget-list row of a project that has a target sheet is
printed again under a new sequence number, and the real ``dbt build`` must pass with one rule
row per target sheet, compared with the closer of the two list rows.
"""

from __future__ import annotations

import psycopg
from conftest import RAW_DIR

from loaders.dbt import run_dbt
from loaders.pipeline import load_directory


def test_a_project_name_the_list_prints_twice_keeps_the_rules_grain(fresh_db):
    summary = load_directory(RAW_DIR, fresh_db, workers=1)
    assert summary.failed == 0
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        row = conn.execute(
            "SELECT l.document_id, l.project_seq, l.project_name, l.budget_full_year_yuan "
            "FROM staging.project l JOIN staging.project t ON t.document_id = l.document_id "
            "AND t.project_name = l.project_name AND t.phase = 'target' "
            "WHERE l.phase = 'budget_list' AND l.budget_full_year_yuan IS NOT NULL LIMIT 1"
        ).fetchone()
        assert row, "the seeds hold a target sheet with its budget-list row"
        document_id, seq, name, amount = row
        columns = [
            r[0]
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'staging' "
                "AND table_name = 'project' AND column_name NOT IN ('project_seq', 'budget_full_year_yuan') "
                "ORDER BY ordinal_position"
            )
        ]
        new_seq = conn.execute(
            "SELECT max(project_seq) + 1 FROM staging.project WHERE document_id = %s", (document_id,)
        ).fetchone()[0]
        # the same name again, as another unit's row of a different amount
        conn.execute(
            f"INSERT INTO staging.project (project_seq, budget_full_year_yuan, {', '.join(columns)}) "
            f"SELECT %s, budget_full_year_yuan + 1000, {', '.join(columns)} FROM staging.project "
            "WHERE document_id = %s AND project_seq = %s",
            (new_seq, document_id, seq),
        )

    assert run_dbt(fresh_db, ["build"], quiet=True) == 0, "the build failed on a project name printed twice"

    with psycopg.connect(fresh_db) as conn:
        rules = conn.execute(
            "SELECT rule_id, expected_yuan FROM transform.int_reconciliation_projects "
            "WHERE document_id = %s AND rule_id LIKE 'project.target_matches_budget_list.%%' "
            "AND description LIKE %s",
            (document_id, name + ":%"),
        ).fetchall()
    assert len(rules) == 1, rules
    assert rules[0][1] == amount  # the closer row: the target sheet's own, not the other unit's
