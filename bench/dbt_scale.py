"""dbt at scale: full builds at N and 4N documents, nightly incremental builds of 10 more on each.

``python -m bench.dbt_scale N`` runs this section alone (a private embedded PostgreSQL under
a temporary ``GOVFIN_HOME``) and prints its figures; ``bench.run`` calls ``measure_dbt_scaling``
on the corpus it generated. Builds are full refreshes (every incremental model rebuilt from
scratch, as on a new warehouse: `govfin build --full-refresh`) except the nightly ones, which are
the build step of `govfin run` as cron runs it: with 10 new documents, and with nothing new (the
build stamp says the marts are current: dbt does not run). Each build is the real build path,
``loaders.build.build_marts``: dbt into the build schemas, then the swap. Beside them, the floor
of any build that runs dbt: the same dbt command with a selection that matches no node.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

NIGHTLY_DOCUMENTS = 10
NO_NODE = "tag:bench_selects_no_node"  # a selection no node of the project matches


@dataclass(frozen=True)
class BuildTiming:
    seconds: float
    exit_code: int
    slowest_nodes: dict[str, float]
    failed_nodes: tuple[str, ...]
    node_seconds: float  # the nodes' own execution times summed (the rest is dbt itself)
    models: int = 0  # nodes run, by kind
    tests: int = 0
    model_seconds: float = 0.0  # their execution times summed, by kind
    test_seconds: float = 0.0
    dbt_seconds: float = 0.0  # dbt's process, start to exit
    dbt_elapsed_seconds: float = 0.0  # dbt's own clock from its first node to its last (run_results.json)
    swap_seconds: float = 0.0  # the swap's transaction
    stamp_seconds: float = 0.0  # hashing the build's inputs (the stamp) before dbt
    skipped: bool = False  # the marts were current: dbt did not run


def dbt_build(url: str, target_dir: Path, full_refresh: bool = False, skip_if_current: bool = False) -> BuildTiming:
    """What `govfin build` (``full_refresh``: `govfin build --full-refresh`) or, with
    ``skip_if_current``, the build step of `govfin run` does: loaders.build.build_marts (dbt
    build into the build schemas, then the swap) as the transformer login, in a process of its
    own, with its own dbt target dir; timed from start to end, dbt's start and the swap included."""
    env = dict(os.environ, DATABASE_URL=url, DBT_LOG_PATH=str(target_dir / "logs"))
    target = target_dir / "target"
    program = (
        "import dataclasses, json, pathlib; from loaders.db import login_url; from loaders.build import build_marts; "
        f"o = build_marts(login_url('transformer'), quiet=True, full_refresh={full_refresh!r}, "
        f"skip_if_current={skip_if_current!r}, target=pathlib.Path({str(target)!r})); "
        "print(json.dumps(dataclasses.asdict(o))); raise SystemExit(0 if o.ok else 1)"
    )
    results = target / "run_results.json"
    results.unlink(missing_ok=True)  # a skipped build writes none: the last one's must not be read
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    try:
        outcome = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        outcome = {}
    try:
        run = json.loads(results.read_text())
        nodes, elapsed = run["results"], run.get("elapsed_time", 0.0)
    except (OSError, KeyError, ValueError):
        nodes, elapsed = [], 0.0  # skipped, or dbt failed before writing run_results.json
    slowest = sorted(nodes, key=lambda r: r["execution_time"], reverse=True)[:8]
    failed = tuple(r["unique_id"] for r in nodes if r["status"] in ("error", "fail"))
    tests = [r for r in nodes if r["unique_id"].startswith("test.")]
    models = [r for r in nodes if not r["unique_id"].startswith("test.")]
    return BuildTiming(
        seconds,
        done.returncode,
        {r["unique_id"]: round(r["execution_time"], 2) for r in slowest},
        failed,
        sum(r["execution_time"] for r in nodes),
        models=len(models),
        tests=len(tests),
        model_seconds=sum(r["execution_time"] for r in models),
        test_seconds=sum(r["execution_time"] for r in tests),
        dbt_seconds=outcome.get("dbt_seconds", 0.0),
        dbt_elapsed_seconds=elapsed,
        swap_seconds=outcome.get("swap_seconds", 0.0),
        stamp_seconds=outcome.get("stamp_seconds", 0.0),
        skipped=outcome.get("skipped", False),
    )


