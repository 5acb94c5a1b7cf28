"""What a table parser receives (its region, unit, kind) and returns (typed facts, warnings)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from loaders.model import Line, ParseIssue


@dataclass(frozen=True)
class TableContext:
    kind: str
    title: str
    unit: str
    lines: tuple[Line, ...]
    source: str
    fiscal_year: int | None = None  # the document's year: tables printing several years give this one
    # 款/项 codes the document prints with their names, by parent (``indented_codes``): rows naming
    # only a child under a coded 类 are resolved through them
    known_codes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass
class TableFacts:
    rows: list = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
