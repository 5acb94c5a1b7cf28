"""Measure the parser on the real corpus: ``python -m bench.real_corpus [--cache DIR]``.

Parses every document of ``../shared/real/docs`` (a process pool of two) and prints the
issue's measures: documents handled (parsed, or refused for a reason listed in
``tests/data/real_corpus.json``), key figures in place (each in its table and item, see
``figure_home``), "unreadable" cells and arithmetic warnings (``loaders.parse.grid.checks``).

``--cache DIR`` (or ``GOVFIN_REAL_CACHE``) keeps each file's extracted Lines between runs,
keyed by the file's bytes and the extraction code, so iterating on parsers skips pdfminer.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / ".." / "shared" / "real"
HOMES = ROOT / "tests" / "data" / "real_corpus.json"
EXTRACT_CODE = (ROOT / "loaders" / "extract", ROOT / "loaders" / "model.py")


@dataclass(frozen=True)
class Outcome:
    """One document's parse: the Document, or the ParseError's message."""

    file: str
    document: object | None
    error: str | None


@dataclass(frozen=True)
class Figure:
    """A key figure of ``key-figures.json`` with the fact that must hold it."""

    file: str
    table: str
    label: str
    yuan: Decimal
    home: dict
    pending: str | None  # why it is not in place yet (an expected failure), else None


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for root in EXTRACT_CODE:
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cached_extract(cache_dir: Path):
    """``extract_lines`` that keeps its result per file content and extraction code."""
    from loaders import reading

    real, fingerprint = reading.extract_lines, _fingerprint()

    def extract(path, data=None, repair=True):
        data = path.read_bytes() if data is None else data
        entry = cache_dir / f"{hashlib.sha256(data).hexdigest()[:24]}-{fingerprint}-{int(repair)}.pkl"
        if entry.exists():
            return pickle.loads(entry.read_bytes())
        lines = real(path, data, repair)
        entry.write_bytes(pickle.dumps(lines))
        return lines

    return extract


def _start_worker(cache_dir: str | None) -> None:
    if cache_dir:
        from loaders import reading

        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        reading.extract_lines = _cached_extract(Path(cache_dir))  # the seam's one extract call


def _parse(path: str) -> Outcome:
    from loaders.model import ParseError
    from loaders.reading import read_document

    name = Path(path).name
    try:
        return Outcome(name, read_document(Path(path)), None)
    except ParseError as exc:
        return Outcome(name, None, str(exc))


def parse_corpus(docs: Path = REAL / "docs", workers: int = 2, cache_dir: str | None = None) -> dict[str, Outcome]:
    paths = sorted(str(p) for p in docs.iterdir() if p.is_file())
    cache_dir = cache_dir or os.environ.get("GOVFIN_REAL_CACHE")
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(cache_dir,)) as pool:
        return {o.file: o for o in pool.map(_parse, paths)}


def load_homes(path: Path = HOMES) -> tuple[dict[str, str], list[Figure]]:
    """The refusals the corpus justifies (file → reason) and every key figure with its home."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["refused"], figures_in(data["figures"])


def figures_in(entries: list[dict]) -> list[Figure]:
    """The figures of one section of the oracle (``figures``, ``read_figures``)."""
    return [Figure(f["file"], f["table"], f["label"], Decimal(f["yuan"]), f["home"], f.get("pending")) for f in entries]


def _matches(row, home: dict, fields: tuple[str, ...]) -> bool:
    return all(getattr(row, field) == home[field] for field in fields if field in home)


def home_amounts(doc, home: dict) -> list[Decimal]:
    """Every amount the document holds in the figure's home (a table kind and item, not anywhere)."""
    fact = home["fact"]
    if fact == "summary":
        measures = (home["measure"],) if "measure" in home else ("amount", "total")
        return [
            r.amount_yuan
            for r in doc.summary_amounts
            if r.measure in measures and _matches(r, home, ("table_kind", "side", "item_key"))
        ]
    if fact == "functional":
        return [
            r.amount_yuan
            for r in doc.functional_amounts
            if _matches(r, home, ("table_kind", "functional_code", "measure"))
            and r.is_total == (home.get("functional_code") is None)
        ]
    if fact == "economic":
        return [
            r.amount_yuan
            for r in doc.economic_amounts
            if _matches(r, home, ("economic_code", "economic_name", "measure", "expense_category"))
        ]
    if fact == "three_public":
        return [r.amount_yuan for r in doc.three_public_amounts if _matches(r, home, ("phase", "item"))]
    if fact == "statistic":
        return [r.amount_yuan for r in doc.statistics if r.source == "table" and _matches(r, home, ("section", "item"))]
    if fact == "project":
        return [getattr(p, home["field"]) for p in doc.projects if _matches(p, home, ("name", "phase"))]
    if fact == "projects_sum":
        picked = [getattr(p, home["field"]) for p in doc.projects if _matches(p, home, ("phase", "implementing_unit"))]
        return [sum(picked, Decimal(0))] if picked and None not in picked else []
    raise ValueError(f"unknown fact kind {fact!r}")


def in_place(doc, figure: Figure) -> bool:
    """The figure is in its home, and nothing else is there (a second, different value is a misread)."""
    found = home_amounts(doc, figure.home)
    return bool(found) and all(amount == figure.yuan for amount in found)


def unreadable(doc) -> list:
    return [i for i in doc.issues if "unreadable" in i.message]


def arithmetic(doc) -> list:
    return [i for i in doc.issues if i.message.startswith("does not add up")]


def placed_figures(outcomes: dict[str, Outcome], figures: list[Figure]) -> list[Figure]:
    """The figures in place in the parsed documents (a figure of a document not parsed is not)."""
    return [
        f
        for f in figures
        if outcomes.get(Path(f.file).name)
        and outcomes[Path(f.file).name].document
        and in_place(outcomes[Path(f.file).name].document, f)
    ]


def report(outcomes: dict[str, Outcome], refused: dict[str, str], figures: list[Figure]) -> str:
    docs = [o.document for o in outcomes.values() if o.document is not None]
    handled = sum(1 for o in outcomes.values() if o.document is not None or o.file in refused)
    placed = placed_figures(outcomes, figures)
    lines = [
        f"documents handled: {handled} / {len(outcomes)} (parsed {len(docs)}, refused as expected "
        f"{sum(1 for o in outcomes.values() if o.document is None and o.file in refused)})",
        f"key figures in place: {len(placed)} / {len(figures)}",
        f"unreadable cells: {sum(len(unreadable(d)) for d in docs)}",
        f"arithmetic warnings: {sum(len(arithmetic(d)) for d in docs)}",
    ]
    for o in outcomes.values():
        if o.document is None and o.file not in refused:
            lines.append(f"  refused, not expected: {o.error}")
    missing = [f for f in figures if f not in placed]
    for f in missing:
        doc = outcomes[Path(f.file).name].document if Path(f.file).name in outcomes else None
        found = home_amounts(doc, f.home) if doc is not None else []
        lines.append(f"  not in place: {Path(f.file).name} | {f.table} | {f.label} = {f.yuan}; home holds {found}")
    for doc in docs:
        for issue in unreadable(doc) + arithmetic(doc):
            lines.append(f"  {Path(doc.source_path).name} | {issue.table} line {issue.lineno}: {issue.message}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", help="directory for extracted Lines kept between runs")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    refused, figures = load_homes()
    print(report(parse_corpus(workers=args.workers, cache_dir=args.cache), refused, figures))


if __name__ == "__main__":
    main()