def _figures(timing: BuildTiming, suffix: str) -> dict:
    """Where a build's time went, under keys ending in ``suffix``."""
    return {
        f"dbt_model_nodes{suffix}": timing.models,
        f"dbt_test_nodes{suffix}": timing.tests,
        f"dbt_model_seconds{suffix}": timing.model_seconds,
        f"dbt_test_seconds{suffix}": timing.test_seconds,
        f"dbt_process_seconds{suffix}": timing.dbt_seconds,
        # dbt's start (imports, project parse, connections) and end, outside its node loop
        f"dbt_startup_seconds{suffix}": max(0.0, timing.dbt_seconds - timing.dbt_elapsed_seconds),
        f"dbt_swap_seconds{suffix}": timing.swap_seconds,
        f"dbt_stamp_seconds{suffix}": timing.stamp_seconds,
    }


def _run_dbt(url: str, target_dir: Path, args: list[str]) -> int:
    """``dbt <args>`` as the builds run it (loaders.dbt.run_dbt as the transformer login, with the
    builds' vars and target dir: dbt parses the whole project again when any of these differs from
    the last parse), in a process of its own; dbt's exit code."""
    from loaders.build import BUILD_INTO

    args = [*args, "--vars", json.dumps({"govfin_build_into": BUILD_INTO})]
    args += ["--target-path", str(target_dir / "target")]
    program = (
        "from loaders.db import login_url; from loaders.dbt import run_dbt; "
        f"raise SystemExit(run_dbt(login_url('transformer'), {args!r}, quiet=True))"
    )
    env = dict(os.environ, DATABASE_URL=url, DBT_LOG_PATH=str(target_dir / "logs"))
    return subprocess.run([sys.executable, "-c", program], env=env).returncode


def _nightly_figures(nightly: BuildTiming, full: BuildTiming, suffix: str) -> dict:
    """A nightly build's figures, its ratio to the full build ``full``, under keys ending in ``suffix``."""
    return {
        f"dbt_incremental_seconds{suffix}": nightly.seconds,
        f"dbt_incremental_exit_code{suffix}": nightly.exit_code,
        f"dbt_incremental_ratio{suffix}": nightly.seconds / full.seconds,
        f"dbt_incremental_node_seconds{suffix}": nightly.node_seconds,
        **_figures(nightly, f"_incremental{suffix}"),
        f"dbt_failed_nodes_incremental{suffix}": list(nightly.failed_nodes),
    }


def _parse(url: str, target_dir: Path) -> None:
    """`dbt parse` into the builds' target dir, as the builds run dbt."""
    if _run_dbt(url, target_dir, ["parse"]) != 0:
        raise RuntimeError("dbt parse failed")


def dbt_floor(url: str, target_dir: Path) -> tuple[float, int]:
    """The floor of any build that runs dbt: `dbt build` on the builds' path (same login, vars and
    target dir, so dbt parses nothing new) with a selection that matches no node, timed from start
    to end as ``dbt_build`` times a build (a process of its own); seconds and dbt's exit code."""
    started = time.perf_counter()
    code = _run_dbt(url, target_dir, ["build", "--select", NO_NODE])
    return time.perf_counter() - started, code


def _load(paths: list[Path], raw_dir: Path, url: str) -> int:
    """Copy ``paths`` into the watched ``raw_dir`` and load what is new; documents loaded."""
    from loaders.pipeline import load_directory

    for path in paths:
        shutil.copy2(path, raw_dir / path.name)
    summary = load_directory(raw_dir, url)
    if summary.failed:
        raise RuntimeError(f"{summary.failed} documents failed: {[o.error for o in summary.failures][:3]}")
    return summary.loaded


