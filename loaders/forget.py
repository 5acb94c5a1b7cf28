"""`govfin forget FILE|DOCUMENT_ID`: remove a document and its facts from the warehouse.

A FILE is matched by the sha256 of its bytes (wherever it was loaded from) and by its recorded
source location (the folder and path a run found it at), so a file already deleted or changed
on disk is still found by where it was. A DOCUMENT_ID may be given whole or by a prefix of at
least ``MIN_PREFIX`` hex digits (`govfin status` shows twelve) that names one document.

Everything goes in one transaction: the ledger rows of the document, every source location
that held it, its staging facts and its parse issues (these two by ``ON DELETE CASCADE``). The
marts drop it at the next build. A file still under a raw folder is loaded again by the next
run: move it away first.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

MIN_PREFIX = 8
HEX = re.compile(r"^[0-9a-f]+$")


class ForgetError(ValueError):
    """Nothing, or more than one document, matches what was given."""


@dataclass(frozen=True)
class Forgotten:
    """A removed document: its id, the locations that held it, its staging rows."""

    document_id: str
    locations: tuple[str, ...]
    staging_rows: int


def forget(url: str, target: str) -> list[Forgotten]:
    """Remove every document ``target`` names (a file path or a document id); see module doc."""
    from loaders.run_lock import LOCK_TABLE

    with psycopg.connect(url) as conn, conn.transaction():
        # never under a running load: it might be writing this very document (the run lock, held
        # to the end of this transaction)
        try:
            conn.execute(f"LOCK TABLE {LOCK_TABLE} IN EXCLUSIVE MODE NOWAIT")
        except psycopg.errors.LockNotAvailable:
            raise ForgetError("a govfin run is in progress: forget after it finishes") from None
        ids = _matching_ids(conn, target)
        if not ids:
            raise ForgetError(f"no loaded document matches {target!r} (by its bytes, its location or its id)")
        return [_remove(conn, document_id) for document_id in sorted(ids)]


def _matching_ids(conn: psycopg.Connection, target: str) -> set[str]:
    path = Path(target)
    if path.is_file():
        ids = {_sha256(path)} & _known_ids(conn)
        return ids | _ids_at(conn, path.resolve())
    if HEX.match(target.lower()) and len(target) >= MIN_PREFIX:
        rows = conn.execute(
            "SELECT document_id FROM raw.document WHERE document_id LIKE %s", (target.lower() + "%",)
        ).fetchall()
        if len(rows) > 1:
            raise ForgetError(f"{target!r} is the start of {len(rows)} document ids: give more of it")
        if rows:
            return {rows[0][0]}
    return _ids_at(conn, path.resolve())


def _known_ids(conn: psycopg.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT document_id FROM raw.document").fetchall()}


def _ids_at(conn: psycopg.Connection, location: Path) -> set[str]:
    """Documents recorded at ``location`` (a file's absolute path): its folder and path under it."""
    rows = conn.execute("SELECT source_root, source_path, document_id FROM raw.source_file").fetchall()
    return {doc for root, rel, doc in rows if Path(root) / rel == location}


def _remove(conn: psycopg.Connection, document_id: str) -> Forgotten:
    staged = conn.execute(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'staging' "
        "AND column_name = 'document_id'"
    ).fetchall()
    rows = sum(
        conn.execute(f"SELECT count(*) FROM staging.{table} WHERE document_id = %s", (document_id,)).fetchone()[0]
        for (table,) in staged
    )
    locations = conn.execute(
        "DELETE FROM raw.source_file WHERE document_id = %s RETURNING source_root, source_path", (document_id,)
    ).fetchall()
    # staging facts and parse issues go with it (ON DELETE CASCADE)
    conn.execute("DELETE FROM raw.document WHERE document_id = %s", (document_id,))
    return Forgotten(document_id, tuple(str(Path(root) / rel) for root, rel in sorted(locations)), rows)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
