"""Project self-evaluation sheets (项目支出绩效自评表) against the answer key; no personal data kept."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from loaders.reading import read_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
NATIONAL_TEMPLATE = ["000_3b0a4ec0e1089ac8.txt", "004_ed45889f6f94df5a.txt"]
CONTACT = re.compile(r"(?:经办人|联系人|填报人)\s*[:：]\s*([\u4e00-\u9fff]{2,4})(?=\s|$)")
PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")


@pytest.mark.parametrize("name", NATIONAL_TEMPLATE)
def test_sheets_equal_the_answer_key(expected, name):
    doc = read_document(RAW / name)
    by_name = {p["name"]: p for p in expected[name]["projects"]}
    assert len(doc.projects) == expected[name]["project_sheet_count"] == len(by_name)
    for project in doc.projects:
        key = by_name[project.name]  # every sheet read is a real project of the document
        assert (
            project.initial_budget_declared_yuan,
            project.initial_budget_compiled_yuan,
            project.budget_full_year_yuan,
            project.executed_yuan,
            project.balance_yuan,
        ) == tuple(
            Decimal(key[f])
            for f in ("initial_budget_declared", "initial_budget_compiled", "budget_full_year", "executed", "balance")
        ), project.name
        assert (project.score, project.grade, project.budget_unit) == (
            Decimal(key["score"]),
            key["grade"],
            key["budget_unit"],
        ), project.name
        assert project.execution_rate == Decimal(key["execution_rate"]) / 100
        assert [str(i.score) for i in project.indicators] == key["indicator_scores"], project.name
        assert len(project.indicators) == key["indicator_count"], project.name
    assert [p.seq for p in doc.projects] == list(range(1, len(doc.projects) + 1))
    assert not [i for i in doc.issues if "sheet not read" in i.message]


def test_indicators_carry_their_levels(expected):
    doc = read_document(RAW / "000_3b0a4ec0e1089ac8.txt")
    first = doc.projects[0]
    key = expected["000_3b0a4ec0e1089ac8.txt"]["projects"][0]
    assert first.name == key["name"] and len(first.indicators) == key["indicator_count"]
    assert [str(i.score) for i in first.indicators] == key["indicator_scores"]
    assert first.indicators[0].level1 == "产出指标" and first.indicators[0].level2 == "数量指标"


def test_no_phone_number_or_contact_name_from_the_seeds_reaches_the_database(built_seeds_url):
    texts = [p.read_text(encoding="utf-8") for p in RAW.glob("*.txt")]
    phones = {m.group(1) for text in texts for m in PHONE.finditer(text)}
    names = {m.group(1) for text in texts for m in CONTACT.finditer(text)}
    assert phones and names, "the budget seed prints contact names and phone numbers"
    with psycopg.connect(built_seeds_url) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables "
                "WHERE table_schema IN ('raw', 'staging', 'marts', 'quality') AND table_type = 'BASE TABLE'"
            )
        ]
        assert any(t.startswith("marts.") for t in tables) and any(t.startswith("staging.") for t in tables)
        for table in tables:
            dump = conn.execute(f"SELECT coalesce(string_agg(t::text, ' '), '') FROM {table} t").fetchone()[0]
            assert not any(phone in dump for phone in phones), table
            assert not any(name in dump for name in names), table
