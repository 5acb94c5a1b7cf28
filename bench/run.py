"""`make bench`: time extract, parse, load, a bare COPY, the whole pipeline, a no-op rerun and dbt.

Generates ``BENCH_N`` synthetic documents (default 2000) in a temporary directory, runs
them against a private embedded PostgreSQL in a temporary GOVFIN_HOME (never the user's
warehouse) and writes bench/results.json; bench/README.md says what each key means.
BENCH_DBT=0 skips the dbt build (for quick pipeline-only runs at large N); BENCH_DBT_SCALE=0
keeps the first build but skips the dbt scaling section (bench/dbt_scale.py: full builds at N
and 4N documents, the nightly incremental builds of 10 more on each, the nightly run with
nothing new, dbt's floor);
BENCH_MAIN_PROFILE=0 skips the cProfile of the main process (bench/main_profile.py). Figures
are checkpointed to bench/results.partial.json as they are measured.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import psycopg

from bench.corpus import GeneratedDocument, generate_corpus, generate_documents
from bench.dbt_scale import NIGHTLY_DOCUMENTS, measure_dbt_scaling
from bench.main_profile import profile_main_process
from bench.memory import PeakMemory
from bench.real_pdf import measure_real_pdfs

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
# the figures so far, rewritten after every section: a run stopped part-way still leaves them
CHECKPOINT = ROOT / "bench" / "results.partial.json"
STAGE_SAMPLE = 500  # documents timed stage by stage in this process
LOAD_SAMPLE = 300  # parsed documents loaded one by one, then COPYed bare


class Checkpointed(dict):
    """The results dict: every ``update`` also rewrites ``CHECKPOINT`` with all figures so far."""

    def update(self, *args, **kwargs) -> None:
        super().update(*args, **kwargs)
        rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in self.items()}
        CHECKPOINT.write_text(json.dumps(rounded, indent=2, ensure_ascii=False) + "\n")


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def stage_timings(sample: list[GeneratedDocument]) -> dict:
    """Extraction and parsing in one process, each timed on its own (the parse from extracted lines)."""
    from bench.oracle import compare
    from loaders.parse import parse_lines
    from loaders.reading import read_lines

    blobs = [(g.path, g.path.read_bytes()) for g in sample]
    size_mb = sum(len(b) for _, b in blobs) / 1e6
    started, cpu = time.perf_counter(), time.process_time()
    extracted = [read_lines(path, data) for path, data in blobs]
    extract_s, extract_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    docs = [parse_lines(lines, source) for lines, source in extracted]
    parse_s = max(time.perf_counter() - started, 1e-9)
    parse_cpu = max(time.process_time() - cpu, 1e-9)
    wrong = [g.truth.document_kind for g, doc in zip(sample, docs, strict=False) if compare(doc, g.truth)]
    return {
        "stage_sample_documents": len(sample),
        "stage_sample_mb": size_mb,
        "extract_s": extract_s,
        "extract_docs_per_s": len(sample) / extract_s,
        "extract_mb_per_s": size_mb / extract_s,
        "parse_s": parse_s,
        "parse_docs_per_s": len(sample) / parse_s,
        "parse_mb_per_s": size_mb / parse_s,
        "extract_cpu_ms_per_document": 1000 * extract_cpu / len(sample),
        "parse_cpu_ms_per_document": 1000 * parse_cpu / len(sample),
        "oracle_mismatched_final_accounts": wrong.count("final_account"),
        "oracle_mismatched_budgets": wrong.count("budget"),
    }


class _RowRecorder:
    """Stands in for a cursor: records the rows ``stage_rows`` would COPY, per table and columns."""

    def __init__(self):
        self.rows: dict[str, list] = {}

    def copy(self, statement: str):
        target = statement.split("COPY ", 1)[1].split(" FROM", 1)[0]
        sink = self.rows.setdefault(target, [])

        class _Copy:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

            def write_row(self, row):
                sink.append(row)

        return _Copy()


def load_vs_copy(sample: list[GeneratedDocument], url: str) -> dict:
    """The real loader (ledger + staging, batches of documents per transaction) vs one bare COPY per table."""
    from loaders.load import SourceFile, load_documents, stage, stage_rows
    from loaders.parse import PARSER_VERSION
    from loaders.pipeline import LOAD_BATCH
    from loaders.reading import read_document

    parsed = [(g.path, read_document(g.path)) for g in sample]
    # the loader as the pipeline runs it: the parse workers hand it documents staged as rows
    cpu = time.process_time()
    docs = [(path, stage(doc)) for path, doc in parsed]
    stage_cpu = time.process_time() - cpu
    size_mb = sum(p.stat().st_size for p, _ in docs) / 1e6
    with psycopg.connect(url, autocommit=True) as conn:
        run_id = conn.execute(
            "INSERT INTO raw.load_run (parser_version) VALUES (%s) RETURNING run_id", (PARSER_VERSION,)
        ).fetchone()[0]
        sources = []
        for path, doc in docs:
            stat = path.stat()
            sources.append((SourceFile(f"bench/{path.name}", stat.st_size, stat.st_mtime_ns, doc.document_id), doc))
        conn.execute("SET synchronous_commit = off")  # as load_directory writes (both sides below)
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        started, cpu, backend_cpu = time.perf_counter(), time.process_time(), _cpu_seconds(backend, own=True)
        rows = 0
        for start in range(0, len(sources), LOAD_BATCH):
            rows += sum(load_documents(conn, sources[start : start + LOAD_BATCH], PARSER_VERSION, run_id))
        load_s = time.perf_counter() - started
        load_cpu, backend_cpu = time.process_time() - cpu, _cpu_seconds(backend, own=True) - backend_cpu

        recorder = _RowRecorder()
        for _, doc in docs:
            stage_rows(recorder, [doc])
        conn.execute("DROP SCHEMA IF EXISTS bench_copy CASCADE")
        conn.execute("CREATE SCHEMA bench_copy")
        for target in recorder.rows:
            table = target.split(" ", 1)[0].split(".", 1)[1]
            conn.execute(f"CREATE TABLE IF NOT EXISTS bench_copy.{table} (LIKE staging.{table})")
        copied = 0
        started = time.perf_counter()
        with conn.transaction(), conn.cursor() as cur:
            for target, table_rows in recorder.rows.items():
                with cur.copy("COPY bench_copy." + target.split(".", 1)[1] + " FROM STDIN") as copy:
                    for row in table_rows:
                        copy.write_row(row)
                copied += len(table_rows)
        copy_s = time.perf_counter() - started
        conn.execute("DROP SCHEMA bench_copy CASCADE")
        # the same rows, one COPY per table in one transaction, into the very staging tables
        # the loader just filled (emptied first): their indexes, keys and foreign keys
        staged = ", ".join(sorted({t.split(" ", 1)[0] for t in recorder.rows}))
        conn.execute(f"TRUNCATE {staged}")
        started, cpu, bare_backend = time.perf_counter(), time.process_time(), _cpu_seconds(backend, own=True)
        with conn.transaction(), conn.cursor() as cur:
            for target, table_rows in recorder.rows.items():
                with cur.copy(f"COPY {target} FROM STDIN") as copy:
                    for row in table_rows:
                        copy.write_row(row)
        per_document_s = time.perf_counter() - started
        bare_cpu = time.process_time() - cpu + _cpu_seconds(backend, own=True) - bare_backend
    load_rate, copy_rate = rows / load_s, copied / copy_s
    return {
        "load_sample_documents": len(docs),
        "load_sample_rows": rows,
        "load_s": load_s,
        "load_docs_per_s": len(docs) / load_s,
        "load_rows_per_s": load_rate,
        "load_mb_per_s": size_mb / load_s,
        "stage_cpu_ms_per_document": 1000 * stage_cpu / len(docs),
        "load_cpu_ms_per_document": 1000 * load_cpu / len(docs),
        "load_postgres_cpu_ms_per_document": 1000 * backend_cpu / len(docs),
        "copy_rows": copied,
        "copy_s": copy_s,
        "copy_rows_per_s": copy_rate,
        "copy_ratio": load_rate / copy_rate,
        "copy_per_document_rows_per_s": copied / per_document_s,
        "copy_per_document_ratio": load_rate / (copied / per_document_s),
        # the same comparison in CPU seconds (this process + its backend): what the wall clock
        # shows on a machine that runs nothing else
        "copy_per_document_cpu_ratio": rows * bare_cpu / (copied * (load_cpu + backend_cpu)),
    }


def _cpu_seconds(pid: int, own: bool = False) -> float:
    """CPU time of a process and of its exited, waited-for children (PostgreSQL backends); ``own``: its own only."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11 : 13 if own else 15]) / os.sysconf("SC_CLK_TCK")


