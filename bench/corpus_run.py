"""`make corpus`: the whole crawler corpus through a fresh warehouse, as a nightly load meets it.

``python -m bench.corpus_run [--corpus ../shared/corpus] [--out bench/corpus-results.json]``
starts an embedded PostgreSQL in a fresh GOVFIN_HOME, runs ``govfin run --raw-dir CORPUS``
twice (the second must load nothing: a rerun is a no-op) and ``govfin check --format json``,
and writes the report: files per status (loaded, refused with a reason, failed:
loaders/outcomes.py), wall time, time per PDF page, peak memory, the identity figures and the
failures. It exits 1 when the code is at fault: a parser crash
("internal parser error"), a failed dbt build or a rerun that loads again; documents refused
with a reason are the corpus's, not failures of this target. A file stopped by the parse time
limit (``GOVFIN_PARSE_TIMEOUT_S``, CPU seconds) fails with that reason and is listed under
``over_time_limit``: the limit is what keeps a slow file from hanging the run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.memory import PeakMemory

ROOT = Path(__file__).resolve().parents[1]
GOVFIN = str(Path(sys.executable).with_name("govfin"))
CODE_FAULTS = ("internal parser error",)
# refused by the parse time limit (GOVFIN_PARSE_TIMEOUT_S): bounded, reported, not a crash
OVER_TIME_LIMIT = ("parse time limit",)
RUN_TIMEOUT = 4 * 3600  # seconds: a run still going after this has hung


def pdf_pages(path: Path) -> int:
    """Pages of a real PDF (0 for anything else, or a PDF too damaged to count)."""
    from pdfminer.pdfpage import PDFPage

    try:
        with path.open("rb") as handle:
            if not handle.read(1024).lstrip().startswith(b"%PDF"):
                return 0
            handle.seek(0)
            return sum(1 for _ in PDFPage.get_pages(handle))
    except Exception:  # a damaged PDF: the loader reports it; it has no pages to time
        return 0


def _govfin(args: list[str], env: dict[str, str]) -> tuple[int, str, str, float]:
    started = time.perf_counter()
    try:
        done = subprocess.run([GOVFIN, *args], env=env, capture_output=True, text=True, cwd=ROOT, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        return -1, exc.stdout or "", f"timed out after {RUN_TIMEOUT} s", time.perf_counter() - started
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


def _server_pid(home: Path) -> int | None:
    pidfile = home / "pgdata" / "postmaster.pid"
    return int(pidfile.read_text().split()[0]) if pidfile.exists() else None


def run_corpus(corpus: Path, home: Path) -> dict:
    env = {**os.environ, "GOVFIN_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    pages = sum(pdf_pages(p) for p in pdfs)
    code, _, err, _ = _govfin(["db", "start"], env)
    if code != 0:
        raise SystemExit(f"cannot start the embedded server: {err}")
    with PeakMemory() as memory:
        memory.server_pid = _server_pid(home)
        first_code, first_out, first_err, first_seconds = _govfin(
            ["run", "--raw-dir", str(corpus), "--format", "json"], env
        )
    rerun_code, rerun_out, _, rerun_seconds = _govfin(["run", "--raw-dir", str(corpus), "--format", "json"], env)
    _, check_out, check_err, _ = _govfin(["check", "--format", "json"], env)
    # what failed in the build: dbt's own lines naming the failing models and tests
    build_failures = []
    if not (_last_json(first_out).get("dbt_build") or {}).get("ok"):
        _, build_out, build_err, _ = _govfin(["build"], env)
        build_failures = [
            line.strip() for line in (build_out + build_err).splitlines() if " FAIL " in line or " ERROR " in line
        ][:50]
    first, rerun = _last_json(first_out), _last_json(rerun_out)
    health = _last_json(check_out)
    faults = [f for f in first.get("failures", []) if any(k in (f.get("error") or "").lower() for k in CODE_FAULTS)]
    slow = [f for f in first.get("failures", []) if any(k in (f.get("error") or "").lower() for k in OVER_TIME_LIMIT)]
    return {
        "corpus": str(corpus),
        "files": len(files),
        "pdf_files": len(pdfs),
        "pdf_pages": pages,
        "first_run": {
            "exit_code": first_code,
            "wall_seconds": round(first_seconds, 1),
            "seconds_per_pdf_page": round(first_seconds / pages, 3) if pages else None,
            "documents": first.get("documents"),
            "dbt_build_ok": (first.get("dbt_build") or {}).get("ok"),
            "dbt_build_failures": build_failures,
            "stderr_tail": first_err[-2000:] if first_code not in (0, 1) else "",
        },
        "rerun": {
            "exit_code": rerun_code,
            "wall_seconds": round(rerun_seconds, 1),
            "documents": rerun.get("documents"),
            "no_op": bool(rerun.get("documents")) and rerun["documents"].get("loaded") == 0,
        },
        "memory": {k: round(v, 1) for k, v in memory.report().items()},
        "code_faults": faults,
        "over_time_limit": slow,
        # every file not loaded that is no refusal (loaders/outcomes.py): what makes `govfin run` exit 1
        "failures": first.get("failures", []),
        "check": health or {"error": check_err[-2000:]},
    }


def _last_json(text: str) -> dict:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {}


def verdict(report: dict) -> list[str]:
    """What makes `make corpus` fail: faults of the code, never refusals of the corpus's files."""
    problems = []
    if report["code_faults"]:
        problems.append(f"{len(report['code_faults'])} files crashed the parser")
    if report["first_run"]["exit_code"] not in (0, 1) or not report["first_run"]["dbt_build_ok"]:
        problems.append("govfin run did not build the marts")
    if not report["rerun"]["no_op"]:
        problems.append("the rerun loaded documents again")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / ".." / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "corpus-results.json")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        raise SystemExit(f"no corpus at {corpus}")
    with tempfile.TemporaryDirectory(prefix="govfin-corpus-") as tmp:
        home = Path(tmp)
        home.chmod(0o755)  # made 0700; as root the server's own user must pass (govfin opens no folder itself)
        try:
            report = run_corpus(corpus, home)
        finally:
            subprocess.run([GOVFIN, "db", "stop"], env={**os.environ, "GOVFIN_HOME": str(home)}, capture_output=True)
    report["problems"] = verdict(report)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    check = report["check"]
    disclosures = check.get("disclosures", {})
    print(
        f"{report['files']} files ({report['pdf_pages']} PDF pages): {report['first_run']['documents']}; "
        f"{report['first_run']['wall_seconds']} s, {report['first_run']['seconds_per_pdf_page']} s per PDF page, "
        f"peak {report['memory'].get('peak_pss_total_mb')} MB; disclosures {disclosures.get('count')}, "
        f"every identity holding in {disclosures.get('all_identities_hold')}; rerun no-op: {report['rerun']['no_op']}"
    )
    for slow in report["over_time_limit"]:
        print(f"over the parse time limit: {slow['path']}")
    print(f"report written to {args.out}")
    if report["problems"]:
        print("FAILED: " + "; ".join(report["problems"]), file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
