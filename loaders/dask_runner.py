"""Parsing on a Dask cluster: ``govfin load --scheduler tcp://HOST:8786`` (or ``GOVFIN_DASK_SCHEDULER``).

The main process reads each file and sends its bytes (workers need no shared disk) in
tasks of ``BATCH`` files; a Dask worker parses them in its own ``ParsePool`` (the same
memory and time limits as a local run, taken from the submitting process's environment)
and returns the Documents, which the main process loads through the same batched loader,
in the same order, as a local run. A Dask worker starts parse processes of its own, so
it must not be a daemon process: run workers with
``DASK_DISTRIBUTED__WORKER__DAEMON=False`` (docker-compose.yml's ``dask`` profile does, and
turns the workers' statistical profiler off).
"""

from __future__ import annotations

import pickle
import threading
from collections import deque
from collections.abc import Iterator
from multiprocessing.util import Finalize
from pathlib import Path

from loaders.model import ParseError
from loaders.parse_pool import ParseJob, ParseLimits, ParsePool, ParseResult, SettingError, one_line

BATCH = 32  # files per Dask task (a load batch): few tasks, so few pauses between them on a worker
BATCH_BYTES = 4 << 20  # and at most this many bytes of files per task (they travel in the task)
CONNECT_TIMEOUT_S = 20
AHEAD = 3  # tasks in flight per Dask worker thread (their bytes wait in the cluster's memory)

_pools: dict[ParseLimits, ParsePool] = {}
_pools_lock = threading.Lock()


def _worker_pool(limits: ParseLimits, workers: int) -> ParsePool:
    """This Dask worker's ParsePool, started once from a thread that lives as long as the worker.

    Parse processes die with the thread that started them (PR_SET_PDEATHSIG follows the
    thread); Dask's executor threads may come and go, so a keeper thread starts them.
    """
    with _pools_lock:
        pool = _pools.get(limits)
        if pool is None:
            pool = _pools[limits] = ParsePool(workers, limits, staged=True)
            # closed before multiprocessing's exit handler, which would wait for its processes forever
            Finalize(pool, pool.close, exitpriority=10)
            started = threading.Event()

            def keep() -> None:
                pool.warm()
                started.set()
                threading.Event().wait()

            threading.Thread(target=keep, name="govfin-parse-pool", daemon=True).start()
            started.wait()
        return pool


def parse_batch(jobs: list[ParseJob], limits: ParseLimits) -> list[bytes]:
    """A Dask task: parse ``jobs`` (bytes included) under ``limits`` on this worker; each result as
    the parse process pickled it (this worker only passes the bytes on)."""
    from distributed import get_worker

    nthreads = getattr(get_worker().state, "nthreads", 1)
    return list(_worker_pool(limits, nthreads).imap_pickled(jobs))


def _with_bytes(job: ParseJob) -> ParseJob | ParseResult:
    from loaders.extract.limits import read_within_limit

    try:
        return ParseJob(job.path, job.document_id, read_within_limit(Path(job.path)))
    except ParseError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"file {job.path}: cannot be read: {exc}"


def _batches(jobs: list[ParseJob]) -> Iterator[tuple[list[ParseJob], list]]:
    """(jobs, slots) of BATCH files or BATCH_BYTES at most; a slot is the job with its bytes,
    or the result of a file refused here (too large, unreadable)."""
    batch: list[ParseJob] = []
    slots: list = []
    size = 0
    for job in jobs:
        slot = _with_bytes(job)
        batch.append(job)
        slots.append(slot)
        size += len(slot.data or b"") if isinstance(slot, ParseJob) else 0
        if len(batch) >= BATCH or size >= BATCH_BYTES:
            yield batch, slots
            batch, slots, size = [], [], 0
    if batch:
        yield batch, slots


def _submit(client, batch: list[ParseJob], slots: list, limits: ParseLimits):
    sent = [s for s in slots if isinstance(s, ParseJob)]
    future = client.submit(parse_batch, sent, limits, pure=False) if sent else None
    return batch, slots, future


def _results(batch: list[ParseJob], slots: list, future) -> Iterator[ParseResult]:
    try:
        parsed = iter([pickle.loads(result) for result in future.result()] if future is not None else ())
    except Exception as exc:  # the worker was lost (KilledWorker) or the task could not run
        reason = one_line(f"Dask task failed: {type(exc).__name__}: {exc}")
        parsed = iter([(None, f"file {Path(job.path).name}: {reason}") for job in batch])
        slots = list(batch)
    for slot in slots:
        yield next(parsed) if isinstance(slot, ParseJob) else slot


def _connect(scheduler: str):
    from distributed import Client

    try:
        return Client(scheduler, set_as_default=False, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SettingError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def parse_on_dask(jobs: list[ParseJob], scheduler: str) -> Iterator[ParseResult]:
    """Results of ``jobs`` in order, parsed on the cluster at ``scheduler``."""
    import dask

    limits = ParseLimits.from_env()
    # a task carries its files' bytes: up to BATCH_BYTES, or one file of up to GOVFIN_MAX_FILE_MB
    with (
        dask.config.set({"distributed.admin.large-graph-warning-threshold": "256MB"}),
        _connect(scheduler) as client,
    ):
        threads = max(1, sum(client.nthreads().values()))
        in_flight: deque = deque()
        for batch, slots in _batches(jobs):
            in_flight.append(_submit(client, batch, slots, limits))
            if len(in_flight) >= AHEAD * threads:
                yield from _results(*in_flight.popleft())
        while in_flight:
            yield from _results(*in_flight.popleft())
