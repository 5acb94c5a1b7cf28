"""Is the file whole? A download cut short must fail as "truncated", never load as if complete.

- PDF: the %%EOF marker ends every PDF (ISO 32000: within its last 1024 bytes); a PDF
  without it lost its cross-reference trailer.
- UTF-8 text or HTML that ends inside a character (the cut fell between its bytes).
- HTML that ends inside a table (a <table> never closed) or before </body> and </html>.
- Text that stops mid-line (no final line break) in a table row cut short, judged against
  the rows right above it: only the start of a first cell (a code, a label piece), fewer
  cell separators than those rows have (when they agree), a missing closing "|", or a
  last figure cut (1,21) or with fewer decimals than every figure of its column (1,214.6
  or 6 under 870.28, 623.30 …).

A file that ends with a line break is never judged: a cut at a line's end cannot be told
from a tables-only file whose last line is a table row.
"""

from __future__ import annotations

import re

from loaders.model import ParseError

PDF_EOF_WINDOW = 1024
MIN_ROWS = 3  # rows of the same table above the last line needed to judge it
AMOUNT = re.compile(r"^-?[\d,]*\d[\d,]*(\.\d*)?$|^-?\d*\.\d*$")
WHOLE_GROUPS = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")
TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
NOT_MARKUP = re.compile(r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)


def truncated(reason: str, name: str) -> ParseError:
    return ParseError(f"truncated: {reason} (the file was cut short; download it again)", file=name)


def check_pdf(data: bytes, name: str) -> None:
    if b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
        raise truncated("the PDF has no %%EOF trailer", name)


def check_encoding_tail(data: bytes, name: str) -> None:
    """A file that is UTF-8 up to an incomplete character at its very end was cut inside it
    (GB18030 and other encodings fail to decode as UTF-8 long before their end)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise truncated("the file ends inside a UTF-8 character", name) from None


def check_html(text: str, name: str) -> None:
    markup = NOT_MARKUP.sub("", text)  # "<table>" inside a script or a comment is not a table
    opened, closed = len(TABLE_OPEN.findall(markup)), len(TABLE_CLOSE.findall(markup))
    if opened > closed:
        raise truncated(f"the page ends inside a table ({opened} <table> opened, {closed} closed)", name)
    lower = text[-4096:].lower() if "<html" in text[:4096].lower() else None
    if lower is not None and "</body" not in lower and "</html" not in lower:
        raise truncated("the page ends before </body> and </html>", name)


def _decimals(cell: str) -> int | None:
    """Decimals of a printed figure (0 for an integer); None for anything else."""
    cell = cell.strip()
    if not AMOUNT.match(cell):
        return None
    return len(cell.split(".", 1)[1]) if "." in cell else 0


def _table_above(lines: list[str]) -> tuple[str, list[str]] | None:
    """The separator and the rows of the table that the last line continues, nearest first:
    the lines right above it (no blank line between) that all split on one separator."""
    above: list[str] = []
    sep = next((s for s in ("\t", "|") if len(lines) > 1 and s in lines[-2]), None)
    for line in reversed(lines[:-1]):
        if sep is None or sep not in line:
            break
        above.append(line)
    return (sep, above) if sep and len(above) >= MIN_ROWS else None


def _cut_figure(figure: str, column: list[str], before: list[str]) -> str | None:
    """A last figure cut short: broken thousands groups (1,21), or fewer decimals than every
    figure of its column above (1,214.6 or 6 under 623.30, 711.98 …). An integer is judged
    only in a row that prints decimals elsewhere: a count (车辆数 2) sits among amounts."""
    tail = _decimals(figure)
    if tail is None or (tail == 0 and "." not in figure and not any(_decimals(c) for c in before)):
        return None
    if ("," in figure or "." in figure) and not WHOLE_GROUPS.match(figure):
        return f"its last figure {figure!r} is cut"
    decimals = {d for cell in column if (d := _decimals(cell)) is not None}
    if len(decimals) == 1 and len(column) >= MIN_ROWS and tail < min(decimals):
        return f"its last figure {figure!r} is cut (its column prints {min(decimals)} decimals)"
    return None


def cut_row(lines: list[str]) -> str | None:
    """Why the last line of ``lines`` (raw text lines) is a table row cut short, or None."""
    lines = [line.rstrip("\r") for line in lines]
    if not lines or not lines[-1].strip():
        return None
    table = _table_above(lines)
    if table is None:
        return None
    sep, above = table
    last = lines[-1]
    widths = {line.count(sep) for line in above[:MIN_ROWS]}
    count = last.count(sep)
    if count == 0:
        # only the start of a row's first cell ("2010350", "政府"): never a note or a sentence
        text = last.strip()
        if len(widths) == 1 and len(text) <= 20 and not re.search(r"[:：。；;,，!！?？]", text):
            return f"its last line {text!r} is the start of a row of {min(widths) + 1} cells"
        return None
    if (sep == "|" and last.rstrip().endswith("|")) or last.rstrip().endswith(("。", "；", ";")):
        return None  # a whole "|" row however short, or a sentence in a cell that ends
    if len(widths) == 1 and count < min(widths):
        return f"its last line has {count + 1} cells where the rows above have {min(widths) + 1}"
    if sep == "|" and all(row.rstrip().endswith("|") for row in above):
        return "its last table row has no closing |"
    cells = last.split(sep)
    column = [row.split(sep)[len(cells) - 1] for row in above if row.count(sep) >= len(cells) - 1]
    return _cut_figure(cells[-1].strip(), [c for c in column if c.strip()], cells[:-1])


def check_text(text: str, name: str) -> None:
    if text.endswith(("\n", "\r")):
        return  # a cut at a line's end cannot be told from a whole file
    reason = cut_row(text[-20000:].split("\n")[1:] if len(text) > 20000 else text.split("\n"))
    if reason:
        raise truncated(f"the text ends inside a table: {reason}", name)
