"""`make bench`: time extract, parse, load, dbt and a no-op rerun on a synthetic corpus.

Writes bench/results.json. BENCH_N sets the corpus size (default 2000). Runs against a
private embedded PostgreSQL in a temporary GOVFIN_HOME, never the user's warehouse.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
LOAD_SAMPLE = 300  # documents parsed in memory for the stage-by-stage load measurement


def _stage_timings(paths: list[Path]) -> dict:
    from loaders.extract import extract_lines
    from loaders.parse import parse_document

    size_mb = sum(p.stat().st_size for p in paths) / 1e6
    started = time.perf_counter()
    for path in paths:
        extract_lines(path)
    extract_s = time.perf_counter() - started
    started = time.perf_counter()
    for path in paths:
        parse_document(path)
    parse_total_s = time.perf_counter() - started
    parse_s = max(parse_total_s - extract_s, 1e-9)  # parse_document includes extraction
    return {"extract_s": extract_s, "parse_s": parse_s, "extract_docs_per_s": len(paths) / extract_s,
            "parse_docs_per_s": len(paths) / parse_s, "extract_mb_per_s": size_mb / extract_s,
            "parse_mb_per_s": size_mb / parse_s, "corpus_mb": size_mb}


def _load_vs_copy(paths: list[Path], url: str) -> dict:
    """Load parsed documents with the real loader, then COPY the same rows bare, same run."""
    from loaders.load import SourceFile, load_document, stage_rows
    from loaders.parse import PARSER_VERSION, parse_document

    docs = [(p, parse_document(p)) for p in paths]
    with psycopg.connect(url, autocommit=True) as conn:
        run_id = conn.execute("INSERT INTO raw.load_run (parser_version) VALUES ('bench') RETURNING run_id").fetchone()[0]
        started = time.perf_counter()
        rows = 0
        for path, doc in docs:
            stat = path.stat()
            rows += load_document(conn, SourceFile(f"bench/{path.name}", stat.st_size, stat.st_mtime_ns,
                                                   doc.document_id), doc, PARSER_VERSION, run_id)
        load_s = time.perf_counter() - started
        # the bare COPY baseline: identical rows into empty copies of the staging tables
        conn.execute("CREATE SCHEMA IF NOT EXISTS bench_copy")
        for table in ("document_table", "functional_amount", "summary_amount", "economic_amount",
                      "three_public_amount", "statistic", "narrative_fact", "project", "project_indicator"):
            conn.execute(f"DROP TABLE IF EXISTS bench_copy.{table}")
            conn.execute(f"CREATE TABLE bench_copy.{table} (LIKE staging.{table})")
        started = time.perf_counter()
        with conn.cursor() as cur:
            cur.execute("SET search_path TO bench_copy")
            copied = 0
            with conn.transaction():
                for _, doc in docs:
                    copied += stage_rows(_Unqualified(cur), doc)
            cur.execute("RESET search_path")
        copy_s = time.perf_counter() - started
        conn.execute("DROP SCHEMA bench_copy CASCADE")
    return {"load_docs_per_s": len(docs) / load_s, "load_rows_per_s": rows / load_s,
            "copy_rows_per_s": copied / copy_s, "copy_ratio": (rows / load_s) / (copied / copy_s),
            "load_sample_documents": len(docs), "load_sample_rows": rows}


class _Unqualified:
    """A cursor whose COPY statements target bench_copy instead of staging."""

    def __init__(self, cur):
        self._cur = cur

    def copy(self, statement: str):
        return self._cur.copy(statement.replace("COPY staging.", "COPY bench_copy."))


def _pdf_overhead() -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from pdf_fixtures import render_pdf
    except ImportError:
        return {}
    import io

    from pdfminer.high_level import extract_text

    from loaders.extract.pdf import extract_pdf_lines

    seeds = sorted((ROOT / "data" / "raw").glob("00[0134]_*.txt"))
    pdfs = [render_pdf(p) for p in seeds]
    started = time.perf_counter()
    for data in pdfs:
        extract_pdf_lines(data, "bench.pdf")
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for data in pdfs:
        extract_text(io.BytesIO(data))
    theirs = time.perf_counter() - started
    return {"pdf_documents": len(pdfs), "pdf_extract_s": ours, "pdfminer_extract_text_s": theirs,
            "pdf_overhead_pct": (ours / theirs - 1) * 100}


def main() -> None:
    n = int(os.environ.get("BENCH_N", "2000"))
    with tempfile.TemporaryDirectory(prefix="govfin-bench-") as tmp:
        os.environ["GOVFIN_HOME"] = str(Path(tmp) / "home")
        os.environ.pop("DATABASE_URL", None)
        from bench.corpus import generate_corpus
        from loaders import db
        from loaders.migrate import upgrade
        from loaders.pipeline import load_directory
        from loaders.transform import run_dbt

        corpus = Path(tmp) / "raw"
        paths = sorted(generate_corpus(corpus, n))
        results: dict = {"n_documents": n, "cores": os.cpu_count()}
        results.update(_stage_timings(paths[: min(n, 500)]))
        server = db.EmbeddedServer(Path(os.environ["GOVFIN_HOME"]))
        server.start()
        try:
            sample_url = _fresh(server, "bench_sample")
            results.update(_load_vs_copy(paths[:LOAD_SAMPLE], sample_url))
            url = _fresh(server, "bench_full")
            started = time.perf_counter()
            summary = load_directory(corpus, url)
            results["full_run_s"] = time.perf_counter() - started
            results["pipeline_docs_per_s"] = n / results["full_run_s"]
            results["documents_failed"] = summary.failed
            started = time.perf_counter()
            again = load_directory(corpus, url)
            results["noop_rerun_s"] = time.perf_counter() - started
            results["noop_ratio"] = results["noop_rerun_s"] / results["full_run_s"]
            results["noop_documents_loaded"] = again.loaded
            started = time.perf_counter()
            results["dbt_exit_code"] = run_dbt(url, ["build"], quiet=True)
            results["dbt_build_s"] = time.perf_counter() - started
        finally:
            server.stop()
    results.update(_pdf_overhead())
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    results["peak_rss_mb"] = max(own, children) / 1024
    results = {k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


def _fresh(server, name: str) -> str:
    from loaders.migrate import upgrade

    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = server.url(name)
    upgrade(url)
    return url


if __name__ == "__main__":
    main()
