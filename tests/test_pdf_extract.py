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


def test_neighbouring_equal_digits_in_a_tiny_font_are_no_overprint():
    """A 2.6-point table (digits 1.3 points wide): "2033060.00" lost a 3 and a 0 to the overprint
    check, whose reach (1.5 points) passed the next glyph; a fake-bold twin, a fraction of a point
    off, is still dropped."""
    tiny = [Glyph(ch, 10 + 1.3 * i, 1.3 * i + 11.3, 10, 12.6) for i, ch in enumerate("2033060.00")]
    assert "".join(x.text for x in dedupe_overprinted(tiny)) == "2033060.00"
    bold = [Glyph("3", 10, 11.3, 10, 12.6), Glyph("3", 10.2, 11.5, 10, 12.6)]
    assert [x.text for x in dedupe_overprinted(bold)] == ["3"]


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


def test_a_glyph_whose_font_has_a_bogus_descent_stands_on_its_baseline():
    """A title 某市某局2026年部门预算 whose year's font hangs its boxes below their baseline (top
    110.1 under a baseline at 109.5): the year made a line of its own, taken for a page number and
    dropped, and the document had no year. On its baseline it is on the title's line."""
    from types import SimpleNamespace

    from loaders.extract.pdf import glyph_of

    page_height = 595.3

    def char(x0, top, bottom, baseline):
        y0, y1 = page_height - bottom, page_height - top
        return SimpleNamespace(x0=x0, x1=x0 + 10, y0=y0, y1=y1, matrix=(1, 0, 0, 1, x0, page_height - baseline))

    chars = [(ch, char(200 + 21 * i, 92.8, 112.5, 106.8)) for i, ch in enumerate("某市某局")]
    chars += [(ch, char(290 + 10.5 * i, 110.1, 129.8, 109.5)) for i, ch in enumerate("2026")]
    chars += [(ch, char(335 + 21 * i, 92.8, 112.5, 106.8)) for i, ch in enumerate("年部门预算")]
    glyphs = [glyph_of(c, text, page_height) for text, c in chars]
    [row] = cluster_rows(glyphs)
    assert "".join(g.text for g in row) == "某市某局2026年部门预算"
    assert glyphs[0].top == pytest.approx(92.8) and glyphs[0].bottom == pytest.approx(112.5)  # kept as it is


def test_the_tail_of_a_wrapped_figure_is_no_page_number():
    """A figure wrapped in its cell around the row's label ("350,034.4" / 合计 … / "2"): the lone
    "2" was dropped as a page number and the 合计 read no 项目支出. A page number stays one."""
    from loaders.extract.pdf import Row, _is_page_number

    def row(*cells, columns=()):
        return Row(tuple(cells), tuple(columns), tuple(1 for _ in columns), 0.0)

    head = row("", "350,034.4", columns=(0, 5))
    total = row("合计", "432,513.70", columns=(0, 1))
    assert not _is_page_number(row("2", columns=(5,)), [head, total])  # in a ruled table's column
    assert not _is_page_number(row("2"), [head, total])  # unruled, under a figure cut in its decimals
    whole = row("行政运行", "43,003.71", columns=(0, 1))
    assert _is_page_number(row("29"), [whole, whole])
    assert _is_page_number(row("- 3 -", columns=(2,)), [whole])
