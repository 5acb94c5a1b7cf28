"""Contracted marts carry their NOT NULL columns as constraints, not as dbt test nodes.

A `not_null` test is a dbt node (a query over the whole mart) at every build; an enforced
contract's `constraints: [{type: not_null}]` makes PostgreSQL refuse the row as the model is
written. Checked on the seeds' build: every declared constraint is on the live table, a NULL
is refused naming the mart, and no contracted model keeps a bare `not_null` test.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
import yaml

MODELS = Path(__file__).resolve().parents[1] / "dbt_project" / "models"
SCHEMAS = {"marts": "marts", "quality": "quality", "semantic": "marts"}


def contracted_models() -> dict[str, tuple[str, dict]]:
    """model name → (its live schema, its yml entry) for models with an enforced contract."""
    found = {}
    for path in MODELS.rglob("*.yml"):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            if model.get("config", {}).get("contract", {}).get("enforced"):
                found[model["name"]] = (SCHEMAS[path.relative_to(MODELS).parts[0]], model)
    return found


def not_null_columns(model: dict) -> list[str]:
    columns = model.get("columns", [])
    return [c["name"] for c in columns if any(k.get("type") == "not_null" for k in c.get("constraints", []))]


def test_contracted_models_keep_no_not_null_test():
    assert contracted_models(), "no contracted model found"
    for name, (_, model) in contracted_models().items():
        for column in model.get("columns", []):
            assert "not_null" not in (column.get("data_tests") or []), f"{name}.{column['name']}: a constraint instead"


def test_not_null_constraints_are_on_the_built_marts(built_seeds_url):
    declared = {name: (schema, not_null_columns(model)) for name, (schema, model) in contracted_models().items()}
    assert sum(len(columns) for _, columns in declared.values()) >= 50
    with psycopg.connect(built_seeds_url) as conn:
        for name, (schema, columns) in declared.items():
            nullable = conn.execute(
                "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = to_regclass(%s) "
                "AND a.attname = ANY(%s) AND NOT a.attnotnull",
                (f"{schema}.{name}", columns),
            ).fetchall()
            assert not nullable, f"{schema}.{name}: {nullable} accept NULL"


def test_a_null_is_refused_naming_the_mart(built_seeds_url):
    with psycopg.connect(built_seeds_url) as conn, pytest.raises(psycopg.errors.NotNullViolation) as refused:
        conn.execute("UPDATE marts.fct_revenue SET amount_yuan = NULL")  # rolled back on the way out
    assert "fct_revenue" in str(refused.value)
