"""The real dbt build on the loaded seeds: marts equal the answer key, rules fail only on real contradictions."""

from __future__ import annotations

from decimal import Decimal
from fnmatch import fnmatchcase

import psycopg
import pytest
from mart_names import DIMENSIONS, FACTS_AND_MARTS

from answer_key import FINAL_ACCOUNTS

BUDGET = "002_c032330014219076.txt"

CONTRACT_MARTS = DIMENSIONS + FACTS_AND_MARTS

# the rules each contradiction the answer key says must fail makes fail, by file: exactly these and
# nothing else (line numbers in rule ids are matched by a wildcard)
EXPECTED_FAILURES = {
    "000.n.gps_budget_rate": {"narrative.completion_rate.line_*.一般公共服务支出年初预算"},
    "000.n.housing_budget_rate": {"narrative.completion_rate.line_*.住房保障支出年初预算"},
    "001.3p.budget": {"narrative.three_public_completion_rate"},
    "003.t10.procurement": {"procurement.total_sum"},
    # prose 工资福利 356.29 vs 301 481.27, 19.43 vs 30110 19.21, 0.80 vs 30112 1.01; its 其他交通费用
    # 6.99 vs 7.00 is one unit of the last printed digit, which the contract lets two printings differ by
    "004.n.t06_items": {
        "narrative.economic_item.301",
        "narrative.economic_item.30110",
        "narrative.economic_item.30112",
    },
}
# quality.reconciliation on the seeds: every rule evaluated, none not applicable
RULES_PASSING, RULES_FAILING = 907, 7


def rows(url: str, sql: str, *params) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params or None).fetchall()


def document_id(url: str, name: str) -> str:
    return rows(url, "SELECT document_id FROM raw.document WHERE file_name = %s", name)[0][0]


@pytest.mark.parametrize("mart", CONTRACT_MARTS)
def test_contract_marts_exist_as_tables(built_seeds_url, mart):
    kind = rows(
        built_seeds_url,
        "SELECT relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'marts' AND c.relname = %s",
        mart,
    )
    assert kind == [("r",)], f"marts.{mart} must be a table"


@pytest.mark.parametrize("name", [*FINAL_ACCOUNTS, BUDGET])
def test_expenditure_mart_equals_answer_key(built_seeds_url, expected, name):
    doc = document_id(built_seeds_url, name)
    got = {
        (code, scope): (total, basic, project)
        for code, scope, total, basic, project in rows(
            built_seeds_url,
            "SELECT functional_code, funding_scope, total_yuan, coalesce(basic_yuan, 0), "
            "coalesce(project_yuan, 0) FROM marts.fct_expenditure WHERE document_id = %s",
            doc,
        )
    }
    for scope, section in (
        ("all_funds", "expenditure_by_function"),
        ("general_public_budget", "general_budget_expenditure_table05"),
    ):
        for row in expected[name][section]:
            assert got[(row["code"], scope)] == (
                Decimal(row["total"]),
                Decimal(row["basic"]),
                Decimal(row["project"]),
            ), (scope, row["code"])


@pytest.mark.parametrize("name", FINAL_ACCOUNTS)
def test_department_year_and_three_public_equal_answer_key(built_seeds_url, expected, name):
    key = expected[name]
    doc = document_id(built_seeds_url, name)
    ((income, spending, basic, project, personnel, three_actual, three_budget),) = rows(
        built_seeds_url,
        "SELECT total_income_yuan, total_expenditure_yuan, basic_yuan, project_yuan, personnel_yuan, "
        "three_public_actual_yuan, three_public_budget_yuan FROM marts.mart_department_year "
        "WHERE document_id = %s",
        doc,
    )
    totals = key["totals"]
    assert (income, spending, basic, project) == (
        Decimal(totals["total_income"]),
        Decimal(totals["total_expenditure"]),
        Decimal(totals["basic_expenditure"]),
        Decimal(totals["project_expenditure"]),
    )
    econ = key["basic_expenditure_economic"]
    assert personnel == Decimal(econ.get("personnel_total_basic", econ["personnel_total"]))
    assert (three_actual, three_budget) == (
        Decimal(key["three_public"]["actual"]["total"]),
        Decimal(key["three_public"]["budget"]["total"]),
    )


