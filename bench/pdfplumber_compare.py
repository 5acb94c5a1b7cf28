"""Our PDF table finder against pdfplumber's: ``python -m bench.pdfplumber_compare [--workers N]``.

For every document of ``../shared/real/docs`` the same parse stage reads three extractions:

- ``ours``: ``loaders.extract.pdf`` (rows from characters, cells from ruling lines);
- ``pdfplumber_lines`` / ``pdfplumber_text``: pdfplumber's ``find_tables`` with its default
  ``lines`` strategy or its ``text`` strategy. Each table it finds replaces our lines inside the
  table's box by its rows (one ``Line`` per table row, a merged cell as a span like HTML's
  ``colspan``, a cell's wrapped lines joined); everything outside the tables stays ours.

So only the table finder differs. Key figures are counted in place with the oracle of
``tests/test_real_corpus.py`` (``bench.real_corpus.placed_figures``). Times are the table
finder's own: our whole PDF extraction against pdfplumber's opening, character pass and
``find_tables`` + ``extract``, per page. The result is printed and kept as the
``pdfplumber_comparison`` section of ``bench/results.json`` (other sections are kept).

pdfplumber is a bench dependency only (the ``test`` extra); the loader never imports it.
"""

from __future__ import annotations

import argparse
import io
import json
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from bench.real_corpus import REAL, Outcome, load_homes, placed_figures
from loaders.model import Line

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
SECTION = "pdfplumber_comparison"
# pdfplumber's two table strategies: ruling lines (its default) and aligned text
STRATEGIES = {
    "pdfplumber_lines": {"vertical_strategy": "lines", "horizontal_strategy": "lines"},
    "pdfplumber_text": {"vertical_strategy": "text", "horizontal_strategy": "text"},
}
VARIANTS = ("ours", *STRATEGIES)


@dataclass(frozen=True)
class PlumbedTable:
    """One table pdfplumber found: its page (1-based), box top and bottom (points from the top), rows."""

    page: int
    top: float
    bottom: float
    rows: tuple[Line, ...]


def _span(bbox, xs: list[float]) -> int:
    """How many of the table's column starts ``xs`` a cell's box covers."""
    return sum(1 for x in xs if bbox[0] - 0.5 <= x < bbox[2] - 0.5) or 1


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def table_rows(table, page_no: int) -> tuple[Line, ...]:
    """A pdfplumber table's rows as Lines: one cell per table column, '' with span 0 where a merged
    cell covers it, a merged cell's span counted from its box; a cell's wrapped lines joined.

    A row that is one cell across the whole table (a title and 部门 line inside the table's frame)
    is no table row: each of its lines becomes a one-cell line, as ours prints it."""
    xs = sorted({cell[0] for row in table.rows for cell in row.cells if cell is not None})
    lines = []
    for row, texts in zip(table.rows, table.extract(), strict=True):
        middle = (row.bbox[1] + row.bbox[3]) / 2
        spans = tuple(0 if box is None else _span(box, xs) for box in row.cells)
        if len(xs) > 1 and spans[:1] == (len(xs),) and texts[0]:
            lines += [Line(t, (t,), 0, page_no, y=round(middle, 2)) for t in map(_normal, texts[0].split("\n")) if t]
            continue
        cells = tuple(_normal("".join((t or "").split("\n"))) for t in texts)
        lines.append(
            Line(
                text="\t".join(cells),
                cells=cells,
                lineno=0,
                page=page_no,
                spans=() if all(s == 1 for s in spans) else spans,
                y=round(middle, 2),
            )
        )
    return tuple(lines)


def plumb(data: bytes, settings: dict) -> tuple[list[PlumbedTable], int]:
    """Every table pdfplumber finds with ``settings`` (fake-bold doubled glyphs removed first, as ours
    does), and the number of pages."""
    import pdfplumber

    found = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page_no, page in enumerate(pdf.pages, start=1):
            page = page.dedupe_chars()
            for table in page.find_tables(table_settings=settings):
                found.append(PlumbedTable(page_no, table.bbox[1], table.bbox[3], table_rows(table, page_no)))
        return found, len(pdf.pages)


