"""Is the parse stage linear in its input? CPU time of a document N and 4N times as long.

A seed's lines repeated N and 4N times (line numbers and pages running on) make one long
document; ``parse_line_scaling_ratio`` is t(4N) / t(N) / 4 for ``parse_lines`` on a text seed,
``parse_page_scaling_ratio`` the same on the lines of a seed printed as a PDF, repeated over N
and 4N times its pages, and ``read_document_page_scaling_ratio`` the same for ``read_document``
(extraction and parse) on PDFs of the seed printed N and 4N times over. 1.0 is linear; work
growing with the square of the input makes the ratio grow with N. Each time is the best of two
measures (CPU time of this process).

    .venv/bin/python -m bench.parse_scaling
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from loaders.model import Line

ROOT = Path(__file__).resolve().parents[1]
LINE_SEED = ROOT / "data" / "raw" / "002_c032330014219076.txt"
PAGE_SEED = ROOT / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt"


def repeated(lines: list[Line], copies: int) -> list[Line]:
    """``lines`` printed ``copies`` times one after the other, line numbers and pages running on."""
    last_line = max(line.lineno for line in lines)
    last_page = max((line.page or 0) for line in lines)
    return [
        replace(
            line,
            lineno=line.lineno + copy * last_line,
            page=None if line.page is None else line.page + copy * last_page,
        )
        for copy in range(copies)
        for line in lines
    ]


def best_cpu_seconds(work: Callable[[], object], tries: int = 2) -> float:
    """The least CPU time of ``tries`` runs of ``work``."""
    best = float("inf")
    for _ in range(tries):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def line_scaling(lines: list[Line], source, copies: int, tries: int = 2) -> tuple[float, float]:
    """CPU seconds of ``parse_lines`` on ``lines`` repeated ``copies`` and 4 × ``copies`` times."""
    from loaders.parse import parse_lines

    short, long = repeated(lines, copies), repeated(lines, 4 * copies)
    return (
        best_cpu_seconds(lambda: parse_lines(short, source), tries),
        best_cpu_seconds(lambda: parse_lines(long, source), tries),
    )


def page_scaling(seed: Path, copies: int, tmp: Path, tries: int = 2) -> tuple[float, float, int]:
    """CPU seconds of ``read_document`` on ``seed`` printed as a PDF ``copies`` and 4 × ``copies`` times
    over, and the short PDF's pages."""
    from loaders.reading import read_document, read_lines
    from tests.pdf_fixtures import render_pdf

    text = seed.read_text(encoding="utf-8")
    pdfs = []
    for n in (copies, 4 * copies):
        long_text = tmp / f"seed-{n}.txt"
        long_text.write_text(text * n, encoding="utf-8")
        pdf = tmp / f"seed-{n}.pdf"
        pdf.write_bytes(render_pdf(long_text))
        pdfs.append(pdf)
    lines, _ = read_lines(pdfs[0])
    pages = len({line.page for line in lines})
    short, long = (best_cpu_seconds(lambda p=p: read_document(p), tries) for p in pdfs)
    return short, long, pages


def measure_parse_scaling(line_copies: int = 16, page_copies: int = 2, pdf_line_copies: int = 16) -> dict:
    """The two ratios (t(4N) / t(N) / 4) and the times they come from."""
    from loaders.reading import read_lines

    lines, source = read_lines(LINE_SEED)
    short, long = line_scaling(lines, source, line_copies)
    results = {
        "parse_line_scaling_lines": len(lines) * line_copies,
        "parse_line_scaling_cpu_s": [round(short, 3), round(long, 3)],
        "parse_line_scaling_ratio": round(long / short / 4, 3),
    }
    with tempfile.TemporaryDirectory(prefix="govfin-scaling-") as tmp:
        from tests.pdf_fixtures import render_pdf

        pdf = Path(tmp) / "seed.pdf"
        pdf.write_bytes(render_pdf(PAGE_SEED))
        lines, source = read_lines(pdf)
        short, long = line_scaling(lines, source, pdf_line_copies)
        results |= {
            "parse_page_scaling_pages": len({line.page for line in lines}) * pdf_line_copies,
            "parse_page_scaling_cpu_s": [round(short, 3), round(long, 3)],
            "parse_page_scaling_ratio": round(long / short / 4, 3),
        }
        short, long, pages = page_scaling(PAGE_SEED, page_copies, Path(tmp))
    results |= {
        "read_document_page_scaling_pages": pages,
        "read_document_page_scaling_cpu_s": [round(short, 3), round(long, 3)],
        "read_document_page_scaling_ratio": round(long / short / 4, 3),
    }
    return results


if __name__ == "__main__":
    print(json.dumps(measure_parse_scaling(), indent=2))
