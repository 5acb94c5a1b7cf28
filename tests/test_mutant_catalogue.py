"""The mutant catalogue stays live: each edit matches exactly once in loaders/, and a mismatch is loud.

``make mutants`` runs the catalogue (``bench/mutants.py``); this checks, in seconds and on
every test run, that no mutant has been disabled by code that moved or changed: a snippet
found nowhere, or found twice, fails here and names the mutant to update.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.mutant_catalogue import CATALOGUE, Edit
from bench.mutants import CatalogueError, apply_edit

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("mutant", CATALOGUE, ids=[m.name for m in CATALOGUE])
def test_every_mutant_applies_exactly_once_to_the_current_code(tmp_path, mutant):
    tree = tmp_path / "loaders"
    shutil.copytree(ROOT / "loaders", tree, ignore=shutil.ignore_patterns("__pycache__"))
    for edit in mutant.edits:
        changed = apply_edit(tree, edit)
        original = ROOT / changed.relative_to(tmp_path)
        assert changed.read_text(encoding="utf-8") != original.read_text(encoding="utf-8"), mutant.name
    assert mutant.tests and mutant.why


def test_catalogue_names_are_unique_and_tests_exist():
    assert len({m.name for m in CATALOGUE}) == len(CATALOGUE)
    for mutant in CATALOGUE:
        for test in mutant.tests:
            assert (ROOT / test.split("::")[0]).is_file(), (mutant.name, test)


def test_an_edit_matching_nowhere_or_twice_is_refused(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\ny = 2\n")
    (tmp_path / "b.py").write_text("y = 2\n")
    with pytest.raises(CatalogueError, match="matches 0 times"):
        apply_edit(tmp_path, Edit("z = 3", "z = 4"))
    with pytest.raises(CatalogueError, match="matches 2 times"):
        apply_edit(tmp_path, Edit("y = 2", "y = 3"))
    assert apply_edit(tmp_path, Edit(r"x = (\d)", r"x = \1 + 1", regex=True)) == tmp_path / "a.py"
    assert (tmp_path / "a.py").read_text() == "x = 1 + 1\ny = 2\n"