def _server_cpu_seconds(postmaster: int) -> float:
    """CPU of the whole server: the postmaster, its live processes and the exited ones it reaped."""
    from bench.memory import _children

    total = _cpu_seconds(postmaster)
    for child in _children().get(postmaster, []):
        try:
            total += _cpu_seconds(child, own=True)
        except OSError:  # exited since the listing: reaped into the postmaster's figures or about to be
            continue
    return total


def pipeline(raw_dir: Path, url: str, n: int, server_pid: int) -> dict:
    """``load_directory`` over the corpus (extract + parse in workers + load), then again unchanged.

    Beside the wall clock, where the CPU went: this (main) process, its parse workers
    (RUSAGE_CHILDREN counts them once the pool has exited) and the PostgreSQL server.
    """
    import resource

    from loaders.pipeline import load_directory

    main_before = resource.getrusage(resource.RUSAGE_SELF)
    workers_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = _server_cpu_seconds(server_pid)
    started = time.perf_counter()
    summary = load_directory(raw_dir, url)
    full_s = time.perf_counter() - started
    time.sleep(0.5)  # the run's backend exits when its connection closes: let the postmaster reap it
    server_s = _server_cpu_seconds(server_pid) - server_before
    main_after = resource.getrusage(resource.RUSAGE_SELF)
    workers_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    main_s = (main_after.ru_utime + main_after.ru_stime) - (main_before.ru_utime + main_before.ru_stime)
    workers_s = (workers_after.ru_utime + workers_after.ru_stime) - (workers_before.ru_utime + workers_before.ru_stime)
    started = time.perf_counter()
    again = load_directory(raw_dir, url)
    noop_s = time.perf_counter() - started
    failures = [o.error for o in summary.failures][:5]
    return {
        "full_run_s": full_s,
        "pipeline_docs_per_s": n / full_s,
        "documents_loaded": summary.loaded,
        "documents_failed": summary.failed,
        "first_failures": failures,
        "rows_loaded": summary.rows,
        "pipeline_rows_per_s": summary.rows / full_s,
        "noop_rerun_s": noop_s,
        "noop_ratio": noop_s / full_s,
        "noop_documents_loaded": again.loaded,
        "pipeline_main_cpu_s": main_s,
        "pipeline_main_idle_share": max(0.0, 1 - main_s / full_s),
        "pipeline_workers_cpu_s": workers_s,
        "pipeline_postgres_cpu_s": server_s,
        "postgres_cpu_ms_per_document": 1000 * server_s / n,
        "pipeline_cpu_utilisation": (main_s + workers_s + server_s) / (full_s * cores()),
    }