@pytest.mark.parametrize("name", FINAL_ACCOUNTS)
def test_department_year_public_spending_is_the_basic_part(built_seeds_url, expected, name):
    """公用经费 of basic spending: where the table prints 其中：基本支出 beside 金额, that column."""
    econ = expected[name]["basic_expenditure_economic"]
    ((public,),) = rows(
        built_seeds_url,
        "SELECT public_yuan FROM marts.mart_department_year WHERE document_id = %s",
        document_id(built_seeds_url, name),
    )
    assert public == Decimal(econ.get("public_total_basic", econ["public_total"]))


def test_failing_rules_are_exactly_the_listed_contradictions(built_seeds_url, expected):
    failing = rows(
        built_seeds_url,
        "SELECT d.file_name, r.rule_id FROM quality.reconciliation r "
        "JOIN raw.document d USING (document_id) WHERE r.status = 'fail'",
    )
    must_fail = {
        item["id"]: name
        for name, key in expected.items()
        if not name.startswith("_")
        for item in key["known_source_inconsistencies"]
        if item["expected_reconciliation"] == "fail"
    }
    assert set(must_fail) == set(EXPECTED_FAILURES), "a new contradiction needs its rules here"
    patterns = [(must_fail[cid], pattern) for cid, rules in EXPECTED_FAILURES.items() for pattern in rules]
    for name, pattern in patterns:  # every real contradiction is reported, once
        hits = [rule for n, rule in failing if n == name and fnmatchcase(rule, pattern)]
        assert len(hits) == 1, (name, pattern, hits)
    for name, rule in failing:  # and nothing fails that the documents do not really contradict
        assert any(n == name and fnmatchcase(rule, pattern) for n, pattern in patterns), (name, rule)


def test_contradictions_within_rounding_pass(built_seeds_url):
    # 002/004: 合计 939.02 vs 基本 518.27 + 项目 420.74 = 939.01 万元 passes within 3 × 50 yuan
    failing = rows(
        built_seeds_url,
        "SELECT rule_id FROM quality.reconciliation WHERE status = 'fail' AND rule_id LIKE '%total_basic_project%'",
    )
    assert failing == []
    counts = dict(rows(built_seeds_url, "SELECT status, count(*) FROM quality.reconciliation GROUP BY status"))
    assert counts == {"pass": RULES_PASSING, "fail": RULES_FAILING}


