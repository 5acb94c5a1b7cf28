"""Document metadata: department, fiscal year, kind, scope, unit, codes, region, correction.

The title and cover decide (``metadata_cover``); the 部门名称/单位 labels of the tables and
the titles of the tables come next; the prose only as a last resort, because prose
compares years ("比2023年预算增加") and describes duties ("负责…决算") that are not the
document's own. The region and its national code come from ``region``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from loaders.model import DocumentMeta, Line, ParseIssue
from loaders.parse.document.correction import read_correction
from loaders.parse.document.metadata_cover import is_department_name, read_cover, scope_qualifier
from loaders.parse.document.printed import printed_form
from loaders.parse.document.region import locate
from loaders.parse.grid.settings import current
from loaders.parse.vocabulary import unit_line
from loaders.parse.vocabulary.document import (
    BUDGET_NUMBERING,
    CELL_LABELS,
    DEPARTMENT,
    LEADING_ORG_NAME,
    PARENTHESES_FREE,
    PARTY_COMMITTEE,
    PLAIN_YEAR,
    SCOPE_WORDS,
    TITLED_YEAR,
    UNIT_LABEL_SUFFIX,
    YEAR_SUFFIX,
)

DEPT_CODE = re.compile(r"(?<!\d)(\d{6})\s*[-—]\s*[\u4e00-\u9fff]")


def _labelled_department(lines: Sequence[Line]) -> str | None:
    """The name most often printed after 部门名称： / 单位： on the tables."""
    names, in_cells = Counter(), Counter()
    for line in lines[: current().metadata_lines]:
        for match in DEPARTMENT.finditer(line.text.replace(" ", "")):
            name = re.sub(r"^\d{3,8}\s*[-—]\s*", "", match.group(1).strip("|"))
            name = YEAR_SUFFIX.sub("", name)
            name = UNIT_LABEL_SUFFIX.sub("", name)  # "部门名称：X 单位：万元" on one line
            if is_department_name(name) and "万元" not in name:
                names[name] += 1
        in_cells.update(_cell_labelled(line))
    # label cells come last: the 预算单位 of a consolidated department's project sheets are its units
    for found in (names, in_cells):
        if found:
            return found.most_common(1)[0][0]
    return None


def _cell_labelled(line: Line) -> list[str]:
    """A label cell and the name in the next cell: "部门名称 | 北京市司法局" (绩效目标表, 自评表)."""
    cells = ["".join(c.split()) for c in line.cells if c.strip()]
    found = []
    for label, value in itertools.pairwise(cells):
        name = re.sub(r"^\d{3,9}\s*[-—]\s*", "", value)
        if label in CELL_LABELS and is_department_name(name):
            found.append(name)
    return found


def _leading_department(lines: Sequence[Line]) -> str | None:
    for line in lines[:10]:
        text = line.text.replace(" ", "")
        m = LEADING_ORG_NAME.match(text)
        # a bare first line is a name only when it says whose it is (a region or 国家/中共 first):
        # a table cell wrapped over lines ("广州市政务服务和" / "数据管理局") is not
        if m and is_department_name(m.group(1)) and locate(m.group(1)):
            return m.group(1)
    return None


def _table_titles(lines: Sequence[Line]) -> list[str]:
    from loaders.parse.document.segment import title_kind

    titles = []
    for line in lines:
        if "表" in line.text and ("预算" in line.text or "决算" in line.text):
            text = "".join(line.text.split())
            if title_kind(text):
                titles.append(text)
    return titles


def _kind(lines: Sequence[Line], titles: list[str]) -> str | None:
    """From the tables' titles (收支预算总表, 收入支出决算总表), else the head of the prose."""
    final = sum(1 for t in titles if "决算" in t)
    budget = sum(1 for t in titles if "预算" in t and "决算" not in t)
    if final or budget:
        return "final_account" if final > budget else "budget"
    head = "".join(line.text for line in lines[:80])
    final = head.count("决算")
    budget = (
        head.count("预算公开")
        + head.count("部门预算")
        + head.count("单位预算")
        + head.count("预算收支总表")
        + len(BUDGET_NUMBERING.findall(head))
    )
    if final == 0 and budget == 0:
        return None
    return "final_account" if final >= budget else "budget"


def _year(lines: Sequence[Line]) -> int | None:
    """The year that titles tables and headings, else the one most stated in the first lines."""
    titled = Counter(
        int(m.group(1))
        for line in lines[: current().metadata_lines]
        for m in TITLED_YEAR.finditer("".join(line.text.split()))
    )
    if titled:
        return titled.most_common(1)[0][0]
    # else the year the notes and prose name most ("我单位无2017年政府性基金支出安排"), not a date
    years = Counter(
        int(m.group(1))
        for line in lines[: current().metadata_lines]
        for m in PLAIN_YEAR.finditer("".join(line.text.split()))
    )
    return years.most_common(1)[0][0] if years else None


