"""The build stamp: whether the live marts were built from exactly what the warehouse holds now.

A nightly `govfin run` that loaded nothing new would otherwise pay a whole dbt build (dbt's
start, every model, every test: minutes) to produce the marts it already has. The stamp is
two digests, written in the swap's own transaction so it always describes the live set:

- ``inputs``: every row of the ledger tables dbt reads (the ``raw`` sources of
  ``models/staging/_sources.yml``, hashed row by row), every file of the dbt project (SQL,
  yml, macros, the local packages) and of the migrations, and the dbt version. Staging rows need no hashing: the
  loader writes a document's staging rows in the transaction that writes its
  ``raw.document`` row (with a new ``loaded_at``) and they go with it (``ON DELETE CASCADE``),
  so a change to them is a change to ``raw.document``.
- ``marts``: the live marts and quality relations by name and oid; a mart dropped or rebuilt
  outside ``govfin`` (a hand-run ``dbt build``) changes it.

`govfin run` skips dbt when both equal the stored stamp; any difference, or no stamp, builds.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

import psycopg
import yaml
from psycopg import sql

from loaders.db import PROJECT_ROOT
from loaders.dbt import DBT_PROJECT

STAMP_TABLE = ("transform", "build_stamp")
# a migration may rewrite the ledger or staging tables (a backfill) or their types
MIGRATIONS = PROJECT_ROOT / "migrations"
# what dbt writes or links inside the project, and Python's caches: not sources of the build
NOT_SOURCES = {"target", "logs", "dbt_packages", "__pycache__"}


def project_digest(project: Path = DBT_PROJECT, migrations: Path = MIGRATIONS) -> str:
    """sha256 over the dbt project's files and the migrations' (path and bytes), and the dbt version."""
    digest = hashlib.sha256()
    for package in ("dbt-core", "dbt-postgres"):
        try:
            digest.update(f"{package}={metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=?\n".encode())
    for root in (project, migrations):
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if NOT_SOURCES.intersection(relative.parts) or not path.is_file():
                continue
            digest.update(f"{root.name}/{relative}".encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def ledger_tables(project: Path = DBT_PROJECT) -> list[tuple[str, str]]:
    """(schema, table) of every source dbt reads from the ``raw`` schema."""
    spec = yaml.safe_load((project / "models" / "staging" / "_sources.yml").read_text(encoding="utf-8"))
    tables = []
    for source in spec.get("sources", []):
        schema = source.get("schema", source["name"])
        if schema == "raw":
            tables += [(schema, t["name"]) for t in source.get("tables", [])]
    return sorted(tables)


def inputs_digest(conn: psycopg.Connection) -> str:
    """The project's digest and every row of the ledger tables dbt reads."""
    digest = hashlib.sha256(project_digest().encode())
    for schema, table in ledger_tables():
        rows = sql.SQL("SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t")
        row = conn.execute(rows.format(sql.Identifier(schema, table))).fetchone()
        digest.update(f"{schema}.{table}:{row[0]}:{row[1]}\n".encode())
    return digest.hexdigest()


def marts_digest(conn: psycopg.Connection, schemas: list[str]) -> str:
    """The live relations of ``schemas`` by name and oid."""
    rows = conn.execute(
        "SELECT n.nspname, c.relname, c.oid::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY 1, 2",
        (schemas,),
    ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def stored(conn: psycopg.Connection) -> tuple[str, str] | None:
    """(inputs, marts) of the last build swapped in, or None."""
    exists = conn.execute("SELECT to_regclass(%s)", (".".join(STAMP_TABLE),)).fetchone()[0]
    if exists is None:
        return None
    row = conn.execute(sql.SQL("SELECT inputs, marts FROM {}").format(sql.Identifier(*STAMP_TABLE))).fetchone()
    return (row[0], row[1]) if row else None


def save(conn: psycopg.Connection, inputs: str, marts: str) -> None:
    """Record the stamp of the build just swapped in (call inside the swap's transaction)."""
    table = sql.Identifier(*STAMP_TABLE)
    conn.execute(
        sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} (inputs text NOT NULL, marts text NOT NULL, "
            "built_at timestamptz NOT NULL DEFAULT now())"
        ).format(table)
    )
    conn.execute(sql.SQL("DELETE FROM {}").format(table))
    conn.execute(sql.SQL("INSERT INTO {} (inputs, marts) VALUES (%s, %s)").format(table), (inputs, marts))


def forget(conn: psycopg.Connection) -> None:
    """Drop the stamp: the next run builds whatever it finds."""
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(*STAMP_TABLE)))
