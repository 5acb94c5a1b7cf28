"""Where the pipeline's main (loading) process spends its CPU: a cProfile of ``load_directory``.

The main process reads files, hands them to the parse workers, unpickles the staged Documents
they return and COPYs them into staging; ``pipeline_main_idle_share`` says how long it waits.
This profiles one more load of a sample of the corpus into a fresh database (the profiler slows
the main process, so the timed full run is never profiled) and reports the functions with the
most own time and the share of the main process's CPU spent waiting on the workers' results.
"""

from __future__ import annotations

import cProfile
import pstats
import shutil
import time
from pathlib import Path

TOP = 8


def _label(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    parts = Path(filename).parts
    return f"{'/'.join(parts[-2:])}:{line}({name})" if line else name


def profile_main_process(paths: list[Path], work: Path, url: str) -> dict:
    """Load ``paths`` (copied under ``work``) with the main process profiled."""
    from loaders.pipeline import load_directory

    raw = work / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy2(path, raw / path.name)
    profiler = cProfile.Profile()
    started, cpu = time.perf_counter(), time.process_time()
    profiler.enable()
    summary = load_directory(raw, url)
    profiler.disable()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    stats = pstats.Stats(profiler)
    rows = stats.stats  # func -> (primitive calls, calls, own time, cumulative, callers)
    total = sum(own for _, _, own, _, _ in rows.values()) or 1e-9
    top = sorted(rows.items(), key=lambda item: item[1][2], reverse=True)[:TOP]
    return {
        "main_profile_documents": summary.loaded,
        "main_profile_wall_s": wall,
        "main_profile_cpu_s": cpu,
        "main_profile_cpu_share": cpu / wall if wall else 0.0,
        # own time of the profiled functions, as a share of all profiled time (waits included:
        # a blocking call's own time is the time it waited)
        "main_profile_top_own_time": {_label(func): round(row[2] / total, 4) for func, row in top},
    }
