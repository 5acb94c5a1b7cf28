"""The real dbt build on the loaded seeds: marts equal the answer key, rules fail only on real contradictions."""
from __future__ import annotations

from decimal import Decimal

import psycopg
import pytest

from answer_key import FINAL_ACCOUNTS

CONTRACT_MARTS = ("dim_department", "dim_functional_classification", "dim_economic_classification", "dim_document",
                  "fct_revenue", "fct_expenditure", "fct_basic_expenditure_economic", "fct_three_public_expenses",
                  "fct_procurement", "fct_project_performance", "fct_performance_indicator", "mart_department_year")

# which of our rule families covers each contradiction the answer key says must fail
RULE_FAMILY = {
    "000.n.gps_budget_rate": "narrative.completion_rate.",
    "000.n.housing_budget_rate": "narrative.completion_rate.",
    "001.3p.budget": "narrative.three_public_completion_rate",
    "003.t10.procurement": "procurement.total_sum",
    "004.n.t06_items": "narrative.economic_item.",
}


def rows(url: str, sql: str, *params) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params or None).fetchall()


def document_id(url: str, name: str) -> str:
    return rows(url, "SELECT document_id FROM raw.document WHERE file_name = %s", name)[0][0]


@pytest.mark.parametrize("mart", CONTRACT_MARTS)
def test_contract_marts_exist_as_tables(built_seeds_url, mart):
    kind = rows(built_seeds_url, "SELECT relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                 "WHERE n.nspname = 'marts' AND c.relname = %s", mart)
    assert kind == [("r",)], f"marts.{mart} must be a table"


@pytest.mark.parametrize("name", FINAL_ACCOUNTS)
def test_expenditure_mart_equals_answer_key(built_seeds_url, expected, name):
    doc = document_id(built_seeds_url, name)
    got = {(code, scope): (total, basic, project) for code, scope, total, basic, project in rows(
        built_seeds_url, "SELECT functional_code, funding_scope, total_yuan, coalesce(basic_yuan, 0), "
                         "coalesce(project_yuan, 0) FROM marts.fct_expenditure WHERE document_id = %s", doc)}
    for scope, section in (("all_funds", "expenditure_by_function"),
                           ("general_public_budget", "general_budget_expenditure_table05")):
        for row in expected[name][section]:
            assert got[(row["code"], scope)] == (Decimal(row["total"]), Decimal(row["basic"]),
                                                 Decimal(row["project"])), (scope, row["code"])


@pytest.mark.parametrize("name", FINAL_ACCOUNTS)
def test_department_year_and_three_public_equal_answer_key(built_seeds_url, expected, name):
    key = expected[name]
    doc = document_id(built_seeds_url, name)
    (income, spending, basic, project, personnel, public, three_actual, three_budget), = rows(
        built_seeds_url,
        "SELECT total_income_yuan, total_expenditure_yuan, basic_yuan, project_yuan, personnel_yuan, "
        "public_yuan, three_public_actual_yuan, three_public_budget_yuan FROM marts.mart_department_year "
        "WHERE document_id = %s", doc)
    totals = key["totals"]
    assert (income, spending, basic, project) == (
        Decimal(totals["total_income"]), Decimal(totals["total_expenditure"]),
        Decimal(totals["basic_expenditure"]), Decimal(totals["project_expenditure"]))
    econ = key["basic_expenditure_economic"]
    assert personnel == Decimal(econ.get("personnel_total_basic", econ["personnel_total"]))
    assert public == Decimal(econ.get("public_total_basic", econ["public_total"])) or public == Decimal(econ["public_total"])
    assert (three_actual, three_budget) == (Decimal(key["three_public"]["actual"]["total"]),
                                            Decimal(key["three_public"]["budget"]["total"]))


def test_failing_rules_are_exactly_the_listed_contradictions(built_seeds_url, expected):
    failing = rows(built_seeds_url, "SELECT d.file_name, r.rule_id FROM quality.reconciliation r "
                                    "JOIN raw.document d USING (document_id) WHERE r.status = 'fail'")
    must_fail = [(name, item["id"]) for name, key in expected.items() if not name.startswith("_")
                 for item in key["known_source_inconsistencies"] if item["expected_reconciliation"] == "fail"]
    assert {cid for _, cid in must_fail} == set(RULE_FAMILY), "a new contradiction needs its rule family here"
    for name, rule in failing:  # nothing fails that the documents do not really contradict
        assert any(n == name and rule.startswith(RULE_FAMILY[cid]) for n, cid in must_fail), (name, rule)
    for name, cid in must_fail:  # and every real contradiction is reported
        assert any(n == name and rule.startswith(RULE_FAMILY[cid]) for n, rule in failing), (name, cid)
    completion = [r for n, r in failing if n.startswith("000") and r.startswith("narrative.completion_rate.")]
    assert len(completion) == 2


def test_contradictions_within_rounding_pass(built_seeds_url):
    # 002/004: 合计 939.02 vs 基本 518.27 + 项目 420.74 = 939.01 万元 passes within 3 × 50 yuan
    failing = rows(built_seeds_url, "SELECT rule_id FROM quality.reconciliation "
                                    "WHERE status = 'fail' AND rule_id LIKE '%total_basic_project%'")
    assert failing == []
    assert rows(built_seeds_url, "SELECT count(*) FROM quality.reconciliation WHERE status = 'pass'")[0][0] > 300


def test_analyst_reads_marts_and_quality_only(built_seeds_url):
    with psycopg.connect(built_seeds_url) as conn:
        conn.execute("SET ROLE govfin_analyst")
        for mart in CONTRACT_MARTS:
            conn.execute(f"SELECT count(*) FROM marts.{mart}").fetchone()
        conn.execute("SELECT count(*) FROM quality.reconciliation").fetchone()
        for forbidden in ("raw.document", "staging.functional_amount", "transform.stg_documents"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                with conn.transaction():
                    conn.execute(f"SELECT 1 FROM {forbidden}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with conn.transaction():
                conn.execute("DELETE FROM marts.fct_expenditure")


def test_marts_are_owned_by_the_transformer_role(built_seeds_url):
    owners = {r[0] for r in rows(built_seeds_url, "SELECT tableowner FROM pg_tables WHERE schemaname = 'marts'")}
    assert owners == {"govfin_transformer"}
