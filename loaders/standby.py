"""The standby generation: the marts the last swap moved out, kept in the build schemas to be patched.

The swap (loaders/build.py) exchanges generations: the new marts go live and the ones they
replace move into the build schemas. The next build patches that standby generation (the
incremental models rewrite only the documents int_document_changes lists: those of each
department and year where something changed since it was built) instead of building every mart
from nothing, and swaps it in.

A standby may be patched only if a build that passed every test swapped it out, nothing has
touched it since, and the dbt project that built it is the one building now. The marker
(``transform.build_standby``) records that: the digest of the project that built the live
generation and of the one that built the standby. The swap's transaction writes it (the
replaced live generation's project becomes the standby's); the build clears the standby's
before dbt writes into it, so a build that failed, was killed or could not swap leaves a
standby no one vouches for. The next build then empties the build schemas and builds
everything (``--full-refresh``); so does the first build after the project changed, and the one
after it (its standby was built by the old project).
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from loaders.build_stamp import project_digest

MARKER_TABLE = ("transform", "build_standby")


def _marker(conn: psycopg.Connection) -> tuple[str | None, str | None]:
    """(project of the standby, project of the live generation); None where unknown."""
    if conn.execute("SELECT to_regclass(%s)", (".".join(MARKER_TABLE),)).fetchone()[0] is None:
        return None, None
    row = conn.execute(
        sql.SQL("SELECT standby_project, live_project FROM {}").format(sql.Identifier(*MARKER_TABLE))
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def patchable(conn: psycopg.Connection) -> bool:
    """Whether the build schemas hold a standby generation this project may patch."""
    return _marker(conn)[0] == project_digest()


def built_live(conn: psycopg.Connection) -> bool:
    """Whether this project built the live generation (False after a change of the project, or unknown)."""
    return _marker(conn)[1] == project_digest()


def changed_share(conn: psycopg.Connection, build_schema: str) -> float:
    """The share of documents loaded, reloaded or forgotten since the standby was built (1.0 when
    it has no dim_document). Patching costs more per document than building whole, so a build
    after a large load (or the first one after a full rebuild, whose standby is the generation
    before it) builds whole instead."""
    standby = sql.Identifier(build_schema, "dim_document")
    if conn.execute("SELECT to_regclass(%s)", (f"{build_schema}.dim_document",)).fetchone()[0] is None:
        return 1.0
    query = sql.SQL(
        "WITH now AS (SELECT document_id, loaded_at FROM raw.document WHERE status = 'loaded'), "
        "standby AS (SELECT document_id, loaded_at FROM {}) "
        "SELECT (SELECT count(*) FROM (SELECT * FROM now EXCEPT SELECT * FROM standby) AS n) "
        "+ (SELECT count(*) FROM (SELECT * FROM standby EXCEPT SELECT * FROM now) AS s), (SELECT count(*) FROM now)"
    ).format(standby)
    changed, loaded = conn.execute(query).fetchone()
    return changed / max(loaded, 1)


def claim(conn: psycopg.Connection) -> None:
    """Forget the standby's project before dbt writes into it: a build that does not end in a
    swap leaves the standby half patched, and the next build must not patch it again."""
    if _marker(conn) != (None, None):
        conn.execute(sql.SQL("UPDATE {} SET standby_project = NULL").format(sql.Identifier(*MARKER_TABLE)))


def record(conn: psycopg.Connection) -> None:
    """After the swap moved the live generation into the build schemas (call inside the swap's
    transaction): that generation's project is now the standby's, this project the live one's."""
    table = sql.Identifier(*MARKER_TABLE)
    _, live = _marker(conn)
    conn.execute(
        sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} (standby_project text, live_project text NOT NULL, "
            "swapped_at timestamptz NOT NULL DEFAULT now())"
        ).format(table)
    )
    conn.execute(sql.SQL("DELETE FROM {}").format(table))
    conn.execute(
        sql.SQL("INSERT INTO {} (standby_project, live_project) VALUES (%s, %s)").format(table),
        (live, project_digest()),
    )
