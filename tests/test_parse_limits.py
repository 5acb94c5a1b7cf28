"""Parsing under limits: a file past the time or memory limit is refused with the reason, the rest load;
a killed run leaves no parse worker behind; `govfin parse FILE` runs under the same limits."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import psycopg

from loaders.parse_pool import ParseJob, ParseLimits, ParsePool
from loaders.pipeline import load_directory

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOVFIN = str(Path(sys.executable).with_name("govfin"))
SEEDS = ("000_3b0a4ec0e1089ac8.txt", "001_cb5fbf2334879971.txt")


def long_disclosure(path: Path, copies: int = 150) -> Path:
    """A real final account printed ``copies`` times over (150: 10 MB): it takes the parser minutes."""
    path.write_text((RAW / SEEDS[0]).read_text(encoding="utf-8") * copies, encoding="utf-8")
    return path


def corpus(tmp_path: Path, long_ones: int = 1, copies: int = 150) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in SEEDS:
        shutil.copy2(RAW / name, raw / name)
    for i in range(long_ones):
        long_disclosure(raw / f"long_{i}.txt", copies + i)
    return raw


def ledger(url: str) -> dict[str, tuple[str, str | None]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT file_name, status, error FROM raw.document").fetchall()
    return {name: (status, error) for name, status, error in rows}


def test_a_file_past_the_time_limit_is_refused_and_the_run_goes_on(fresh_db, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVFIN_PARSE_TIMEOUT_S", "3")
    raw = corpus(tmp_path)
    started = time.monotonic()
    summary = load_directory(raw, fresh_db, workers=2)
    took = time.monotonic() - started
    assert [f.path for f in summary.failures] == ["long_0.txt"]
    assert "parse time limit (3 s) exceeded" in summary.failures[0].error
    assert summary.loaded == 2
    status, error = ledger(fresh_db)["long_0.txt"]
    assert status == "failed" and "parse time limit (3 s) exceeded" in error
    assert {ledger(fresh_db)[name][0] for name in SEEDS} == {"loaded"}
    assert took < 40, f"the run waited {took:.0f} s for a file limited to 3 s"


def test_a_file_past_the_memory_limit_is_refused_and_the_run_goes_on(fresh_db, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVFIN_PARSE_MEMORY_MB", "60")
    monkeypatch.setenv("GOVFIN_PARSE_TIMEOUT_S", "900")  # only the memory limit may refuse it
    monkeypatch.setenv("GOVFIN_MAX_LINES", "100000000")  # nor the line cap, which would stop it sooner
    raw = corpus(tmp_path, copies=400)  # 27 MB of text: its decoded lines alone need more than 60 MB
    # the real CLI in a fresh process (one worker: the seed after the failure reuses it), so the
    # workers start from a plain `govfin load`, not from a test process holding a whole suite
    env = dict(os.environ, DATABASE_URL=fresh_db)
    done = subprocess.run(
        [GOVFIN, "load", "--raw-dir", str(raw), "--workers", "1"], env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 1, done.stdout + done.stderr
    rows = ledger(fresh_db)
    assert [name for name, (status, _) in rows.items() if status == "failed"] == ["long_0.txt"]
    assert "memory limit exceeded (60 MB" in rows["long_0.txt"][1]
    assert sum(status == "loaded" for status, _ in rows.values()) == 2


# the starting process of a parse pool: a heap grown by many small blocks (below malloc's mmap
# threshold), then freed with one block kept above them so the heap cannot shrink back; then a
# pool with a 60 MB limit reads the long file, and a seed after it
FREED_THEN_POOL = """
import hashlib, sys
from pathlib import Path
from loaders.parse_pool import ParseJob, ParseLimits, ParsePool

def job(path):
    return ParseJob(str(path), hashlib.sha256(path.read_bytes()).hexdigest())

if __name__ == "__main__":
    blocks = [bytes(2000) for _ in range(400 * 512)]
    kept = bytes(2000)
    del blocks
    with ParsePool(1, ParseLimits(memory_mb=60, timeout_s=60)) as pool:
        for path in sys.argv[1:]:
            print(pool.parse(job(Path(path)))[1])
