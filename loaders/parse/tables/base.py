"""What a table parser receives (its region, unit, kind) and returns (typed facts, warnings)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from loaders.model import Line, ParseIssue

META_LINE = re.compile(r"(部门名称|单位名称|部门\s*[:：]|单位\s*[:：]|金额单位|^\d{4}\s*年度?$|^单位)")
FUNCTIONAL_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
TOTAL_LABELS = {"合计", "总计"}


@dataclass(frozen=True)
class TableContext:
    kind: str
    title: str
    unit: str
    lines: tuple[Line, ...]
    source: str


@dataclass
class TableFacts:
    rows: list = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)


def content_lines(lines: Sequence[Line]) -> list[Line]:
    """The region without its metadata lines (部门名称, 年度, 金额单位)."""
    return [line for line in lines if not META_LINE.search(line.text.replace(" ", "")[:40])
            or len([c for c in line.cells if c.strip()]) > 3]


def clean(text: str) -> str:
    return re.sub(r"\s+", "", text)
