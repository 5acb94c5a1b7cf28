"""The Dask path against the local pool: ``dask_local_ratio`` (target ≥ 0.9).

The same corpus is loaded twice into fresh databases: by ``load_directory`` with the
local ``ParsePool`` (one worker per core), then with ``scheduler=`` a ``LocalCluster``
of one single-threaded worker process per core on this machine (started before the
clock starts). Ratio = Dask documents/s ÷ local documents/s; both loads must agree on
what they loaded. ``python -m bench.dask_local [N]`` runs it alone.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _timed_load(raw_dir: Path, url: str, **kwargs) -> tuple[float, object]:
    from loaders.pipeline import load_directory

    started = time.perf_counter()
    summary = load_directory(raw_dir, url, **kwargs)
    return time.perf_counter() - started, summary


def measure_dask_local(raw_dir: Path, local_url: str, dask_url: str) -> dict:
    """Load ``raw_dir`` into ``local_url`` with the local pool and into ``dask_url`` through a LocalCluster."""
    import dask
    from distributed import LocalCluster

    local_s, local = _timed_load(raw_dir, local_url)
    with (
        # workers that may start parse processes; no statistical profiler sampling every 10 ms
        dask.config.set({"distributed.worker.daemon": False, "distributed.worker.profile.enabled": False}),
        LocalCluster(n_workers=_cores(), threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
    ):
        dask_s, remote = _timed_load(raw_dir, dask_url, scheduler=cluster.scheduler_address)
    same = sorted((o.path, o.status, o.rows) for o in local.outcomes) == sorted(
        (o.path, o.status, o.rows) for o in remote.outcomes
    )
    return {
        "dask_local_documents": local.loaded,
        "local_pool_load_s": local_s,
        "dask_load_s": dask_s,
        "dask_local_ratio": local_s / dask_s,
        "dask_local_same_outcomes": same,
    }


def main(n: int) -> dict:
    from bench.corpus import generate_corpus
    from bench.run import _fresh_database
    from loaders import db

    with tempfile.TemporaryDirectory(prefix="govfin-bench-dask-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["GOVFIN_HOME"] = str(tmp / "home")
        os.environ.pop("DATABASE_URL", None)
        generate_corpus(tmp / "raw", n)
        server = db.EmbeddedServer(tmp / "home")
        server.start()
        try:
            return measure_dask_local(
                tmp / "raw", _fresh_database(server, "bench_local"), _fresh_database(server, "bench_dask")
            )
        finally:
            server.stop()


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
