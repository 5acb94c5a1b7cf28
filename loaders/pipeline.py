"""The load job: find files, skip the unchanged, parse the rest in parallel, load each atomically.

One run at a time: the run lock (loaders/run_lock.py), held for the whole run, makes a second
``govfin run`` wait (and say so) instead of loading twice. Parsing happens in
worker processes; the main process owns the single database connection and writes
one transaction per batch of documents, so a killed run leaves whole documents or none.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field, replace
from pathlib import Path

import psycopg

from loaders import outcomes
from loaders.load import (
    SourceFile,
    StagedDocument,
    load_document,
    load_documents,
    quarantined_in_run,
    record_duplicate,
    record_failure,
)
from loaders.model import Document
from loaders.parse_pool import ParseJob, parse_files
from loaders.run_lock import run_lock

log = logging.getLogger("govfin.load")

# documents per load transaction: one COPY per staging table for the batch instead of one per
# document; a killed run still leaves whole documents only (the batch commits or not at all)
LOAD_BATCH = 32


@dataclass(frozen=True)
class DocumentOutcome:
    path: str
    status: str  # loaded | quarantined | skipped | duplicate | refused | failed (loaders/outcomes.py)
    rows: int = 0
    error: str | None = None
    document_id: str | None = None


@dataclass
class LoadSummary:
    run_id: int | None = None
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def loaded(self) -> int:
        return self.count("loaded")

    @property
    def skipped(self) -> int:
        return self.count("skipped") + self.count("duplicate")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def refused(self) -> int:
        """Files that are no disclosure this warehouse reads, each with its reason: not failures."""
        return self.count("refused")

    @property
    def quarantined(self) -> int:
        """Loaded into staging but kept out of the marts (``loaders.admission_checks``)."""
        return self.count("quarantined")

    @property
    def rows(self) -> int:
        return sum(o.rows for o in self.outcomes)

    @property
    def failures(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def refusals(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status == "refused"]


def discover(raw_dir: Path) -> list[Path]:
    """Every non-hidden file under ``raw_dir``, in a stable order.

    Files of a format the parser cannot read are found too: they fail as "unsupported
    format" in the ledger and the summary instead of being passed over in silence.
    """
    return sorted(
        p
        for p in raw_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)
    )


def parser_version() -> str:
    from loaders.parse import PARSER_VERSION

    return PARSER_VERSION


def _known_files(conn: psycopg.Connection, version: str, root: str) -> dict[str, tuple[int, int, str, str, str | None]]:
    """source_path → (size, mtime_ns, document_id, status, error) of the files under ``root`` that
    this parser version loaded, or refused (status 'failed', with the reason); another folder's
    files are other locations, even under the same relative name."""
    rows = conn.execute(
        "SELECT f.source_path, f.size_bytes, f.mtime_ns, f.document_id, f.status, d.error "
        "FROM raw.source_file f LEFT JOIN raw.document d USING (document_id) "
        "WHERE f.source_root = %s "
        "AND (f.status = 'duplicate' OR (d.status IN ('loaded', 'quarantined') AND d.parser_version = %s) "
        "     OR (f.status = 'failed' AND d.status = 'failed' AND d.parser_version = %s))",
        (root, version, version),
    ).fetchall()
    return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in rows}


def _loaded_ids(conn: psycopg.Connection, version: str) -> set[str]:
    """Documents this parser version has read (a quarantined one too: its rows are staged)."""
    rows = conn.execute(
        "SELECT document_id FROM raw.document WHERE status IN ('loaded', 'quarantined') AND parser_version = %s",
        (version,),
    ).fetchall()
    return {r[0] for r in rows}


def _analyze(conn: psycopg.Connection) -> None:
    """Fresh planner statistics for the tables just loaded, so the dbt build that follows gets
    hash joins rather than nested loops chosen on stale row counts (autovacuum lags a bulk load).
    As the login, which owns the tables; a login that may not analyze them only skips this."""
    for schema in ("raw", "staging"):
        for (table,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)).fetchall():
            try:
                conn.execute(f"ANALYZE {schema}.{table}")
            except psycopg.errors.InsufficientPrivilege:
                return


def _open_run(conn: psycopg.Connection, raw_dir: Path, version: str) -> int:
    with conn.transaction():
        # runs still 'running' cannot be alive: we hold the lock they would hold
        conn.execute("UPDATE raw.load_run SET status = 'aborted', finished_at = now() WHERE status = 'running'")
        return conn.execute(
            "INSERT INTO raw.load_run (raw_dir, parser_version) VALUES (%s, %s) RETURNING run_id",
            (str(raw_dir), version),
        ).fetchone()[0]


def _close_run(conn: psycopg.Connection, summary: LoadSummary, finish: bool = True) -> None:
    """Record the counts; ``finish=False`` leaves the run 'running' (a build follows: loaders/runs.py)."""
    with conn.transaction():
        conn.execute(
            "UPDATE raw.load_run SET status = %s, finished_at = CASE WHEN %s THEN now() END, "
            "documents_loaded = %s, documents_skipped = %s, documents_failed = %s WHERE run_id = %s",
            (
                ("failed" if summary.failed else "succeeded") if finish else "running",
                finish,
                summary.loaded,
                summary.skipped,
                summary.failed,
                summary.run_id,
            ),
        )


def _use_loader_role(conn: psycopg.Connection) -> None:
    """Write as govfin_loader (least privilege) when the login may; else as the login."""
    member = conn.execute(
        "SELECT pg_has_role(current_user, 'govfin_loader', 'MEMBER') FROM pg_roles WHERE rolname = 'govfin_loader'"
    ).fetchone()
    if member and member[0]:
        conn.execute("SET ROLE govfin_loader")


def _scan(
    paths: list[Path], raw_dir: Path, known: dict, loaded: set[str], force: bool
) -> Iterator[tuple[SourceFile, str]]:
    """Yield (source, verdict) — verdict: skip | duplicate | refused | parse. ``known`` holds the
    files this root (``raw_dir``) loaded or refused before, by path under it; an unchanged file this
    parser version refused is refused again with its reason, without being parsed again."""
    seen_ids: set[str] = set()
    root = str(raw_dir)
    for path in paths:
        stat = path.stat()
        rel = str(path.relative_to(raw_dir)) if path.is_relative_to(raw_dir) else str(path)
        prior = known.get(rel)
        if not force and prior and prior[0] == stat.st_size and prior[1] == stat.st_mtime_ns:
            # unchanged by size and mtime: skip without reading the file
            verdict = {"duplicate": "duplicate", "failed": "refused"}.get(prior[3], "skip")
            yield SourceFile(rel, stat.st_size, stat.st_mtime_ns, prior[2], root), verdict
            continue
        doc_id = _sha256(path)
        src = SourceFile(rel, stat.st_size, stat.st_mtime_ns, doc_id, root)
        if doc_id in seen_ids:
            yield src, "duplicate"
        elif not force and doc_id in loaded:
            owner = prior[2] if prior else None
            yield src, "skip" if owner == doc_id else "duplicate"
        else:
            seen_ids.add(doc_id)
            yield src, "parse"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_directory(
    raw_dir: Path,
    url: str,
    force: bool = False,
    workers: int | None = None,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    progress: Callable[[DocumentOutcome], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    scheduler: str | None = None,
    locked: bool = False,
    finish_run: bool = True,
) -> LoadSummary:
    """Load every new or changed document under ``raw_dir`` into ``url``; see module doc.

    ``locked``: the caller holds the run lock (`govfin run` holds it over load and build);
    else it is taken here (``wait``, ``on_wait``: see run_lock). ``finish_run=False`` leaves
    the ledger's run 'running' for the build that follows."""
    started = time.perf_counter()
    raw_dir = raw_dir.resolve()
    version = parser_version()
    summary = LoadSummary()
    paths = discover(raw_dir)
    if on_total:
        on_total(len(paths))
    with ExitStack() as stack:
        if not locked:
            stack.enter_context(run_lock(url, wait, on_wait))
        conn = stack.enter_context(psycopg.connect(url, autocommit=True))
        try:
            _use_loader_role(conn)
            # one commit per batch (LOAD_BATCH documents), without waiting for each WAL flush. A crash can
            # lose the last few commits (ledger and rows together), which the next run simply loads again
            conn.execute("SET synchronous_commit = off")
            summary.run_id = run_id = _open_run(conn, raw_dir, version)
            known, loaded = _known_files(conn, version, str(raw_dir)), _loaded_ids(conn, version)

            def done(outcome: DocumentOutcome) -> None:
                outcome = replace(outcome, status=outcomes.outcome(outcome.status, outcome.error))
                summary.outcomes.append(outcome)
                if outcome.status == "failed":
                    log.error("document failed", extra={"path": outcome.path, "error": outcome.error})
                elif outcome.status == "refused":
                    log.warning("document refused", extra={"path": outcome.path, "error": outcome.error})
                if progress:
                    progress(outcome)

            pending: list[SourceFile] = []
            for src, verdict in _scan(paths, raw_dir, known, loaded, force):
                if verdict == "skip":
                    done(DocumentOutcome(src.path, "skipped", document_id=src.document_id))
                elif verdict == "refused":
                    reason = known[src.path][4] or "refused"
                    done(DocumentOutcome(src.path, "failed", error=reason, document_id=src.document_id))
                elif verdict == "duplicate":
                    record_duplicate(conn, src, run_id)
                    done(DocumentOutcome(src.path, "duplicate", document_id=src.document_id))
                else:
                    pending.append(src)
            for outcome in _parse_and_load(conn, pending, raw_dir, version, run_id, workers, scheduler):
                done(outcome)
            _mark_quarantined(conn, summary)
            summary.seconds = time.perf_counter() - started
            _close_run(conn, summary, finish_run)
        finally:
            conn.execute("RESET ROLE")
            if summary.loaded:
                _analyze(conn)
    return summary


