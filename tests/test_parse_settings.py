"""The tuning numbers are one settings object read at call time: a changed setting changes the reading.

``parse_lines(lines, source, settings=...)`` and ``with using(settings):`` change them for one parse;
no module copies a number into a constant at import (which a caller could not change any more).
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from loaders.extract import extract_lines
from loaders.parse import parse_lines
from loaders.parse.grid import settings as settings_module
from loaders.parse.grid.settings import SETTINGS, current, using
from loaders.reading import source_of

PARSE = Path(__file__).resolve().parents[1] / "loaders" / "parse"
SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt"


@pytest.fixture(scope="module")
def seed():
    data = SEED.read_bytes()
    return extract_lines(SEED, data), source_of(SEED, data)


@pytest.mark.parametrize("name, value", [("title_block", 0), ("contents_window", 0)])
def test_a_changed_setting_changes_the_reading(seed, name, value):
    lines, source = seed
    default = parse_lines(lines, source)
    changed = replace(current(), **{name: value})
    by_argument = parse_lines(lines, source, settings=changed)
    assert by_argument != default
    with using(changed):
        assert current() == changed
        assert parse_lines(lines, source) == by_argument  # the settings in force, read at call time
    assert current() == SETTINGS  # restored on leaving
    assert parse_lines(lines, source) == default


def test_settings_are_restored_when_a_parse_fails():
    with pytest.raises(ValueError), using(replace(current(), title_block=0)):
        raise ValueError("a parse that fails")
    assert current() == SETTINGS


def test_no_module_keeps_a_setting_from_import_time():
    """Modules call ``current()`` where they use a number; ``SETTINGS`` (the defaults) is read nowhere else."""
    holders = []
    for path in PARSE.rglob("*.py"):
        if path == Path(settings_module.__file__):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        if "SETTINGS" in names | imported:
            holders.append(str(path.relative_to(PARSE)))
    assert holders == []
