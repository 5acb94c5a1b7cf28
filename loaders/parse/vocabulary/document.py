"""Labels of a document as printed: titles, metadata, covers, corrections, narrative, parts."""

from __future__ import annotations

import re

NOTE_HEADING = re.compile(
    r"^[（(]?[一二三四五六七八九十\d]*[)）、.]?\s*(?:关于.{0,40})?更正(?:说明|公告|声明|情况说明)\s*[:：]?"
)

HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|目录)")

DEPARTMENT = re.compile(
    r"(?:部门名称|单位名称|部门\(单位\)|部门（单位）|部门|单位|预算单位)\s*[:：]\s*([^\s|:：]{2,40})"
)

# a year that titles a table or a heading: "2023年预算收入总表", "2024年度部门决算"; not "比2023年预算"
TITLED_YEAR = re.compile(r"(?<![比较与同上])((?:19|20)\d{2})年(?:度)?.{0,12}?(预算|决算)")

BUDGET_NUMBERING = re.compile(r"预算\s*\d{1,2}\s*表|预算表\s*\d{1,2}|(?:收支|收入|支出)预算总?表")

# tables-only budgets above: 预算01表, (预算表 1), 收支预算总表, 支出预算表
PLAIN_YEAR = re.compile(r"(?<![比较与同上\d])((?:19|20)\d{2})年(?!\d{1,2}月)")

PARENTHESES_FREE = re.compile(r"[(（][^()（）]*[)）]$")  # 某市某局(本级) → 某市某局

CELL_LABELS = {"部门名称", "单位名称", "预算单位", "部门(单位)", "部门", "单位"}

SCOPE_WORDS = {"部门": "department", "汇总": "department", "单位": "unit", "本级": "unit"}

PARTY_COMMITTEE = re.compile(r"^[\u4e00-\u9fff]{2,12}?[省市区县州]委(?!员会)")

# the kind word right after the year in a title: 2026年度部门预算, 2023年单位决算, 2026年度预算
TITLE = re.compile(r"((?:19|20)\d{2})年(?:度)?(.{0,40}?)(预算|决算)")

ORG_SUFFIX = re.compile(
    r"(?:局|委员会|委|办公厅|办公室|院|所|厅|部|中心|会|站|队|处|馆|社|团|校|政府|法院|检察院|署|台|室|组|司|行|库|园|场)"
    r"(?:[(（][^()（）]{1,30}[)）])?$"
)

# a label before the name on the cover: "部 门：中共某省委办公厅", "预算单位：…"
COVER_LABEL = re.compile(r"^(?:部门名称|单位名称|预算单位|部门|单位)[:：](.+)$")

NOT_A_NAME = re.compile(r"^(?:第[一二三四五六七八九十\d]+部分|目录|[一二三四五六七八九十]+、|\d+[.、]|[(（])")

PARENTHESES = re.compile(r"[(（][^()（）]*[)）]")

SCOPE_QUALIFIERS = ("本级", "汇总")

# a cover line that is only a date: "2026年2月14日", "二〇二五年七月", "2015-03-05"
DATE_LINE = (
    re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?"),
    re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?"),
    re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})"),
)

NUMBER = re.compile(r"(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元|%|个|人次|批次|辆|台|人)")

LEADING = re.compile(
    r"^(?:其中|主要包括|主要是|包括|共计|合计|共|为|是|和|及|与|以及|\d{4}年度?|本年度?|全年|较\d{4}年决算?)+"
)

COUNT_UNITS = {"个", "人次", "批次", "辆", "台", "人"}

STATISTICS = (  # (label keyword, unit kind, section, item)
    ("授予中小企业合同金额", "amount", "procurement", "sme_contract"),
    ("授予小微企业合同金额", "amount", "procurement", "small_micro_contract"),
    ("政府采购支出总额", "amount", "procurement", "total"),
    ("政府采购预算总额", "amount", "procurement", "total"),  # budgets state the planned amounts
    ("政府采购货物预算", "amount", "procurement", "goods"),
    ("政府采购工程预算", "amount", "procurement", "works"),
    ("政府采购服务预算", "amount", "procurement", "services"),
    ("政府采购货物支出", "amount", "procurement", "goods"),
    ("政府采购工程支出", "amount", "procurement", "works"),
    ("政府采购服务支出", "amount", "procurement", "services"),
    ("机关运行经费支出", "amount", "operating_cost", "total"),
    ("出国团组", "count", "three_public_counts", "overseas_groups"),
    ("公务用车保有量", "count", "three_public_counts", "vehicles_held"),
    ("购置公务用车", "count", "three_public_counts", "vehicles_purchased"),
    ("共有车辆", "count", "assets", "vehicles_total"),
)

