"""A patched (nightly) build gives what a full build gives, and is a patch.

Real dbt on a real PostgreSQL through the real build path (loaders.build.build_marts: dbt into
the build schemas, then the swap). Synthetic documents are loaded and built; then, night after
night, documents are added, replaced (same file, new bytes), forgotten, superseded by a new
version, and brought back as the current version when their successor is forgotten. After each
night the live marts and quality relations must equal, row for row, those of a
`govfin build --full-refresh` of the same warehouse, and the night's build must have been a patch:
it rewrote the documents of the touched departments and years only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

from bench.corpus import generate_documents
from loaders import standby
from loaders.build import build_marts
from loaders.db import login_url
from loaders.pipeline import load_directory

LIVE = ("marts", "quality")


def _snapshot(url: str) -> dict[str, list[tuple]]:
    """Every live table, its rows sorted."""
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema = ANY(%s) AND table_type = 'BASE TABLE' ORDER BY 1, 2",
            (list(LIVE),),
        ).fetchall()
        return {
            f"{schema}.{name}": sorted(conn.execute(f'SELECT * FROM "{schema}"."{name}"').fetchall(), key=repr)
            for schema, name in tables
        }


def _build(url: str, target: Path, full_refresh: bool = False) -> None:
    outcome = build_marts(login_url("transformer"), quiet=True, full_refresh=full_refresh, target=target)
    assert outcome.ok, outcome.detail


def _patch_figures(url: str) -> tuple[int, int, int]:
    """(documents the last build listed as changed, documents loaded, transactions that wrote fct_revenue)."""
    with psycopg.connect(url) as conn:
        changed = conn.execute("SELECT count(*) FROM transform.int_document_changes").fetchone()[0]
        loaded = conn.execute("SELECT count(*) FROM raw.document WHERE status = 'loaded'").fetchone()[0]
        writes = conn.execute("SELECT count(DISTINCT xmin::text) FROM marts.fct_revenue").fetchone()[0]
    return changed, loaded, writes


def _night_equals_full_build(url: str, target: Path) -> None:
    """The nightly build (a patch), then a full rebuild: the live relations must be the same."""
    _build(url, target)
    changed, loaded, writes = _patch_figures(url)
    assert 0 < changed < loaded, f"the nightly build rewrote {changed} of {loaded} documents: no patch"
    assert writes > 1, "every row of fct_revenue was written at once: the mart was rebuilt, not patched"
    patched = _snapshot(url)
    _build(url, target, full_refresh=True)
    full = _snapshot(url)
    assert patched.keys() == full.keys()
    for relation in full:
        assert patched[relation] == full[relation], f"{relation}: the patched build differs from a full one"


def _forget(url: str, path: Path) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("DELETE FROM raw.document WHERE source_path = %s RETURNING 1", (path.name,)).fetchone()


@pytest.mark.timeout(1500)
def test_nightly_patched_build_equals_full_build(fresh_db, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", fresh_db)
    monkeypatch.setenv("GOVFIN_PATCH_MAX_SHARE", "1")  # each night changes a large share of these few documents
    corpus = generate_documents(tmp_path / "corpus", 10, seed=11)
    raw = tmp_path / "raw"
    raw.mkdir()
    first, added, replacement = corpus[:8], corpus[8], corpus[9]
    for doc in first:
        shutil.copy2(doc.path, raw / doc.path.name)
    assert load_directory(raw, fresh_db, workers=1).loaded == 8
    target = tmp_path / "target"
    _build(fresh_db, target)  # the first build: nothing to patch
    _build(fresh_db, target)  # its marts become the standby the nights patch

    # night 1: a document added, one replaced by new bytes at its path, one forgotten
    shutil.copy2(added.path, raw / added.path.name)
    (raw / first[1].path.name).write_bytes(replacement.path.read_bytes())
    assert load_directory(raw, fresh_db, workers=1).loaded == 2
    _forget(fresh_db, raw / first[2].path.name)
    (raw / first[2].path.name).unlink()
    _night_equals_full_build(fresh_db, target)

    # night 2: a new version of a publication (the same file re-crawled with other bytes) supersedes it
    republished = raw / f"republished-{first[3].path.name}"
    republished.write_bytes(first[3].path.read_bytes() + b"\n")
    assert load_directory(raw, fresh_db, workers=1).loaded == 1
    _night_equals_full_build(fresh_db, target)
    with psycopg.connect(fresh_db) as conn:
        statuses = dict(conn.execute("SELECT source_file, status FROM marts.dim_document").fetchall())
    assert statuses.get(republished.name) == "current" and statuses.get(first[3].path.name) == "superseded"

    # night 3: the new version forgotten: the version it superseded is current again, though it did not change
    _forget(fresh_db, republished)
    republished.unlink()
    _night_equals_full_build(fresh_db, target)
    with psycopg.connect(fresh_db) as conn:
        status = conn.execute("SELECT status FROM marts.dim_document WHERE source_file = %s", (first[3].path.name,))
        assert status.fetchone() == ("current",)


@pytest.mark.timeout(900)
def test_only_a_standby_a_passing_build_of_this_project_swapped_out_is_patched(fresh_db, tmp_path, monkeypatch):
    """A build killed or failed after dbt began writing into the standby: the next build is whole;
    after a change of the dbt project, the next two builds are; so is one after a large load."""
    monkeypatch.setenv("DATABASE_URL", fresh_db)
    monkeypatch.setenv("GOVFIN_PATCH_MAX_SHARE", "1")
    corpus = generate_documents(tmp_path / "corpus", 5, seed=12)
    raw = tmp_path / "raw"
    raw.mkdir()
    for doc in corpus[:3]:
        shutil.copy2(doc.path, raw / doc.path.name)
    load_directory(raw, fresh_db, workers=1)
    target = tmp_path / "target"
    _build(fresh_db, target)
    _build(fresh_db, target)
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        assert standby.patchable(conn)
        standby.claim(conn)  # what a build does before dbt starts; it then died
        conn.execute("DELETE FROM marts_next.fct_revenue")  # and had half rewritten the standby
    shutil.copy2(corpus[3].path, raw / corpus[3].path.name)
    load_directory(raw, fresh_db, workers=1)
    _build(fresh_db, target)
    changed, loaded, writes = _patch_figures(fresh_db)
    assert changed == loaded and writes == 1, "a standby no build vouches for was patched"
    patched = _snapshot(fresh_db)
    _build(fresh_db, target, full_refresh=True)
    assert _snapshot(fresh_db) == patched

    # the dbt project changes: its first build, and the next (whose standby the old project built), are whole
    monkeypatch.setattr(standby, "project_digest", lambda: "the next version of the dbt project")
    for _ in range(2):
        _build(fresh_db, target)
        changed, loaded, writes = _patch_figures(fresh_db)
        assert changed == loaded and writes == 1, "a standby built by another project was patched"
    shutil.copy2(corpus[4].path, raw / corpus[4].path.name)
    load_directory(raw, fresh_db, workers=1)
    monkeypatch.setenv("GOVFIN_PATCH_MAX_SHARE", "0.1")  # one new document of five is a large load
    _build(fresh_db, target)
    changed, loaded, writes = _patch_figures(fresh_db)
    assert changed == loaded and writes == 1, "a large share of new documents was patched in"
    monkeypatch.setenv("GOVFIN_PATCH_MAX_SHARE", "1")
    (raw / f"republished-{corpus[0].path.name}").write_bytes(corpus[0].path.read_bytes() + b"\n")
    load_directory(raw, fresh_db, workers=1)
    _build(fresh_db, target)
    changed, loaded, writes = _patch_figures(fresh_db)
    assert 0 < changed < loaded and writes > 1, "the new project's own standby was not patched"
