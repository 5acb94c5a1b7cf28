"""The standby generation: the marts the last swap moved out, kept in the build schemas to be patched.

The swap (loaders/build.py) exchanges generations: the new marts go live and the ones they
replace move into the build schemas. The next build patches that standby generation (the
incremental models rewrite only the documents int_document_changes lists: those of each
department and year where something changed since it was built) instead of building every mart
from nothing, and swaps it in.

A standby may be patched only if a build that passed every test swapped it out and nothing has
touched it since, and the dbt project that built it is the one building now. The marker records
that: written with the project's digest in the swap's transaction, removed (and committed) before
dbt starts on the standby. A build that failed, was killed, or could not swap leaves no marker;
the next build then empties the build schemas and builds everything (``--full-refresh``).
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from loaders.build_stamp import project_digest

MARKER_TABLE = ("transform", "build_standby")


def patchable(conn: psycopg.Connection) -> bool:
    """Whether the build schemas hold a standby generation this project may patch."""
    if conn.execute("SELECT to_regclass(%s)", (".".join(MARKER_TABLE),)).fetchone()[0] is None:
        return False
    row = conn.execute(sql.SQL("SELECT project FROM {}").format(sql.Identifier(*MARKER_TABLE))).fetchone()
    return bool(row) and row[0] == project_digest()


def claim(conn: psycopg.Connection) -> None:
    """Remove the marker before dbt writes into the standby: a build that does not end in a swap
    leaves the standby half patched, and the next build must not patch it again."""
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(*MARKER_TABLE)))


def record(conn: psycopg.Connection) -> None:
    """Mark the generation just swapped out as patchable (call inside the swap's transaction)."""
    table = sql.Identifier(*MARKER_TABLE)
    conn.execute(
        sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} (project text NOT NULL, swapped_at timestamptz NOT NULL DEFAULT now())"
        ).format(table)
    )
    conn.execute(sql.SQL("DELETE FROM {}").format(table))
    conn.execute(sql.SQL("INSERT INTO {} (project) VALUES (%s)").format(table), (project_digest(),))
