"""Parsing under limits: worker processes with a memory cap and a wall clock per file.

Every parse (``govfin load``, ``govfin run``, ``govfin parse FILE``, a Dask worker's task)
runs in a worker process of a ``ParsePool`` (pebble's ``ProcessPool``, which can kill one
task's worker and start another in its place):

- ``GOVFIN_PARSE_MEMORY_MB`` (default 2048): how much address space a worker may add to
  what it starts with (``RLIMIT_AS``). A parse that needs more fails with
  "memory limit exceeded"; the worker lives on.
- ``GOVFIN_PARSE_TIMEOUT_S`` (default 60): the CPU seconds one file may take in its worker
  (``RLIMIT_CPU``, so a machine busy with other jobs does not time a file out); past it the
  parse stops and the file fails with "parse time limit (60 s) exceeded"; the worker lives on.
  A worker that gets no CPU at all, or hangs where the CPU limit cannot stop it, is killed and
  replaced after ``stall_seconds`` of wall clock (10 × the limit + 120 s).
- A worker dies with the process that started it (``PR_SET_PDEATHSIG``): a killed run
  leaves no parse worker behind.
- Workers are spawned (a fresh interpreter), never forked: a forked worker would inherit the
  starting process's heap, freed blocks included, and its limit would count that heap, or
  let a parse grow into it, rather than measure the parse.

A file that hits a limit fails with the reason in the ledger; the run goes on.
"""

from __future__ import annotations

import ctypes
import hashlib
import math
import multiprocessing
import os
import pickle
import resource
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from loaders.extract.limits import env_number
from loaders.load import StagedDocument, stage
from loaders.model import Document, ParseError

DEFAULT_MEMORY_MB = 2048
DEFAULT_TIMEOUT_S = 60.0
# a worker gets this many times its CPU limit, and this much more, of wall clock before it is killed
STALL_FACTOR, STALL_GRACE_S = 10, 120.0
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
MB = 1 << 20

# (document, None) or (None, the reason the file is refused); the document staged for the
# loader (StagedDocument) when the pool was asked for it
ParseResult = tuple[Document | StagedDocument | None, str | None]


class SettingError(ValueError):
    """A GOVFIN_PARSE_* setting that is not a positive number, or a Dask scheduler that cannot be reached."""


