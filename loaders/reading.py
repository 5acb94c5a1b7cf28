"""One document from its file: extract its lines, then parse them (``read_document``).

The one entry point for callers that hold a path (the pipeline's workers, the CLI, the
benchmarks, the tests): extraction (``loaders.extract``) reads the bytes and tells the
format, the parser (``loaders.parse.parse_lines``) sees only lines and a ``Source``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from loaders.extract import extract_lines, formats
from loaders.extract.limits import read_within_limit
from loaders.model import Document, Line, ParseError, Source
from loaders.parse import parse_lines
from loaders.parse.document.admission import with_format_note


def source_of(path: Path, data: bytes) -> Source:
    return Source(str(path), hashlib.sha256(data).hexdigest(), formats.sniff(path.name, data))


def read_lines(path: Path, data: bytes | None = None) -> tuple[list[Line], Source]:
    """The extracted lines of a file and where they came from."""
    data = read_within_limit(path) if data is None else data
    lines = extract_lines(path, data)  # first: it refuses empty, oversized and unsupported files
    return lines, source_of(path, data)


def read_document(path: Path, data: bytes | None = None) -> Document:
    """Extract then parse one file; raises ParseError for what cannot be read.

    A refusal of a file whose name lies about its format (an HTML page saved as .pdf) says
    what the file really is."""
    data = read_within_limit(path) if data is None else data
    try:
        return parse_lines(*read_lines(path, data))
    except ParseError as exc:
        raise with_format_note(exc, formats.misnamed(path.name, data)) from exc
