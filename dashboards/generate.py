"""Write the six govfin dashboards in Superset's export format (看板即代码) under dashboards/export/.

The export files are what Superset imports and what a person exports back from the UI; this
spec is the short form they are written from, so a chart is one line here rather than a page
of YAML. Run ``python dashboards/generate.py`` after changing it and commit both. UUIDs are
derived from names, so regenerating changes nothing that did not change.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
EXPORT = HERE / "export"
EXPOSURES = HERE.parent / "dbt_project" / "models" / "exposures.yml"
NAMESPACE = uuid.UUID("6f1c1c8e-4c55-4f7c-9a43-0d1f8e2b7a10")
DATABASE_NAME = "govfin 财政数据仓库"
# The URI is a placeholder: `make dashboard` writes the analyst login's URI into the copy it imports.
DATABASE_URI_PLACEHOLDER = "postgresql+psycopg2://govfin_analyst:XXXXXXXXXX@127.0.0.1:5432/govfin"

YUAN = ",.2f"  # d3 format: 1,234,567.89, shown with the ¥ of CURRENCY
CURRENCY = {"symbol": "CNY", "symbolPosition": "prefix"}
RATE = ".2%"


def uid(*names: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(names)))


@dataclass(frozen=True)
class Metric:
    name: str
    label: str  # 中文 label shown on charts
    expression: str
    fmt: str = YUAN

    @property
    def is_yuan(self) -> bool:
        return self.fmt == YUAN


@dataclass(frozen=True)
class Dataset:
    """A physical mart table, or a virtual one (``sql``) where a chart needs a join."""

    name: str
    columns: dict[str, str]  # column → 中文 label
    metrics: tuple[Metric, ...] = ()
    sql: str | None = None
    schema: str = "marts"
    description: str = ""


@dataclass(frozen=True)
class Chart:
    title: str
    viz: str
    dataset: Dataset
    params: dict
    width: int = 6
    height: int = 50


@dataclass(frozen=True)
class Dashboard:
    slug: str
    title: str
    description: str
    rows: tuple[tuple[Chart, ...], ...]
    marts: tuple[str, ...] = field(default=())  # what the dbt exposure depends on


def _sum(column: str, label: str, fmt: str = YUAN) -> Metric:
    return Metric(f"sum_{column}", label, f"SUM({column})", fmt)


def _ratio(name: str, label: str, numerator: str, denominator: str) -> Metric:
    return Metric(name, label, f"SUM({numerator}) / NULLIF(SUM({denominator}), 0)", RATE)


# -- datasets -------------------------------------------------------------------------------
DEPARTMENT_YEAR = Dataset(
    "mart_department_year",
    {
        "department_name": "部门",
        "fiscal_year": "年度",
        "total_income_yuan": "本年收入合计（元）",
        "total_expenditure_yuan": "本年支出合计（元）",
        "budget_total_yuan": "预算收入总计（元）",
        "budget_execution_rate": "预算执行率",
        "basic_yuan": "基本支出（元）",
        "project_yuan": "项目支出（元）",
        "three_public_actual_yuan": "三公经费决算数（元）",
        "total_expenditure_yoy_change_yuan": "支出同比增减（元）",
        "total_expenditure_yoy_rate": "支出同比增长率",
        "project_count": "绩效自评项目数",
    },
    (
        _sum("total_expenditure_yuan", "本年支出合计（元）"),
        _sum("total_income_yuan", "本年收入合计（元）"),
        _sum("budget_total_yuan", "预算收入总计（元）"),
        Metric(
            "budget_execution_rate",
            "预算执行率",
            "SUM(CASE WHEN budget_total_yuan IS NOT NULL THEN total_expenditure_yuan END)"
            " / NULLIF(SUM(budget_total_yuan), 0)",
            RATE,
        ),
        Metric("department_years", "部门年度数", "COUNT(*)", ",d"),
    ),
    description="部门年度概览: one row per department and fiscal year.",
)

FUNCTIONAL = Dataset(
    "functional_spending",
    {
        "department_name": "部门",
        "fiscal_year": "年度",
        "phase": "阶段",
        "funding_scope": "资金范围",
        "class_name": "类",
        "section_name": "款",
        "item_name": "项",
        "functional_code": "功能分类科目编码",
    },
    (
        _sum("total_yuan", "支出合计（元）"),
        _sum("basic_yuan", "基本支出（元）"),
        _sum("project_yuan", "项目支出（元）"),
    ),
    sql="""\