def measure_dbt_scaling(
    corpus: list[Path], n: int, url: str, raw_dir: Path, work: Path, checkpoint: Callable[[dict], None] = lambda r: None
) -> dict:
    """Full build at ``n`` (on the ``n`` documents already loaded from ``raw_dir``), the nightly
    build of 10 more, the nightly run with nothing new, a build with nothing new, dbt's floor (a
    build that selects no node), then a full build at ``4n`` and the nightly build of 10 more on
    top twice (the first after the full build builds whole: its standby is the generation before;
    the second patches): ``corpus`` holds at least 4n + 20 documents. ``checkpoint`` gets the
    figures so far after each build.

    Every build is the real build path (loaders.build.build_marts: dbt into the build schemas,
    then the swap). They share one target dir, as the nightly job's builds do (dbt parses the
    project again only where it changed), and each is timed from start to end, dbt's own start
    included."""
    results: dict = {}
    _parse(url, work)  # so the first timed build parses no more than the later ones
    full_n = dbt_build(url, work, full_refresh=True)
    results |= {
        "dbt_build_seconds_n": full_n.seconds,
        "dbt_exit_code_n": full_n.exit_code,
        "dbt_node_seconds_n": full_n.node_seconds,
        **_figures(full_n, "_n"),
    }
    results["dbt_slowest_nodes_n"] = full_n.slowest_nodes
    results["dbt_failed_nodes_n"] = list(full_n.failed_nodes)
    checkpoint(results)

    _load(corpus[n : n + NIGHTLY_DOCUMENTS], raw_dir, url)
    nightly = dbt_build(url, work, skip_if_current=True)
    results |= _nightly_figures(nightly, full_n, "")
    results["dbt_slowest_nodes_incremental"] = nightly.slowest_nodes
    checkpoint(results)
    # the nightly run with nothing new, as `govfin run` does it: the stamp says the marts are current
    skipped = dbt_build(url, work, skip_if_current=True)
    results |= {
        "dbt_nightly_skip_seconds": skipped.seconds,
        "dbt_nightly_skipped": skipped.skipped,
        "dbt_nightly_skip_ratio": skipped.seconds / full_n.seconds,
    }
    # a build that runs dbt with nothing new: every model is visited and every test runs
    noop = dbt_build(url, work)
    results |= {
        "dbt_noop_seconds": noop.seconds,
        "dbt_noop_ratio": noop.seconds / full_n.seconds,
        **_figures(noop, "_noop"),
    }
    checkpoint(results)
    floor_seconds, floor_code = dbt_floor(url, work)
    results |= {
        "dbt_floor_seconds": floor_seconds,
        "dbt_floor_exit_code": floor_code,
        "dbt_floor_ratio": floor_seconds / full_n.seconds,
    }
    checkpoint(results)

    _load(corpus[n + NIGHTLY_DOCUMENTS : 4 * n], raw_dir, url)
    full_4n = dbt_build(url, work, full_refresh=True)
    results |= {
        "dbt_build_seconds_4n": full_4n.seconds,
        "dbt_exit_code_4n": full_4n.exit_code,
        "dbt_scaling_ratio": full_4n.seconds / full_n.seconds,
        "dbt_node_seconds_4n": full_4n.node_seconds,
        "dbt_node_scaling_ratio": full_4n.node_seconds / full_n.node_seconds,
        **_figures(full_4n, "_4n"),
        "dbt_slowest_nodes_4n": full_4n.slowest_nodes,
        "dbt_failed_nodes_4n": list(full_4n.failed_nodes),
    }
    checkpoint(results)

    # the first nightly build after it: the standby is the generation before the full build
    # (n + 10 documents), three quarters of the documents changed since: it builds whole
    _load(corpus[4 * n : 4 * n + NIGHTLY_DOCUMENTS], raw_dir, url)
    catch_up = dbt_build(url, work, skip_if_current=True)
    results |= {
        "dbt_catch_up_seconds_4n": catch_up.seconds,
        "dbt_catch_up_exit_code_4n": catch_up.exit_code,
        "dbt_catch_up_ratio_4n": catch_up.seconds / full_4n.seconds,
    }
    checkpoint(results)

    # the nightly build again on the grown warehouse, its standby one night old: fixed + per new document
    _load(corpus[4 * n + NIGHTLY_DOCUMENTS : 4 * n + 2 * NIGHTLY_DOCUMENTS], raw_dir, url)
    nightly_4n = dbt_build(url, work, skip_if_current=True)
    results |= _nightly_figures(nightly_4n, full_4n, "_4n")
    checkpoint(results)
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

        corpus = generate_corpus(tmp / "corpus", 4 * n + 2 * NIGHTLY_DOCUMENTS)
        raw_dir = tmp / "raw"
        raw_dir.mkdir()
        server = db.EmbeddedServer(tmp / "home")
        server.start()
        try:
            url = _fresh_database(server, "bench_dbt")
            _load(corpus[:n], raw_dir, url)
            dbt_build(url, tmp / "first")  # the warehouse's first build, as bench.run's: its marts become the standby
            results = measure_dbt_scaling(corpus, n, url, raw_dir, tmp)
        finally:
            server.stop()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
