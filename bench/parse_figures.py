"""The parse-stage figures alone, quicker than `make bench`: ``python -m bench.parse_figures [N]``.

Stage rates (extract, parse, load, bare COPY), the pipeline over N synthetic documents with
its CPU accounting, ``parallel_speedup``, ``copy_per_document_ratio`` and ``dask_local_ratio``,
with the same functions `make bench` uses; written to bench/results.json under
``parse_figures`` (the other keys stay) and printed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import generate_documents
from bench.run import (
    LOAD_SAMPLE,
    RESULTS,
    STAGE_SAMPLE,
    _fresh_database,
    cores,
    cpu_speedup,
    dask_local,
    load_vs_copy,
    parallel_speedup,
    pipeline,
    stage_timings,
)


def run(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="govfin-bench-parse-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # made 0700; as root the server's own user must pass (govfin opens no folder itself)
        os.environ["GOVFIN_HOME"] = str(tmp / "home")
        os.environ.pop("DATABASE_URL", None)
        from loaders import db

        results: dict = {"n_documents": n, "cores": cores(), "load_average_1m_at_start": os.getloadavg()[0]}
        corpus = generate_documents(tmp / "raw", n)
        results.update(stage_timings(corpus[:STAGE_SAMPLE]))
        server = db.EmbeddedServer(tmp / "home")
        server.start()
        try:
            results.update(load_vs_copy(corpus[:LOAD_SAMPLE], _fresh_database(server, "bench_sample")))
            url = _fresh_database(server, "bench_full")
            started = time.perf_counter()
            results.update(pipeline(tmp / "raw", url, n, server._postmaster()[0]))
            results["pipeline_wall_s"] = time.perf_counter() - started
            results.update(parallel_speedup(results))
            results.update(cpu_speedup(results, n))
            print(json.dumps(results, ensure_ascii=False), file=sys.stderr, flush=True)  # so far
            results.update(dask_local(tmp / "raw", server))
        finally:
            server.stop()
        results["load_average_1m_at_end"] = os.getloadavg()[0]
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}


def main() -> None:
    results = run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    kept = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    kept["parse_figures"] = results
    RESULTS.write_text(json.dumps(kept, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