-- The finest printed rows of 支出表 (a row with no printed child), so 类 → 款 → 项 sums once.
select d.department_name, e.fiscal_year,
       case e.phase when 'final' then '决算' else '预算' end as phase,
       e.funding_scope, e.functional_code,
       coalesce(c.functional_name, left(e.functional_code, 3)) as class_name,
       coalesce(s.functional_name, c.functional_name, e.functional_code) as section_name,
       coalesce(f.functional_name, e.functional_code) as item_name,
       e.total_yuan, e.basic_yuan, e.project_yuan
from marts.fct_expenditure e
join marts.dim_department d using (department_id)
-- names as the year's classification (功能分类科目) prints them
left join marts.dim_functional_classification f
       on f.fiscal_year = e.fiscal_year and f.functional_code = e.functional_code
left join marts.dim_functional_classification c
       on c.fiscal_year = e.fiscal_year and c.functional_code = left(e.functional_code, 3)
left join marts.dim_functional_classification s
       on s.fiscal_year = e.fiscal_year and s.functional_code = left(e.functional_code, 5)
      and length(e.functional_code) >= 5
where e.functional_code is not null
  and not exists (
      select 1 from marts.fct_expenditure child
      where child.document_id = e.document_id and child.phase = e.phase
        and child.funding_scope = e.funding_scope
        and length(child.functional_code) > length(e.functional_code)
        and left(child.functional_code, length(e.functional_code)) = e.functional_code)""",
    description="按功能分类: the finest printed 支出 rows with their 类, 款 and 项 names.",
)

THREE_PUBLIC = Dataset(
    "three_public",
    {"department_name": "部门", "fiscal_year": "年度", "item_label": "三公经费项目", "item": "项目代码"},
    (
        _sum("budget_yuan", "预算数（元）"),
        _sum("actual_yuan", "决算数（元）"),
        _ratio("execution_rate", "执行率", "actual_yuan", "budget_yuan"),
    ),
    sql="""\
select d.department_name, t.fiscal_year, t.item,
       case t.item when 'overseas_travel' then '因公出国（境）费'
                   when 'vehicle_purchase' then '公务用车购置费'
                   when 'vehicle_operation' then '公务用车运行维护费'
                   when 'vehicles_total' then '公务用车购置及运行维护费'
                   when 'official_reception' then '公务接待费'
                   when 'total' then '合计' else t.item end as item_label,
       t.budget_yuan, t.actual_yuan
from marts.fct_three_public_expenses t
join marts.dim_department d using (department_id)""",
    description="三公经费: budget and actual by department, year and item.",
)

PROCUREMENT = Dataset(
    "procurement",
    {"department_name": "部门", "fiscal_year": "年度", "phase": "阶段"},
    (
        _sum("total_yuan", "政府采购总额（元）"),
        _sum("goods_yuan", "货物（元）"),
        _sum("works_yuan", "工程（元）"),
        _sum("services_yuan", "服务（元）"),
        _sum("sme_contract_yuan", "授予中小企业合同金额（元）"),
        _ratio("sme_share", "中小企业份额", "sme_contract_yuan", "total_yuan"),
    ),
    sql="""\
select d.department_name, p.fiscal_year,
       case p.phase when 'final' then '决算' else '预算' end as phase,
       p.total_yuan, p.goods_yuan, p.works_yuan, p.services_yuan, p.sme_contract_yuan
from marts.fct_procurement p
join marts.dim_department d using (department_id)""",
    description="政府采购: by goods, works and services, and the share awarded to SMEs.",
)

PROJECTS = Dataset(
    "project_performance",
    {
        "department_name": "部门",
        "fiscal_year": "年度",
        "project_name": "项目名称",
        "grade": "评价等级",
        "score": "自评得分",
        "budget_yuan": "全年预算数（元）",
        "executed_yuan": "全年执行数（元）",
        "execution_rate": "执行率",
    },
    (
        Metric("projects", "项目数", "COUNT(*)", ",d"),
        Metric("avg_score", "平均得分", "AVG(score)", ".2f"),
        _sum("executed_yuan", "全年执行数（元）"),
    ),
    sql="""\