def _mark_quarantined(conn: psycopg.Connection, summary: LoadSummary) -> None:
    """Outcomes of documents this run loaded but quarantined say so, with the reason."""
    reasons = quarantined_in_run(conn, summary.run_id)
    summary.outcomes = [
        replace(o, status="quarantined", error=reasons[o.document_id])
        if o.status == "loaded" and o.document_id in reasons
        else o
        for o in summary.outcomes
    ]


def _parse_and_load(
    conn: psycopg.Connection,
    pending: list[SourceFile],
    raw_dir: Path,
    version: str,
    run_id: int,
    workers: int | None,
    scheduler: str | None = None,
) -> Iterator[DocumentOutcome]:
    """Parse ``pending`` in limited worker processes (or on a Dask cluster) while loading what comes back."""
    if not pending:
        return
    jobs = [ParseJob(str(raw_dir / src.path), src.document_id) for src in pending]
    with closing(parse_files(jobs, workers, scheduler)) as results:
        yield from _load_results(conn, pending, results, version, run_id)


def _load_results(conn, pending, results, version, run_id) -> Iterator[DocumentOutcome]:
    batch: list[tuple[SourceFile, Document | StagedDocument]] = []
    for src, (doc, error) in zip(pending, results, strict=False):
        if doc is None:
            record_failure(conn, src, error or "unknown error", version, run_id)
            yield DocumentOutcome(src.path, "failed", error=error, document_id=src.document_id)
            continue
        batch.append((src, doc))
        if len(batch) >= LOAD_BATCH:
            yield from _load_batch(conn, batch, version, run_id)
            batch = []
    yield from _load_batch(conn, batch, version, run_id)


def _load_batch(conn, batch, version, run_id) -> Iterator[DocumentOutcome]:
    """One transaction for the batch; if the database rejects it, each document on its own."""
    if not batch:
        return
    try:
        counts = load_documents(conn, batch, version, run_id)
    except psycopg.Error:
        yield from (_load_one(conn, src, doc, version, run_id) for src, doc in batch)
        return
    for (src, _), rows in zip(batch, counts, strict=False):
        yield DocumentOutcome(src.path, "loaded", rows=rows, document_id=src.document_id)


def _load_one(conn, src, doc, version, run_id) -> DocumentOutcome:
    try:
        rows = load_document(conn, src, doc, version, run_id)
    except psycopg.Error as exc:
        message = f"file {src.path}: database rejected the document: {exc}".strip()
        record_failure(conn, src, message, version, run_id)
        return DocumentOutcome(src.path, "failed", error=message, document_id=src.document_id)
    return DocumentOutcome(src.path, "loaded", rows=rows, document_id=src.document_id)
