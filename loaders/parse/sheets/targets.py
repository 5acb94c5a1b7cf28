"""An indicator of a target sheet (绩效目标): its levels, its name and the values it aims at.

A target is set before the year: nothing is measured, weighed against 分值 or scored yet,
so every target reader (申报表, the one-table 绩效目标表, the tables without 分值) makes its
indicators here, with only what a target prints.
"""

from __future__ import annotations

from loaders.model import Indicator, Line


def target_indicator(
    level1: str | None,
    level2: str | None,
    name: str,
    target: str | None,
    line: Line,
    long_term: str | None = None,
) -> Indicator:
    """一级, 二级, 三级指标 and the annual 指标值 (and the 实施期 one, where printed) at ``line``."""
    return Indicator(
        level1=level1,
        level2=level2,
        indicator=name,
        target_value=target,
        adjusted_target_value=None,
        actual_value=None,
        weight=None,
        score=None,
        deviation_reason=None,
        page=line.page,
        lineno=line.lineno,
        long_term_target_value=long_term,
    )