select d.department_name, p.fiscal_year, p.project_name, coalesce(p.grade, '未评级') as grade, p.score,
       p.budget_yuan, p.executed_yuan, p.execution_rate
from marts.fct_project_performance p
join marts.dim_department d using (department_id)
where p.phase = 'self_evaluation'""",
    description="项目支出绩效自评: scores and grades per project.",
)

MISSED_INDICATORS = Dataset(
    "missed_indicators",
    {
        "department_name": "部门",
        "fiscal_year": "年度",
        "project_name": "项目名称",
        "level1": "一级指标",
        "level2": "二级指标",
        "indicator": "三级指标",
        "target_value": "年度指标值",
        "actual_value": "实际完成值",
        "weight": "分值",
        "score": "得分",
    },
    (Metric("indicators", "指标数", "COUNT(*)", ",d"),),
    sql="""\
-- An indicator missed its target where it scored below its weight (扣分).
select d.department_name, i.fiscal_year, i.project_name, i.level1, i.level2, i.indicator,
       i.target_value, i.actual_value, i.weight, i.score
from marts.fct_performance_indicator i
join marts.dim_department d using (department_id)
where i.score < i.weight""",
    description="绩效指标未达标: indicators that scored below their weight.",
)

DOCUMENTS = Dataset(
    "document_load",
    {
        "source_path": "源文件",
        "status": "状态",
        "error": "错误",
        "department": "部门",
        "fiscal_year": "年度",
        "document_kind": "文件类型",
    },
    (
        Metric("documents", "文件数", "COUNT(*)", ",d"),
        Metric("loaded", "已加载", "COUNT(*) FILTER (WHERE status = 'loaded')", ",d"),
        # the ledger stores a refusal (not a disclosure) and a failure alike as 'failed', the reason tells them
        # apart (loaders/outcomes.py): the charts say "not loaded" and show the reason
        Metric("failed", "未加载（拒收或失败）", "COUNT(*) FILTER (WHERE status = 'failed')", ",d"),
    ),
    schema="quality",
    description="加载台账: every source file and whether it loaded.",
)

RECONCILIATION = Dataset(
    "reconciliation_failures",
    {
        "source_file": "源文件",
        "rule_id": "规则",
        "description": "说明",
        "expected_yuan": "应为（元）",
        "actual_yuan": "实际（元）",
        "difference_yuan": "差额（元）",
        "measured_in": "单位",
        "status": "结果",
        "rule_family": "规则类别",
    },
    (
        Metric("checks", "校验数", "COUNT(*)", ",d"),
        Metric("failures", "未通过", "COUNT(*) FILTER (WHERE status = 'fail')", ",d"),
    ),
    sql="""\
select coalesce(l.source_path, r.document_id) as source_file, r.rule_id,
       split_part(r.rule_id, '.', 1) as rule_family, r.description, r.expected_yuan,
       r.actual_yuan, r.difference_yuan, r.measured_in, r.status
from quality.reconciliation r
left join quality.document_load l using (document_id)""",
    schema="quality",
    description="勾稽校验: every rule per document, with the source file.",
)

DOCUMENT_HEALTH = Dataset(
    "document_health",
    {
        "source_file": "源文件",
        "department_name": "部门",
        "fiscal_year": "年度",
        "document_kind": "文件类型",
        "status": "状态",
        "tables_found": "识别表数",
        "tables_listed": "目录表数",
        "core_tables_found": "标准表数",
        "identities_checked": "校验恒等式",
        "identities_holding": "成立",
        "warnings": "警告",
        "unreadable_cells": "无法读取的单元格",
    },
    (
        Metric("disclosures", "公开文件（≥4张标准表）", "COUNT(*) FILTER (WHERE core_tables_found >= 4)", ",d"),
        Metric(
            "consistent",
            "恒等式全部成立",
            "COUNT(*) FILTER (WHERE core_tables_found >= 4 AND all_identities_hold)",
            ",d",
        ),
        Metric(
            "consistent_share",
            "恒等式全部成立的比例",
            "COUNT(*) FILTER (WHERE core_tables_found >= 4 AND all_identities_hold)::numeric"
            " / NULLIF(COUNT(*) FILTER (WHERE core_tables_found >= 4), 0)",
            RATE,
        ),
        Metric("sum_warnings", "警告", "SUM(warnings)", ",d"),
        Metric("sum_unreadable_cells", "无法读取的单元格", "SUM(unreadable_cells)", ",d"),
    ),
    description="文件健康: per loaded document, tables found and listed, identities checked and holding.",
)

IDENTITIES = Dataset(
    "identity_failures",
    {
        "source_file": "源文件",
        "rule_id": "恒等式",
        "table_kind": "表",
        "measure": "栏目",
        "expected_yuan": "表中所列（元）",
        "actual_yuan": "合计应为（元）",
        "difference_yuan": "差额（元）",
        "page": "页码",
        "status": "结果",
    },
    (
        Metric("identities", "恒等式", "COUNT(*)", ",d"),
        Metric("identity_failures", "不成立", "COUNT(*) FILTER (WHERE status = 'fail')", ",d"),
    ),
    sql="""\