def test_analyst_reads_marts_and_quality_only(built_seeds_url):
    with psycopg.connect(built_seeds_url) as conn:
        conn.execute("SET ROLE govfin_analyst")
        for mart in CONTRACT_MARTS:
            conn.execute(f"SELECT count(*) FROM marts.{mart}").fetchone()
        conn.execute("SELECT count(*) FROM quality.reconciliation").fetchone()
        for forbidden in ("raw.document", "staging.functional_amount", "transform.stg_documents"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"SELECT 1 FROM {forbidden}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("DELETE FROM marts.fct_expenditure")


def test_basic_economic_mart_holds_the_basic_part_and_keeps_the_printed_total(built_seeds_url):
    # 003 prints 金额 and 其中：基本支出: 302 商品和服务支出 1,146,120.24 of which basic 461,413.24;
    # 30202 印刷费 10,702.00 with its basic part printed blank
    doc = document_id(built_seeds_url, "003_4bfa79258c3578d4.txt")
    got = {
        code: (amount, total)
        for code, amount, total in rows(
            built_seeds_url,
            "SELECT economic_code, amount_yuan, printed_total_yuan FROM "
            "marts.fct_basic_expenditure_economic WHERE document_id = %s",
            doc,
        )
    }
    assert got["302"] == (Decimal("461413.24"), Decimal("1146120.24"))
    assert got["30202"] == (Decimal("0.00"), Decimal("10702.00"))
    assert got["301"] == (Decimal("3624055.89"), Decimal("3624055.89"))


def test_marts_are_owned_by_the_transformer_role(built_seeds_url):
    owners = {r[0] for r in rows(built_seeds_url, "SELECT tableowner FROM pg_tables WHERE schemaname = 'marts'")}
    assert owners == {"govfin_transformer"}


def test_budget_marts_carry_the_budget_phase(built_seeds_url, expected):
    doc = document_id(built_seeds_url, BUDGET)
    phases = rows(built_seeds_url, "SELECT DISTINCT phase FROM marts.fct_expenditure WHERE document_id = %s", doc)
    assert phases == [("budget",)]
    economic = dict(
        rows(
            built_seeds_url,
            "SELECT economic_code, amount_yuan FROM marts.fct_basic_expenditure_economic WHERE document_id = %s",
            doc,
        )
    )
    # 预算公开表6 prints names only: codes come from the standard names, duplicate names summed
    assert economic["30101"] == Decimal("835600.00") + Decimal("752800.00")
    assert economic["302"] == Decimal(expected[BUDGET]["basic_expenditure_economic"]["public_total"])
    targets = rows(
        built_seeds_url,
        "SELECT count(*), count(implementation_period_total_yuan) FROM "
        "marts.fct_project_performance WHERE document_id = %s AND phase = 'target'",
        doc,
    )
    assert targets == [(26, 26)]
    long_term = rows(
        built_seeds_url,
        "SELECT count(*) FROM marts.fct_performance_indicator WHERE document_id = %s "
        "AND phase = 'target' AND long_term_target_value IS NOT NULL",
        doc,
    )
    assert long_term[0][0] == 177  # every indicator of the 26 target sheets prints its 实施期 value


def test_budget_and_project_rules_reconcile_the_seeds(built_seeds_url):
    by_family = dict(
        rows(
            built_seeds_url,
            """
        SELECT regexp_replace(rule_id, '\\.[0-9]+$', ''), string_agg(DISTINCT status, ',')
        FROM quality.reconciliation
        WHERE rule_id LIKE 'budget.%' OR rule_id LIKE 'project.%' OR rule_id LIKE 'cross_document.%'
        GROUP BY 1""",
        )
    )
    assert by_family == {
        "budget.project_list_sum": "pass",
        "project.target_matches_budget_list": "pass",
        "project.funding_balance": "pass",
        "cross_document.initial_budget_equals_budget_total": "pass",
        "cross_document.project_initial_budget": "pass",
    }
    counts = dict(
        rows(
            built_seeds_url,
            """
        SELECT regexp_replace(rule_id, '\\.[0-9]+$', ''), count(*) FROM quality.reconciliation
        WHERE rule_id LIKE 'project.target%' OR rule_id LIKE 'cross_document.project%' GROUP BY 1""",
        )
    )
    assert counts == {"project.target_matches_budget_list": 26, "cross_document.project_initial_budget": 12}


def test_project_rules_fail_on_a_contradicting_sheet(fresh_db, tmp_path):
    """A target sheet whose 年度资金总额 is not its 项目支出预算表 row is reported; nothing else fails."""
    from pathlib import Path

    from loaders.dbt import run_dbt
    from loaders.pipeline import load_directory

    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    budget = (raw / BUDGET).read_text(encoding="utf-8")
    assert budget.count("年度资金总额： 61,350") == 1
    (tmp_path / BUDGET).write_text(budget.replace("年度资金总额： 61,350", "年度资金总额： 71,350"), encoding="utf-8")
    summary = load_directory(tmp_path, fresh_db, workers=1)
    assert summary.failed == 0
    # cautious: only the tests whose every parent is built (not the marts' relationships to dim_document)
    assert (
        run_dbt(fresh_db, ["build", "--select", "+reconciliation", "--indirect-selection", "cautious"], quiet=True) == 0
    )
    failing = rows(
        fresh_db,
        "SELECT rule_id, expected_yuan, actual_yuan FROM quality.reconciliation "
        "WHERE status = 'fail' AND rule_id LIKE 'project.%'",
    )
    assert [(Decimal(e), Decimal(a)) for _, e, a in failing] == [(Decimal("61400.00"), Decimal("71350.00"))]
    assert failing[0][0].startswith("project.target_matches_budget_list.")


def _build_one_document(db_url: str, tmp_path, tables: str, mart: str) -> None:
    from loaders.dbt import run_dbt
    from loaders.pipeline import load_directory

    text = "某市统计局2026年部门预算公开\n第二部分 2026年部门预算报表\n" + tables
    (tmp_path / "budget.txt").write_text(text, encoding="utf-8")
    assert load_directory(tmp_path, db_url, workers=1).failed == 0
    build = ["build", "--select", f"+{mart}", "--indirect-selection", "cautious"]
    assert run_dbt(db_url, build, quiet=True) == 0


def test_basic_economic_mart_takes_one_table_per_document(fresh_db, tmp_path):
    """A document printing 财政拨款基本支出表 and the narrower 一般公共预算基本支出表: the mart holds the
    wider table once, never the sum of both."""
    header = "部门经济科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
    tables = (
        "一般公共预算基本支出表\n单位:万元\n" + header + "30101\t基本工资\t20.00\t20.00\t\n"
        "30201\t办公费\t5.00\t\t5.00\n合计\t\t25.00\t20.00\t5.00\n"
        "财政拨款基本支出表\n单位:万元\n" + header + "30101\t基本工资\t30.00\t30.00\t\n"
        "30201\t办公费\t6.00\t\t6.00\n合计\t\t36.00\t30.00\t6.00\n"
    )
    _build_one_document(fresh_db, tmp_path, tables, "fct_basic_expenditure_economic")
    got = rows(fresh_db, "SELECT economic_code, amount_yuan FROM marts.fct_basic_expenditure_economic ORDER BY 1")
    assert [(c, Decimal(a)) for c, a in got] == [("30101", Decimal("300000.00")), ("30201", Decimal("60000.00"))]


def test_basic_economic_mart_takes_personnel_and_public_beside_a_project_column(fresh_db, tmp_path):
    tables = (
        "一般公共预算支出明细表(按支出经济分类科目)\n单位:万元\n"
        "部门经济科目编码\t部门经济科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出\n"
        "30101\t基本工资\t20.00\t20.00\t\t\n"
        "30201\t办公费\t15.00\t\t5.00\t10.00\n合计\t\t35.00\t20.00\t5.00\t10.00\n"
    )
    _build_one_document(fresh_db, tmp_path, tables, "fct_basic_expenditure_economic")
    got = rows(
        fresh_db,
        "SELECT economic_code, amount_yuan, printed_total_yuan FROM marts.fct_basic_expenditure_economic ORDER BY 1",
    )
    assert [(c, Decimal(a), Decimal(t)) for c, a, t in got] == [
        ("30101", Decimal("200000.00"), Decimal("200000.00")),
        ("30201", Decimal("50000.00"), Decimal("150000.00")),
    ]


def test_expenditure_mart_takes_the_widest_table_of_a_kind(fresh_db, tmp_path):
    """支出总表 beside a 专项业务经费支出表, both read as 支出 by 功能分类: never their sum."""
    header = "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    tables = (
        "部门支出总表\n单位:万元\n" + header + "201\t一般公共服务支出\t50.00\t30.00\t20.00\n"
        "2010301\t行政运行\t50.00\t30.00\t20.00\n合计\t\t50.00\t30.00\t20.00\n"
        "专项业务经费支出表\n单位:万元\n" + header + "201\t一般公共服务支出\t20.00\t\t20.00\n"
        "2010301\t行政运行\t20.00\t\t20.00\n合计\t\t20.00\t\t20.00\n"
    )
    _build_one_document(fresh_db, tmp_path, tables, "fct_expenditure")
    got = rows(fresh_db, "SELECT functional_code, total_yuan FROM marts.fct_expenditure ORDER BY 1")
    assert [(c, Decimal(t)) for c, t in got] == [("201", Decimal("500000.00")), ("2010301", Decimal("500000.00"))]