def parallel_speedup(results: dict) -> dict:
    """Pipeline docs/s ÷ the rate of running extract, parse and load one after another in one process."""
    stages = ("extract_docs_per_s", "parse_docs_per_s", "load_docs_per_s")
    if not all(results.get(k) for k in (*stages, "pipeline_docs_per_s")):
        return {}
    serial = 1 / sum(1 / results[k] for k in stages)
    return {"serial_docs_per_s": serial, "parallel_speedup": results["pipeline_docs_per_s"] / serial}


def cpu_speedup(results: dict, n: int) -> dict:
    """The pipeline's speedup as CPU allows it, whatever else the machine runs: the serial CPU of one
    document (extract, parse, load, its PostgreSQL backend) × cores ÷ the pipeline's CPU per document
    (main process, parse workers, PostgreSQL). What the wall-clock ``parallel_speedup`` reaches on a
    quiet machine whose cores the pipeline keeps busy; the difference is the parallel overhead."""
    serial_keys = (
        "extract_cpu_ms_per_document",
        "parse_cpu_ms_per_document",
        "stage_cpu_ms_per_document",
        "load_cpu_ms_per_document",
        "load_postgres_cpu_ms_per_document",
    )
    pipeline_keys = ("pipeline_main_cpu_s", "pipeline_workers_cpu_s", "pipeline_postgres_cpu_s")
    if not all(k in results for k in (*serial_keys, *pipeline_keys)) or not n:
        return {}
    serial = sum(results[k] for k in serial_keys)
    parallel = 1000 * sum(results[k] for k in pipeline_keys) / n
    return {
        "serial_cpu_ms_per_document": serial,
        "pipeline_cpu_ms_per_document": parallel,
        "pipeline_cpu_overhead": parallel / serial - 1,
        "parallel_speedup_cpu_bound": results["cores"] * serial / parallel,
    }


