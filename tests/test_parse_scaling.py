"""The parse stage is linear in its input: a document 4 times as long takes about 4 times the CPU.

A seed's lines repeated N and 4N times (line numbers and pages running on) are parsed; so are
the lines of the seed printed as a PDF, repeated over N and 4N times its pages; and the
overprint de-duplication of extraction is given a page of N and 4N glyphs. Work quadratic in
the input (a scan of every row, region or span for each line) makes the ratio grow with N
(6 to 8 at these sizes before the stage was made linear); linear work keeps it near 4.
The bound is generous (5.5) and each ratio is the best of two measures, so a busy machine
does not fail it.
"""

from __future__ import annotations

import random
from pathlib import Path

from bench.parse_scaling import best_cpu_seconds, line_scaling
from loaders.extract.pdf_geometry import Glyph, dedupe_overprinted
from loaders.parse import parse_lines
from loaders.reading import read_lines
from tests.pdf_fixtures import render_pdf

SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "002_c032330014219076.txt"
COPIES = 24
BOUND = 5.5


def _ratio(measure) -> float:
    """t(4N) / t(N), measured once, and again (the best of each) only when the first is over the bound."""
    short, long = measure(1)
    if long / short > BOUND:
        again_short, again_long = measure(1)
        short, long = min(short, again_short), min(long, again_long)
    return long / short


def test_parse_is_linear_in_lines():
    lines, source = read_lines(SEED)
    ratio = _ratio(lambda tries: line_scaling(lines, source, COPIES, tries))
    assert ratio <= BOUND, f"parsing {4 * COPIES} copies took {ratio:.1f} × the CPU of {COPIES}"


def test_parse_is_linear_in_pages(tmp_path):
    pdf = tmp_path / "seed.pdf"
    pdf.write_bytes(render_pdf(SEED))
    lines, source = read_lines(pdf)
    assert len({line.page for line in lines}) > 5  # a PDF's lines, page by page
    parse_lines(lines, source)  # readable as it is
    ratio = _ratio(lambda tries: line_scaling(lines, source, COPIES, tries))
    assert ratio <= BOUND, f"parsing {4 * COPIES} times the pages took {ratio:.1f} × the CPU of {COPIES} times"


def _page(glyphs: int, seed: int) -> list[Glyph]:
    """A page of digits scattered over a large sheet, each second one drawn twice 0.3 pt apart (fake bold)."""
    rng = random.Random(seed)
    page = []
    for _ in range(glyphs // 2):
        x, top, text = rng.uniform(0, 3000), rng.uniform(0, 3000), str(rng.randrange(10))
        page += [Glyph(text, x, x + 5, top, top + 7), Glyph(text, x + 0.3, x + 5.3, top, top + 7)]
    return page


def test_overprint_dedupe_is_linear_in_glyphs():
    small, large = _page(4000, 1), _page(16000, 2)
    assert len(dedupe_overprinted(small)) <= 2000  # the twins are dropped

    def measure(tries):  # each page three times over: one pass takes a few milliseconds
        return (
            best_cpu_seconds(lambda: [dedupe_overprinted(small) for _ in range(3)], tries),
            best_cpu_seconds(lambda: [dedupe_overprinted(large) for _ in range(3)], tries),
        )

    ratio = _ratio(measure)
    assert ratio <= BOUND, f"4 times the glyphs took {ratio:.1f} × the CPU"
