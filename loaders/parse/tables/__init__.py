"""Table parsers, one module or package per kind, registered by the kind they read.

Adding a kind of table is adding a module with a ``parse(ctx) -> TableFacts``
function and an entry in ``PARSERS``; ``loaders.parse.document.segment`` recognises the
table by its title or header and hands its region over. A kind printed in several layouts is a
package (``economic``, ``summary``, ``three_public``, ``project_list``): its ``__init__`` declares
the kind (titles, column roles, what a row means) and tries its layouts, one module each; what
several kinds share lives in ``loaders.parse.grid``.
"""

from __future__ import annotations

from loaders.parse.tables import (
    economic,
    functional,
    income_sources,
    operating_cost,
    project_list,
    statistics,
    summary,
    three_public,
)
from loaders.parse.tables.base import TableContext, TableFacts

PARSERS = {
    "income": income_sources.parse,  # by source, one row each; else by 功能分类 (functional)
    "expenditure": functional.parse,
    "general_budget_expenditure": functional.parse,
    "fiscal_expenditure": functional.parse,
    "government_fund": functional.parse,
    "state_capital": functional.parse,
    "income_expenditure_summary": summary.parse,
    "fiscal_summary": summary.parse,
    "basic_expenditure_economic": economic.parse,
    "three_public": three_public.parse,
    "statistics": statistics.parse,
    "operating_cost": operating_cost.parse,
    "project_expenditure": project_list.parse,
}

__all__ = ["PARSERS", "TableContext", "TableFacts"]