def dbt_build(url: str, tmp: Path) -> dict:
    """``govfin build`` (dbt build: models and tests, then the swap) on the loaded corpus, with its own target dir."""
    from bench.dbt_scale import dbt_build as build

    first = build(url, tmp / "dbt_first")
    return {
        "dbt_build_s": first.seconds,
        "dbt_exit_code": first.exit_code,
        "dbt_slowest_nodes": dict(list(first.slowest_nodes.items())[:5]),
    }


def pdf_overhead() -> dict:
    """Engineer D's measurement of our PDF extraction against pdfminer's own, where it exists."""
    try:
        from bench.pdf_overhead import measure_pdf_overhead
    except ImportError:
        return {}
    seeds = sorted((ROOT / "data" / "raw").glob("*.txt"))
    try:
        return dict(measure_pdf_overhead(seeds))
    except Exception as exc:  # a broken optional measurement must not lose the others
        return {"pdf_overhead_error": f"{type(exc).__name__}: {exc}"}


def parse_scaling() -> dict:
    """``parse_line_scaling_ratio`` and ``parse_page_scaling_ratio``: t(4N) / t(N) / 4 (bench/parse_scaling.py)."""
    if os.environ.get("BENCH_PARSE_SCALING", "1") == "0":
        return {}
    from bench.parse_scaling import measure_parse_scaling

    return measure_parse_scaling()


def dask_local(raw_dir: Path, server) -> dict:
    """``dask_local_ratio``: the corpus loaded through a LocalCluster vs the local pool (bench/dask_local.py)."""
    if os.environ.get("BENCH_DASK", "1") == "0":
        return {}
    from bench.dask_local import measure_dask_local

    return measure_dask_local(raw_dir, _fresh_database(server, "bench_local"), _fresh_database(server, "bench_dask"))


def _fresh_database(server, name: str) -> str:
    from loaders.migrate import upgrade

    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = server.url(name)
    upgrade(url)
    return url


def run(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="govfin-bench-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # made 0700; as root the server's own user must pass (govfin opens no folder itself)
        os.environ["GOVFIN_HOME"] = str(tmp / "home")
        os.environ.pop("DATABASE_URL", None)
        from loaders import db

        results = Checkpointed()
        results.update({"n_documents": n, "cores": cores()})
        with PeakMemory() as memory:
            started = time.perf_counter()
            corpus = generate_documents(tmp / "raw", n)
            results["generate_s"] = time.perf_counter() - started
            results["corpus_mb"] = sum(g.path.stat().st_size for g in corpus) / 1e6
            results.update(stage_timings(corpus[:STAGE_SAMPLE]))
            server = db.EmbeddedServer(tmp / "home")
            server.start()
            memory.server_pid = server._postmaster()[0]
            try:
                results.update(load_vs_copy(corpus[:LOAD_SAMPLE], _fresh_database(server, "bench_sample")))
                url = _fresh_database(server, "bench_full")
                results.update(pipeline(tmp / "raw", url, n, memory.server_pid))
                results.update(parallel_speedup(results))
                results.update(cpu_speedup(results, n))
                results.update(dask_local(tmp / "raw", server))
                if os.environ.get("BENCH_MAIN_PROFILE", "1") != "0":
                    sample = [g.path for g in corpus[:LOAD_SAMPLE]]
                    profile_db = _fresh_database(server, "bench_profile")
                    results.update(profile_main_process(sample, tmp / "profile", profile_db))
                if os.environ.get("BENCH_DBT", "1") != "0":
                    results.update(dbt_build(url, tmp))
                    if os.environ.get("BENCH_DBT_SCALE", "1") != "0":
                        # the same generator goes on past n: documents n … 4n + 9 are new ones
                        more = generate_corpus(tmp / "more", 4 * n + 2 * NIGHTLY_DOCUMENTS)
                        scale = measure_dbt_scaling(more, n, url, tmp / "raw", tmp / "dbt_scale", results.update)
                        results.update(scale)
            finally:
                server.stop()
        results.update(pdf_overhead())
        results.update(parse_scaling())
        results.update(measure_real_pdfs(limit=int(os.environ.get("BENCH_REAL_LIMIT", "0")) or None))
        results.update(memory.report())
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}


def main() -> None:
    results = run(int(os.environ.get("BENCH_N", "2000")))
    # sections other benches keep here (bench.pdfplumber_compare) stay
    kept = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    kept = {k: v for k, v in kept.items() if isinstance(v, dict) and k not in results}
    RESULTS.write_text(json.dumps(kept | results, indent=2, ensure_ascii=False) + "\n")
    CHECKPOINT.unlink(missing_ok=True)  # the run finished: results.json holds it all
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
