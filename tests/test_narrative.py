"""Narrative facts (情况说明): every number the answer key lists is found with its value and kind."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from answer_key import statistic
from loaders.parse import parse_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEEDS = sorted(p.name for p in RAW.glob("*.txt"))


@pytest.fixture(scope="module")
def documents():
    return {name: parse_document(RAW / name) for name in SEEDS}


def expected_value(fact: dict) -> Decimal:
    return Decimal(fact["value_yuan"]) if fact["kind"] == "amount" else Decimal(str(fact["value"]))


def misprinted(fact: dict) -> bool:
    """The document prints this amount without the unit it means (e.g. 43.59元 for 万元)."""
    return fact["kind"] == "amount" and f"{fact['printed']}{fact['printed_unit']}" not in fact["quote"]


@pytest.mark.parametrize("name", SEEDS)
def test_every_narrative_fact_is_found(documents, expected, name):
    doc = documents[name]
    found = {(f.kind, f.value) for f in doc.narrative_facts}
    missing = [f["label"] for f in expected[name]["narrative"]
               if (f["kind"], expected_value(f)) not in found and not misprinted(f)]
    assert missing == []


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
        expected["002_c032330014219076.txt"]["totals"]["grand_total"])


def test_budget_procurement_plan_and_vehicles_from_the_narrative(documents, expected):
    """002 states its 政府采购预算 by category and its vehicles by type only in the prose."""
    name = "002_c032330014219076.txt"
    doc, key = documents[name], expected[name]
    for item in ("total", "goods", "works", "services"):
        assert statistic(doc, "procurement", item, "narrative") == Decimal(key["procurement"][item]), item
    assert statistic(doc, "assets", "vehicles_total", "narrative") == key["vehicles"]["total"]
    for vehicle_type, count in key["vehicles"]["by_type"].items():
        assert statistic(doc, "assets", f"vehicles:{vehicle_type}", "narrative") == count
