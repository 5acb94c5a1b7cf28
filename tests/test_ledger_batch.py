"""The ledger of a batch written in a few statements keeps what it kept document by document."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg

from loaders.pipeline import load_directory

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEED = "000_3b0a4ec0e1089ac8.txt"


def _documents(url: str) -> dict[str, tuple]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT document_id, first_seen_at, loaded_at, source_path FROM raw.document").fetchall()
    return {r[0]: r[1:] for r in rows}


def test_a_reload_keeps_when_the_bytes_were_first_seen(fresh_db, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    load_directory(raw, fresh_db, workers=1)
    before = _documents(fresh_db)
    again = load_directory(raw, fresh_db, workers=1, force=True)
    after = _documents(fresh_db)
    assert again.loaded == len(before) == 5
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    assert all(after[k][1] > before[k][1] for k in before), "the reload did not write the ledger again"


def test_a_document_two_changed_files_held_goes_with_them(fresh_db, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = (RAW / SEED).read_text(encoding="utf-8")
    (raw / "a.txt").write_text(text, encoding="utf-8")
    (raw / "b.txt").write_text(text, encoding="utf-8")
    first = load_directory(raw, fresh_db, workers=1)
    assert (first.loaded, first.skipped) == (1, 1)  # b.txt: a duplicate of a.txt
    (old_id,) = _documents(fresh_db)
    (raw / "a.txt").write_text(text + "\n附：甲\n", encoding="utf-8")
    (raw / "b.txt").write_text(text + "\n附：乙\n", encoding="utf-8")
    second = load_directory(raw, fresh_db, workers=1)
    assert second.loaded == 2
    documents = _documents(fresh_db)
    assert old_id not in documents and len(documents) == 2
    with psycopg.connect(fresh_db) as conn:
        staged = conn.execute(
            "SELECT count(*) FROM staging.functional_amount WHERE document_id = %s", (old_id,)
        ).fetchone()[0]
    assert staged == 0
