"""dbt at scale: a full build at N and 4N documents, and a nightly incremental build of 10 more.

``python -m bench.dbt_scale N`` runs this section alone (a private embedded PostgreSQL under
a temporary ``GOVFIN_HOME``) and prints its figures; ``bench.run`` calls ``measure_dbt_scaling``
on the corpus it generated. Builds are full refreshes (every incremental model rebuilt from
scratch, as on a new warehouse) except the nightly one, which is ``govfin build`` as cron runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

NIGHTLY_DOCUMENTS = 10


@dataclass(frozen=True)
class BuildTiming:
    seconds: float
    exit_code: int
    slowest_nodes: dict[str, float]
    failed_nodes: tuple[str, ...]
    node_seconds: float  # the nodes' own execution times summed (the rest is dbt itself)


def dbt_build(url: str, target_dir: Path, full_refresh: bool = False) -> BuildTiming:
    """``govfin build`` (with ``--full-refresh`` if asked) on ``url``, with its own target dir."""
    env = dict(
        os.environ,
        DATABASE_URL=url,
        DBT_TARGET_PATH=str(target_dir / "target"),
        DBT_LOG_PATH=str(target_dir / "logs"),
    )
    # what `govfin build` runs (dbt build as the transformer login), with --full-refresh if asked
    args = ["build", *(["--full-refresh"] if full_refresh else [])]
    program = (
        "from loaders.db import login_url; from loaders.dbt import run_dbt; "
        f"raise SystemExit(run_dbt(login_url('transformer'), {args!r}))"
    )
    command = [sys.executable, "-c", program]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    try:
        nodes = json.loads((target_dir / "target" / "run_results.json").read_text())["results"]
    except (OSError, KeyError, ValueError):
        nodes = []  # dbt failed before writing run_results.json: its exit code says so
    slowest = sorted(nodes, key=lambda r: r["execution_time"], reverse=True)[:8]
    failed = tuple(r["unique_id"] for r in nodes if r["status"] in ("error", "fail"))
    return BuildTiming(
        seconds,
        done.returncode,
        {r["unique_id"]: round(r["execution_time"], 2) for r in slowest},
        failed,
        sum(r["execution_time"] for r in nodes),
    )


def _parse(url: str, target_dir: Path) -> None:
    from loaders.dbt import run_dbt

    target = ["--target-path", str(target_dir / "target")]
    if run_dbt(url, ["parse", *target], quiet=True) != 0:
        raise RuntimeError("dbt parse failed")


def _load(paths: list[Path], raw_dir: Path, url: str) -> int:
    """Copy ``paths`` into the watched ``raw_dir`` and load what is new; documents loaded."""
    from loaders.pipeline import load_directory

    for path in paths:
        shutil.copy2(path, raw_dir / path.name)
    summary = load_directory(raw_dir, url)
    if summary.failed:
        raise RuntimeError(f"{summary.failed} documents failed: {[o.error for o in summary.failures][:3]}")
    return summary.loaded


def measure_dbt_scaling(corpus: list[Path], n: int, url: str, raw_dir: Path, work: Path) -> dict:
    """Full build at ``n`` (on the ``n`` documents already loaded from ``raw_dir``), the nightly
    build of 10 more, then a full build at ``4n``: ``corpus`` holds at least 4n documents.

    The builds share one target dir, as the nightly job's builds do (dbt parses the project
    again only where it changed), and each is timed from start to end, dbt's own start included."""
    results: dict = {}
    _parse(url, work)  # so the first timed build parses no more than the later ones
    full_n = dbt_build(url, work, full_refresh=True)
    results |= {
        "dbt_build_seconds_n": full_n.seconds,
        "dbt_exit_code_n": full_n.exit_code,
        "dbt_node_seconds_n": full_n.node_seconds,
    }
    results["dbt_slowest_nodes_n"] = full_n.slowest_nodes
    results["dbt_failed_nodes_n"] = list(full_n.failed_nodes)

    _load(corpus[n : n + NIGHTLY_DOCUMENTS], raw_dir, url)
    nightly = dbt_build(url, work)
    results |= {
        "dbt_incremental_seconds": nightly.seconds,
        "dbt_incremental_exit_code": nightly.exit_code,
        "dbt_incremental_ratio": nightly.seconds / full_n.seconds,
        "dbt_incremental_node_seconds": nightly.node_seconds,
        "dbt_slowest_nodes_incremental": nightly.slowest_nodes,
    }
    # the floor of any nightly build: nothing new, yet every model is visited and every test runs
    noop = dbt_build(url, work)
    results |= {"dbt_noop_seconds": noop.seconds, "dbt_noop_ratio": noop.seconds / full_n.seconds}

    _load(corpus[n + NIGHTLY_DOCUMENTS : 4 * n], raw_dir, url)
    full_4n = dbt_build(url, work, full_refresh=True)
    results |= {
        "dbt_build_seconds_4n": full_4n.seconds,
        "dbt_exit_code_4n": full_4n.exit_code,
        "dbt_scaling_ratio": full_4n.seconds / full_n.seconds,
        "dbt_node_seconds_4n": full_4n.node_seconds,
        "dbt_node_scaling_ratio": full_4n.node_seconds / full_n.node_seconds,
        "dbt_slowest_nodes_4n": full_4n.slowest_nodes,
        "dbt_failed_nodes_4n": list(full_4n.failed_nodes),
    }
    return results


def main() -> None:
    from bench.corpus import generate_corpus
    from bench.run import _fresh_database

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 250
    with tempfile.TemporaryDirectory(prefix="govfin-dbt-scale-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # made 0700; as root the server's own user must pass (govfin opens no folder itself)
        os.environ["GOVFIN_HOME"] = str(tmp / "home")
        os.environ.pop("DATABASE_URL", None)
        from loaders import db

        corpus = generate_corpus(tmp / "corpus", 4 * n)
        raw_dir = tmp / "raw"
        raw_dir.mkdir()
        server = db.EmbeddedServer(tmp / "home")
        server.start()
        try:
            url = _fresh_database(server, "bench_dbt")
            _load(corpus[:n], raw_dir, url)
            results = measure_dbt_scaling(corpus, n, url, raw_dir, tmp)
        finally:
            server.stop()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
