"""Documents → PostgreSQL: each document's ledger row and staging rows commit together.

The loader never looks at text; it maps the fact dataclasses of ``loaders.model``
onto the ``staging.*`` tables field by field and writes them with COPY. Documents
are written in batches: one transaction and one COPY per staging table for the whole
batch, so a batch commits whole documents or none. A batch the database rejects is
written again document by document, so one bad document costs only itself. A failed
document gets a ledger row with its error and no staging rows.

A file is known by its bytes (``document_id``, sha256) and its source location (the folder a
run was given and the path under it): a changed file replaces only what its own location
loaded, never what another folder loaded. A document that fails admission
(``loaders.admission_checks``) is quarantined: its rows are staged, its ledger row says why, and
the marts leave it out. The parse workers hand the
loader each document already ``stage``d as plain rows (``StagedDocument``); the ledger of a
batch is written in a few statements, not a few per document.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import psycopg

from loaders.admission_checks import quarantine_reason
from loaders.model import (
    Document,
    EconomicAmount,
    FunctionalAmount,
    Indicator,
    NarrativeFact,
    Project,
    StatisticItem,
    SummaryAmount,
    TableRef,
    ThreePublicAmount,
)

RENAMED = {"lineno": "line_no", "seq": "project_seq", "name": "project_name"}


@dataclass(frozen=True)
class SourceFile:
    """A file found under the raw directory, as the ledger records it: its location is
    (``root``, ``path``), the folder the run was given and the path relative to it."""

    path: str
    size_bytes: int
    mtime_ns: int
    document_id: str  # sha256 of the bytes
    root: str = ""  # the raw directory, resolved


def _columns(cls, *, skip: Sequence[str] = ()) -> list[str]:
    return [RENAMED.get(f.name, f.name) for f in dataclasses.fields(cls) if f.name not in skip]


@functools.cache
def _getter(cls: type, skip: tuple[str, ...]) -> Callable[[object], tuple]:
    """A C-speed reader of ``cls``'s field values in field order (called once per staged row)."""
    names = [f.name for f in dataclasses.fields(cls) if f.name not in skip]
    get = operator.attrgetter(*names)
    return get if len(names) > 1 else lambda obj: (get(obj),)


def _values(obj, *, skip: Sequence[str] = ()) -> tuple:
    return _getter(type(obj), tuple(skip))(obj)


# staging table ← (fact class, Document attribute)
FACT_TABLES = (
    ("document_table", TableRef, "tables"),
    ("functional_amount", FunctionalAmount, "functional_amounts"),
    ("summary_amount", SummaryAmount, "summary_amounts"),
    ("economic_amount", EconomicAmount, "economic_amounts"),
    ("three_public_amount", ThreePublicAmount, "three_public_amounts"),
    ("statistic", StatisticItem, "statistics"),
    ("narrative_fact", NarrativeFact, "narrative_facts"),
)
TABLE_REF_RENAMES = {"kind": "table_kind"}
# what `govfin parse --format json` shows of a table beyond staging's columns (the unit is staged;
# its factor follows from it)
TABLE_REF_SKIP = ("header_paths", "unit_factor")


