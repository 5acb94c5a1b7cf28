"""Plant each bug of ``bench/mutant_catalogue.py`` in a copy and show which tests catch it: ``make mutants``.

The repository is copied once to a temporary directory (without its virtualenvs, database
and caches; ``../shared`` linked beside it). For each mutant the copy's ``loaders/`` is
restored, the mutant's edits are applied (each must match exactly once in the whole tree),
and the mutant's tests run with the project's virtualenv and ``PYTHONPATH`` on the copy.
Extracted lines of the real corpus are kept in ``.cache/real-lines`` (or ``GOVFIN_REAL_CACHE``).
First the same tests run on the unmutated copy: a mutant counts as killed only by tests
that pass without it. Prints a table mutant → tests that failed; exits 1 when a mutant
survives or an edit does not match exactly once, 2 when the unmutated copy fails.

``python -m bench.mutants [--only NAME ...] [--no-baseline] [--keep]``
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from bench.mutant_catalogue import CATALOGUE, Edit, Mutant

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = (
    ".git",
    ".venv",
    ".venv-bi",
    ".govfin",
    ".cache",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "target",
    "logs",
)
# extracted lines of the real corpus, kept between runs (the extraction code is never mutated)
REAL_CACHE = ROOT / ".cache" / "real-lines"


class CatalogueError(Exception):
    """An edit that does not match exactly once: the code moved or changed, the catalogue needs an update."""


@dataclass(frozen=True)
class Outcome:
    mutant: str
    failed: tuple[str, ...]  # test ids that failed or errored
    error: str | None = None  # the edit could not be applied, or pytest did not run

    @property
    def killed(self) -> bool:
        return self.error is None and bool(self.failed)


def copy_repository(dest: Path) -> Path:
    """The working tree (uncommitted changes included) at ``dest/repo``, ``../shared`` linked beside it."""
    repo = dest / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(*SKIPPED), symlinks=True)
    shared = (ROOT / ".." / "shared").resolve()
    if shared.is_dir():
        (dest / "shared").symlink_to(shared, target_is_directory=True)
    return repo


def apply_edit(tree: Path, edit: Edit) -> Path:
    """Apply ``edit`` in the one Python file of ``tree`` where it matches; CatalogueError unless exactly once."""
    pattern = re.compile(edit.pattern if edit.regex else re.escape(edit.pattern))
    hits = {path: len(pattern.findall(path.read_text(encoding="utf-8"))) for path in sorted(tree.rglob("*.py"))}
    matched = {path: n for path, n in hits.items() if n}
    total = sum(matched.values())
    if total != 1:
        where = ", ".join(f"{p.relative_to(tree.parent)} ×{n}" for p, n in matched.items()) or "nowhere"
        raise CatalogueError(f"edit {edit.pattern!r} matches {total} times ({where}); it must match exactly once")
    (path,) = matched
    text = path.read_text(encoding="utf-8")
    replace = (lambda m: m.expand(edit.replacement)) if edit.regex else (lambda m: edit.replacement)
    path.write_text(pattern.sub(replace, text, count=1), encoding="utf-8")
    return path


def plant(repo: Path, pristine: Path, mutant: Mutant | None) -> None:
    """Restore the copy's ``loaders/`` and plant ``mutant`` (none: the unmutated code)."""
    shutil.rmtree(repo / "loaders")
    shutil.copytree(pristine, repo / "loaders")
    for edit in mutant.edits if mutant else ():
        apply_edit(repo / "loaders", edit)


def run_tests(repo: Path, tests: tuple[str, ...], report: Path) -> tuple[int, tuple[str, ...]]:
    """pytest on ``tests`` in the copy with the project's interpreter: (exit code, failed test ids)."""
    env = dict(os.environ, PYTHONPATH=str(repo), PYTHONDONTWRITEBYTECODE="1")
    env.setdefault("GOVFIN_REAL_CACHE", str(REAL_CACHE))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *tests]
    done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    if not report.exists():
        return done.returncode, (f"pytest did not run: {done.stdout[-2000:]}{done.stderr[-2000:]}",)
    failed = []
    for case in ET.parse(report).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            name = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), case.get("name", ""))
            failed.append(f"{case.get('classname', '').rsplit('.', 1)[-1]}::{name}")
    report.unlink()
    return done.returncode, tuple(failed)


def check_imports_copy(repo: Path) -> None:
    """The copy's ``loaders`` is the one imported, not the project's editable install."""
    env = dict(os.environ, PYTHONPATH=str(repo))
    shown = subprocess.run(
        [sys.executable, "-c", "import loaders.parse; print(loaders.parse.__file__)"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not Path(shown).resolve().is_relative_to(repo.resolve()):
        raise SystemExit(f"the copy's loaders is not the one imported ({shown}): mutants would test nothing")


def run(mutants: tuple[Mutant, ...], baseline: bool, keep: bool) -> int:
    work = Path(tempfile.mkdtemp(prefix="govfin-mutants-"))
    try:
        repo = copy_repository(work)
        pristine = work / "loaders-pristine"
        shutil.copytree(repo / "loaders", pristine)
        check_imports_copy(repo)
        if baseline:
            tests = tuple(dict.fromkeys(t for m in mutants for t in m.tests))
            print(f"unmutated copy: {len(tests)} test selections …", flush=True)
            plant(repo, pristine, None)
            code, failed = run_tests(repo, tests, work / "baseline.xml")
            if code != 0:
                print("the unmutated copy fails its tests; no mutant can be judged:\n  " + "\n  ".join(failed))
                return 2
        outcomes = []
        for mutant in mutants:
            print(f"{mutant.name} …", flush=True)
            try:
                plant(repo, pristine, mutant)
            except CatalogueError as exc:
                outcomes.append(Outcome(mutant.name, (), str(exc)))
                continue
            code, failed = run_tests(repo, mutant.tests, work / f"{mutant.name}.xml")
            error = None if code in (0, 1) else f"pytest exit {code}: {' '.join(failed)[:300]}"
            outcomes.append(Outcome(mutant.name, failed if code in (0, 1) else (), error))
        print(table(outcomes))
        return 0 if all(o.killed for o in outcomes) else 1
    finally:
        if keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def table(outcomes: list[Outcome], shown: int = 4) -> str:
    width = max(len(o.mutant) for o in outcomes)
    lines = [f"{'mutant':<{width}}  {'result':<9} tests that failed", "-" * (width + 40)]
    for o in outcomes:
        if o.error:
            lines.append(f"{o.mutant:<{width}}  {'ERROR':<9} {o.error}")
            continue
        result = f"killed {len(o.failed)}" if o.killed else "SURVIVED"
        names = ", ".join(o.failed[:shown]) + (f", … (+{len(o.failed) - shown})" if len(o.failed) > shown else "")
        lines.append(f"{o.mutant:<{width}}  {result:<9} {names or 'none'}")
    killed = sum(o.killed for o in outcomes)
    lines.append(f"{killed} / {len(outcomes)} mutants killed")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only these mutants (names from the catalogue)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the unmutated run of the tests")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    args = parser.parse_args()
    mutants = tuple(m for m in CATALOGUE if not args.only or m.name in args.only)
    unknown = set(args.only or ()) - {m.name for m in CATALOGUE}
    if unknown:
        raise SystemExit(f"no such mutants: {', '.join(sorted(unknown))}")
    raise SystemExit(run(mutants, baseline=not args.no_baseline, keep=args.keep))


if __name__ == "__main__":
    main()
