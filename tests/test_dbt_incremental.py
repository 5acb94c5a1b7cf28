"""The incremental models (keyed by document) give what a full refresh gives.

Real dbt on a real PostgreSQL: synthetic documents are loaded and built; then one document is
added, one replaced (same file, new bytes) and one removed from the ledger, and the nightly
(incremental) build must leave every incremental model equal, row for row, to a
``--full-refresh`` of the same warehouse.
"""

from __future__ import annotations

import shutil

import psycopg
import pytest

from bench.corpus import generate_documents
from loaders.dbt import run_dbt
from loaders.pipeline import load_directory

INCREMENTAL_MODELS = (
    "int_functional_source_rows",
    "int_economic_basic_rows",
    *(
        f"int_reconciliation_{family}"
        for family in ("functional", "cross_table", "economic", "three_public", "procurement", "projects", "narrative")
    ),
)


def _rows(url: str, relation: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return sorted(conn.execute(f"SELECT * FROM {relation}").fetchall(), key=repr)


def _snapshot(url: str) -> dict[str, list[tuple]]:
    models = {m: _rows(url, f"transform.{m}") for m in INCREMENTAL_MODELS}
    return models | {"reconciliation": _rows(url, "quality.reconciliation")}


def _build(url: str, tmp_path, *args: str) -> None:
    # dbt run: the models only (their tests run in the other dbt tests); own target dir per build
    target = tmp_path / f"target_{len(list(tmp_path.glob('target_*')))}"
    assert run_dbt(url, ["run", "--target-path", str(target), *args], quiet=True) == 0


@pytest.mark.timeout(900)
def test_incremental_build_equals_full_refresh(fresh_db, tmp_path):
    corpus = generate_documents(tmp_path / "corpus", 9, seed=11)
    raw = tmp_path / "raw"
    raw.mkdir()
    first, added, replacement = corpus[:7], corpus[7], corpus[8]
    for doc in first:
        shutil.copy2(doc.path, raw / doc.path.name)
    assert load_directory(raw, fresh_db, workers=1).loaded == 7
    _build(fresh_db, tmp_path)

    with psycopg.connect(fresh_db) as conn:
        (before,) = conn.execute("SELECT count(*) FROM transform.int_reconciliation_functional").fetchone()
    # the nightly changes: a document added, one replaced by new bytes at its path, one forgotten
    shutil.copy2(added.path, raw / added.path.name)
    replaced = raw / first[1].path.name
    replaced.write_bytes(replacement.path.read_bytes())
    summary = load_directory(raw, fresh_db, workers=1)
    assert summary.loaded == 2 and summary.failed == 0
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        forgotten = conn.execute(
            "DELETE FROM raw.document WHERE source_path = %s RETURNING document_id", (first[2].path.name,)
        ).fetchone()
        assert forgotten
    _build(fresh_db, tmp_path)
    incremental = _snapshot(fresh_db)

    with psycopg.connect(fresh_db) as conn:
        # the build was incremental: the untouched documents' rows stayed (written by the first build)
        (writes,) = conn.execute(
            "SELECT count(DISTINCT xmin::text) FROM transform.int_reconciliation_functional"
        ).fetchone()
        gone = conn.execute(
            "SELECT count(*) FROM transform.int_reconciliation_functional WHERE document_id = %s", forgotten
        ).fetchone()
    assert writes == 2, "the nightly build rewrote every row: it was no incremental build"
    assert gone == (0,)
    assert before > 0 and all(incremental[m] for m in ("int_functional_source_rows", "reconciliation"))

    _build(fresh_db, tmp_path, "--full-refresh")
    full = _snapshot(fresh_db)
    for model in full:
        assert incremental[model] == full[model], model
