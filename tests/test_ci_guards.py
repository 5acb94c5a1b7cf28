"""CI cannot pass by skipping: `.ci/run` runs every stage, and under ``CI`` a missing ../shared or
browser fails the run instead of skipping the tests that need it.

The guards are run, not only read: the project's own ``tests/conftest.py`` is copied into a
tree with no ``shared/`` beside it and a one-test session is started there, with and without ``CI``.
"""

from __future__ import annotations

import ast
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"


def _commands(script: Path) -> list[list[str]]:
    """The shell commands of ``script``, comments and blank lines left out."""
    lines = [line.split("#", 1)[0].strip() for line in script.read_text(encoding="utf-8").splitlines()]
    return [shlex.split(line) for line in lines if line]


def test_ci_runs_lint_tests_mutants_and_the_corpus():
    commands = _commands(ROOT / ".ci" / "run")
    assert ["set", "-euo", "pipefail"] in commands  # a failing stage fails the run
    assert ["export", "CI=${CI:-true}"] in commands
    made = [c[1] for c in commands if c[:1] == ["make"]]
    assert made == ["lint", "test", "mutants", "corpus"]


def _make_target(name: str) -> list[str]:
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_make_test_prints_why_each_test_was_skipped():
    (command,) = [line for line in _make_target("test") if "pytest" in line]
    assert "-rs" in command.split()


def _session(tmp_path: Path, ci: bool, shared: bool) -> subprocess.CompletedProcess:
    """A pytest session of one passing test under a copy of the project's conftest, in a tree with
    (or without) the real corpus beside it."""
    tests = tmp_path / "clone" / "tests"
    tests.mkdir(parents=True)
    shutil.copy2(TESTS / "conftest.py", tests / "conftest.py")
    (tests / "test_one.py").write_text("def test_one():\n    assert True\n", encoding="utf-8")
    (tmp_path / "clone" / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    if shared:
        docs = tmp_path / "shared" / "real" / "docs"
        docs.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
        cwd=tmp_path / "clone",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_under_ci_a_missing_shared_corpus_fails_the_session(tmp_path):
    done = _session(tmp_path, ci=True, shared=False)
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, done.stdout + done.stderr
    assert "CI is set but the real corpus is not at" in done.stdout + done.stderr
    assert "1 passed" not in done.stdout


@pytest.mark.parametrize("ci, shared", [(False, False), (True, True)], ids=["local without shared", "CI with shared"])
def test_without_ci_or_with_the_corpus_the_session_runs(tmp_path, ci, shared):
    done = _session(tmp_path, ci=ci, shared=shared)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def _outcome(reason: str) -> tuple[str, str]:
    """What ``_unavailable`` does to a test: (skipped or failed, message). Caught here, so a skip
    where a failure is due fails this test instead of skipping it too."""
    from test_dashboards import _unavailable

    try:
        _unavailable(reason)
    except pytest.fail.Exception as exc:
        return "failed", str(exc)
    except pytest.skip.Exception as exc:
        return "skipped", str(exc)
    return "ran on", ""


def test_under_ci_a_missing_browser_fails_instead_of_skipping(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert _outcome("no chromium") == ("skipped", "no chromium")
    monkeypatch.setenv("CI", "true")
    assert _outcome("no chromium") == ("failed", "CI must draw the dashboards: no chromium")


def test_the_dashboard_tests_skip_only_through_the_ci_guard():
    """Every skip in the browser tests goes through ``_unavailable`` (which fails under CI)."""
    tree = ast.parse((TESTS / "test_dashboards.py").read_text(encoding="utf-8"))
    skips = []
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        for node in ast.walk(function):
            if isinstance(node, ast.Attribute) and node.attr in {"skip", "importorskip", "skipif"}:
                skips.append(function.name)
    assert skips == ["_unavailable"]
