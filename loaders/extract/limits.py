"""Limits that keep one document's memory bounded: file size before reading, lines while extracting.

``GOVFIN_MAX_FILE_MB`` (default 100) caps the size of a file: a larger one is refused
from its size on disk, before a byte of it is read. ``GOVFIN_MAX_LINES`` (default
200,000; the longest real disclosure, 171 PDF pages, extracts to 5,641 lines)
caps the lines one document may extract to, so a huge text, web page, workbook or Word
file is refused before its lines fill memory (a PDF is read page by page, within the
file size limit). The uncompressed size of the parts of an
XLSX, ODS or DOCX archive is capped at ``UNPACKED_FACTOR`` times the file limit (a
"zip bomb" would otherwise unpack gigabytes from a small file).
"""

from __future__ import annotations

import os
from pathlib import Path

from loaders.model import ParseError

DEFAULT_MAX_FILE_MB = 100
DEFAULT_MAX_LINES = 200_000
UNPACKED_FACTOR = 10
MB = 1 << 20


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ParseError(f"{name}={value!r} is not a number") from None
    if number <= 0:
        raise ParseError(f"{name}={value!r} must be positive")
    return number


def max_file_bytes() -> int:
    return int(_env_number("GOVFIN_MAX_FILE_MB", DEFAULT_MAX_FILE_MB) * MB)


def max_lines() -> int:
    return int(_env_number("GOVFIN_MAX_LINES", DEFAULT_MAX_LINES))


def check_size(size: int, name: str) -> None:
    limit = max_file_bytes()
    if size > limit:
        raise ParseError(
            f"file too large: {size / MB:.1f} MB, over the limit of {round(limit / MB, 2):g} MB "
            f"(set GOVFIN_MAX_FILE_MB to raise it)",
            file=name,
        )


def read_within_limit(path: Path) -> bytes:
    """The file's bytes, refused by its size on disk before it is read."""
    check_size(path.stat().st_size, path.name)
    return path.read_bytes()


def check_line_count(count: int, name: str) -> None:
    limit = max_lines()
    if count > limit:
        raise ParseError(
            f"too long for one disclosure: more than {limit:,} lines (set GOVFIN_MAX_LINES to raise it)", file=name
        )


def check_unpacked(size: int, name: str) -> None:
    limit = max_file_bytes() * UNPACKED_FACTOR
    if size > limit:
        raise ParseError(
            f"file too large: unpacks to {size / MB:.0f} MB, over {round(limit / MB, 2):g} MB "
            f"({UNPACKED_FACTOR} times GOVFIN_MAX_FILE_MB)",
            file=name,
        )