@dataclass(frozen=True)
class ParseLimits:
    memory_mb: float = DEFAULT_MEMORY_MB
    timeout_s: float = DEFAULT_TIMEOUT_S

    @classmethod
    def from_env(cls) -> ParseLimits:
        return cls(
            _env_number("GOVFIN_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB),
            _env_number("GOVFIN_PARSE_TIMEOUT_S", DEFAULT_TIMEOUT_S),
        )

    @property
    def stall_seconds(self) -> float:
        """The wall clock after which a worker that has not answered is killed."""
        return STALL_FACTOR * self.timeout_s + STALL_GRACE_S

    def time_message(self) -> str:
        return time_message(self.timeout_s)

    def stall_message(self) -> str:
        return (
            f"parse time limit exceeded: the worker stalled, no result after {self.stall_seconds:g} s of wall "
            f"clock (GOVFIN_PARSE_TIMEOUT_S: {self.timeout_s:g} CPU seconds)"
        )

    def memory_message(self) -> str:
        return f"memory limit exceeded ({self.memory_mb:g} MB, GOVFIN_PARSE_MEMORY_MB)"


def time_message(seconds: float) -> str:
    return f"parse time limit ({seconds:g} s) exceeded (CPU seconds, GOVFIN_PARSE_TIMEOUT_S)"


class CpuTimeExceeded(BaseException):
    """Raised in a worker by SIGXCPU past its file's CPU seconds. A BaseException: the parser's own
    ``except Exception`` (a damaged file's handler) must not take it for a fault of the file."""


def _on_cpu_limit(signum, frame) -> None:
    raise CpuTimeExceeded


@contextmanager
def cpu_limited(seconds: float | None) -> Iterator[None]:
    """Let the block use ``seconds`` more CPU seconds of this process (the soft ``RLIMIT_CPU``: the
    kernel sends SIGXCPU past it, which ``_start_worker`` turns into ``CpuTimeExceeded``)."""
    if not seconds:
        yield
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = math.ceil(usage.ru_utime + usage.ru_stime + seconds)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _env_number(name: str, default: float) -> float:
    return env_number(name, default, SettingError)


@dataclass(frozen=True)
class ParseJob:
    """One file to parse. ``data``: its bytes, sent along when the worker cannot read ``path`` (Dask)."""

    path: str
    document_id: str
    data: bytes | None = None


def parse_bytes(path: Path, data: bytes) -> Document:
    """The parse stage's entry point: the one place that calls the parser."""
    from loaders.reading import read_document

    return read_document(path, data)


def one_line(message: str) -> str:
    """A refusal is one line in the ledger and the summary."""
    return " ".join(message.split()) if "\n" in message or "\r" in message else message


def _caused_by_memory(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def parse_job(
    job: ParseJob, memory_message: str = "memory limit exceeded", staged: bool = False, cpu_seconds: float | None = None
) -> ParseResult:
    """Runs in a worker: read (unless sent) and parse one file in at most ``cpu_seconds`` of CPU,
    staged for the loader if asked; never raises. A refusal is one line."""
    try:
        with cpu_limited(cpu_seconds):
            doc, error = _parse(job, memory_message, staged)
    except CpuTimeExceeded:
        doc, error = None, f"file {Path(job.path).name}: {time_message(cpu_seconds or 0)}"
    return doc, one_line(error) if error else None


def _parse(job: ParseJob, memory_message: str, staged: bool) -> ParseResult:
    """Read (unless sent) and parse one file.

    The worker reads the file itself so the main process never holds a corpus in memory;
    the checksum guards against a file changed in between.
    """
    from loaders.extract.limits import read_within_limit

    path = Path(job.path)
    try:
        data = read_within_limit(path) if job.data is None else job.data
        if hashlib.sha256(data).hexdigest() != job.document_id:
            return None, f"file {job.path}: changed while it was being loaded; run again"
        doc = parse_bytes(path, data)
        return (stage(doc) if staged else doc), None
    except ParseError as exc:
        if _caused_by_memory(exc):
            return None, f"file {path.name}: {memory_message}"
        return None, str(exc)
    except MemoryError:
        return None, f"file {path.name}: {memory_message}"
    except Exception as exc:  # a parser bug must cost this document only
        if _caused_by_memory(exc):
            return None, f"file {path.name}: {memory_message}"
        return None, f"file {job.path}: internal parser error: {type(exc).__name__}: {exc}"


def parse_job_pickled(
    job: ParseJob, memory_message: str = "memory limit exceeded", staged: bool = False, cpu_seconds: float | None = None
) -> bytes:
    """``parse_job``'s result, pickled in the worker."""
    return pickle.dumps(parse_job(job, memory_message, staged, cpu_seconds), protocol=pickle.HIGHEST_PROTOCOL)


def _address_space() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _start_worker(parent_pid: int, memory_mb: float) -> None:
    """Pool initializer: die with the parent, load the parser, then cap the address space; SIGXCPU
    (past a file's CPU seconds) stops the parse."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent-pid check below still holds
        pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
    signal.signal(signal.SIGXCPU, _on_cpu_limit)
    import loaders.parse  # noqa: F401  (imports count against no file's limit)

    limit = _address_space() + int(memory_mb * MB)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class ParsePool:
    """Worker processes parsing ``ParseJob``s under ``ParseLimits``; results in submission order."""

    def __init__(self, workers: int, limits: ParseLimits | None = None, staged: bool = False):
        """``staged``: return each document as the loader writes it (``StagedDocument``)."""
        self.limits = limits or ParseLimits.from_env()
        self.staged = staged
        self.workers = max(1, workers)
        self._pool = ProcessPool(
            max_workers=self.workers,
            initializer=_start_worker,
            initargs=(os.getpid(), self.limits.memory_mb),
            context=multiprocessing.get_context("spawn"),
        )

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._pool.stop()
        self._pool.join()

    def warm(self) -> int:
        """Start the worker processes now, from the calling thread (they die with it); the process
        id of the worker that answered."""
        return self._pool.schedule(os.getpid).result()

    def _submit(self, job: ParseJob, pickled: bool = False):
        function = parse_job_pickled if pickled else parse_job
        args = (job, self.limits.memory_message(), self.staged, self.limits.timeout_s)
        return self._pool.schedule(function, args, timeout=self.limits.stall_seconds)

    def _result(self, job: ParseJob, future) -> ParseResult:
        doc, error = self._outcome(job, future)
        return doc, one_line(error) if error else None

    def _pickled_result(self, job: ParseJob, future) -> bytes:
        outcome = self._outcome(job, future)
        if isinstance(outcome, bytes):
            return outcome
        return pickle.dumps((None, one_line(outcome[1] or "unknown error")))

    def _outcome(self, job: ParseJob, future) -> ParseResult:
        name = Path(job.path).name
        try:
            return future.result()
        except FutureTimeout:
            return None, f"file {name}: {self.limits.stall_message()}"
        except ProcessExpired as exc:
            if exc.exitcode == -signal.SIGKILL:  # the kernel's OOM killer, or someone's kill -9
                return None, f"file {name}: parse worker killed (SIGKILL): out of memory?"
            return None, f"file {name}: parse worker died (exit code {exc.exitcode})"
        except Exception as exc:  # the result could not come back (e.g. it did not fit in memory to send)
            return None, f"file {name}: parse worker failed: {type(exc).__name__}: {exc}"

    def imap(self, jobs: Iterable[ParseJob], ahead: int | None = None) -> Iterator[ParseResult]:
        """Results in the order of ``jobs``, with at most ``ahead`` files submitted but not yet taken."""
        return self._ordered(jobs, ahead, pickled=False)

    def imap_pickled(self, jobs: Iterable[ParseJob], ahead: int | None = None) -> Iterator[bytes]:
        """``imap``'s results as the workers pickled them: passed on (to a Dask client) without a
        round of unpickling and pickling again here."""
        return self._ordered(jobs, ahead, pickled=True)

    def _ordered(self, jobs: Iterable[ParseJob], ahead: int | None, pickled: bool) -> Iterator:
        ahead = ahead or max(64, self.workers * 32)
        take = self._pickled_result if pickled else self._result
        in_flight: deque = deque()
        for job in jobs:
            in_flight.append((job, self._submit(job, pickled)))
            if len(in_flight) >= ahead:
                yield take(*in_flight.popleft())
        while in_flight:
            yield take(*in_flight.popleft())

    def parse(self, job: ParseJob) -> ParseResult:
        return self._result(job, self._submit(job))


def default_workers(files: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(files, cores))


def parse_files(
    jobs: list[ParseJob], workers: int | None = None, scheduler: str | None = None
) -> Iterator[ParseResult]:
    """Parse ``jobs`` (results in order) in a local ``ParsePool``, or on the Dask cluster at ``scheduler``."""
    if scheduler:
        from loaders.dask_runner import parse_on_dask

        yield from parse_on_dask(jobs, scheduler)
        return
    with ParsePool(workers or default_workers(len(jobs)), staged=True) as pool:
        yield from pool.imap(jobs)


def parse_one(path: Path) -> ParseResult:
    """One file in one limited worker (``govfin parse FILE``)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    with ParsePool(1) as pool:
        return pool.parse(ParseJob(str(path), digest.hexdigest()))
