"""Peak memory of the whole job while it runs: this process, its workers, and the PostgreSQL server.

``resource.getrusage`` only knows the peak of this process and of its largest waited-for
child; parse workers and the server run side by side, so a sampler thread also sums their
proportional set size (PSS: shared pages split between the processes that map them, so
PostgreSQL's shared buffers are counted once) every quarter second.
"""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _descendants(root: int, tree: dict[int, list[int]]) -> list[int]:
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(tree.get(pid, ()))
    return found


def _pss_kb(pid: int) -> int:
    """PSS of one process in kB (RSS where smaps_rollup is unavailable); 0 if it is gone."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in (Path("/proc") / str(pid) / name).read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1])
        except OSError:
            continue
    return 0


class PeakMemory:
    """Samples the summed PSS of this process tree and of ``server_pid``'s tree until stopped."""

    def __init__(self, interval: float = 0.25):
        self.interval = interval
        self.server_pid: int | None = None
        self.peak_python_kb = self.peak_server_kb = self.peak_total_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        tree = _children()
        python = sum(_pss_kb(p) for p in _descendants(os.getpid(), tree))
        server = sum(_pss_kb(p) for p in _descendants(self.server_pid, tree)) if self.server_pid else 0
        self.peak_python_kb = max(self.peak_python_kb, python)
        self.peak_server_kb = max(self.peak_server_kb, server)
        self.peak_total_kb = max(self.peak_total_kb, python + server)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def report(self) -> dict[str, float]:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return {
            "peak_rss_mb": max(own, children),
            "peak_rss_self_mb": own,
            "peak_rss_children_mb": children,
            "peak_pss_python_tree_mb": self.peak_python_kb / 1024,
            "peak_pss_postgres_mb": self.peak_server_kb / 1024,
            "peak_pss_total_mb": self.peak_total_kb / 1024,
        }