def _copy(cur: psycopg.Cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    count = 0
    with cur.copy(f"COPY staging.{table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _fact_rows(doc: Document, attr: str) -> Iterable[tuple]:
    if attr == "projects":
        return ((doc.document_id, *_values(p, skip=("indicators",))) for p in doc.projects)
    if attr == "indicators":
        return (
            (doc.document_id, p.seq, i, *_values(ind))
            for p in doc.projects
            for i, ind in enumerate(p.indicators, start=1)
        )
    skip = TABLE_REF_SKIP if attr == "tables" else ()
    return ((doc.document_id, *_values(f, skip=skip)) for f in getattr(doc, attr))


def _staging_columns() -> list[tuple[str, list[str], str]]:
    """(table, columns, Document attribute) for every staging table, in load order."""
    tables = []
    for table, cls, attr in FACT_TABLES:
        renames, skip = (TABLE_REF_RENAMES, TABLE_REF_SKIP) if cls is TableRef else ({}, ())
        tables.append((table, ["document_id"] + [renames.get(c, c) for c in _columns(cls, skip=skip)], attr))
    tables.append(("project", ["document_id", *_columns(Project, skip=("indicators",))], "projects"))
    tables.append(
        ("project_indicator", ["document_id", "project_seq", "indicator_seq", *_columns(Indicator)], "indicators")
    )
    return tables


STAGING_COLUMNS = _staging_columns()


def stage_rows(cur: psycopg.Cursor, docs: Sequence[Document | StagedDocument]) -> int:
    """COPY every fact of ``docs`` into staging, one COPY per table; returns the rows written."""
    staged = [stage(doc) for doc in docs]
    written = 0
    for i, (table, columns, _attr) in enumerate(STAGING_COLUMNS):
        if any(s.rows[i] for s in staged):
            written += _copy(cur, table, columns, (row for s in staged for row in s.rows[i]))
    return written


# DocumentMeta fields the ledger keeps, each in the raw.document column of the same name
META_COLUMNS = (
    "department",
    "department_code",
    "region_name",
    "province",
    "admin_level",
    "prefecture",
    "county",
    "adcode",
    "fiscal_year",
    "document_kind",
    "disclosure_scope",
    "printed_scope",
    "source_unit",
    "document_part",
    "is_correction",
    "correction_note",
    "published_on",
)
LEDGER_COLUMNS = (
    "document_id",
    "source_root",
    "source_path",
    "file_name",
    "size_bytes",
    *META_COLUMNS,
    "status",
    "error",
    "quarantine_reason",
    "parser_version",
    "run_id",
)
UNKNOWN_META = {"document_part": "complete", "is_correction": False}  # NOT NULL columns of a failed document


@dataclass(frozen=True)
class StagedDocument:
    """A Document as the loader writes it: its ledger metadata, issues and the rows of each staging
    table, as plain tuples. The parse workers build it (``stage``), so the loading process gets rows
    to COPY rather than objects to take apart, and fewer bytes cross between the processes."""

    document_id: str
    meta: tuple  # the values of META_COLUMNS
    issues: tuple[tuple, ...]  # (severity, table, lineno, message)
    rows: tuple[tuple[tuple, ...], ...]  # each STAGING_COLUMNS table's rows, in that order
    quarantine_reason: str | None = None  # why the document's amounts cannot be true (admission_checks)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.rows)


def stage(doc: Document | StagedDocument) -> StagedDocument:
    if isinstance(doc, StagedDocument):
        return doc
    return StagedDocument(
        doc.document_id,
        tuple(getattr(doc.meta, c) for c in META_COLUMNS),
        tuple((x.severity, x.table, x.lineno, x.message) for x in doc.issues),
        tuple(tuple(_fact_rows(doc, attr)) for _, _, attr in STAGING_COLUMNS),
        quarantine_reason(doc),
    )


def _ledger_values(
    src: SourceFile,
    doc: StagedDocument | None,
    status: str,
    error: str | None,
    parser_version: str,
    run_id: int,
    reason: str | None = None,
) -> tuple:
    meta = doc.meta if doc else [UNKNOWN_META.get(c) for c in META_COLUMNS]
    return (
        src.document_id,
        src.root,
        src.path,
        src.path.rsplit("/", 1)[-1],
        src.size_bytes,
        *meta,
        status,
        error,
        reason,
        parser_version,
        run_id,
    )


def _upsert_ledger(cur: psycopg.Cursor, values: tuple) -> None:
    cols = ", ".join(LEDGER_COLUMNS)
    marks = ", ".join(["%s"] * len(LEDGER_COLUMNS))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in LEDGER_COLUMNS[1:])
    cur.execute(
        f"INSERT INTO raw.document ({cols}) VALUES ({marks}) "
        f"ON CONFLICT (document_id) DO UPDATE SET {updates}, loaded_at = now()",
        values,
    )


def _record_source_file(cur: psycopg.Cursor, src: SourceFile, run_id: int, status: str) -> None:
    _record_source_files(cur, [src], run_id, status)


def _write_ledgers(
    cur: psycopg.Cursor, batch: Sequence[tuple[SourceFile, StagedDocument]], parser_version: str, run_id: int
) -> None:
    """The ledger of a batch in a few statements, whatever its size: the documents these locations
    (root and path) held before go unless another location still holds them; ledger rows (loaded,
    or quarantined with the reason), issues and source locations come in."""
    ids = [src.document_id for src, _ in batch]
    # a document a changed file held before goes once no location holds it any more
    previous = [
        doc_id
        for (doc_id,) in cur.execute(
            "SELECT f.document_id FROM raw.source_file f "
            "JOIN unnest(%s::text[], %s::text[]) AS k(root, path) ON (f.source_root, f.source_path) = (k.root, k.path) "
            "WHERE NOT (f.document_id = ANY(%s))",
            ([src.root for src, _ in batch], [src.path for src, _ in batch], ids),
        )
    ]
    _record_source_files(cur, [src for src, _ in batch], run_id, "loaded")
    if previous:
        cur.execute(
            "DELETE FROM raw.document d WHERE d.document_id = ANY(%s) AND NOT (d.document_id = ANY(%s)) "
            "AND NOT EXISTS (SELECT 1 FROM raw.source_file o WHERE o.document_id = d.document_id)",
            (previous, ids),
        )
    # a reload (new parser version) keeps when the bytes were first seen: which of two publications
    # is the later republication must not change because both were reloaded in one transaction
    first_seen = dict(
        cur.execute(
            "DELETE FROM raw.document WHERE document_id = ANY(%s) RETURNING document_id, first_seen_at", (ids,)
        ).fetchall()
    )
    with cur.copy(f"COPY raw.document ({', '.join(LEDGER_COLUMNS)}) FROM STDIN") as copy:
        for src, doc in batch:
            status = "quarantined" if doc.quarantine_reason else "loaded"
            copy.write_row(_ledger_values(src, doc, status, None, parser_version, run_id, doc.quarantine_reason))
    if first_seen:
        cur.execute(
            "UPDATE raw.document d SET first_seen_at = k.first_seen FROM unnest(%s::text[], %s::timestamptz[]) "
            "AS k(document_id, first_seen) WHERE d.document_id = k.document_id",
            (list(first_seen), list(first_seen.values())),
        )
    if any(doc.issues for _, doc in batch):
        with cur.copy(
            "COPY raw.document_issue (document_id, issue_seq, severity, table_ref, line_no, message) FROM STDIN"
        ) as copy:
            for src, doc in batch:
                for i, issue in enumerate(doc.issues, start=1):
                    copy.write_row((src.document_id, i, *issue))


def _record_source_files(cur: psycopg.Cursor, sources: Sequence[SourceFile], run_id: int, status: str) -> None:
    cur.execute(
        "INSERT INTO raw.source_file (source_root, source_path, document_id, size_bytes, mtime_ns, run_id, status) "
        "SELECT r, p, d, s, m, %s, %s "
        "FROM unnest(%s::text[], %s::text[], %s::text[], %s::bigint[], %s::bigint[]) AS k(r, p, d, s, m) "
        "ON CONFLICT (source_root, source_path) DO UPDATE SET "
        "document_id = EXCLUDED.document_id, size_bytes = EXCLUDED.size_bytes, "
        "mtime_ns = EXCLUDED.mtime_ns, run_id = EXCLUDED.run_id, status = EXCLUDED.status, "
        "seen_at = now()",
        (
            run_id,
            status,
            [s.root for s in sources],
            [s.path for s in sources],
            [s.document_id for s in sources],
            [s.size_bytes for s in sources],
            [s.mtime_ns for s in sources],
        ),
    )


def load_documents(
    conn: psycopg.Connection,
    batch: Sequence[tuple[SourceFile, Document | StagedDocument]],
    parser_version: str,
    run_id: int,
) -> list[int]:
    """Write a batch of documents in one transaction; the staging rows of each, in batch order."""
    staged = [(src, stage(doc)) for src, doc in batch]
    with conn.transaction(), conn.cursor() as cur:
        _write_ledgers(cur, staged, parser_version, run_id)
        stage_rows(cur, [doc for _, doc in staged])
    return [doc.row_count for _, doc in staged]


def row_count(doc: Document | StagedDocument) -> int:
    """How many staging rows ``doc`` writes."""
    if isinstance(doc, StagedDocument):
        return doc.row_count
    facts = sum(len(getattr(doc, attr)) for _, _, attr in FACT_TABLES)
    return facts + len(doc.projects) + sum(len(p.indicators) for p in doc.projects)


def load_document(
    conn: psycopg.Connection, src: SourceFile, doc: Document | StagedDocument, parser_version: str, run_id: int
) -> int:
    """Write ``doc`` atomically: old rows of this document and path go, new rows come in."""
    return load_documents(conn, [(src, doc)], parser_version, run_id)[0]


def record_failure(conn: psycopg.Connection, src: SourceFile, error: str, parser_version: str, run_id: int) -> None:
    """Ledger a document that could not be parsed or loaded; it keeps no staging rows."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT status FROM raw.document WHERE document_id = %s", (src.document_id,))
        row = cur.fetchone()
        if row and row[0] in ("loaded", "quarantined"):
            # an older parser loaded these bytes; keep those rows, note the new failure
            cur.execute("UPDATE raw.document SET error = %s WHERE document_id = %s", (error, src.document_id))
        else:
            _upsert_ledger(cur, _ledger_values(src, None, "failed", error, parser_version, run_id))
        _record_source_file(cur, src, run_id, "failed")


def record_duplicate(conn: psycopg.Connection, src: SourceFile, run_id: int) -> None:
    """A file whose bytes were already loaded under another name: loaded once, noted here."""
    with conn.transaction(), conn.cursor() as cur:
        _record_source_file(cur, src, run_id, "duplicate")


def quarantined_in_run(conn: psycopg.Connection, run_id: int) -> dict[str, str]:
    """document_id → quarantine reason of the documents ``run_id`` wrote and quarantined."""
    rows = conn.execute(
        "SELECT document_id, quarantine_reason FROM raw.document WHERE run_id = %s AND status = 'quarantined'",
        (run_id,),
    ).fetchall()
    return dict(rows)
