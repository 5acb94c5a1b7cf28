"""Real PDFs (../shared/real/docs): `govfin parse`'s work against pdfminer's own, pages per CPU second.

Three passes over the same bytes, file by file in one process so machine load hits all
three alike: our ``read_document`` (extraction + parse), pdfminer's bare character pass
(PDFPageInterpreter + a device that only collects LTChar, no LAParams, no layout
analysis: the floor any pdfminer-based extractor pays) and pdfminer's ``extract_text``.
Time is this process's CPU time (``time.process_time``), so the rates are per core and
the ratios survive a machine shared with other work. ``BENCH_REAL_LIMIT`` takes the first
N files (by name) for quick runs.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

REAL_DOCS = Path(__file__).resolve().parents[1] / ".." / "shared" / "real" / "docs"
# the target of docs/benchmarks.md: `govfin parse` costs at most 1.3 of pdfminer's bare character pass
MAX_RATIO_TO_CHAR_PASS = 1.3


def _char_pass(data: bytes) -> int:
    """pdfminer's interpretation of every page, collecting characters only; returns the page count."""
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class CharCollector(PDFLayoutAnalyzer):
        def __init__(self, rsrcmgr):
            super().__init__(rsrcmgr, laparams=None)
            self.chars: list[LTChar] = []

        def receive_layout(self, ltpage) -> None:
            self.chars.extend(o for o in ltpage if isinstance(o, LTChar))

    manager = PDFResourceManager()
    device = CharCollector(manager)
    interpreter = PDFPageInterpreter(manager, device)
    pages = 0
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
        pages += 1
    return pages


def _cpu(fn, *args):
    started = time.process_time()
    try:
        value, error = fn(*args), None
    except Exception as exc:  # a file our parser rejects still costs what it cost; the count says so
        value, error = None, f"{type(exc).__name__}: {exc}"
    return time.process_time() - started, value, error


def measure_real_pdfs(docs: Path = REAL_DOCS, limit: int | None = None) -> dict:
    """The three rates and their ratios over the real PDFs, or a recorded reason why not."""
    from pdfminer.high_level import extract_text

    from loaders.reading import read_document

    paths = sorted(docs.glob("*.pdf")) if docs.is_dir() else []
    if not paths:
        return {"real_pdf_skipped": f"no real PDFs at {docs.resolve()} (shared/ not beside the clone)"}
    if limit:
        paths = paths[:limit]
    parse_s = char_s = text_s = 0.0
    pages = size = 0
    rejected: list[str] = []
    for path in paths:
        data = path.read_bytes()
        size += len(data)
        seconds, n_pages, error = _cpu(_char_pass, data)
        if error:
            rejected.append(f"{path.name}: pdfminer: {error}")
            continue
        char_s += seconds
        pages += n_pages
        seconds, _, error = _cpu(read_document, path, data)
        parse_s += seconds
        if error:
            rejected.append(f"{path.name}: {error}"[:200])
        text_s += _cpu(extract_text, io.BytesIO(data))[0]
    return {
        "real_pdf_files": len(paths),
        "real_pdf_pages": pages,
        "real_pdf_mb": size / 1e6,
        "real_pdf_parse_cpu_s": parse_s,
        "real_pdf_char_pass_cpu_s": char_s,
        "real_pdf_extract_text_cpu_s": text_s,
        "real_pdf_pages_per_s": pages / parse_s,
        "real_pdf_char_pass_pages_per_s": pages / char_s,
        "real_pdf_extract_text_pages_per_s": pages / text_s,
        "real_pdf_ratio_to_char_pass": parse_s / char_s,
        "real_pdf_ratio_to_extract_text": parse_s / text_s,
        "real_pdf_parse_failures": len(rejected),
        "real_pdf_first_failures": rejected[:5],
    }


def main() -> None:
    import json

    limit = int(os.environ.get("BENCH_REAL_LIMIT", "0")) or None
    results = {k: round(v, 4) if isinstance(v, float) else v for k, v in measure_real_pdfs(limit=limit).items()}
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
