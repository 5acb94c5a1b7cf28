"""Limits that keep one document's memory bounded: file size before reading, lines while extracting.

``GOVFIN_MAX_FILE_MB`` (default 100) caps the size of a file: a larger one is refused
from its size on disk, before a byte of it is read. ``GOVFIN_MAX_LINES`` (default
200,000; the longest real disclosure, 171 PDF pages, extracts to 5,641 lines)
caps the lines one document may extract to, so a huge text, web page, workbook or Word
file is refused before its lines fill memory (a PDF is read page by page, within the
file size limit). The uncompressed size of the parts of an
XLSX, ODS or DOCX archive is capped at ``UNPACKED_FACTOR`` times the file limit (a
"zip bomb" would otherwise unpack gigabytes from a small file), and no part may unpack to
more than ``GOVFIN_MAX_UNPACK_RATIO`` (default 100) times its packed size once past
``RATIO_FLOOR``: ``check_archive`` inflates every part once, a chunk at a time, before a
reader opens the file, and stops at the first limit passed, so a bomb costs a fraction of a
second and no memory. The test workbooks and Word files pack their parts at most 32
times; 100 is Apache POI's default (``ZipSecureFile``); deflate tops out near 1,030.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from loaders.model import ParseError

DEFAULT_MAX_FILE_MB = 100
DEFAULT_MAX_LINES = 200_000
UNPACKED_FACTOR = 10
DEFAULT_MAX_UNPACK_RATIO = 100
MB = 1 << 20
RATIO_FLOOR = MB  # a part smaller than this unpacked is never refused for its ratio
CHUNK = 1 << 20


def env_number(name: str, default: float, error: type[Exception] = ParseError) -> float:
    """A positive number from the environment variable ``name`` (``default`` when unset); else ``error``."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise error(f"{name}={value!r} is not a number") from None
    if number <= 0:
        raise error(f"{name}={value!r} must be positive")
    return number


def max_file_bytes() -> int:
    return int(env_number("GOVFIN_MAX_FILE_MB", DEFAULT_MAX_FILE_MB) * MB)


def max_lines() -> int:
    return int(env_number("GOVFIN_MAX_LINES", DEFAULT_MAX_LINES))


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


def max_unpack_ratio() -> float:
    return env_number("GOVFIN_MAX_UNPACK_RATIO", DEFAULT_MAX_UNPACK_RATIO)


def check_archive(data: bytes, name: str) -> None:
    """Refuse (ParseError) a ZIP container (XLSX, ODS, DOCX) with a part that unpacks past
    ``max_unpack_ratio()`` times its packed size, or whose parts together unpack past the
    unpacked limit: each part is inflated once, ``CHUNK`` at a time, and nothing is kept. A part
    whose bytes are not what its header declares (a forged size, a bad CRC) is refused as damaged."""
    ratio, total_limit = max_unpack_ratio(), max_file_bytes() * UNPACKED_FACTOR
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                allowed = max(RATIO_FLOOR, ratio * info.compress_size)
                unpacked = max(info.file_size, 0)
                if unpacked <= allowed:  # the declared size is checked at no cost; the bytes are counted below
                    unpacked = 0
                    with archive.open(info) as part:
                        while chunk := part.read(CHUNK):
                            unpacked += len(chunk)
                            if unpacked > allowed or total + unpacked > total_limit:
                                break
                if unpacked > allowed:
                    raise ParseError(
                        f"refused: {info.filename} in the file unpacks to more than {ratio:g} times its packed size "
                        f"({info.compress_size / MB:.2f} MB packed), as a decompression bomb does "
                        f"(set GOVFIN_MAX_UNPACK_RATIO to raise the limit)",
                        file=name,
                    )
                total += unpacked
                check_unpacked(total, name)
    # NotImplementedError: zipfile's answer to a compression method it cannot inflate
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, ValueError) as exc:
        raise ParseError(f"damaged or truncated ZIP container: {type(exc).__name__}: {exc}", file=name) from exc
