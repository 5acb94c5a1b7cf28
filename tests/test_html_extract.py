"""HTML disclosures (tables in <table> markup, GB18030 or UTF-8) give the same facts as their text."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from loaders.extract import extract_lines
from loaders.reading import read_document

from seed_text import TAG, seed_rows

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
FACTS = ("functional_amounts", "summary_amounts", "economic_amounts", "three_public_amounts")


def _html(text: str) -> str:
    """A seed's text as page content: its own tags (<b>) kept, everything else escaped."""
    parts = re.split(f"({TAG.pattern})", text)
    return "".join(part if TAG.fullmatch(part) else html.escape(part) for part in parts)


def to_html(path: Path) -> str:
    """The seed as a government web page: prose in <p>, each table row a <tr> of <td> cells.

    Cells are the seed's own (its tab or `|` delimiters), not the extractor's.
    """
    body, in_table = [], False
    for cells in seed_rows(path):
        if len(cells) > 1:
            if not in_table:
                body.append('<table border="1">')
                in_table = True
            body.append("<tr>" + "".join(f"<td>{_html(c)}</td>" for c in cells) + "</tr>")
        else:
            if in_table:
                body.append("</table>")
                in_table = False
            body.append(f"<p>{_html(cells[0])}</p>")
    if in_table:
        body.append("</table>")
    return (
        '<html><head><meta charset="gb18030"><style>td{color:red}</style></head><body>'
        + "\n".join(body)
        + "<script>var x = '<table>';</script></body></html>"
    )


@pytest.mark.parametrize(
    "name",
    ["000_3b0a4ec0e1089ac8.txt", "001_cb5fbf2334879971.txt", "003_4bfa79258c3578d4.txt", "004_ed45889f6f94df5a.txt"],
)
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_html_page_gives_the_same_facts_as_text(tmp_path, name, encoding):
    page = tmp_path / name.replace(".txt", ".html")
    page.write_bytes(to_html(RAW / name).encode(encoding))
    from_html, from_text = read_document(page), read_document(RAW / name)
    assert from_html.meta == from_text.meta
    for attr in FACTS:
        assert sorted(repr(replace(r, lineno=0)) for r in getattr(from_html, attr)) == sorted(
            repr(replace(r, lineno=0)) for r in getattr(from_text, attr)
        ), attr


def test_colspan_keeps_columns_aligned(tmp_path):
    page = tmp_path / "t.html"
    page.write_text("<table><tr><td>项目</td><td colspan='2'>本年支出</td><td>x</td></tr></table>", encoding="utf-8")
    assert extract_lines(page)[0].cells == ("项目", "本年支出", "", "x")
