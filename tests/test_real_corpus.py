"""The real corpus (../shared/real): 38 genuine disclosures from 13 provinces and the centre.

Each document parses, or is refused for the reason ``tests/data/real_corpus.json`` gives
(a document that really holds no table); each of the 96 key figures lands in its table
and item (the fact named beside it in that file, never merely somewhere); no cell is
"unreadable"; every table read passes its own arithmetic (``loaders.parse.grid.checks``)
except contradictions the document really prints, listed there with the printed evidence
and the amounts the warning must state (each listed contradiction must also be reported);
三公 items and 功能分类 项 rows read by eye from the page (``read_items``, each citing its
page and printed row) land in their item.

What is not in place yet is an expected failure with its reason (strict: it fails as soon
as it is fixed, so the mark is removed then). Parsing takes minutes of CPU: the corpus is
parsed once per session by two processes; set GOVFIN_REAL_CACHE to a directory to keep
extracted lines between runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.real_corpus import (
    HOMES,
    REAL,
    arithmetic,
    figures_in,
    home_amounts,
    in_place,
    load_homes,
    parse_corpus,
    unreadable,
)

DOCS = REAL / "docs"
pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason=f"the real corpus is not at {DOCS.resolve()}")

REFUSED, FIGURES = load_homes()
PENDING = json.loads(HOMES.read_text(encoding="utf-8"))
# figures beyond key-figures.json, read by eye from the page, for layouts read since (same shape)
READ_FIGURES = figures_in(PENDING.get("read_figures", []))
# 三公 items and 功能分类 项 rows read from the page (each entry cites its page and printed row)
READ_ITEMS = PENDING.get("read_items", [])
CONTRADICTIONS = [(name, c) for name, listed in PENDING.get("contradictions", {}).items() for c in listed]
NAMES = sorted(p.name for p in DOCS.iterdir() if p.is_file()) if DOCS.is_dir() else []


def _pending(section: str, name: str):
    reason = PENDING.get(section, {}).get(name)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@pytest.fixture(scope="session")
def corpus():
    return parse_corpus(DOCS, workers=2)


@pytest.mark.parametrize("name", [pytest.param(n, marks=_pending("pending_documents", n)) for n in NAMES])
def test_document_is_handled(corpus, name):
    outcome = corpus[name]
    if name in REFUSED:
        assert outcome.document is None, f"{name} parsed, but it holds no table: {REFUSED[name]}"
        assert REFUSED[name] in outcome.error
    else:
        assert outcome.document is not None, outcome.error


@pytest.mark.parametrize(
    "figure",
    [
        pytest.param(
            f,
            id=f"{Path(f.file).stem}:{f.label}",
            marks=[pytest.mark.xfail(strict=True, reason=f.pending)] if f.pending else [],
        )
        for f in FIGURES
    ],
)
def test_key_figure_is_in_its_table_and_item(corpus, figure):
    outcome = corpus[Path(figure.file).name]
    assert outcome.document is not None, outcome.error
    found = home_amounts(outcome.document, figure.home)
    assert in_place(outcome.document, figure), (
        f"{figure.table} | {figure.label}: expected {figure.yuan} in {figure.home}, found {found}"
    )


@pytest.mark.parametrize("figure", [pytest.param(f, id=f"{Path(f.file).stem}:{f.label}") for f in READ_FIGURES])
def test_read_figure_is_in_its_table_and_item(corpus, figure):
    """A figure beyond key-figures.json (a layout read since), held to the same rule."""
    test_key_figure_is_in_its_table_and_item(corpus, figure)


def test_read_items_cite_their_page_and_printed_row():
    """An item of the oracle is read from the page, not from the parser: it names where and what."""
    assert {e["home"]["fact"] for e in READ_ITEMS} == {"three_public", "functional"}
    for entry in READ_ITEMS:
        assert isinstance(entry["page"], int) and entry["page"] > 0, entry["label"]
        assert entry["printed"].strip(), entry["label"]
        assert (DOCS / Path(entry["file"]).name).is_file(), entry["file"]


@pytest.mark.parametrize(
    "figure", [pytest.param(f, id=f"{Path(f.file).stem}:{f.label}") for f in figures_in(READ_ITEMS)]
)
def test_read_item_is_in_its_table_and_item(corpus, figure):
    """A 三公 item (出国, 接待, 购置, 运行) or a 功能分类 项 row read from the page, in its home and nowhere else."""
    test_key_figure_is_in_its_table_and_item(corpus, figure)


@pytest.mark.parametrize("name", [pytest.param(n, marks=_pending("pending_unreadable", n)) for n in NAMES])
def test_no_unreadable_cells(corpus, name):
    doc = corpus[name].document
    if doc is None:
        pytest.skip(f"{name} is refused: {corpus[name].error}")
    assert unreadable(doc) == []


@pytest.mark.parametrize("name", [pytest.param(n, marks=_pending("pending_arithmetic", n)) for n in NAMES])
def test_tables_add_up_except_printed_contradictions(corpus, name):
    doc = corpus[name].document
    if doc is None:
        pytest.skip(f"{name} is refused: {corpus[name].error}")
    printed = PENDING.get("contradictions", {}).get(name, [])
    unexplained = [i for i in arithmetic(doc) if not any(states(i, c) for c in printed)]
    assert unexplained == []


def states(issue, contradiction: dict) -> bool:
    """The warning names the listed contradiction: its table, its row, the printed figure and the sum of its parts."""
    return (
        issue.table == contradiction["table"]
        and contradiction["row"] in issue.message
        and f" is {contradiction['printed']} " in issue.message
        and f" make {contradiction['sum']}" in issue.message
    )


@pytest.mark.parametrize(
    "name,contradiction", [pytest.param(n, c, id=f"{Path(n).stem}:{c['row']}") for n, c in CONTRADICTIONS]
)
def test_printed_contradiction_is_reported(corpus, name, contradiction):
    """Two-way: a contradiction the page prints is not only excused, it must be found, with its amounts."""
    doc = corpus[name].document
    assert doc is not None, corpus[name].error
    found = [i.message for i in arithmetic(doc) if i.table == contradiction["table"]]
    assert any(states(i, contradiction) for i in arithmetic(doc)), f"{contradiction['evidence']}; warnings: {found}"
