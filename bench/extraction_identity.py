"""Is extraction without pdfminer's layout analysis fact-for-fact the old extraction?

For every real PDF (../shared/real/docs) and the seed documents rendered as PDFs
(tests/pdf_fixtures.py), `govfin parse --format json` output (or its error message) is
computed twice in one process: with today's ``loaders.extract.pdf._layouts`` and with
the reference it replaced, ``extract_pages(laparams=LAParams(all_texts=True))``. Prints
each file that differs and the count; exits 1 if any does.

    .venv/bin/python -m bench.extraction_identity
"""

from __future__ import annotations

import io
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_DOCS = ROOT / ".." / "shared" / "real" / "docs"


def _reference_layouts(data: bytes, max_pages: int = 0):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    return extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True), maxpages=max_pages)


def _parse_json(path: Path) -> str:
    from loaders.model import ParseError
    from loaders.parse.render import render_document
    from loaders.reading import read_document

    try:
        return render_document(read_document(path), "json")
    except ParseError as exc:
        return f"ParseError: {exc}"


def compare(path_str: str) -> tuple[str, bool]:
    """(file name, identical?) for one PDF: new extraction vs the layout-analysis reference."""
    from loaders.extract import pdf

    path = Path(path_str)
    new = _parse_json(path)
    current = pdf._layouts
    pdf._layouts = _reference_layouts
    try:
        old = _parse_json(path)
    finally:
        pdf._layouts = current
    return path.name, new == old


def seed_pdfs(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "tests"))
    from pdf_fixtures import render_pdf

    made = []
    for seed in sorted((ROOT / "data" / "raw").glob("*.txt")):
        target = folder / seed.with_suffix(".pdf").name
        target.write_bytes(render_pdf(seed))
        made.append(target)
    return made


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="govfin-identity-") as tmp:
        paths = sorted(REAL_DOCS.glob("*.pdf")) + seed_pdfs(Path(tmp))
        with ProcessPoolExecutor() as pool:
            outcomes = list(pool.map(compare, map(str, paths)))
    differing = [name for name, same in outcomes if not same]
    for name in differing:
        print(f"DIFFERS: {name}")
    print(f"{len(outcomes)} PDFs compared, {len(differing)} differ")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
