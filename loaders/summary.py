"""The summary `govfin run` prints after a build: what is in the marts, what failed to reconcile.

Read as the analyst: marts and quality only."""
from __future__ import annotations

import psycopg
from rich.console import Console


def print_warehouse_summary(url: str, console: Console) -> None:
    with psycopg.connect(url) as conn:
        have = conn.execute("SELECT to_regclass('marts.mart_department_year'), "
                            "to_regclass('quality.reconciliation')").fetchone()
        if have[0]:
            for dept, year, income, spend, budget, rate, projects in conn.execute(
                    "SELECT department_name, fiscal_year, total_income_yuan, total_expenditure_yuan, "
                    "budget_total_yuan, budget_execution_rate, project_count "
                    "FROM marts.mart_department_year ORDER BY department_name, fiscal_year"):
                planned = f", budget {budget:,.2f} yuan ({rate:.2%} spent)" if budget and rate is not None else ""
                console.print(f"  {dept} {year}: income {income or 0:,.2f} yuan, "
                              f"expenditure {spend or 0:,.2f} yuan{planned}, {projects} project sheets")
        if have[1]:
            counts = dict(conn.execute("SELECT status, count(*) FROM quality.reconciliation "
                                       "GROUP BY status").fetchall())
            console.print(f"reconciliation: {counts.get('pass', 0)} pass, {counts.get('fail', 0)} fail, "
                          f"{counts.get('not_applicable', 0)} not applicable")
            for doc, rule, diff, unit in conn.execute(
                    "SELECT d.source_file, r.rule_id, r.difference_yuan, r.measured_in FROM quality.reconciliation r "
                    "JOIN marts.dim_document d USING (document_id) WHERE r.status = 'fail' "
                    "ORDER BY d.source_file, r.rule_id"):
                shown = f"{diff} percentage points" if unit == "percent" else f"{diff} yuan"
                console.print(f"  [yellow]fail[/yellow] {doc} {rule} (difference {shown})")
