"""Read the answer key (tests/data/expected.json) into comparable (what, expected, actual) checks."""

from __future__ import annotations

from decimal import Decimal

from loaders.model import Document

FINAL_ACCOUNTS = [
    "000_3b0a4ec0e1089ac8.txt",
    "001_cb5fbf2334879971.txt",
    "003_4bfa79258c3578d4.txt",
    "004_ed45889f6f94df5a.txt",
]


def functional(doc: Document, kind: str, code: str | None, measure: str) -> Decimal | None:
    for row in doc.functional_amounts:
        if row.table_kind == kind and row.functional_code == code and row.measure == measure:
            return row.amount_yuan
    return None


def summary(doc: Document, kind: str, side: str, key: str) -> Decimal | None:
    for row in doc.summary_amounts:
        if row.table_kind == kind and row.side == side and row.item_key == key and row.measure in ("amount", "total"):
            return row.amount_yuan
    return None


def summary_item(doc: Document, kind: str, side: str, name: str) -> Decimal | None:
    for row in doc.summary_amounts:
        if (
            row.table_kind == kind
            and row.side == side
            and row.measure in ("amount", "total")
            and row.item.split("、")[-1] == name
        ):
            return row.amount_yuan
    return None


def three_public(doc: Document, phase: str, item: str) -> Decimal | None:
    for row in doc.three_public_amounts:
        if row.phase == phase and row.item == item:
            return row.amount_yuan
    return None


def statistic(doc: Document, section: str, item: str, source: str = "table"):
    for row in doc.statistics:
        if row.source == source and row.section == section and row.item == item:
            return row.amount_yuan if row.amount_yuan is not None else row.count_value
    return None


THREE_PUBLIC_ITEMS = {
    "total": "total",
    "overseas": "overseas_travel",
    "vehicle_total": "vehicles_total",
    "vehicle_purchase": "vehicle_purchase",
    "vehicle_operation": "vehicle_operation",
    "reception": "official_reception",
}


def functional_checks(doc: Document, key: dict, income_measure: str) -> list[tuple[str, Decimal, Decimal | None]]:
    """Tables keyed by 功能分类 code: expenditure (03), general budget (05) and income (02), rows and 合计.

    Income is 财政拨款 in a final account, 一般公共预算 in a budget.
    """
    checks = []
    for kind, section, measures in (
        ("expenditure", "expenditure_by_function", ("total", "basic", "project")),
        ("general_budget_expenditure", "general_budget_expenditure_table05", ("total", "basic", "project")),
        ("income", "revenue_by_function", ("total", income_measure)),
    ):
        for row in key[section]:
            for m in measures:
                checks.append((f"{kind} {row['code']} {m}", Decimal(row[m]), functional(doc, kind, row["code"], m)))
        for m in measures:
            checks.append((f"{kind} 合计 {m}", Decimal(key[section + "_total_row"][m]), functional(doc, kind, None, m)))
    return checks


def final_account_checks(doc: Document, key: dict) -> list[tuple[str, Decimal, Decimal | None]]:
    """Every table value of one final account's answer key, with what the parser produced."""
    checks = []
    d = Decimal
    checks += functional_checks(doc, key, income_measure="fiscal_appropriation")
    checks += summary_checks(doc, key)
    econ = key["basic_expenditure_economic"]
    by_code = {}
    for r in doc.economic_amounts:
        if r.measure == "amount":
            by_code.setdefault(r.economic_code or r.economic_name, r.amount_yuan)
    for row in econ["rows"]:
        checks.append((f"economic {row['code']}", d(row["amount"]), by_code.get(row["code"])))
    checks.append(("economic 人员经费合计", d(econ["personnel_total"]), by_code.get("人员经费合计")))
    checks.append(("economic 公用经费合计", d(econ["public_total"]), by_code.get("公用经费合计")))
    for phase in ("budget", "actual"):
        for name, item in THREE_PUBLIC_ITEMS.items():
            checks.append((f"三公 {phase} {name}", d(key["three_public"][phase][name]), three_public(doc, phase, item)))
    return checks


def summary_checks(doc: Document, key: dict) -> list[tuple[str, Decimal, Decimal | None]]:
    """Tables 01 and 04 (收支总表, 财政拨款收支总表): totals and each 类 of expenditure."""
    checks = []
    d = Decimal
    for kind, section in (("income_expenditure_summary", "summary_table_01"), ("fiscal_summary", "summary_table_04")):
        s = key[section]
        checks += [
            (f"{kind} income_total", d(s["income_total"]), summary(doc, kind, "income", "income_total")),
            (
                f"{kind} expenditure_total",
                d(s["expenditure_total"]),
                summary(doc, kind, "expenditure", "expenditure_total"),
            ),
            (f"{kind} grand_total income", d(s["grand_total_income"]), summary(doc, kind, "income", "grand_total")),
            (
                f"{kind} grand_total expenditure",
                d(s["grand_total_expenditure"]),
                summary(doc, kind, "expenditure", "grand_total"),
            ),
        ]
        if "general_public_budget_income" in s:
            checks.append(
                (
                    f"{kind} general_public_budget",
                    d(s["general_public_budget_income"]),
                    summary(doc, kind, "income", "general_public_budget"),
                )
            )
        for row in s["expenditure_by_class"]:
            checks.append(
                (f"{kind} class {row['name']}", d(row["amount"]), summary_item(doc, kind, "expenditure", row["name"]))
            )
    return checks


def budget_checks(doc: Document, key: dict) -> list[tuple[str, Decimal, Decimal | None]]:
    """Every table value of a budget's answer key (预算公开表1–6, 10, 11, 12), with what the parser produced."""
    d = Decimal
    checks = summary_checks(doc, key)
    checks += functional_checks(doc, key, income_measure="general_public_budget")
    econ = key["basic_expenditure_economic"]
    cells = {(r.economic_name, r.government_economic_name, r.measure): r.amount_yuan for r in doc.economic_amounts}
    for row in econ["rows"]:
        for m in ("total", "personnel", "public"):
            got = cells.get((row["name"], row["govt_econ_name"], m), d(0))
            checks.append((f"economic {row['name']}/{row['govt_econ_name']} {m}", d(row[m]), got))
    for m, field in (("total", "total"), ("personnel", "personnel_total"), ("public", "public_total")):
        checks.append((f"economic 合计 {m}", d(econ[field]), cells.get(("合计", None, m))))
    for name, item in THREE_PUBLIC_ITEMS.items():
        checks.append(
            (f"三公 budget {name}", d(key["three_public"]["budget"][name]), three_public(doc, "budget", item))
        )
    cost = key["institution_operating_cost"]
    checks.append(("机关运行经费 total", d(cost["table_total"]), statistic(doc, "operating_cost", "total")))
    for row in cost["by_unit"]:
        checks.append(
            (f"机关运行经费 {row['unit']}", d(row["amount"]), statistic(doc, "operating_cost", f"unit:{row['unit']}"))
        )
    listed = {p.name: p.budget_full_year_yuan for p in doc.projects if p.phase == "budget_list"}
    for row in key["project_list_table12"]:
        checks.append((f"项目支出预算表 {row['name']}", d(row["amount"]), listed.get(row["name"])))
    return checks
