"""The seam between extraction and parsing: the parser sees lines and a Source, never bytes."""

from __future__ import annotations

import ast
from pathlib import Path

from loaders.extract import extract_lines
from loaders.parse import parse_lines
from loaders.reading import read_document, source_of

PARSE = Path(__file__).resolve().parents[1] / "loaders" / "parse"
SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_parse_imports_nothing_from_extract():
    offenders = {
        str(path.relative_to(PARSE)): sorted(n for n in _imports(path) if n.startswith("loaders.extract"))
        for path in PARSE.rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_parse_lines_is_read_document_without_the_file():
    data = SEED.read_bytes()
    by_lines = parse_lines(extract_lines(SEED, data), source_of(SEED, data))
    assert by_lines == read_document(SEED)
    assert by_lines.source_path == str(SEED)
    assert by_lines.functional_amounts  # the seed's tables were read


def test_tuning_numbers_live_in_the_settings_object():
    """A module-level number (a limit, a gap, a weight) is a field of ``grid.settings.ParseSettings``."""
    found = []
    for path in PARSE.rglob("*.py"):
        rel = path.relative_to(PARSE)
        if rel.parts[0] == "vocabulary" or rel == Path("grid/settings.py"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if isinstance(value, ast.Constant) and type(value.value) in (int, float):
                found.append(f"{rel}:{node.lineno}")
    assert found == []
