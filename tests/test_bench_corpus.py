"""The synthetic corpus is an oracle: every generated document parses back to the truth it was written from."""
from __future__ import annotations

import pytest

from bench.corpus import generate_corpus
from loaders.parse import parse_document


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate_corpus(tmp_path_factory.mktemp("corpus"), 30, seed=7)


def test_generated_documents_parse_to_their_truth(corpus):
    wrong = []
    for path, truth in corpus.items():
        doc = parse_document(path)
        totals = {(r.measure): r.amount_yuan for r in doc.functional_amounts
                  if r.table_kind == "expenditure" and r.is_total}
        three_public = {r.item: r.amount_yuan for r in doc.three_public_amounts if r.phase == "actual"}
        got = (doc.meta.department, doc.meta.fiscal_year, totals.get("total"), totals.get("basic"),
               totals.get("project"), three_public.get("total"),
               len({r.functional_code for r in doc.functional_amounts if r.table_kind == "expenditure"} - {None}))
        want = (truth.department, truth.fiscal_year, truth.total_yuan, truth.basic_yuan, truth.project_yuan,
                truth.three_public_yuan, truth.n_functional_codes)
        if got != want:
            wrong.append((path.name, got, want))
    assert wrong == []


def test_generation_is_reproducible(tmp_path):
    first = generate_corpus(tmp_path / "a", 5, seed=3)
    second = generate_corpus(tmp_path / "b", 5, seed=3)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