"""


def test_the_memory_limit_holds_whatever_the_starting_process_freed(tmp_path):
    """A forked worker inherits its parent's heap: 400 MB freed in the parent are room a parse
    grows into unchecked (or, counted when the limit is set, pages the limit is spent on). The
    workers are spawned, so the limit measures the parse alone, whatever the parent holds."""
    script = tmp_path / "freed_then_pool.py"
    script.write_text(FREED_THEN_POOL, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}  # glibc's defaults
    env["GOVFIN_MAX_LINES"] = "100000000"  # only the memory limit may stop the long file
    long_file = long_disclosure(tmp_path / "long_0.txt", 400)
    done = subprocess.run(
        [sys.executable, str(script), str(long_file), str(RAW / SEEDS[0])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    long_error, seed_error = done.stdout.splitlines()
    assert "memory limit exceeded (60 MB" in long_error
    assert seed_error == "None"


def test_without_limits_set_the_long_file_is_read(tmp_path):
    """The refusals above come from the limits, not from the file: unlimited, it parses."""
    path = long_disclosure(tmp_path / "long.txt", 20)
    with ParsePool(1, ParseLimits()) as pool:  # the defaults: 2048 MB, 60 s
        doc, error = pool.parse(ParseJob(str(path), hashlib.sha256(path.read_bytes()).hexdigest()))
    assert error is None and doc is not None and doc.functional_amounts


def test_govfin_parse_runs_under_the_limits(tmp_path):
    path = long_disclosure(tmp_path / "long.txt")
    env = dict(os.environ, GOVFIN_PARSE_TIMEOUT_S="2")
    started = time.monotonic()
    done = subprocess.run([GOVFIN, "parse", str(path)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "parse time limit (2 s) exceeded" in done.stderr
    assert time.monotonic() - started < 30


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_killed_run_leaves_no_parse_worker(govfin_env, tmp_path):
    raw = corpus(tmp_path, long_ones=2)
    proc = subprocess.Popen(
        [GOVFIN, "load", "--workers", "2", "--raw-dir", str(raw)],
        cwd=ROOT,
        env=govfin_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        workers: list[psutil.Process] = []
        while time.monotonic() < deadline and len(workers) < 2:
            assert proc.poll() is None, "the run ended before its workers were seen"
            workers = [p for p in psutil.Process(proc.pid).children(recursive=True) if p.cpu_percent(0.2) > 0]
        assert len(workers) >= 2, "no busy parse workers were seen"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(p.pid) for p in workers):
            time.sleep(0.1)
        assert not [p.pid for p in workers if _alive(p.pid)], "parse workers outlived the killed run"
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_limit_that_is_not_a_positive_number_is_a_usage_error():
    env = dict(os.environ, GOVFIN_PARSE_MEMORY_MB="-5")
    done = subprocess.run([GOVFIN, "parse", str(RAW / SEEDS[0])], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "GOVFIN_PARSE_MEMORY_MB='-5' must be positive" in done.stderr


def test_the_time_limit_counts_cpu_seconds_not_the_wall_clock(tmp_path):
    """On a busy machine a worker waits for a core: the wall clock runs, its CPU seconds do not.
    A worker stopped for four times its limit (SIGSTOP: no CPU at all) still reads its file; the
    wall-clock limit stopped it before."""
    path = long_disclosure(tmp_path / "long.txt", 4)
    limits = ParseLimits(timeout_s=1)
    with ParsePool(1, limits) as pool:
        worker = psutil.Process(pool.warm())  # spawned workers share the parent with a resource tracker
        future = pool._submit(ParseJob(str(path), hashlib.sha256(path.read_bytes()).hexdigest()))
        time.sleep(0.2)  # the worker has taken the file
        worker.suspend()
        try:
            time.sleep(4)
        finally:
            worker.resume()
        doc, error = pool._result(ParseJob(str(path), ""), future)
    assert error is None and doc is not None and doc.functional_amounts
    assert limits.stall_seconds == 130  # a worker that never answers is killed at 10 × the limit + 120 s


def test_past_its_cpu_seconds_a_parse_stops_and_the_worker_reads_the_next_file(tmp_path):
    long, short = long_disclosure(tmp_path / "long.txt", 150), tmp_path / "short.txt"
    shutil.copy2(RAW / SEEDS[0], short)
    with ParsePool(1, ParseLimits(timeout_s=1)) as pool:
        worker = psutil.Process(pool.warm())
        started = time.monotonic()
        _, error = pool.parse(ParseJob(str(long), hashlib.sha256(long.read_bytes()).hexdigest()))
        assert "parse time limit (1 s) exceeded (CPU seconds" in error
        assert time.monotonic() - started < 60
        doc, error = pool.parse(ParseJob(str(short), hashlib.sha256(short.read_bytes()).hexdigest()))
        assert error is None and doc.functional_amounts
        # stopped by its signal, not killed and replaced
        assert worker.is_running() and worker in psutil.Process().children()
