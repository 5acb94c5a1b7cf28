"""A self-evaluation (项目支出绩效自评) Project from what its sheet or report prints.

Every self-evaluation reader finds the same things in its own layout: the project's name,
its 预算单位 (with the six-digit department code printed in front: "123001 某局"), the
预算执行 figures (年初预算数, 全年预算数, 全年执行数, 结余, 执行率, 得分) and the scores.
``evaluated_project`` turns them into a Project, so the figures' keys and the code rule
live in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from loaders.model import Line, Project

DEPARTMENT_CODE = re.compile(r"^\d{6}")
# the 预算执行 figures a reader found (amounts already in yuan) → the Project's fields
FUNDS = {
    "declared": "initial_budget_declared_yuan",  # 年初预算数 (目标申报)
    "compiled": "initial_budget_compiled_yuan",  # 年初预算数 (预算编制)
    "full_year": "budget_full_year_yuan",  # 全年预算数
    "executed": "executed_yuan",  # 全年执行数
    "balance": "balance_yuan",  # 结余
    "rate": "execution_rate",  # 执行率 as a fraction
    "rate_printed": "execution_rate_printed",
    "score": "budget_execution_score",  # 预算执行 得分
}


def evaluated_project(
    name: str, layout: str, budget_unit: str | None, funds: Mapping[str, object], opening: Line, **fields
) -> Project:
    """The Project of a self-evaluation opening at ``opening``; ``fields`` are the rest it prints
    (score, grade, goals, indicators …)."""
    return Project(
        seq=0,
        name=name,
        phase="self_evaluation",
        sheet_layout=layout,
        department_code=(DEPARTMENT_CODE.match(budget_unit or "") or [None])[0],
        budget_unit=budget_unit,
        **{field: funds.get(key) for key, field in FUNDS.items()},
        page=opening.page,
        lineno=opening.lineno,
        **fields,
    )
