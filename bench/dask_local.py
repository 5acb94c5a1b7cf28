"""The Dask path against the local pool: ``dask_local_ratio`` (target ≥ 0.9).

The same corpus is loaded twice into fresh databases: by ``load_directory`` with the
local ``ParsePool`` (one worker per core), then with ``scheduler=`` a ``LocalCluster``
of one single-threaded worker process per core on this machine (started before the
clock starts). Ratio = Dask documents/s ÷ local documents/s; both loads must agree on
what they loaded. Beside the wall clock, the CPU of the whole process tree each load cost
(``dask_local_cpu_ratio``): on a machine shared with other work the wall clock swings both
ways. ``python -m bench.dask_local [N]`` runs it alone.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

# as docker-compose.yml's `dask` profile runs its workers: they may start parse processes (not
# daemons); no statistical profiler sampling every 10 ms, and the event loops' housekeeping
# (blocked-loop tick, system and memory monitors) every second rather than every 20-500 ms,
# so that the cluster's own upkeep leaves the cores to parsing
CLUSTER_CONFIG = {
    "distributed.worker.daemon": False,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _tree_cpu() -> float:
    """CPU seconds of this process and every process under it, the exited ones included (an exited
    process's CPU is added to its parent's children times when the parent reaps it)."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for proc in [me, *me.children(recursive=True)]:
        try:
            t = proc.cpu_times()
        except psutil.Error:  # exited since the listing: counted by its parent once reaped
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def _timed_load(raw_dir: Path, url: str, **kwargs) -> tuple[float, float, object]:
    from loaders.pipeline import load_directory

    started, cpu = time.perf_counter(), _tree_cpu()
    summary = load_directory(raw_dir, url, **kwargs)
    return time.perf_counter() - started, _tree_cpu() - cpu, summary


def measure_dask_local(raw_dir: Path, local_url: str, dask_url: str) -> dict:
    """Load ``raw_dir`` into ``local_url`` with the local pool and into ``dask_url`` through a LocalCluster."""
    import dask
    from distributed import LocalCluster

    local_s, local_cpu, local = _timed_load(raw_dir, local_url)
    with (
        dask.config.set(CLUSTER_CONFIG),
        LocalCluster(n_workers=_cores(), threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
    ):
        dask_s, dask_cpu, remote = _timed_load(raw_dir, dask_url, scheduler=cluster.scheduler_address)
    same = sorted((o.path, o.status, o.rows) for o in local.outcomes) == sorted(
        (o.path, o.status, o.rows) for o in remote.outcomes
    )
    return {
        "dask_local_documents": local.loaded,
        "local_pool_load_s": local_s,
        "dask_load_s": dask_s,
        "dask_local_ratio": local_s / dask_s,
        "local_pool_cpu_s": local_cpu,
        "dask_cpu_s": dask_cpu,
        # CPU of this process tree (client, scheduler thread, Dask workers, parse processes), not PostgreSQL
        "dask_local_cpu_ratio": local_cpu / dask_cpu,
        "dask_local_same_outcomes": same,
    }


def main(n: int) -> dict:
    from bench.corpus import generate_corpus
    from bench.run import _fresh_database
    from loaders import db

    with tempfile.TemporaryDirectory(prefix="govfin-bench-dask-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # made 0700; as root the server's own user must pass (govfin opens no folder itself)
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
