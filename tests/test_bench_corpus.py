"""The synthetic corpus is an oracle: every generated document parses back to the numbers it was written from.

bench/corpus.py draws reconciling accounts and prints them in the tab, ``|`` and markdown
layouts of seeds 000, 001 and 004; bench/oracle.py compares the parsed Document with the
generator's Truth cell by cell (every functional code and column, the 合计 rows, the
summary totals, 人员/公用经费, 三公 items, procurement, project sheets).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from bench.corpus import AGENCIES, REGIONS, generate_corpus, generate_documents, render_document
from bench.oracle import compare
from loaders.reading import read_document

N_DOCUMENTS = 48  # four rounds of the layout × kind cycle: every layout, unit and encoding appears


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate_documents(tmp_path_factory.mktemp("corpus"), N_DOCUMENTS, seed=7)


def _mismatches(corpus, kind: str) -> dict[str, list[str]]:
    wrong = {}
    for generated in corpus:
        if generated.truth.document_kind != kind:
            continue
        problems = compare(read_document(generated.path), generated.truth)
        if problems:
            wrong[generated.path.name] = problems[:5]
    return wrong


def test_corpus_covers_every_layout_unit_kind_and_encoding(corpus):
    seen = {(g.truth.layout, g.truth.document_kind) for g in corpus}
    assert seen == {
        (layout, kind) for layout in ("tab", "pipe", "markdown") for kind in ("final_account", "budget")
    } | {("loose", "budget")}
    assert {g.truth.source_unit for g in corpus} == {"万元", "元"}
    assert {g.truth.encoding for g in corpus} == {"utf-8", "gb18030"}
    assert any(g.truth.projects for g in corpus)


def test_generated_accounts_reconcile(corpus):
    for g in corpus:
        t = g.truth
        assert t.total_yuan == t.basic_yuan + t.project_yuan
        assert t.basic_yuan == t.personnel_yuan + t.public_yuan
        classes = [v for code, v in t.expenditure.items() if len(code) == 3]
        assert sum((v[0] for v in classes), Decimal(0)) == t.total_yuan
        for code, (total, basic, project) in t.expenditure.items():
            assert total == basic + project
            children = [v for c, v in t.expenditure.items() if len(c) == len(code) + 2 and c.startswith(code)]
            if len(code) < 7:
                assert sum((v[0] for v in children), Decimal(0)) == total, code
        for phase in {p for p, _ in t.three_public}:
            parts = sum(
                (t.three_public[(phase, i)] for i in ("overseas_travel", "vehicles_total", "official_reception")),
                Decimal(0),
            )
            assert parts == t.three_public[(phase, "total")]


def test_final_accounts_parse_to_their_truth(corpus):
    assert _mismatches(corpus, "final_account") == {}


def test_budgets_parse_to_their_truth(corpus):
    assert _mismatches(corpus, "budget") == {}


def test_generation_is_reproducible(tmp_path):
    first = generate_corpus(tmp_path / "a", 6, seed=3)
    second = generate_corpus(tmp_path / "b", 6, seed=3)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in generate_corpus(tmp_path / "c", 6, seed=4)]


@pytest.mark.parametrize("agency", sorted(AGENCIES))
def test_budget_statistics_keep_their_grain_for_every_agency(tmp_path, agency):
    """staging.statistic is unique per (place reported, section, item), as stg_statistics tests: a
    budget's 机关运行经费 table lists each unit once (a 政务服务中心 once printed its own name twice)."""
    import random

    department = REGIONS[0] + agency
    with_second_unit = 0
    for seed in range(6):
        for layout in ("tab", "loose"):
            text, acc = render_document(random.Random(seed), department, AGENCIES[agency], 2021, "budget", layout)
            with_second_unit += acc.operating_cost_split[1] > 0
            path = tmp_path / f"{layout}.txt"
            path.write_text(text, encoding="utf-8")
            keys = [(s.source, s.section, s.item) for s in read_document(path).statistics]
            assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    assert with_second_unit, "no budget printed a second unit: the grain was not exercised"
