"""Does a change leave parse output as it was? Dump it for every file, then compare two dumps.

For each document of ../shared/real/docs, the seeds (data/raw) and ../shared/corpus: the
``govfin parse --format json`` output (or its ParseError) goes to ``OUT/<n>.json``, with a
``timings.json`` of CPU seconds (extraction, parse) and line and page counts per file. The
extracted lines can be kept (``--save-lines DIR``) and read back (``--lines DIR``) so that a
change to the parse stage alone is checked without extracting again.

    .venv/bin/python -m bench.parse_identity dump OUT [--save-lines DIR | --lines DIR] [--workers N]
    .venv/bin/python -m bench.parse_identity diff OLD NEW
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
SUFFIXES = {".pdf", ".html", ".htm", ".txt", ".xls", ".xlsx", ".doc", ".docx", ".csv"}


def documents() -> list[Path]:
    """Every document of the three sets, in a stable order."""
    found = []
    for folder in (SHARED / "real" / "docs", ROOT / "data" / "raw", SHARED / "corpus"):
        found += sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    return found


def _label(path: Path) -> str:
    """The file's name from its set's folder on (corpus/…, raw/…): the same in any checkout."""
    parts = path.resolve().parts
    return "/".join(parts[-3:])


def _one(job: tuple[int, str, str | None, str | None, str]) -> dict:
    from loaders.extract import formats
    from loaders.model import ParseError
    from loaders.parse import parse_lines
    from loaders.parse.document.admission import with_format_note
    from loaders.parse.render import render_document
    from loaders.reading import read_lines

    n, name, save_lines, read_cached, out = job
    path = Path(name)
    data = path.read_bytes()
    cache = Path(read_cached or save_lines or ".") / f"{n}.pickle"
    started = time.process_time()
    lines, source, extract_error = [], None, None
    try:
        if read_cached:
            lines, source, extract_error = pickle.loads(cache.read_bytes())
        else:
            lines, source = read_lines(path, data)
    except ParseError as exc:
        extract_error = str(with_format_note(exc, formats.misnamed(path.name, data)))
    if save_lines:
        cache.write_bytes(pickle.dumps((lines, source, extract_error)))
    extracted = time.process_time()
    if extract_error is not None:
        text = f"ParseError: {extract_error}"
    else:
        try:
            text = render_document(parse_lines(lines, source), "json")
        except ParseError as exc:
            text = f"ParseError: {with_format_note(exc, formats.misnamed(path.name, data))}"
    parsed = time.process_time()
    (Path(out) / f"{n}.json").write_text(f"{_label(path)}\n{text}\n", encoding="utf-8")
    pages = len({line.page for line in lines if line.page is not None})
    return {
        "file": _label(path),
        "extract_cpu_s": round(extracted - started, 3),
        "parse_cpu_s": round(parsed - extracted, 3),
        "lines": len(lines),
        "pages": pages,
    }


def dump(out: Path, save_lines: Path | None, lines: Path | None, workers: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if save_lines:
        save_lines.mkdir(parents=True, exist_ok=True)
    jobs = [
        (n, str(p), str(save_lines) if save_lines else None, str(lines) if lines else None, str(out))
        for n, p in enumerate(documents())
    ]
    with ProcessPoolExecutor(workers) as pool:
        timings = list(pool.map(_one, jobs))
    (out / "timings.json").write_text(json.dumps(timings, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(timings)} files dumped to {out}")


def diff(old: Path, new: Path) -> int:
    names = sorted(p.name for p in old.glob("*.json") if p.name != "timings.json")
    differ = [n for n in names if not (new / n).exists() or (old / n).read_bytes() != (new / n).read_bytes()]
    for n in differ:
        print("differs:", (old / n).read_text(encoding="utf-8").splitlines()[0])
    print(f"{len(names) - len(differ)} identical, {len(differ)} differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--save-lines", type=Path)
    d.add_argument("--lines", type=Path)
    d.add_argument("--workers", type=int, default=1)
    c = sub.add_parser("diff")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.out, args.save_lines, args.lines, args.workers)
        return 0
    return diff(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
