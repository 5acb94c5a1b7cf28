"""The summary `govfin run` prints after a build: what is in the marts, what failed to reconcile.

Read as the analyst: marts and quality only."""

from __future__ import annotations

import psycopg
from rich.console import Console

from loaders.report import reconciliation_summary


def print_warehouse_summary(url: str, console: Console) -> None:
    with psycopg.connect(url) as conn:
        if conn.execute("SELECT to_regclass('marts.mart_department_year')").fetchone()[0]:
            for dept, year, income, spend, budget, rate, projects in conn.execute(
                "SELECT department_name, fiscal_year, total_income_yuan, total_expenditure_yuan, "
                "budget_total_yuan, budget_execution_rate, project_count "
                "FROM marts.mart_department_year ORDER BY department_name, fiscal_year"
            ):
                planned = f", budget {budget:,.2f} yuan ({rate:.2%} spent)" if budget and rate is not None else ""
                console.print(
                    f"  {dept} {year}: income {income or 0:,.2f} yuan, "
                    f"expenditure {spend or 0:,.2f} yuan{planned}, {projects} project sheets"
                )
    checks = reconciliation_summary(url)
    if checks is not None:
        console.print(
            f"reconciliation: {checks['pass']} pass, {checks['fail']} fail, {checks['not_applicable']} not applicable"
        )
        for failure in checks["failures"]:
            unit = "percentage points" if failure["measured_in"] == "percent" else "yuan"
            console.print(
                f"  [yellow]fail[/yellow] {failure['path']} {failure['rule_id']} "
                f"(difference {failure['difference']} {unit})"
            )
