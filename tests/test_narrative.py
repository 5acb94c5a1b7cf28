"""Narrative facts (情况说明): every number the answer key lists is found with its value and kind."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.reading import read_document

from answer_key import statistic

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEEDS = sorted(p.name for p in RAW.glob("*.txt"))


@pytest.fixture(scope="module")
def documents():
    return {name: read_document(RAW / name) for name in SEEDS}


def expected_value(fact: dict) -> Decimal:
    return Decimal(fact["value_yuan"]) if fact["kind"] == "amount" else Decimal(str(fact["value"]))


def misprinted(fact: dict) -> bool:
    """The document prints this amount without the unit it means (e.g. 43.59元 for 万元)."""
    return fact["kind"] == "amount" and f"{fact['printed']}{fact['printed_unit']}" not in fact["quote"]


@pytest.mark.parametrize("name", SEEDS)
def test_every_narrative_fact_is_found(documents, expected, name):
    doc = documents[name]
    found = {(f.kind, f.value) for f in doc.narrative_facts}
    missing = [
        f["label"]
        for f in expected[name]["narrative"]
        if (f["kind"], expected_value(f)) not in found and not misprinted(f)
    ]
    assert missing == []


def label_core(label: str) -> str:
    """A label without numbering (2. , （一）), quotation marks or 比上年: what the amount is of."""
    label = re.sub(r"^[（(]?[0-9一二三四五六七八九十]+[)）.、]\s*", "", label)
    return re.sub(r"比上年度?|较上年(决算)?", "", label).translate(str.maketrans("", "", "“”\"'"))


CHANGE = re.compile(r"变动额|增长|下降|减少|增加|上年数")


def mislabelled_amounts(doc, facts: list[dict]) -> list[tuple[str, list[str]]]:
    """The key's amounts that the parser found only under labels naming something else."""
    found: dict[Decimal, list[str]] = {}
    for fact in doc.narrative_facts:
        if fact.kind == "amount":
            found.setdefault(fact.value, []).append(label_core(fact.label))
    wrong = []
    for fact in facts:
        key = label_core(fact["label"]).replace("(约)", "")
        labels = found.get(expected_value(fact), [])
        if not any(label and (label in key or key in label) for label in labels):
            wrong.append((fact["label"], labels))
    return wrong


def amounts(expected: dict, name: str, changes: bool) -> list[dict]:
    return [
        f
        for f in expected[name]["narrative"]
        if f["kind"] == "amount" and not misprinted(f) and bool(CHANGE.search(f["label"])) == changes
    ]


# the known mislabels, one per fact with its reason: a new one fails, and so does a listed one read right
MISLABELS = json.loads((Path(__file__).parent / "data" / "narrative_mislabels.json").read_text(encoding="utf-8"))


def known_mislabels(name: str, kind: str) -> set[str]:
    return {m["label"] for m in MISLABELS["mislabels"] if m["file"] == name and m["kind"] == kind}


def test_every_known_mislabel_gives_its_reason():
    assert all(m["reason"].strip() and m["kind"] in ("total", "change") for m in MISLABELS["mislabels"])


@pytest.mark.parametrize("name", SEEDS)
def test_every_narrative_amount_is_found_with_its_label(documents, expected, name):
    """Value and label together: an amount found only under another item's label is a misread."""
    wrong = {label for label, _ in mislabelled_amounts(documents[name], amounts(expected, name, changes=False))}
    known = known_mislabels(name, "total")
    assert wrong - known == set(), "amounts read under another item's label"
    assert known - wrong == set(), "read right now: remove them from tests/data/narrative_mislabels.json"


@pytest.mark.parametrize("name", SEEDS)
def test_every_stated_change_is_found_with_its_subject(documents, expected, name):
    """比上年减少12.5万元 is a change of 人员经费, not an anonymous 减少."""
    wrong = {label for label, _ in mislabelled_amounts(documents[name], amounts(expected, name, changes=True))}
    known = known_mislabels(name, "change")
    assert wrong - known == set(), "changes read without their subject"
    assert known - wrong == set(), "read right now: remove them from tests/data/narrative_mislabels.json"


@pytest.mark.parametrize("name", SEEDS)
def test_amounts_printed_in_the_wrong_unit_are_warned_about(documents, expected, name):
    doc = documents[name]
    for fact in expected[name]["narrative"]:
        if misprinted(fact) and f"{fact['printed']}元" in fact["quote"]:
            assert any(fact["printed"] in issue.message for issue in doc.issues), fact["label"]


def test_facts_keep_their_quote_and_line(documents):
    doc = documents["000_3b0a4ec0e1089ac8.txt"]
    total = next(f for f in doc.narrative_facts if f.label == "收入总计")
    assert (total.value, total.printed, total.printed_unit) == (Decimal("12146800.00"), "1,214.68", "万元")
    assert "收入总计1,214.68万元" in total.quote and total.lineno > 0


@pytest.mark.parametrize("name", ["000_3b0a4ec0e1089ac8.txt", "001_cb5fbf2334879971.txt", "003_4bfa79258c3578d4.txt"])
def test_procurement_and_vehicles_from_the_narrative(documents, expected, name):
    doc, key = documents[name], expected[name]
    assert statistic(doc, "procurement", "total", "narrative") == Decimal(key["procurement"]["total"])
    if key["procurement"].get("sme_amount") is not None:
        assert statistic(doc, "procurement", "sme_contract", "narrative") == Decimal(key["procurement"]["sme_amount"])
    assert statistic(doc, "three_public_counts", "vehicles_held", "narrative") == key["vehicle_count"]


def test_initial_budget_links_the_final_account_to_its_budget(documents, expected):
    """000 quotes the 年初预算 that the 2023 budget of the same department (002) totals."""
    final = documents["000_3b0a4ec0e1089ac8.txt"]
    assert statistic(final, "budget", "initial_budget_total", "narrative") == Decimal(
        expected["002_c032330014219076.txt"]["totals"]["grand_total"]
    )


def test_budget_procurement_plan_and_vehicles_from_the_narrative(documents, expected):
    """002 states its 政府采购预算 by category and its vehicles by type only in the prose."""
    name = "002_c032330014219076.txt"
    doc, key = documents[name], expected[name]
    for item in ("total", "goods", "works", "services"):
        assert statistic(doc, "procurement", item, "narrative") == Decimal(key["procurement"][item]), item
    assert statistic(doc, "assets", "vehicles_total", "narrative") == key["vehicles"]["total"]
    for vehicle_type, count in key["vehicles"]["by_type"].items():
        assert statistic(doc, "assets", f"vehicles:{vehicle_type}", "narrative") == count