VEHICLES = re.compile(r"(?<![\d.])(\d+)辆([\u4e00-\u9fff]{2,10}?车)")

CENTRAL_PREFIXES = ("国家", "中华人民共和国", "中央", "全国", "国务院")

# 市辖区 and the like are placeholders of the code list, never printed in a department's name
PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")

SECTION = re.compile(r"^第[一二三四五六七八九十]部分")

# (kind, title keywords that must all appear, keywords that must not)
TITLE_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("project_expenditure", ("项目支出", "表"), ("基本支出", "经济", "功能", "决算", "绩效")),
    # 专项业务经费 is Xi'an's name for 项目支出 (its 专项业务经费支出表 lists projects by unit)
    ("project_expenditure", ("专项业务经费", "表"), ("基本支出", "经济", "功能", "决算", "绩效")),
    ("operating_cost", ("机关运行经费",), ("三公",)),
    ("fiscal_summary", ("财政拨款收", "总表"), ()),
    ("fiscal_summary", ("财政拨款收支总体",), ()),
    ("income_expenditure_summary", ("收", "支", "总表"), ("财政拨款",)),
    ("income_expenditure_summary", ("收支总体",), ("财政拨款",)),
    ("basic_expenditure_economic", ("基本支出",), ("项目支出",)),
    # 支出明细表(按支出功能分类科目) lists 功能分类 codes (Xi'an): no 经济分类 table
    ("basic_expenditure_economic", ("支出", "明细表"), ("功能分类",)),
    ("three_public", ("三公",), ()),
    # a title naming the 三公 items instead of the word (因公出国(境)费、公务用车…和公务接待费预算表)
    ("three_public", ("因公出国", "公务接待"), ()),
    ("statistics", ("相关信息统计表",), ()),
    ("government_fund", ("政府性基金",), ()),
    ("state_capital", ("国有资本经营",), ()),
    # tables by 经济分类 over all spending (按经济分类) are no 功能分类 table: their 302 is no 类 code
    ("general_budget_expenditure", ("一般公共预算", "支出"), ("基本支出", "经济分类")),
    # 财政拨款支出表 (all appropriated funds by 功能分类) is no second 部门支出总表
    ("fiscal_expenditure", ("财政拨款支出", "表"), ("基本支出", "经济", "收入")),
    ("income", ("收入", "表"), ("支出",)),
    ("expenditure", ("支出", "表"), ("收入", "经济分类", "政府采购")),
)

NOTE_KINDS = (
    ("国有资本经营", "state_capital"),
    ("政府性基金", "government_fund"),
    ("一般公共预算", "general_budget_expenditure"),
)

# the note under a table ends its rows (a 备注 does not: some run on into 绩效 sheets whose prose
# belongs to the tables part)
NOTE_OPENINGS = ("注:", "注：")

LIST_NUMBERING = re.compile(r"^(?:\d{1,2}[.、]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])")

# what follows a department name on a table's 部门名称 line: a year, a 单位 label
YEAR_SUFFIX = re.compile(r"(?:19|20)\d{2}年度?.*$")
UNIT_LABEL_SUFFIX = re.compile(r"(?:金额)?单位$")
LEADING_ORG_NAME = re.compile(r"^([\u4e00-\u9fff()（）]{4,30}?(?:局|委员会|中心|办公室|院|所|厅|部|委|会|站|队))")
NOT_A_NAME_WORD = re.compile(r"(?:预算|决算|公开|说明|报表|目录|部分)")  # a title or a heading, not a name
SCOPE_SUFFIX = re.compile(r"(?:部门|单位)$")
SCOPE_WORD = re.compile(r"(部门|单位)")
LABEL_VERB_SUFFIX = re.compile(r"(支出|为|共|达|计)$")  # "…支出为" before a figure
TITLE_WITH_NOTE = re.compile(r"表[(（].*[)）]$")  # 一般公共预算支出表(按功能分类)