select h.source_file, i.rule_id, i.table_kind, i.measure, i.expected_yuan, i.actual_yuan,
       i.difference_yuan, i.page, i.status
from quality.document_identities i
inner join marts.document_health h using (document_id)""",
    schema="quality",
    description="表内恒等式: each identity a document's own tables print, with the source file and page.",
)

COVERAGE = Dataset(
    "document_coverage",
    {
        "department_name": "部门",
        "fiscal_year": "年度",
        "document_kind": "文件类型",
        "coverage": "覆盖",
        "documents_loaded": "已加载文件",
        "files_refused": "被拒文件",
    },
    (Metric("cells", "部门×年度×类型", "COUNT(*)", ",d"),),
    schema="quality",
    description="覆盖: department × year × kind, present, refused or missing.",
)


# -- charts ----------------------------------------------------------------------------------
def big_number(title: str, dataset: Dataset, metric: str, width: int = 3, filters: list[dict] | None = None) -> Chart:
    fmt = _metric(dataset, metric).fmt
    params = {
        "metric": metric,
        "header_font_size": 0.4,
        "subheader_font_size": 0.15,
        "y_axis_format": fmt,
        "adhoc_filters": filters or [],
    }
    if fmt == YUAN:
        params["currency_format"] = CURRENCY
    return Chart(title, "big_number_total", dataset, params, width=width, height=30)


def bars(
    title: str,
    dataset: Dataset,
    x: str,
    metrics: list[str],
    groupby: list[str] | None = None,
    stack: bool = False,
    width: int = 6,
    filters: list[dict] | None = None,
) -> Chart:
    fmt = _metric(dataset, metrics[0]).fmt
    params = {
        "x_axis": x,
        "xAxisForceCategorical": True,
        "metrics": metrics,
        "groupby": groupby or [],
        "adhoc_filters": filters or [],
        "row_limit": 10000,
        "order_desc": True,
        "show_legend": True,
        "legendOrientation": "top",
        "y_axis_format": fmt,
        "rich_tooltip": True,
        "stack": "Stack" if stack else None,
        "x_axis_sort_asc": True,
        "truncate_metric": True,
        "orientation": "vertical",
        "color_scheme": "supersetColors",
        "xAxisLabelRotation": 30,
    }
    if fmt == YUAN:
        params["currency_format"] = CURRENCY
    return Chart(title, "echarts_timeseries_bar", dataset, params, width=width)


def table(
    title: str,
    dataset: Dataset,
    columns: list[str] | None = None,
    groupby: list[str] | None = None,
    metrics: list[str] | None = None,
    filters: list[dict] | None = None,
    order_by: list | None = None,
    width: int = 12,
    currency: bool = True,
) -> Chart:
    """A raw table (``columns``) or an aggregated one (``groupby`` × ``metrics``)."""
    shown = columns or groupby or []
    config = {c: _column_format(c, currency) for c in shown if _column_format(c, currency)}
    params = {
        "adhoc_filters": filters or [],
        "row_limit": 10000,
        "table_timestamp_format": "smart_date",
        "include_search": True,
        "show_cell_bars": False,
        "color_pn": False,
        "column_config": config,
    }
    if columns:
        params.update(
            query_mode="raw",
            all_columns=columns,
            order_by_cols=[f'["{c}", {"true" if asc else "false"}]' for c, asc in (order_by or [])],
        )
    else:
        params.update(query_mode="aggregate", groupby=groupby, metrics=metrics, order_desc=True, percent_metrics=[])
    return Chart(title, "table", dataset, params, width=width, height=60)


def sunburst(
    title: str, dataset: Dataset, columns: list[str], metric: str, filters: list[dict], width: int = 6
) -> Chart:
    params = {
        "columns": columns,
        "metric": metric,
        "adhoc_filters": filters,
        "row_limit": 10000,
        "color_scheme": "supersetColors",
        "show_labels": True,
        "show_labels_threshold": 5,
        "label_type": "key",
        "number_format": YUAN,
        "currency_format": CURRENCY,
    }
    return Chart(title, "sunburst_v2", dataset, params, width=width, height=70)


def pie(title: str, dataset: Dataset, groupby: list[str], metric: str, width: int = 6) -> Chart:
    params = {
        "groupby": groupby,
        "metric": metric,
        "adhoc_filters": [],
        "row_limit": 100,
        "color_scheme": "supersetColors",
        "show_labels": True,
        "label_type": "key_value",
        "number_format": _metric(dataset, metric).fmt,
        "show_legend": True,
        "donut": True,
    }
    return Chart(title, "pie", dataset, params, width=width)


def equals(column: str, value: str) -> dict:
    return {"clause": "WHERE", "expressionType": "SIMPLE", "subject": column, "operator": "==", "comparator": value}


def not_in(column: str, values: list[str]) -> dict:
    return {
        "clause": "WHERE",
        "expressionType": "SIMPLE",
        "subject": column,
        "operator": "NOT IN",
        "comparator": values,
    }


def _metric(dataset: Dataset, name: str) -> Metric:
    return next(m for m in dataset.metrics if m.name == name)


def _column_format(column: str, currency: bool = True) -> dict:
    if column.endswith("_yuan"):
        return {"d3NumberFormat": YUAN, **({"currencyFormat": CURRENCY} if currency else {})}
    if column.endswith("_rate") or column.endswith("_share"):
        return {"d3NumberFormat": RATE}
    return {}


FINAL = [equals("phase", "决算")]
FINAL_ALL_FUNDS = [*FINAL, equals("funding_scope", "all_funds")]

DASHBOARDS = (
    Dashboard(
        "govfin-overview",
        "部门年度概览",
        "Budget vs final spending, execution rate and year over year, per department and year.",
        (
            (
                big_number("本年支出合计", DEPARTMENT_YEAR, "sum_total_expenditure_yuan", 4),
                big_number("预算收入总计", DEPARTMENT_YEAR, "sum_budget_total_yuan", 4),
                big_number("预算执行率", DEPARTMENT_YEAR, "budget_execution_rate", 4),
            ),
            (
                bars(
                    "预算与决算支出",
                    DEPARTMENT_YEAR,
                    "department_name",
                    ["sum_budget_total_yuan", "sum_total_expenditure_yuan"],
                    width=12,
                ),
            ),
            (
                table(
                    "部门年度明细",
                    DEPARTMENT_YEAR,
                    columns=[
                        "department_name",
                        "fiscal_year",
                        "total_income_yuan",
                        "total_expenditure_yuan",
                        "budget_total_yuan",
                        "budget_execution_rate",
                        "total_expenditure_yoy_change_yuan",
                        "total_expenditure_yoy_rate",
                        "three_public_actual_yuan",
                    ],
                    order_by=[("department_name", True), ("fiscal_year", True)],
                ),
            ),
        ),
        ("mart_department_year",),
    ),
    Dashboard(
        "govfin-functional",
        "按功能分类支出",
        "Spending by functional class with drill-down 类 → 款 → 项, basic vs project.",
        (
            (
                sunburst(
                    "功能分类 类 → 款 → 项（决算）",
                    FUNCTIONAL,
                    ["class_name", "section_name", "item_name"],
                    "sum_total_yuan",
                    FINAL_ALL_FUNDS,
                ),
                bars(
                    "基本支出与项目支出（按类，决算）",
                    FUNCTIONAL,
                    "class_name",
                    ["sum_basic_yuan", "sum_project_yuan"],
                    stack=True,
                    filters=FINAL_ALL_FUNDS,
                ),
            ),
            (
                table(
                    "功能分类明细",
                    FUNCTIONAL,
                    groupby=["department_name", "fiscal_year", "phase", "class_name", "section_name", "item_name"],
                    metrics=["sum_total_yuan", "sum_basic_yuan", "sum_project_yuan"],
                    filters=[equals("funding_scope", "all_funds")],
                ),
            ),
        ),
        ("fct_expenditure", "dim_functional_classification", "dim_department"),
    ),
    Dashboard(
        "govfin-three-public",
        "三公经费预算与决算",
        "三公 budget vs actual by item and year.",
        (
            (
                bars(
                    "三公经费（按项目）",
                    THREE_PUBLIC,
                    "item_label",
                    ["sum_budget_yuan", "sum_actual_yuan"],
                    filters=[not_in("item", ["total", "vehicles_total"])],
                ),  # parts, not their sums
                bars(
                    "三公经费合计（按年度）",
                    THREE_PUBLIC,
                    "fiscal_year",
                    ["sum_budget_yuan", "sum_actual_yuan"],
                    filters=[equals("item", "total")],
                ),
            ),
            (
                table(
                    "三公经费明细",
                    THREE_PUBLIC,
                    groupby=["department_name", "fiscal_year", "item_label"],
                    metrics=["sum_budget_yuan", "sum_actual_yuan", "execution_rate"],
                ),
            ),
        ),
        ("fct_three_public_expenses", "dim_department"),
    ),
    Dashboard(
        "govfin-procurement",
        "政府采购",
        "Procurement by goods, works and services, and the SME share.",
        (
            (
                big_number("政府采购总额（决算）", PROCUREMENT, "sum_total_yuan", 6, FINAL),
                big_number("中小企业份额（决算）", PROCUREMENT, "sme_share", 6, FINAL),
            ),
            (
                bars(
                    "货物、工程、服务（决算）",
                    PROCUREMENT,
                    "department_name",
                    ["sum_goods_yuan", "sum_works_yuan", "sum_services_yuan"],
                    stack=True,
                    width=12,
                    filters=FINAL,
                ),
            ),
            (
                table(
                    "政府采购明细",
                    PROCUREMENT,
                    groupby=["department_name", "fiscal_year", "phase"],
                    metrics=[
                        "sum_total_yuan",
                        "sum_goods_yuan",
                        "sum_works_yuan",
                        "sum_services_yuan",
                        "sum_sme_contract_yuan",
                        "sme_share",
                    ],
                ),
            ),
        ),
        ("fct_procurement", "dim_department"),
    ),
    Dashboard(
        "govfin-projects",
        "项目绩效",
        "Project performance: scores, grades, indicators that missed their targets.",
        (
            (
                pie("评价等级分布", PROJECTS, ["grade"], "projects"),
                bars("平均自评得分（按部门）", PROJECTS, "department_name", ["avg_score"]),
            ),
            (
                table(
                    "项目自评得分",
                    PROJECTS,
                    columns=[
                        "department_name",
                        "fiscal_year",
                        "project_name",
                        "grade",
                        "score",
                        "budget_yuan",
                        "executed_yuan",
                        "execution_rate",
                    ],
                    order_by=[("score", True)],
                ),
            ),
            (
                table(
                    "未达标的绩效指标",
                    MISSED_INDICATORS,
                    columns=[
                        "department_name",
                        "fiscal_year",
                        "project_name",
                        "level1",
                        "level2",
                        "indicator",
                        "target_value",
                        "actual_value",
                        "weight",
                        "score",
                    ],
                ),
            ),
        ),
        ("fct_project_performance", "fct_performance_indicator", "dim_department"),
    ),
    Dashboard(
        "govfin-data-quality",
        "数据质量",
        "Documents loaded/failed, reconciliation failures by rule and document, with the source file.",
        (
            (
                big_number("已加载文件", DOCUMENTS, "loaded", 4),
                big_number("未加载文件（拒收或失败）", DOCUMENTS, "failed", 4),
                big_number("未通过的勾稽校验", RECONCILIATION, "failures", 4),
            ),
            (
                table(
                    "未加载的文件（拒收或失败）及原因",
                    DOCUMENTS,
                    columns=["source_path", "status", "error"],
                    filters=[equals("status", "failed")],
                    width=12,
                ),
            ),
            (
                table(
                    "未通过的校验（按规则类别）", RECONCILIATION, groupby=["rule_family"], metrics=["failures"], width=4
                ),
                table(
                    "未通过的校验（按文件与规则）",
                    RECONCILIATION,
                    columns=[
                        "source_file",
                        "rule_id",
                        "description",
                        "expected_yuan",
                        "actual_yuan",
                        "difference_yuan",
                        "measured_in",
                    ],
                    filters=[equals("status", "fail")],
                    width=8,
                    currency=False,
                ),
            ),
            (
                big_number("公开文件（≥4张标准表）", DOCUMENT_HEALTH, "disclosures", 3),
                big_number("恒等式全部成立", DOCUMENT_HEALTH, "consistent", 3),
                big_number("恒等式全部成立的比例", DOCUMENT_HEALTH, "consistent_share", 3),
                big_number("解析警告", DOCUMENT_HEALTH, "sum_warnings", 3),
            ),
            (
                table(
                    "不成立的表内恒等式",
                    IDENTITIES,
                    columns=[
                        "source_file",
                        "rule_id",
                        "table_kind",
                        "measure",
                        "expected_yuan",
                        "actual_yuan",
                        "difference_yuan",
                        "page",
                    ],
                    filters=[equals("status", "fail")],
                    width=12,
                ),
            ),
            (
                bars("覆盖：部门×年度×类型", COVERAGE, "fiscal_year", ["cells"], groupby=["coverage"], stack=True),
                table(
                    "文件健康",
                    DOCUMENT_HEALTH,
                    columns=[
                        "source_file",
                        "status",
                        "tables_found",
                        "tables_listed",
                        "identities_checked",
                        "identities_holding",
                        "warnings",
                        "unreadable_cells",
                    ],
                    width=6,
                    currency=False,
                ),
            ),
        ),  # a rule may compare percentages (measured_in)
        ("reconciliation", "document_load", "document_health", "document_identities", "document_coverage"),
    ),
)


# -- export files -----------------------------------------------------------------------------
def database_yaml() -> dict:
    return {
        "database_name": DATABASE_NAME,
        "sqlalchemy_uri": DATABASE_URI_PLACEHOLDER,
        "cache_timeout": None,
        "expose_in_sqllab": True,
        "allow_run_async": False,
        "allow_ctas": False,
        "allow_cvas": False,
        "allow_dml": False,
        "allow_file_upload": False,
        "extra": {"allows_virtual_table_explore": True},
        "uuid": uid("database"),
        "version": "1.0.0",
    }


def dataset_yaml(dataset: Dataset) -> dict:
    return {
        "table_name": dataset.name,
        "main_dttm_col": None,
        "description": dataset.description,
        "default_endpoint": None,
        "offset": 0,
        "cache_timeout": None,
        "schema": dataset.schema,
        "sql": dataset.sql,
        "params": None,
        "template_params": None,
        "filter_select_enabled": True,
        "fetch_values_predicate": None,
        "extra": None,
        "normalize_columns": False,
        "always_filter_main_dttm": False,
        "uuid": uid("dataset", dataset.name),
        "metrics": [
            {
                "metric_name": m.name,
                "verbose_name": m.label,
                "metric_type": None,
                "expression": m.expression,
                "description": None,
                "d3format": m.fmt,
                "currency": CURRENCY if m.is_yuan else None,
                "extra": None,
                "warning_text": None,
            }
            for m in dataset.metrics
        ],
        "columns": [
            {
                "column_name": c,
                "verbose_name": label,
                "is_dttm": False,
                "is_active": True,
                "type": None,
                "advanced_data_type": None,
                "groupby": True,
                "filterable": True,
                "expression": None,
                "description": None,
                "python_date_format": None,
                "extra": None,
            }
            for c, label in dataset.columns.items()
        ],
        "version": "1.0.0",
        "database_uuid": uid("database"),
    }


def chart_yaml(chart: Chart) -> dict:
    params = {"viz_type": chart.viz, **chart.params, "extra_form_data": {}, "dashboards": []}
    return {
        "slice_name": chart.title,
        "description": None,
        "certified_by": None,
        "certification_details": None,
        "viz_type": chart.viz,
        "params": params,
        "query_context": None,
        "cache_timeout": None,
        "uuid": uid("chart", chart.title),
        "version": "1.0.0",
        "dataset_uuid": uid("dataset", chart.dataset.name),
    }


def dashboard_yaml(dashboard: Dashboard) -> dict:
    position = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "HEADER_ID": {"type": "HEADER", "id": "HEADER_ID", "meta": {"text": dashboard.title}},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "parents": ["ROOT_ID"], "children": []},
    }
    for r, row in enumerate(dashboard.rows):
        row_id = f"ROW-{r}"
        position["GRID_ID"]["children"].append(row_id)
        position[row_id] = {
            "type": "ROW",
            "id": row_id,
            "parents": ["ROOT_ID", "GRID_ID"],
            "meta": {"background": "BACKGROUND_TRANSPARENT"},
            "children": [],
        }
        for c, chart in enumerate(row):
            chart_id = f"CHART-{r}-{c}"
            position[row_id]["children"].append(chart_id)
            position[chart_id] = {
                "type": "CHART",
                "id": chart_id,
                "children": [],
                "parents": ["ROOT_ID", "GRID_ID", row_id],
                # chartId is remapped by uuid on import; any number will do
                "meta": {
                    "chartId": 100 * r + c + 1,
                    "width": chart.width,
                    "height": chart.height,
                    "uuid": uid("chart", chart.title),
                    "sliceName": chart.title,
                },
            }
    return {
        "dashboard_title": dashboard.title,
        "description": dashboard.description,
        "css": "",
        "slug": dashboard.slug,
        "certified_by": None,
        "certification_details": None,
        "published": True,
        "uuid": uid("dashboard", dashboard.slug),
        "position": position,
        "metadata": {
            "color_scheme": "supersetColors",
            "refresh_frequency": 0,
            "expanded_slices": {},
            "label_colors": {},
            "timed_refresh_immune_slices": [],
            "cross_filters_enabled": True,
            "default_filters": "{}",
            "chart_configuration": {},
            "native_filter_configuration": [],
        },
        "version": "1.0.0",
    }


def export_files() -> dict[str, dict]:
    """Relative path → YAML document, for every file of the export."""
    files = {
        "metadata.yaml": {"version": "1.0.0", "type": "Dashboard", "timestamp": "2026-01-01T00:00:00+00:00"},
        "databases/govfin.yaml": database_yaml(),
    }
    for dashboard in DASHBOARDS:
        files[f"dashboards/{dashboard.slug}.yaml"] = dashboard_yaml(dashboard)
        for row in dashboard.rows:
            for chart in row:
                files[f"charts/{uid('chart', chart.title)[:8]}_{chart.viz}.yaml"] = chart_yaml(chart)
                files[f"datasets/govfin/{chart.dataset.name}.yaml"] = dataset_yaml(chart.dataset)
    return files


def exposures_yaml() -> dict:
    """One dbt exposure per dashboard, so dbt's lineage shows which marts each one reads."""
    return {
        "version": 2,
        "exposures": [
            {
                "name": dashboard.slug.replace("-", "_"),
                "label": dashboard.title,
                "type": "dashboard",
                "maturity": "medium",
                "url": f"http://127.0.0.1:8088/superset/dashboard/{dashboard.slug}/",
                "description": dashboard.description,
                "depends_on": [f"ref('{model}')" for model in dashboard.marts],
                "owner": {"name": "govfin (make dashboard)"},
            }
            for dashboard in DASHBOARDS
        ],
    }


def dump(document: dict) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def main() -> int:
    for relative, document in export_files().items():
        target = EXPORT / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(document), encoding="utf-8")
    EXPOSURES.write_text(
        "# Written by dashboards/generate.py: one exposure per Superset dashboard.\n" + dump(exposures_yaml()),
        encoding="utf-8",
    )
    print(f"wrote {len(export_files())} files under {EXPORT} and {EXPOSURES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
