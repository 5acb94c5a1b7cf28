"""Parsing: Lines → Document (metadata, recognised tables and their typed rows, warnings).

``parse_lines(lines, source, settings=None)`` is the whole parse stage: it reads lines that extraction
made (``loaders.reading.read_document`` does both) and never touches a file, a format or a
database. A file that is not a budget or final account, does not name its department and
year, or whose tables cannot be read at all (``admission``) raises ``ParseError`` naming the
file, table and line.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from loaders.model import Document, Line, ParseError, ParseIssue, Source, TableRef
from loaders.parse.document.admission import (
    check_readable,
    contents_issue,
    image_tables_issue,
    is_printed_table,
    no_content_error,
    require_identity,
    states_money,
    unread_table_issue,
)
from loaders.parse.document.metadata import read_metadata, year_issues
from loaders.parse.document.parts import document_part, prose_lines, table_spans
from loaders.parse.document.segment import find_regions, header_kind, note_kind, region_unit, title_kind
from loaders.parse.grid.checks import check_table
from loaders.parse.grid.coded_rows import header_paths
from loaders.parse.grid.indented_codes import known_children
from loaders.parse.grid.names import rows_named_by_names
from loaders.parse.grid.repeated_cells import one_fact_per_cell
from loaders.parse.grid.settings import ParseSettings, using
from loaders.parse.tables import PARSERS, TableContext
from loaders.parse.vocabulary import UNIT_FACTOR

# Bump when a change makes the parser read documents differently: the loader reloads them.
PARSER_VERSION = "2026.12.07-5"

FACT_FIELDS = {
    "FunctionalAmount": "functional_amounts",
    "SummaryAmount": "summary_amounts",
    "EconomicAmount": "economic_amounts",
    "ThreePublicAmount": "three_public_amounts",
    "StatisticItem": "statistics",
    "Project": "projects",
}
SECOND_OF_KIND = {"general_budget_expenditure": "state_capital"}


def parse_lines(lines: list[Line], source: Source, settings: ParseSettings | None = None) -> Document:
    """The document the lines print; ``settings`` (default: those in force, ``grid.settings.current()``)
    are the tuning numbers every module reads while this parse runs."""
    with using(settings):
        return _parse(lines, source)


def _parse(lines: list[Line], source: Source) -> Document:
    name = source.name
    if not lines:
        raise ParseError("no text found", file=name)
    meta = read_metadata(lines)
    sheets_only = meta.document_kind is None
    if sheets_only:  # a document of project sheets only: its sheets say which kind, it has no prose
        meta = replace(meta, document_kind=_kind_of_sheets(lines, meta))
    if meta.document_kind is None:
        raise ParseError(
            "not a budget or final account disclosure",
            file=name,
            lineno=lines[0].lineno,
            expected="a 部门预算 or 部门决算 document (预算/决算 in its title)",
        )
    facts: dict[str, list] = {field: [] for field in FACT_FIELDS.values()}
    tables: list[TableRef] = []
    issues: list[ParseIssue] = [
        *require_identity(meta, name, lines[0].lineno),
        *year_issues(lines),
        *contents_issue(lines),
    ]
    seen_kinds: set[str] = set()
    mentions = []  # titles of tables that print no row: an attachment list, tables as images
    regions = find_regions(lines)
    known_codes = known_children(lines)  # 款/项 codes by name, for tables naming children without codes
    read: list = []  # the regions read as tables
    for region in regions:
        kind = (title_kind(region.title) if region.title else None) or header_kind(region.lines)
        if kind is None or kind not in PARSERS:
            continue
        if not is_printed_table(region.lines):
            mentions.append(region.anchor)
            continue
        if not region.title and kind in SECOND_OF_KIND:
            # untitled tables: 国有资本经营 has the header of 一般公共预算支出表; its note tells them
            # apart in any order, else it is the second of the two
            kind = note_kind(region.note) or (SECOND_OF_KIND[kind] if kind in seen_kinds else kind)
        seen_kinds.add(kind)
        title = region.title or region.number_label or kind
        unit = region_unit(region, meta.source_unit)
        ctx = TableContext(kind, title, unit, region.lines, name, meta.fiscal_year, known_codes)
        try:
            parsed = PARSERS[kind](ctx)
        except (ValueError, IndexError, KeyError, ArithmeticError) as exc:
            raise ParseError(
                f"cannot read the table: {exc}", file=name, table=title, lineno=region.anchor.lineno
            ) from exc
        rows, misnamed = rows_named_by_names(parsed.rows, title)
        rows, repeated = one_fact_per_cell(rows, title)
        parsed = replace(parsed, rows=rows, issues=[*parsed.issues, *misnamed, *repeated])
        is_empty = not any(_amount(row) for row in parsed.rows)
        read.append(region)
        tables.append(
            TableRef(
                kind,
                title,
                region.number_label,
                unit,
                is_empty,
                len(parsed.rows),
                region.anchor.page,
                region.anchor.lineno,
                header_paths(region.lines),
                UNIT_FACTOR.get(unit, Decimal(1)),  # as loaders.parse.grid.amounts converts
            )
        )
        for row in parsed.rows:
            facts[FACT_FIELDS[type(row).__name__]].append(row)
        issues.extend(parsed.issues)
        if not parsed.rows and not parsed.issues:
            issues.extend(filter(None, [unread_table_issue(region.lines, title)]))
        issues.extend(check_table(title, unit, parsed.rows, region.lines))
    check_readable([row for rows in facts.values() for row in rows], issues, name)
    narrative, stats, sheets = _optional_parts(lines, meta, issues, prose=not sheets_only)
    sheets, misnamed = rows_named_by_names(sheets, None)
    issues.extend(misnamed)
    part = document_part(
        tables, narrative, stats, [*facts["projects"], *sheets], prose_lines(lines, table_spans(regions, read))
    )
    if part is None or (part == "text" and not states_money(narrative, stats, [*facts["projects"], *sheets])):
        raise no_content_error(name)
    if part == "text":
        # titles listed in the 目录 of a text part: its tables are published elsewhere
        tables, facts = [], {field: [] for field in facts}
        if source.format == "html":
            issues.append(image_tables_issue(mentions))
    meta = replace(meta, document_part=part)
    facts["statistics"].extend(stats)
    projects = sorted(facts.pop("projects") + list(sheets), key=lambda p: p.lineno)
    projects = [replace(p, seq=i) for i, p in enumerate(projects, start=1)]
    return Document(
        source_path=source.path,
        document_id=source.document_id,
        meta=meta,
        tables=tuple(tables),
        narrative_facts=tuple(narrative),
        projects=tuple(projects),
        issues=tuple(issues),
        **{k: tuple(v) for k, v in facts.items()},
    )


def _amount(row):
    value = getattr(row, "amount_yuan", None)
    return value if value is not None else getattr(row, "count_value", None)


def _kind_of_sheets(lines, meta):
    try:
        from loaders.parse.sheets import kind_of_sheets
    except ImportError:
        return None
    return kind_of_sheets(lines, meta)


def _optional_parts(lines, meta, issues, prose=True):
    """Narrative facts and project sheets, parsed by their own modules when present."""
    narrative, stats, projects = [], [], []
    try:
        from loaders.parse.document.narrative import parse_narrative
    except ImportError:
        parse_narrative = None
    if parse_narrative is not None and prose:
        narrative, stats, more = parse_narrative(lines, meta)
        issues.extend(more)
    try:
        from loaders.parse.sheets import read_projects
    except ImportError:
        read_projects = None
    if read_projects is not None:
        projects, totals, more = read_projects(lines, meta)
        stats = [*stats, *totals]  # printed over the projects (a 绩效目标表's 合计 and unit rows)
        issues.extend(more)
    return narrative, stats, projects