def fiscal_year(titled: int | None, titles: Sequence[str], lines: Sequence[Line]) -> tuple[int | None, str | None]:
    """The document's year from its title and its tables' titles, and a note where they disagree.

    The title's year stands unless the tables' titles agree (two or more) on another and none
    names the title's: then the tables' year is taken (a title misprints its year more easily
    than every table does). A document without a titled year takes its tables' year, wherever
    the first of them prints it, else the year most stated in its lines.
    """
    years = Counter(int(m.group(1)) for title in titles for m in TITLED_YEAR.finditer(title))
    tables_year, count = years.most_common(1)[0] if years else (None, 0)
    if titled is None:
        return tables_year or _year(lines), None
    if tables_year is None or titled in years:
        return titled, None
    if count >= 2:
        return tables_year, f"the title names {titled}, the tables' titles {tables_year}: {tables_year} is taken"
    return titled, f"the title names {titled}, a table's title {tables_year}: {titled} is kept"


def year_issues(lines: Sequence[Line]) -> list[ParseIssue]:
    """A warning where the title's year and the tables' titles disagree (the choice is named)."""
    _, note = fiscal_year(read_cover(lines).fiscal_year, _table_titles(lines[: current().title_lines]), lines)
    return [ParseIssue("warning", None, lines[0].lineno if lines else None, f"fiscal year: {note}")] if note else []


def _scope(scope_word: str | None, department: str | None, lines: Sequence[Line]) -> tuple[str, str | None]:
    """(CONTRACT scope, the word(s) printed): the title's 部门/单位, else 本级/汇总 on the name."""
    qualifier = scope_qualifier(department)
    printed = "".join(filter(None, (scope_word, f"({qualifier})" if scope_word and qualifier else qualifier)))
    if scope_word:
        return SCOPE_WORDS[scope_word], printed
    if qualifier:
        return SCOPE_WORDS[qualifier], printed
    head = "".join(line.text for line in lines[:40])  # the cover: prose speaks of 所属事业单位预算
    if "单位决算" in head or "单位预算" in head:
        return "unit", "单位"
    return "department", None


def _department_code(lines: Sequence[Line], department: str | None) -> str | None:
    """A code printed before the department's name ("341-湖州市财政局"), else a six-digit unit code."""
    if department:
        core = PARENTHESES_FREE.sub("", department)
        named = re.compile(r"(?<![\d.])(\d{3,9})\s*[-—]\s*" + re.escape(core))
        codes = [
            m.group(1) for line in lines[: current().metadata_lines] for m in named.finditer(line.text.replace(" ", ""))
        ]
        if codes:
            # the 预算单位 code extends its 主管部门's (019 → 019001): the longest names the unit itself
            return max(codes, key=len)
    return next((m.group(1) for line in lines for m in DEPT_CODE.finditer(line.text)), None)


def _canonical(department: str | None) -> str | None:
    """One name for one department: "某省委办公厅" is printed for 中共某省委办公厅 too."""
    if department and not department.startswith("中共") and PARTY_COMMITTEE.match(department) and locate(department):
        return "中共" + department
    return department


def _printed_department(found: str | None, department: str | None, lines: Sequence[Line]) -> str | None:
    """The name as printed; a 中共 prefix added by ``_canonical`` stays before the printed rest."""
    if not found or found == department:
        return printed_form(department, lines)
    return department[: len(department) - len(found)] + (printed_form(found, lines) or found)


def read_metadata(lines: Sequence[Line]) -> DocumentMeta:
    cover = read_cover(lines)
    found = cover.department or _labelled_department(lines) or _leading_department(lines)
    department = _canonical(found)
    titles = _table_titles(lines[: current().title_lines])
    kind = cover.document_kind or _kind(lines, titles)
    year, _ = fiscal_year(cover.fiscal_year, titles, lines)
    scope, printed_scope = _scope(cover.scope_word, department, lines)
    units = Counter(unit for unit in (unit_line(line.text) for line in lines) if unit)
    region = locate(department) or (locate(cover.title) if cover.title else None)
    is_correction, note = read_correction(lines)
    return DocumentMeta(
        department=_printed_department(found, department, lines),
        department_key=department,
        fiscal_year=year,
        document_kind=kind,
        disclosure_scope=scope,
        source_unit=units.most_common(1)[0][0] if units else None,
        department_code=_department_code(lines, department),
        region_name=region and region.region_name,
        province=region and region.province,
        admin_level=region and region.admin_level,
        prefecture=region and region.prefecture,
        county=region and region.county,
        adcode=region and region.adcode,
        printed_scope=printed_scope,
        is_correction=is_correction,
        correction_note=note,
        published_on=cover.published_on,
    )
