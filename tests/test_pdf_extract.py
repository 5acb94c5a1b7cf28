"""PDFs through pdfminer.six: the same facts as the text of the same document; bad PDFs fail clearly."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from loaders.extract.pdf import extract_pdf_lines
from loaders.extract.pdf_geometry import Glyph, Rule, cells_by_rules, cluster_rows, columns_at, dedupe_overprinted
from loaders.model import ParseError
from loaders.reading import read_document

from answer_key import FINAL_ACCOUNTS, budget_checks, final_account_checks
from pdf_fixtures import image_only_pdf, render_pdf

TESTS = Path(__file__).resolve().parent
RAW = TESTS.parent / "data" / "raw"
SEEDS = [
    "000_3b0a4ec0e1089ac8.txt",
    "001_cb5fbf2334879971.txt",
    "002_c032330014219076.txt",
    "003_4bfa79258c3578d4.txt",
    "004_ed45889f6f94df5a.txt",
]
FACTS = ("functional_amounts", "summary_amounts", "economic_amounts", "three_public_amounts", "statistics")


def without_provenance(rows):
    return sorted(repr(replace(r, page=None, lineno=0)) for r in rows)


def g(text, x0, top=10.0):
    return Glyph(text, x0, x0 + 7, top, top + 7)


def test_fake_bold_glyphs_are_dropped():
    glyphs = [g("合", 10), g("合", 10.3), g("计", 17), g("计", 17.3), g("计", 40)]
    assert [x.text for x in dedupe_overprinted(glyphs)] == ["合", "计", "计"]


def test_rows_by_vertical_position_and_cells_by_rules():
    glyphs = [g("1", 60, 30.5), g("甲", 10, 10), g("乙", 17, 10.4), g("5", 62, 10)]
    rows = cluster_rows(glyphs)
    assert [[x.text for x in row] for row in rows] == [["甲", "乙", "5"], ["1"]]
    rules = [Rule(x, 0, 50) for x in (5, 40, 55, 80)]
    assert cells_by_rules(rows[0], columns_at(rules, 12)) == ["甲乙", "", "5"]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    made = {}
    for name in SEEDS:
        target = folder / name.replace(".txt", ".pdf")
        target.write_bytes(render_pdf(RAW / name))
        made[name] = target
    return made


KNOWN_PDF_GAPS: dict[str, str] = {}  # seed → why its PDF does not yet give the text's facts (strict xfail)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_PDF_GAPS[n])] if n in KNOWN_PDF_GAPS else [])
        for n in SEEDS
    ],
)
def test_pdf_gives_the_same_facts_as_text(pdfs, name):
    from_text = read_document(RAW / name)
    from_pdf = read_document(pdfs[name])
    assert from_pdf.meta == from_text.meta
    assert [t.kind for t in from_pdf.tables] == [t.kind for t in from_text.tables]
    for attr in FACTS:
        assert without_provenance(getattr(from_pdf, attr)) == without_provenance(getattr(from_text, attr)), attr
    assert all(r.page for r in from_pdf.functional_amounts)
    budgets = lambda doc: sorted((p.phase, p.name, p.budget_full_year_yuan) for p in doc.projects)  # noqa: E731
    assert budgets(from_pdf) == budgets(from_text)


@pytest.mark.parametrize("name", SEEDS)
def test_pdf_equals_the_answer_key(pdfs, expected, name):
    """The seed drawn as a PDF, read by the real extraction and parse, gives the hand-read answer key
    (tests/data/expected.json): an oracle of its own, not the text's reading of the same document."""
    doc = read_document(pdfs[name])
    checks = (final_account_checks if name in FINAL_ACCOUNTS else budget_checks)(doc, expected[name])
    wrong = [(what, str(want), str(got)) for what, want, got in checks if want != got]
    assert len(checks) > 100
    assert wrong == []


def test_fixtures_draw_pages_without_the_code_under_test():
    """No fixture that makes a test's input (tests/*fixtures*.py, tests/text_rows.py) imports
    ``loaders``: a page drawn from the extractor's own cells would carry its bugs into the PDF."""
    fixtures = [*sorted(TESTS.glob("*fixtures*.py")), TESTS / "text_rows.py"]
    assert TESTS / "pdf_fixtures.py" in fixtures
    importing = {}
    for path in fixtures:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            found = [n for n in names if n == "loaders" or n.startswith("loaders.")]
            if found:
                importing.setdefault(path.name, []).extend(found)
    assert importing == {}


def test_cover_read_past_a_heading_split_into_cells():
    """A page head above the cover and a section heading the PDF's spacing split into cells
    (第一部分 | 概况) do not end the cover: the title below still gives department, year and scope."""
    from loaders.model import Line
    from loaders.parse.document.metadata_cover import read_cover

    texts = [("部门决算公开 内部测试版",), ("", "第一部分", "概况"), ("一、本部门职责",)]
    texts.append(("某市某局2023年部门预算公开报告",))
    lines = [Line("\t".join(cells), cells, n) for n, cells in enumerate(texts, start=1)]
    cover = read_cover(lines)
    assert (cover.department, cover.fiscal_year, cover.document_kind, cover.scope_word) == (
        "某市某局",
        2023,
        "budget",
        "部门",
    )
    table = [*lines[:1], Line("合计\t10.00", ("合计", "10.00"), 2), *lines[3:]]
    assert read_cover(table).title is None  # a table row still ends the cover


def test_table_split_across_pages_reads_as_one(tmp_path):
    name = SEEDS[0]
    small_pages = tmp_path / "split.pdf"
    small_pages.write_bytes(render_pdf(RAW / name, lines_per_page=13))
    from_pdf = read_document(small_pages)
    from_text = read_document(RAW / name)
    pages = {r.page for r in from_pdf.functional_amounts if r.table_kind == "expenditure"}
    assert len(pages) >= 2, "the expenditure table must cross a page break in this rendering"
    assert without_provenance(from_pdf.functional_amounts) == without_provenance(from_text.functional_amounts)
    texts = [line.text for line in extract_pdf_lines(small_pages.read_bytes(), "split.pdf")]
    assert not any(t.startswith("续表") or (t.startswith("-") and t.endswith("-")) for t in texts)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"this is a text file named .pdf\n", "not a PDF"),
        (None, "no text layer: needs OCR"),
        ("encrypted", "encrypted PDF"),
        ("truncated", "truncated: the PDF has no %%EOF trailer"),
    ],
)
def test_bad_pdfs_fail_with_a_clear_error(tmp_path, data, message):
    if data is None:
        data = image_only_pdf()
    elif data == "encrypted":
        data = render_pdf(RAW / SEEDS[0], encrypt="secret-password")
    elif data == "truncated":
        whole = render_pdf(RAW / SEEDS[0])
        data = whole[: len(whole) // 3]
    path = tmp_path / "download.pdf"
    path.write_bytes(data)
    with pytest.raises(ParseError) as error:
        read_document(path)
    assert message in str(error.value) and "download.pdf" in str(error.value)
