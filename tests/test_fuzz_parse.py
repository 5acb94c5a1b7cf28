"""Property: whatever bytes arrive, extraction and parsing end in a Document or a ParseError.

Every seed (each one, not a sample of them) is mutated where its tables are: rows with
printed amounts are dropped, doubled, their cells shuffled, their numbers made huge or
negative, garbage spliced in, the document cut after its first tables. The result must
never escape as an unhandled exception; a ParseError names its file and comes only from an
input built to be invalid (huge amounts, garbage bytes); a Document still
has its tables read (the mutations reach the table parsers) and holds only amounts that
fit the warehouse's numeric(20,2). Examples: the hypothesis profile in tests/conftest.py
("ci": no deadline, derandomized).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.model import Document, ParseError
from loaders.reading import read_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEEDS = sorted(p.name for p in RAW.glob("*.txt"))
SEED_LINES = {name: (RAW / name).read_text(encoding="utf-8").splitlines() for name in SEEDS}
NUMBER = re.compile(r"\d[\d,]*\.\d+")

# lines that print an amount: the rows of the tables (and the prose's figures)
AMOUNT_LINES = {name: [i for i, line in enumerate(lines) if NUMBER.search(line)] for name, lines in SEED_LINES.items()}
MAX_YUAN = 10**18  # numeric(20,2)


def parse_or_error(tmp_path: Path, name: str, data: bytes) -> Document | None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        doc = read_document(path, data)
    except ParseError as exc:
        assert name in str(exc), f"ParseError must name the file: {exc}"
        return None
    assert isinstance(doc, Document)
    return doc


# the mutations that build an invalid input: only these may end in a ParseError
INVALID = {"huge", "garbage"}


@st.composite
def mutation(draw, name: str) -> tuple[bytes, set[str]]:
    """The seed ``name`` with 1–6 mutations of its amount-bearing lines, and the mutations applied."""
    lines = list(SEED_LINES[name])
    targets = list(AMOUNT_LINES[name])
    applied: set[str] = set()
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.sampled_from(targets))
        if i >= len(lines):
            continue
        action = draw(st.sampled_from(["drop", "shuffle", "huge", "negative", "garbage", "dup", "cut"]))
        applied.add(action)
        if action == "drop":
            del lines[i]
        elif action == "shuffle":
            cells = re.split(r"(\t|\|)", lines[i])
            lines[i] = "".join(draw(st.permutations(cells)))
        elif action == "huge":
            lines[i] = NUMBER.sub("9" * draw(st.integers(16, 40)) + ".99", lines[i])
        elif action == "negative":
            lines[i] = NUMBER.sub(lambda m: "-" + m.group(0), lines[i])
        elif action == "garbage":
            junk = draw(st.binary(min_size=1, max_size=40)).decode("latin-1")
            lines[i] = lines[i][: len(lines[i]) // 2] + junk + lines[i][len(lines[i]) // 2 :]
        elif action == "dup":
            lines.insert(i, lines[i])
        else:  # cut after a table row past the first third of the document
            lines = lines[: max(i, len(lines) // 3) + 1]
    return "\n".join(lines).encode("utf-8"), applied


@pytest.mark.parametrize("name", SEEDS)
@given(data=st.data())
def test_mutated_seeds_parse_or_fail_cleanly(tmp_path_factory, name, data):
    mutated, applied = data.draw(mutation(name))
    doc = parse_or_error(tmp_path_factory.mktemp("fuzz"), name, mutated)
    if doc is None:
        assert applied & INVALID, f"a ParseError for an input built valid ({sorted(applied)})"
        return
    assert doc.tables, "the mutated document's tables were not read"
    amounts = [
        f.amount_yuan
        for attr in ("functional_amounts", "summary_amounts", "economic_amounts", "three_public_amounts")
        for f in getattr(doc, attr)
    ]
    assert all(abs(a) < MAX_YUAN for a in amounts), "an amount the warehouse cannot hold was not rejected"


@given(data=st.binary(max_size=4000))
def test_random_bytes_parse_or_fail_cleanly(tmp_path_factory, data):
    parse_or_error(tmp_path_factory.mktemp("bytes"), "random.txt", data)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16"])
def test_other_encodings_give_the_same_document(tmp_path, encoding):
    name = SEEDS[0]
    text = (RAW / name).read_text(encoding="utf-8")
    reference = read_document(RAW / name)
    recoded = parse_or_error(tmp_path, name, text.encode(encoding))
    assert recoded is not None
    assert recoded.meta == reference.meta
    assert recoded.functional_amounts == reference.functional_amounts


def test_an_execution_rate_without_an_executed_amount_is_read_as_printed():
    """Found by the fuzz test above (a 自评表 whose 全年执行数 cell was dropped): a TypeError escaped."""
    from loaders.parse.sheets.cells import execution_rate

    assert execution_rate("87", Decimal("100"), None) == Decimal("0.8700")
    assert execution_rate("0.87", Decimal("100"), Decimal("87")) == Decimal("0.8700")
