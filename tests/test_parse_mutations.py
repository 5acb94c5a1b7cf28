"""The parser reads tables by title and header: reordering, renumbering or respacing a document changes nothing."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from loaders.reading import read_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
TAB_SEEDS = ["000_3b0a4ec0e1089ac8.txt", "003_4bfa79258c3578d4.txt"]
FACTS = ("functional_amounts", "summary_amounts", "economic_amounts", "three_public_amounts")


def facts(doc) -> dict[str, list[str]]:
    return {attr: sorted(repr(replace(r, page=None, lineno=0)) for r in getattr(doc, attr)) for attr in FACTS}


def table_blocks(text: str) -> tuple[str, list[str], str]:
    """(before, [one block per 公开NN表 table], after): blocks start at the title line before the number."""
    lines = text.split("\n")
    starts = [i - 2 for i, ln in enumerate(lines) if re.fullmatch(r"公开\d{2}表", ln.strip())]
    end = next(i for i, ln in enumerate(lines) if i > starts[-1] and ln.startswith("第三部分"))
    blocks = ["\n".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], end], strict=False)]
    return "\n".join(lines[: starts[0]]), blocks, "\n".join(lines[end:])


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", TAB_SEEDS)
def test_reversed_table_order_gives_the_same_rows(tmp_path, name):
    text = (RAW / name).read_text(encoding="utf-8")
    before, blocks, after = table_blocks(text)
    assert len(blocks) == 10
    mutated = "\n".join([before, *reversed(blocks), after])
    assert facts(read_document(write(tmp_path, name, mutated))) == facts(read_document(RAW / name))


@pytest.mark.parametrize("name", TAB_SEEDS)
def test_renumbered_tables_give_the_same_rows(tmp_path, name):
    text = (RAW / name).read_text(encoding="utf-8")
    numbers = iter(range(31, 99))
    mutated = re.sub(r"(?m)^公开\d{2}表$", lambda m: f"公开{next(numbers)}表", text)
    assert mutated != text
    assert facts(read_document(write(tmp_path, name, mutated))) == facts(read_document(RAW / name))


@pytest.mark.parametrize("name", TAB_SEEDS)
def test_tabs_as_column_gaps_give_the_same_rows(tmp_path, name):
    """Space-aligned extraction (runs of spaces between cells) instead of tabs."""
    text = (RAW / name).read_text(encoding="utf-8")
    mutated = "\n".join(
        "   ".join(c if c else "-" for c in line.split("\t")) if "\t" in line else line for line in text.split("\n")
    )
    assert facts(read_document(write(tmp_path, name, mutated))) == facts(read_document(RAW / name))


@pytest.mark.parametrize("name", TAB_SEEDS)
def test_extra_blank_lines_and_full_width_digits_give_the_same_rows(tmp_path, name):
    text = (RAW / name).read_text(encoding="utf-8")
    full_width = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
    mutated = "\n\n".join(
        line.translate(full_width) if line.startswith("2") and "\t" in line else line for line in text.split("\n")
    )
    assert facts(read_document(write(tmp_path, name, mutated))) == facts(read_document(RAW / name))
