"""Every fact and mart states its grain and foreign keys as dbt tests, and those tests fail on bad rows.

One duplicate and one orphan row (every foreign key pointing nowhere) go into each fact and mart of
the built seeds; `dbt test` must then fail each model's grain test and each of its relationships
tests. The rows are removed afterwards, so the session's marts stay as built.
"""

from __future__ import annotations

import json

import psycopg
from mart_names import FACTS_AND_MARTS

from loaders.dbt import run_dbt

GRAIN_TESTS = ("unique", "unique_combination_of_columns", "grain_is_unique")
KEY_TESTS = ("relationships", "composite_relationships")
# values no dimension holds: an orphan row carries them in every key column it has
ORPHAN_KEYS = {
    "department_id": "'orphan'",
    "document_id": "'orphan'",
    "functional_code": "'9999999'",
    "economic_code": "'99999'",
    "project_seq": "-1",
}


def _columns(conn, table: str) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'marts' AND table_name = %s "
            "ORDER BY ordinal_position",
            (table,),
        )
    ]


def _insert_bad_rows(conn, table: str) -> list:
    """A copy of one row (a duplicate) and one with every key changed (an orphan); their ctids."""
    columns = _columns(conn, table)
    orphan = ", ".join(ORPHAN_KEYS.get(c, c) for c in columns)
    inserted = []
    for select in (", ".join(columns), orphan):
        inserted += [
            r[0]
            for r in conn.execute(
                f"INSERT INTO marts.{table} ({', '.join(columns)}) SELECT {select} FROM marts.{table} LIMIT 1 "
                "RETURNING ctid"
            )
        ]
    assert len(inserted) == 2, f"marts.{table} is empty on the seeds"
    return inserted


def _tests_by_model(manifest: dict) -> dict[str, dict[str, str]]:
    """model name → {test unique_id: generic test name} for the tests attached to it."""
    result: dict[str, dict[str, str]] = {}
    for uid, node in manifest["nodes"].items():
        if node["resource_type"] == "test" and node.get("test_metadata") and node.get("attached_node"):
            model = node["attached_node"].rsplit(".", 1)[-1]
            result.setdefault(model, {})[uid] = node["test_metadata"]["name"]
    return result


def test_grain_and_relationship_tests_fail_on_duplicate_and_orphan_rows(built_seeds_url, tmp_path):
    inserted = {}
    with psycopg.connect(built_seeds_url, autocommit=True) as conn:
        try:
            for table in FACTS_AND_MARTS:
                inserted[table] = _insert_bad_rows(conn, table)
            code = run_dbt(
                built_seeds_url, ["test", "--select", "path:models/marts", "--target-path", str(tmp_path)], quiet=True
            )
        finally:
            for table, ctids in inserted.items():
                for ctid in ctids:
                    conn.execute(f"DELETE FROM marts.{table} WHERE ctid = %s", (ctid,))
    assert code == 1
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((tmp_path / "run_results.json").read_text(encoding="utf-8"))["results"]
    failed = {r["unique_id"] for r in results if r["status"] == "fail"}
    tests = _tests_by_model(manifest)
    for model in FACTS_AND_MARTS:
        grain = {uid for uid, name in tests[model].items() if name in GRAIN_TESTS}
        keys = {uid for uid, name in tests[model].items() if name in KEY_TESTS}
        assert grain, f"{model} has no grain test"
        assert len(keys) >= 2, f"{model} needs relationships to dim_department and dim_document"
        assert grain <= failed, f"{model}: a duplicate row passed {sorted(grain - failed)}"
        assert keys <= failed, f"{model}: an orphan row passed {sorted(keys - failed)}"
