"""Column labels → measures, and row labels → item keys, for the tables keyed by codes and the 收支总表.

Each vocabulary is a tuple of (needle, key) pairs, the more specific needles first (a needle
ending in ``$`` names a whole label):
a header path such as ``本年支出 › 基本支出`` or ``金额 › 其中：基本支出`` is matched
from its most specific (last) part.
"""

from __future__ import annotations

from collections.abc import Sequence

# 功能分类 tables (收入表, 支出表, 一般公共预算支出表, 政府性基金, 国有资本经营)
FUNCTIONAL_MEASURES = (
    ("本年收入合计", "total"),
    ("本年支出合计", "total"),
    ("收入合计", "total"),
    ("支出合计", "total"),
    ("财政拨款收入", "fiscal_appropriation"),
    ("一般公共预算", "general_public_budget"),
    ("上级补助收入", "superior_subsidy"),
    ("事业收入", "business"),
    ("经营收入", "operating"),
    ("对附属单位补助支出", "subsidy_affiliated"),
    ("对附属单", "subsidy_affiliated"),
    ("附属单位上缴收入", "affiliated"),
    ("附属单位", "affiliated"),
    ("其他收入", "other"),
    ("上缴上级支出", "remit_superior"),
    ("经营支出", "operating_expenditure"),
    ("人员支出", "personnel"),
    ("人员经费", "personnel"),
    ("日常公用支出", "public"),
    ("公用经费", "public"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("专项业务经费", "project"),  # Xi'an's name for 项目支出
    ("预留机动经费", "unit_reserve"),
    ("年初结转和结余", "carryover_begin"),
    ("年末结转和结余", "carryover_end"),
    ("本年收入", "current_year_income"),
    ("政府性基金", "government_fund"),
    ("国有资本经营", "state_capital"),
    ("财政专户", "special_account"),
    ("单位资金", "unit_funds"),
    ("上年结转", "carryover_begin"),
    ("上年结余", "carryover_begin"),  # 上年结余、结转: the balance named first
    ("财政拨款", "fiscal_appropriation"),  # 本级财政拨款: after the funds that name their own
    ("小计", "total"),
    ("合计", "total"),
    ("总计", "total"),
    ("金额", "total"),
)

# 基本支出 by 经济分类: budget columns, and the final accounts' 其中：基本支出 beside 金额
ECONOMIC_MEASURES = (
    ("人员经费", "personnel"),
    ("公用经费", "public"),
    ("人员支出", "personnel"),
    ("日常公用支出", "public"),
    ("公用支出", "public"),
    ("人员类", "personnel"),  # Hunan: 总计 | 人员类 | 公用经费
    ("公用类", "public"),
    ("基本支出", "basic"),
    # a table over all spending by 经济分类 (Xi'an 支出明细表): its 合计 includes the project column
    ("专项业务经费", "project"),
    ("项目支出", "project"),
    ("合计", "total"),
    ("总计", "total"),
    ("小计", "total"),
    ("金额", "amount"),
    ("决算数", "amount"),
    ("预算数", "total"),
    ("预算$", "total"),
)
# budgets' named rows, their columns read in printed order where positions are lost
ECONOMIC_BUDGET_COLUMNS = (
    ("合计", "total"),
    ("人员经费", "personnel"),
    ("人员支出", "personnel"),
    ("公用经费", "public"),
    ("公用支出", "public"),  # 日常公用支出 (Zhejiang)
    ("人员类", "personnel"),
    ("公用类", "public"),
    ("总计", "total"),
)
# columns that split a total by source of funds (资金来源), printed beside a 基本支出 table's 总计
FUNDING_SOURCES = (
    ("财政拨款", "fiscal_appropriation"),
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本经营", "state_capital"),
    ("财政专户", "special_account"),
    ("单位资金", "unit_funds"),
    ("事业收入", "business"),
    ("经营收入", "operating"),
    ("上级补助", "superior_subsidy"),
    ("附属单位", "affiliated"),
    ("其他收入", "other"),
    ("结转", "carryover_begin"),
    ("结余", "carryover_begin"),
)
# rows that total an economic table's blocks
ECONOMIC_TOTALS = {"人员经费合计": "personnel", "公用经费合计": "public"}
EXPENSE_CATEGORY_BY_CLASS = {
    "301": "personnel",
    "303": "personnel",
    "302": "public",
    "309": "capital",
    "310": "capital",
}

# 收支总表 rows: the printed label (numbering removed) → a stable key
SUMMARY_ITEM_KEYS = (
    ("收入总计", "grand_total"),
    ("支出总计", "grand_total"),
    ("本年收入合计", "income_total"),
    ("本年支出合计", "expenditure_total"),
    ("收入合计", "income_total"),
    ("支出合计", "expenditure_total"),
    ("总计", "grand_total"),
    ("年初结转和结余", "carryover_begin"),
    ("年初财政拨款结转和结余", "carryover_begin"),
    ("年末结转和结余", "carryover_end"),
    ("年末财政拨款结转和结余", "carryover_end"),
    ("使用非财政拨款结余", "non_fiscal_balance_used"),
    ("结余分配", "balance_distribution"),
    ("一般公共预算财政拨款", "general_public_budget"),
    ("一般公共预算", "general_public_budget"),
    ("政府性基金预算财政拨款", "government_fund"),
    ("政府性基金预算", "government_fund"),
    ("国有资本经营预算财政拨款", "state_capital"),
    ("国有资本经营预算", "state_capital"),
    ("上级补助收入", "superior_subsidy"),
    ("事业收入", "business"),
    ("经营收入", "operating"),
    ("附属单位上缴收入", "affiliated"),
    ("其他收入", "other"),
    # expenditure sides printed by purpose (budgets): 基本支出 / 项目支出, Xi'an's names for them
    ("基本支出", "basic"),
    ("人员经费和公用经费支出", "basic"),
    ("项目支出", "project"),
    ("专项业务经费支出", "project"),
    ("结转下年", "carryover_end"),
)
# 收入表 printed by source, one row each (类别 | 项目 | 金额): whole labels (numbering removed) → measure,
# the measures of a 收入表's 合计 row printed with one column per source
INCOME_SOURCE_ROWS = (
    ("一般公共预算资金", "general_public_budget"),
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("政府性基金预算", "government_fund"),
    ("国有资本经营预算", "state_capital"),
    ("财政专户管理资金", "special_account"),
    ("财政转专户管理资金", "special_account"),
    ("事业收入", "business"),
    ("经营收入", "operating"),
    ("上级补助收入", "superior_subsidy"),
    ("附属单位上缴收入", "affiliated"),
    ("其他收入", "other"),
    ("上年结转和结余资金", "carryover_begin"),
    ("上年结转", "carryover_begin"),
    ("上年结余", "carryover_begin"),
)
# 财政拨款收支总表: the expenditure side's columns
FISCAL_SUMMARY_MEASURES = (
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本经营", "state_capital"),
    ("合计", "total"),
    ("小计", "total"),
    ("总计", "total"),
)


# labels of columns that compare with another year: never the table's own measure
COMPARISONS = ("上年预算", "上年决算", "上年数", "增减", "变动", "比上年")


def expense_category(code: str | None) -> str | None:
    """personnel (人员经费) / public (公用经费) / capital / other, from the code's 类."""
    if not code:
        return None
    return EXPENSE_CATEGORY_BY_CLASS.get(code[:3], "other")


def match_measure(path: str | Sequence[str], vocabulary: Sequence[tuple[str, str]]) -> str | None:
    """The measure of the most specific (last) part of a header path (``本年支出/小计`` or a tuple)."""
    parts = path.split("/") if isinstance(path, str) else list(path)
    for part in reversed(parts):
        for needle, measure in vocabulary:
            if needle in part:
                return measure
    return None
