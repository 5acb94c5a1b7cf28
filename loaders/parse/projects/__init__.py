"""Project performance sheets: one module per sheet layout, each finding and reading its own sheets.

``parse_projects`` runs every layout reader over the document's lines and numbers the
projects in document order. Personal data printed on sheets (经办人, 联系电话, 负责人)
is never read into a Project.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from loaders.model import DocumentMeta, Line, ParseIssue, Project
from loaders.parse.projects import analysis_report, hubei_report, self_evaluation, target_sheet

LAYOUTS = (self_evaluation, hubei_report, analysis_report, target_sheet)


def parse_projects(lines: Sequence[Line], meta: DocumentMeta) -> tuple[list[Project], list[ParseIssue]]:
    projects: list[Project] = []
    issues: list[ParseIssue] = []
    for layout in LAYOUTS:
        found, problems = layout.read(lines)
        projects.extend(found)
        issues.extend(problems)
    projects.sort(key=lambda p: p.lineno)
    return [replace(p, seq=i) for i, p in enumerate(projects, start=1)], issues
