"""Property: whatever bytes arrive, extraction and parsing end in a Document or a ParseError.

Mutations of the real seeds (dropped lines, shuffled cells, random bytes, huge and
negative numbers, truncation) must never escape as an unhandled exception, and a
ParseError must say which file it is about.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from loaders.model import Document, ParseError
from loaders.parse import parse_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEEDS = sorted(p.name for p in RAW.glob("*.txt"))
SEED_LINES = {name: (RAW / name).read_text(encoding="utf-8").splitlines() for name in SEEDS}
NUMBER = re.compile(r"\d[\d,]*\.\d+")

FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def parse_or_error(tmp_path: Path, name: str, data: bytes) -> Document | None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        doc = parse_document(path, data)
    except ParseError as exc:
        assert name in str(exc), f"ParseError must name the file: {exc}"
        return None
    assert isinstance(doc, Document)
    return doc


@st.composite
def mutated_seed(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(SEEDS))
    lines = list(SEED_LINES[name])
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "shuffle", "huge", "negative", "garbage", "dup", "cut"]))
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
            lines[i] = lines[i][: len(lines[i]) // 2] + junk + lines[i][len(lines[i]) // 2:]
        elif action == "dup":
            lines.insert(i, lines[i])
        else:
            lines = lines[: i + 1]
    return name, "\n".join(lines).encode("utf-8")


@FUZZ
@given(case=mutated_seed())
def test_mutated_seeds_parse_or_fail_cleanly(tmp_path_factory, case):
    name, data = case
    parse_or_error(tmp_path_factory.mktemp("fuzz"), name, data)


@FUZZ
@given(data=st.binary(max_size=4000))
def test_random_bytes_parse_or_fail_cleanly(tmp_path_factory, data):
    parse_or_error(tmp_path_factory.mktemp("bytes"), "random.txt", data)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16"])
def test_other_encodings_give_the_same_document(tmp_path, encoding):
    name = SEEDS[0]
    text = (RAW / name).read_text(encoding="utf-8")
    reference = parse_document(RAW / name)
    recoded = parse_or_error(tmp_path, name, text.encode(encoding))
    assert recoded is not None
    assert recoded.meta == reference.meta
    assert recoded.functional_amounts == reference.functional_amounts