def merge(ours: list[Line], tables: list[PlumbedTable]) -> list[Line]:
    """Our lines with those inside a found table replaced by the table's rows, in page order, renumbered."""
    boxes: dict[int, list[PlumbedTable]] = {}
    for table in tables:
        boxes.setdefault(table.page, []).append(table)
    kept = [
        line
        for line in ours
        if line.y is None or not any(t.top <= line.y <= t.bottom for t in boxes.get(line.page, ()))
    ]
    rows = [row for table in tables for row in table.rows]
    ordered = sorted(kept + rows, key=lambda line: (line.page or 0, line.y or 0.0))
    return [replace(line, lineno=n) for n, line in enumerate(ordered, start=1)]


def _parse_with(path: Path, data: bytes, lines: list[Line]) -> Outcome:
    """The parse of the given lines instead of the file's own extraction."""
    from loaders.model import ParseError
    from loaders.parse import parse_lines
    from loaders.reading import source_of

    try:
        return Outcome(path.name, parse_lines(lines, source_of(path, data)), None)
    except ParseError as exc:
        return Outcome(path.name, None, str(exc))


def compare_document(path_text: str) -> dict:
    """One document read three ways: each variant's Outcome, the seconds its table finder took, pages."""
    from loaders.extract import extract_lines
    from loaders.model import ParseError

    path = Path(path_text)
    data = path.read_bytes()
    result = {"file": path.name, "pages": 0, "seconds": {}, "tables": {}, "outcomes": {}}
    start = time.perf_counter()
    try:
        ours = extract_lines(path, data)
    except ParseError as exc:
        result["outcomes"] = {v: Outcome(path.name, None, str(exc)) for v in VARIANTS}
        return result
    result["seconds"]["ours"] = time.perf_counter() - start
    result["outcomes"]["ours"] = _parse_with(path, data, ours)
    is_pdf = data.lstrip()[:5].startswith(b"%PDF")
    for variant, settings in STRATEGIES.items():
        if not is_pdf:  # pdfplumber reads PDFs only: other formats are ours in every variant
            result["outcomes"][variant] = result["outcomes"]["ours"]
            continue
        start = time.perf_counter()
        tables, result["pages"] = plumb(data, settings)
        result["seconds"][variant] = time.perf_counter() - start
        result["tables"][variant] = len(tables)
        result["outcomes"][variant] = _parse_with(path, data, merge(ours, tables))
    return result


def compare(docs: Path = REAL / "docs", workers: int = 2) -> dict:
    """The comparison over a folder of documents: figures in place and seconds per page per variant."""
    _refused, figures = load_homes()
    paths = sorted(str(p) for p in docs.iterdir() if p.is_file())
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(compare_document, paths))
    pdfs = [r for r in results if r["pages"]]
    pages = sum(r["pages"] for r in pdfs)
    section: dict = {"documents": len(results), "pdf_documents": len(pdfs), "pdf_pages": pages}
    section["key_figures"] = len(figures)
    section["in_place"], section["parsed"], section["seconds_per_page"], section["tables_found"] = {}, {}, {}, {}
    per_document: dict[str, dict[str, int]] = {}
    for variant in VARIANTS:
        outcomes = {r["file"]: r["outcomes"][variant] for r in results}
        placed = placed_figures(outcomes, figures)
        section["in_place"][variant] = len(placed)
        section["parsed"][variant] = sum(1 for o in outcomes.values() if o.document is not None)
        section["seconds_per_page"][variant] = round(sum(r["seconds"][variant] for r in pdfs) / pages, 4)
        if variant != "ours":
            section["tables_found"][variant] = sum(r["tables"][variant] for r in pdfs)
        for f in placed:
            counts = per_document.setdefault(Path(f.file).name, dict.fromkeys(VARIANTS, 0))
            counts[variant] += 1
    section["in_place_per_document"] = dict(sorted(per_document.items()))
    section["best"] = max(VARIANTS, key=lambda v: section["in_place"][v])
    return section


def save(section: dict, path: Path = RESULTS) -> None:
    """Write the section into ``results.json``, keeping every other section."""
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    results[SECTION] = section
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    section = compare(workers=args.workers)
    save(section)
    print(json.dumps(section, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
