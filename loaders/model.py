"""Plain frozen data objects handed between the stages (extract → parse → load).

Nothing here knows about PDFs, text layouts or the database: these are the nouns
of the pipeline. Every fact carries its provenance (page, line number in the
source) so an analyst can find the printed cell again.

Amounts are always ``Decimal`` in yuan (元), already converted from the table's
printed unit. Fact classes map one-to-one onto ``staging.*`` tables (see
``loaders/load.py``): adding a field here means adding a column in a migration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# --------------------------------------------------------------------------- extract


@dataclass(frozen=True)
class Line:
    """One visual line of the source with its cells.

    ``cells`` holds the line split into table cells ('' for an empty cell); prose
    lines have a single cell. ``lineno`` is 1-based in the source file for text
    inputs and a running line number for PDFs, where ``page`` is also known.
    Spreadsheets give the sheet's number as ``page`` and the row as ``lineno``.
    """

    text: str
    cells: tuple[str, ...]
    lineno: int
    page: int | None = None
    # column span per cell where a cell is merged over several columns (0: a cell covered by the one
    # before it, as HTML pads colspan, or by a merge from a row above); empty when every cell spans
    # one column. HTML, spreadsheets and Word set it
    spans: tuple[int, ...] = ()
    # PDF rows of a ruled table: the table column where each cell starts (a row's own rules may
    # merge or omit columns); empty when the cells are the columns
    columns: tuple[int, ...] = ()
    # PDFs: the line's vertical middle on its page, in points from the top (wrapped cells of
    # one table row are told apart by it); None for text formats
    y: float | None = None
    # the line as printed, before NFKC, where it differs from ``text`` (full-width brackets of a
    # name such as （本级）); empty when the two agree
    printed: str = ""
    # text inputs: cells found by spacing alone (split at runs of spaces, where an empty cell leaves
    # no trace, or cut at positions no header text confirms): a row printing fewer cells than its
    # table's columns cannot tell which of them it fills
    spaced: bool = False


# --------------------------------------------------------------------------- parse


@dataclass(frozen=True)
class Source:
    """Where the lines came from, as extraction tells the parser (the parser reads no bytes)."""

    path: str  # as given: errors name its file name, the Document keeps it as source_path
    document_id: str  # sha256 of the file's bytes
    format: str  # loaders.extract.formats: 'pdf' | 'html' | 'text' | 'spreadsheet' | 'word'

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class DocumentMeta:
    """What the document says about itself (封面, table headers 部门名称/单位名称)."""

    department: str | None  # as printed: （本级） keeps its full-width brackets
    fiscal_year: int | None
    document_kind: str | None  # 'final_account' (决算) | 'budget' (预算)
    disclosure_scope: str | None  # 'department' (部门, consolidated) | 'unit' (单位/本级)
    source_unit: str | None  # unit of most tables: '万元' | '元'
    department_code: str | None = None  # e.g. '019001' where printed
    region_name: str | None = None  # 汾阳市, 荆门市 … (prefix of the department name)
    province: str | None = None
    admin_level: str | None = None  # 'central' | 'province' | 'city' | 'county'
    prefecture: str | None = None  # 地级: 湖州市 (None for a provincial department)
    county: str | None = None  # 县级: 普陀区, 汾阳市
    adcode: str | None = None  # 行政区划代码 of the region, six digits (330500); 100000 for 中央
    # the department's name under NFKC: one key for one department whatever the bracket width
    department_key: str | None = None
    printed_scope: str | None = None  # the scope word(s) as printed: 部门, 单位, 本级, 汇总, 部门(本级)
    document_part: str = "complete"  # 'complete' | 'text' (说明 only) | 'tables' (公开表 only)
    is_correction: bool = False  # marked 更正 / 更正版 / 更正说明
    correction_note: str | None = None  # the 更正说明 text where printed
    published_on: date | None = None  # the date on the cover (落款): orders republications


@dataclass(frozen=True)
class TableRef:
    """A recognised table: registry kind, its printed title/number, unit, location."""

    kind: str  # registry key, e.g. 'expenditure', 'three_public'
    title: str
    number_label: str | None  # as printed: '公开07表', '预算公开表5', '公开表01'
    unit: str  # '万元' | '元'
    is_empty: bool  # recognised but prints no data (本表无数据)
    row_count: int
    page: int | None
    lineno: int
    # shown by `govfin parse --format json`, not staged (loaders.load.TABLE_REF_SKIP):
    # each column's header path, top to bottom (决算数 › 公务用车购置及运行维护费 › 公务用车购置费)
    header_paths: tuple[tuple[str, ...], ...] = ()
    unit_factor: Decimal = Decimal(1)  # yuan per printed unit: the factor the table's amounts were converted by


@dataclass(frozen=True)
class FunctionalAmount:
    """One cell of a table keyed by 功能分类 code (支出决算表, 收入决算表, 05, 07, 08 …).

    ``functional_code`` is None on the 合计 row (``is_total``). ``measure`` names
    the column: total, basic, project, fiscal_appropriation, general_public_budget,
    government_fund, state_capital, superior_subsidy, business, operating,
    affiliated, other, carryover_begin, carryover_end, current_year_income …
    """

    table_kind: str
    functional_code: str | None
    functional_name: str
    measure: str
    amount_yuan: Decimal
    is_total: bool
    page: int | None
    lineno: int


@dataclass(frozen=True)
class SummaryAmount:
    """One cell of a 收支总表 (income/expenditure summary, 01 and 04 and budget 1/4).

    ``side`` is 'income' or 'expenditure'; ``item`` the printed row label
    (一、一般公共预算财政拨款收入, 本年收入合计, 总计 …) normalised of spaces;
    ``item_key`` a stable English key where the label is a known one
    (general_public_budget, income_total, grand_total …), else None.
    """

    table_kind: str
    side: str
    item: str
    item_key: str | None
    row_number: int | None  # 行次 where printed
    measure: str  # 'amount' or the column: total, general_public_budget, government_fund …
    amount_yuan: Decimal
    page: int | None
    lineno: int


@dataclass(frozen=True)
class EconomicAmount:
    """One cell of a table keyed by 经济分类 code (基本支出明细表, 06).

    ``economic_code`` is None where the table prints names only (some budgets).
    ``expense_category``: personnel (人员经费) | public (公用经费) | capital | other.
    ``measure``: amount (决算数), basic (其中：基本支出), total/personnel/public (budget columns).
    """

    table_kind: str
    economic_code: str | None
    economic_name: str
    expense_category: str | None
    measure: str
    amount_yuan: Decimal
    is_subtotal: bool  # a 类 row (301, 302 …) or a 合计 row
    page: int | None
    lineno: int
    government_economic_name: str | None = None  # 政府预算支出经济科目 beside the 部门 one (budgets)


@dataclass(frozen=True)
class ThreePublicAmount:
    """One 三公经费 cell: phase budget (预算数) or actual (决算数) of one item.

    item: overseas_travel, vehicle_purchase, vehicle_operation, vehicles_total,
    official_reception, total.
    """

    table_kind: str
    phase: str  # 'budget' | 'actual'
    item: str
    amount_yuan: Decimal
    page: int | None
    lineno: int


@dataclass(frozen=True)
class StatisticItem:
    """A figure of 部门决算公开相关信息统计表 or the narrative that no other table holds.

    section: procurement | operating_cost | assets | three_public_counts | budget …
    item: e.g. total, goods, works, services, sme_contract, small_micro_contract,
    administrative, civil_servant_managed, vehicles_total, vehicles:机要通信用车 …
    Exactly one of amount_yuan / count_value is set.
    """

    source: str  # 'table' | 'narrative'
    section: str
    item: str
    amount_yuan: Decimal | None
    count_value: Decimal | None
    page: int | None
    lineno: int


@dataclass(frozen=True)
class NarrativeFact:
    """A number stated in the prose (情况说明) with the sentence it came from.

    kind: amount (value in yuan) | percent (value as printed, e.g. 84.71) | count.
    """

    label: str
    kind: str
    value: Decimal
    printed: str
    printed_unit: str | None
    quote: str
    page: int | None
    lineno: int


@dataclass(frozen=True)
class Indicator:
    """One performance indicator row (绩效指标) of a project sheet."""

    level1: str | None  # 一级指标: 产出指标, 效益指标, 满意度指标 …
    level2: str | None  # 二级指标: 数量指标, 质量指标 …
    indicator: str  # 三级指标
    target_value: str | None  # 年初指标值 / 指标值
    adjusted_target_value: str | None  # 调整后指标值
    actual_value: str | None  # 实际完成值
    weight: Decimal | None  # 分值
    score: Decimal | None  # 得分
    deviation_reason: str | None
    page: int | None
    lineno: int
    long_term_target_value: str | None = None  # 实施期 / 长期 指标值 (target sheets, Hubei reports)


@dataclass(frozen=True, kw_only=True)
class Project:
    """A project performance sheet: target (绩效目标申报表) or self-evaluation (自评表).

    Personal data (经办人, 联系电话, 负责人) is never put here.
    ``execution_rate`` is a fraction (0.8471); ``execution_rate_printed`` as printed.
    """

    seq: int  # order in the document, 1-based
    name: str
    phase: str  # 'target' | 'self_evaluation' | 'budget_list'
    sheet_layout: str  # which layout it was read from
    department_code: str | None = None
    budget_unit: str | None = None
    implementing_unit: str | None = None
    initial_budget_declared_yuan: Decimal | None = None  # 年初预算数 目标申报数
    initial_budget_compiled_yuan: Decimal | None = None  # 年初预算数 预算编制数
    budget_full_year_yuan: Decimal | None = None  # 全年预算数 / 年度资金总额
    executed_yuan: Decimal | None = None  # 全年执行数
    balance_yuan: Decimal | None = None  # 资金结（转）余
    execution_rate: Decimal | None = None
    execution_rate_printed: str | None = None
    budget_execution_score: Decimal | None = None
    score: Decimal | None = None  # 总分
    grade: str | None = None  # 优/良/中/差
    annual_goal: str | None = None
    actual_result: str | None = None
    page: int | None = None
    lineno: int
    indicators: tuple[Indicator, ...] = ()
    implementation_period_total_yuan: Decimal | None = None  # 实施期资金总额 (target sheets)


@dataclass(frozen=True)
class ParseIssue:
    """A warning found while parsing: the document still loads."""

    severity: str  # 'warning' | 'info'
    table: str | None
    lineno: int | None
    message: str


@dataclass(frozen=True)
class Document:
    """Everything the loader needs from one source file."""

    source_path: str
    document_id: str  # sha256 of the file's bytes
    meta: DocumentMeta
    tables: tuple[TableRef, ...] = ()
    functional_amounts: tuple[FunctionalAmount, ...] = ()
    summary_amounts: tuple[SummaryAmount, ...] = ()
    economic_amounts: tuple[EconomicAmount, ...] = ()
    three_public_amounts: tuple[ThreePublicAmount, ...] = ()
    statistics: tuple[StatisticItem, ...] = ()
    narrative_facts: tuple[NarrativeFact, ...] = ()
    projects: tuple[Project, ...] = ()
    issues: tuple[ParseIssue, ...] = field(default=())


class ParseError(Exception):
    """A document cannot be loaded: names the file, table and line, and what was expected."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        table: str | None = None,
        lineno: int | None = None,
        expected: str | None = None,
    ):
        self.file, self.table, self.lineno, self.expected = file, table, lineno, expected
        self.reason = message
        where = ", ".join(
            p
            for p in (
                f"file {file}" if file else None,
                f"table {table}" if table else None,
                f"line {lineno}" if lineno is not None else None,
            )
            if p
        )
        text = f"{where}: {message}" if where else message
        if expected:
            text += f" (expected {expected})"
        super().__init__(text)
