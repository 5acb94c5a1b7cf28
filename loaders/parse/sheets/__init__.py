"""Project performance sheets: one shared assembly, a reader per reading algorithm, report
layouts declared as data.

``assembly`` cuts a document into sheets, reads each or warns, and finds columns by their
declared labels; ``labelled_report`` reads every report layout declared in
``vocabulary.sheets.REPORT_FORMS``; the other readers each need an algorithm of their own
(their docstrings say why). ``parse_projects`` runs every reader of ``LAYOUTS`` over the
document's lines and numbers the projects in document order; ``read_projects`` also returns
the totals printed over them. Personal data printed on sheets (经办人, 联系电话, 负责人) is
never read into a Project. ``kind_of_sheets`` says what a document of project sheets only
(a 绩效目标表 annex, a 绩效评价报告) is, from the phase of its sheets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from loaders.model import DocumentMeta, Line, ParseIssue, Project, StatisticItem
from loaders.parse.sheets import (
    evaluation_report,
    labelled_report,
    ruled_target_sheet,
    sectioned_report,
    self_evaluation,
    target_sheet,
    target_table,
)

LAYOUTS = (
    self_evaluation,
    sectioned_report,
    labelled_report,
    target_sheet,
    target_table,
    evaluation_report,
    ruled_target_sheet,
)
# what a document holding nothing but project sheets is: targets are set with the budget
# (绩效目标表), self-evaluations and evaluations report on a closed year (决算)
KIND_OF_PHASE = {"target": "budget", "self_evaluation": "final_account"}


def parse_projects(lines: Sequence[Line], meta: DocumentMeta) -> tuple[list[Project], list[ParseIssue]]:
    projects, _, issues = read_projects(lines, meta)
    return projects, issues


def read_projects(
    lines: Sequence[Line], meta: DocumentMeta
) -> tuple[list[Project], list[StatisticItem], list[ParseIssue]]:
    """The projects in document order, the totals printed over them (a 绩效目标表's 合计 and unit
    rows) and the problems met."""
    projects: list[Project] = []
    totals: list[StatisticItem] = []
    issues: list[ParseIssue] = []
    for layout in LAYOUTS:
        if layout is target_table:
            table = target_table.read_table(lines)
            found, problems = table.projects, table.issues
            totals.extend(table.totals)
        else:
            found, problems = layout.read(lines)
        projects.extend(found)
        issues.extend(problems)
    projects.sort(key=lambda p: p.lineno)
    return [replace(p, seq=i) for i, p in enumerate(projects, start=1)], totals, issues


def kind_of_sheets(lines: Sequence[Line], meta: DocumentMeta) -> str | None:
    """'budget' when every sheet is a target, 'final_account' when every one is an evaluation;
    None when there are no sheets or both kinds."""
    projects, _ = parse_projects(lines, meta)
    kinds = {KIND_OF_PHASE.get(p.phase) for p in projects}
    return kinds.pop() if len(kinds) == 1 else None
