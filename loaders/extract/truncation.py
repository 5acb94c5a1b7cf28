"""Is the file whole? A download cut short must fail as "truncated", never load as if complete.

- PDF: the %%EOF marker ends every PDF (ISO 32000: within its last 1024 bytes); a PDF
  without it lost its cross-reference trailer.
- UTF-8 text or HTML that ends inside a character (the cut fell between its bytes).
- HTML that ends inside a table (a <table> never closed) or before </body> and </html>.
- Text that stops mid-line (no final line break) in a table row cut short: fewer cell
  separators than the rows just above it (when those agree), a missing closing "|", or
  a last figure cut (1,21) or with fewer decimals than every figure of its table
  (1,214.6 in a table printed to 0.01).

A file that ends with a line break is never judged: a cut at a line's end cannot be told
from a tables-only file whose last line is a table row.
"""
from __future__ import annotations

import re

from loaders.model import ParseError

PDF_EOF_WINDOW = 1024
MIN_ROWS = 3  # rows of the same table above the last line needed to judge it
AMOUNT = re.compile(r"^-?[\d,]*\d[\d,]*(\.\d*)?$")
WHOLE_GROUPS = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")
TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


def truncated(reason: str, name: str) -> ParseError:
    return ParseError(f"truncated: {reason} (the file was cut short; download it again)", file=name)


def check_pdf(data: bytes, name: str) -> None:
    if b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
        raise truncated("the PDF has no %%EOF trailer", name)


def check_encoding_tail(data: bytes, name: str) -> None:
    """A UTF-8 file that only fails to decode in its last bytes was cut inside a character."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            try:
                data[:exc.start].decode("utf-8")
            except UnicodeDecodeError:
                return  # not UTF-8 at all (GB18030 and the like)
            raise truncated("the file ends inside a UTF-8 character", name) from None


def check_html(text: str, name: str) -> None:
    opened, closed = len(TABLE_OPEN.findall(text)), len(TABLE_CLOSE.findall(text))
    if opened > closed:
        raise truncated(f"the page ends inside a table ({opened} <table> opened, {closed} closed)", name)
    lower = text[-4096:].lower() if "<html" in text[:4096].lower() else None
    if lower is not None and "</body" not in lower and "</html" not in lower:
        raise truncated("the page ends before </body> and </html>", name)


def _decimals(cell: str) -> int | None:
    """Decimals of an amount printed with a point or a thousands comma; None for anything else."""
    cell = cell.strip()
    if not AMOUNT.match(cell) or ("." not in cell and "," not in cell):
        return None
    return len(cell.split(".", 1)[1]) if "." in cell else 0


def _separators(line: str) -> tuple[str, int] | None:
    for sep in ("\t", "|"):
        if sep in line:
            return sep, line.count(sep)
    return None


def cut_row(lines: list[str]) -> str | None:
    """Why the last line of ``lines`` (raw text lines) is a table row cut short, or None."""
    body = [line.rstrip("\r") for line in lines if line.strip()]
    if len(body) <= MIN_ROWS:
        return None
    last, above = body[-1], []
    shape = _separators(last)
    if shape is None:
        return None
    for line in reversed(body[:-1]):  # the rows of the last line's table, nearest first
        if _separators(line) is None or _separators(line)[0] != shape[0]:
            break
        above.append(line)
    if len(above) < MIN_ROWS:
        return None
    sep, count = shape
    widths = {line.count(sep) for line in above[:MIN_ROWS]}
    if len(widths) == 1 and count < min(widths):
        return f"its last line has {count + 1} cells where the rows above have {min(widths) + 1}"
    if sep == "|" and all(l.rstrip().endswith("|") for l in above) and not last.rstrip().endswith("|"):
        return "its last table row has no closing |"
    figure = last.split(sep)[-1].strip()
    tail = _decimals(figure)
    if tail is None:
        return None
    if not WHOLE_GROUPS.match(figure):
        return f"its last figure {figure!r} is cut"
    decimals = {d for line in above for cell in line.split(sep) if (d := _decimals(cell)) is not None}
    if len(decimals) == 1 and tail < min(decimals):
        return f"its last figure {figure!r} is cut (the table prints {min(decimals)} decimals)"
    return None


def check_text(text: str, name: str) -> None:
    if text.endswith(("\n", "\r")):
        return  # a cut at a line's end cannot be told from a whole file
    reason = cut_row(text[-20000:].split("\n")[1:] if len(text) > 20000 else text.split("\n"))
    if reason:
        raise truncated(f"the text ends inside a table: {reason}", name)
