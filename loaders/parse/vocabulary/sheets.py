"""Labels of project performance sheets (绩效目标表, 自评表, 评价报告): fields, columns, indicators,
and the layouts declared as data (``ReportForm``: a report's labels and column roles, read by
``sheets.labelled_report``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE = re.compile(r"^\S{0,20}项目支出绩效自评(分析)?报告$")

TOTAL_SCORE = re.compile(r"总得?分[为:：]?(\d+(?:\.\d+)?)分?")

GRADE = re.compile(r"(?:属于|等级为|评价等级[为:：]?|等次为)[\"'“”‘’「」]?([优良中差])")

ANNUAL_GOAL = re.compile(r"^[(（]?\w?[)）.、]?\s*项目年度(绩效)?目标$")

ACTUAL_RESULT = re.compile(r"^\d?[.、]?\s*全年目标实际完成情况$")

HEADING = re.compile(r"^([(（]?[一二三四五六七八九十\d]+[)）.、])")

FUND_COLUMNS = (
    ("declared", re.compile(r"目标申报")),
    ("compiled", re.compile(r"预算编制|^年初预算数?$")),
    ("full_year", re.compile(r"全年预算")),
    ("executed", re.compile(r"执行数")),
    ("balance", re.compile(r"结.?转.?余|结余")),
    ("rate", re.compile(r"执行率")),
    ("score", re.compile(r"得分|分值")),
)

INDICATOR_COLUMNS = (
    ("level1", re.compile(r"一级指标")),
    ("level2", re.compile(r"二级指标")),
    ("indicator", re.compile(r"三级指标|指标名称")),
    ("adjusted", re.compile(r"调整后")),
    ("target", re.compile(r"年初指标|年度指标|指标值")),
    ("actual", re.compile(r"实际完成|完成值")),
    ("weight", re.compile(r"权重|分值")),
    ("score", re.compile(r"得分")),
    ("reason", re.compile(r"偏差|原因")),
)

PERSONAL = re.compile(
    r"经办人|联系电话|联系人|填报人|负责人\s*[:：]|电话\s*[:：]"
    r"|(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)"
)

EVALUATION_REPORT_TITLE = re.compile(r"(?<!自)绩效评价报告$")

COVER_NAME = re.compile(r"^评价项目名称[:：]\s*(.*)$")

COVER_UNIT = re.compile(r"^评价项目单位[:：]?\s*(.*)$")

COVER_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,8}[:：]")

EVALUATION_SUFFIX = re.compile(r"(绩效)?评价(报告)?$")

SCORE = re.compile(r"(?:综合评分|综合得分|评价得分|总得分|总分)[为是:：]?(\d+(?:\.\d+)?)分")

EVALUATION_REPORT_GRADE = re.compile(r"(?:评价级次|评价等级|等级|等次|级次)[为是:：]?[\"“”']?([优良中差])")

# cells a sheet prints a field beside ("项目名称 | X"), or opens a row with
NAME_CELL = "项目名称"
BUDGET_UNIT_CELL = "预算单位"
IMPLEMENTING_UNIT_CELL = "实施单位"
TOTAL_SCORE_CELL = "总分"

UNIT = re.compile(r"单位[:：](万元|元)")

COLUMNS = (
    ("seq", re.compile(r"^序号?$")),
    ("name", re.compile(r"项目名称")),
    ("budget", re.compile(r"预算批复|批复|^预算数")),
    ("received", re.compile(r"到位")),
    ("executed", re.compile(r"实际执行|执行数|支出数")),
    ("rate", re.compile(r"执行率")),
    ("balance", re.compile(r"结余$|^指标结余")),
)

CATEGORY = re.compile(r"^[一二三四五六七八九十]+$")

NAME_LABEL = re.compile(r"^项目名称[:：]?(.*)$")

SELF_EVALUATION = re.compile(r"年度(绩效目标|预算执行).{0,8}自评")

ANNUAL_SECTION = re.compile(r"^年度绩效目标.{0,8}自评")

LONG_TERM_SECTION = re.compile(r"^(长期|实施期)绩效目标")

BUDGET_SECTION = re.compile(r"^年度预算执行.{0,6}自评")

AFTER_BUDGET = re.compile(r"^(偏差|改进措施|原因分析)")

GOAL_NAME = re.compile(r"^(年度|长期|实施期)目标$")

LEVEL1 = re.compile(r"^(产出|效益|满意度|成本)指标$")

HEADER_WORD = re.compile(r"^(目标名称|[一二三]级指标|单位|目标值|完成值|自评结果|分值|得分|指标值|实际完成值)")

SECTIONED_REPORT_UNIT = re.compile(
    r"^(%|‰|(万|千|百|亿)?(元|人次|人|户|次|件|个|份|张|家|台|套|项|条|篇|场|期|批|所|辆|座|册|本|名|处|宗"
    r"|亩|吨|米|平方米|公里|千米|天|日|工作日|小时|时|分钟|秒|周|月|年|GB|TB|M))$"
)

MONEY_UNIT = re.compile(r"(万元|元)")

BUDGET_COLUMNS = (
    ("executed", re.compile(r"执行数")),
    ("rate", re.compile(r"执行率")),
    ("balance", re.compile(r"结.?转.?余|结余")),
    ("full_year", re.compile(r"预算数")),
    ("unit", re.compile(r"^单位")),
)

SELF_EVALUATION_LEVEL1 = {"产出指标", "效益指标", "满意度指标"}

LEVEL2 = re.compile(r"^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度)(指标)?$")

GRADES = {"优", "良", "中", "差"}

FUNDING = re.compile(r"^(项目资金|资金预算安排|资金投入)")

FUNDING_LABELS = (
    ("declared", re.compile(r"目标申报")),
    ("compiled", re.compile(r"预算编制|^年初预算数?$")),
    ("full_year", re.compile(r"全年预算")),
    ("executed", re.compile(r"全年执行|^执行数")),
    ("balance", re.compile(r"结.?转.?余|结余")),
    ("rate", re.compile(r"执行率")),
    ("weight", re.compile(r"^分值$")),
    ("score", re.compile(r"^得分$")),
)

INDICATOR_LABELS = (
    ("level1", re.compile(r"一级指标")),
    ("level2", re.compile(r"二级指标")),
    ("name", re.compile(r"三级指标|指标名称")),
    ("target", re.compile(r"指标值")),
    ("actual", re.compile(r"完成值")),
    ("weight", re.compile(r"^分值")),
    ("score", re.compile(r"^得分")),
    ("reason", re.compile(r"偏差|原因|措施")),
)

SHEET_LABEL = re.compile(r"项目名称|主管部门|预算单位|实施单位")

# a header label that is whole: a line printing below it starts the body, not more header
WHOLE_LABEL = re.compile(r"(指标|指标值|完成值|分值|得分|措施)$")

RULED_TARGET_TITLE = re.compile(r"绩效目标表$")

NEXT_TABLE = re.compile(r"^表\d{1,2}$")

RULED_TARGET_UNIT = re.compile(r"[(（](万元|元)[)）]")

LABEL = re.compile(r"^(实施单位|主管部门|项目名称)")

FUNDS = re.compile(r"^(年度|实施期)?(?:预算)?资金总额")

VERTICAL_LABEL = {"绩", "效", "指", "标", "绩效", "绩效指标", "指标"}

TARGET_INDICATORS_LEVEL1 = ("产出指标", "效益指标", "满意度指标")

# a 二级 label at the start of a token, its 指标 possibly cut short, the 三级 name possibly glued on
TARGET_INDICATORS_LEVEL2 = re.compile(
    r"^(?P<kind>服务对象满意度|满意度|数量|质量|时效|经济成本|社会成本|生态环境成本|成本|经济效益|社会效益"
    r"|生态效益|可持续影响)指标?"
)

LEVEL1_OF = {
    "数量": "产出指标",
    "质量": "产出指标",
    "时效": "产出指标",
    "成本": "产出指标",
    # the 2021 template's own 一级 成本指标
    "经济成本": "成本指标",
    "社会成本": "成本指标",
    "生态环境成本": "成本指标",
    "经济效益": "效益指标",
    "社会效益": "效益指标",
    "生态效益": "效益指标",
    "可持续影响": "效益指标",
    "服务对象满意度": "满意度指标",
    "满意度": "满意度指标",
}

# several entries in one cell: "评审专家劳务报酬标准 定性 对于…" (定性/定量 between name and value)
ENTRY_MARKER = re.compile(r"(?:^|(?<=\s))(?P<name>\S+?)\s*(?:定性|定量)(?=\s|$)")

TARGET_SHEET_TITLE = re.compile(r"绩效目标申报表")

TARGET_SHEET_NAME_LABEL = re.compile(r"^项目名称\s*[:：]?\s*")

FIELD_LABEL = re.compile(r"^(主管部门|实施单位|项目属性|项目期|项目类别|项目资金|实施期资金总额|年度资金总额|项目概况)")

FOOTER = re.compile(r"^(单位负责人|财务负责人|负责人|经办人|联系人|填报人)\s*[:：]|填报日期\s*[:：]")

SECTION = re.compile(r"^([一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+(部分|章))")

PAGE_NUMBER = re.compile(r"^[-—–]\s*\d{1,4}\s*[-—–]$|^第\s*\d+\s*页")

DEPARTMENT = re.compile(r"主管部门(?:及代码)?\s*[:：]?\s*(?P<dept>.*?)\s*(?:实施单位\s*[:：]?\s*(?P<unit>.*))?$")

IMPLEMENTING = re.compile(r"^实施单位\s*[:：]?\s*(?P<unit>.*)$")

TARGET_SHEET_FUNDING = {"period": "实施期资金总额", "annual": "年度资金总额"}

GLUED_LABEL = re.compile(r"(?<=\S)(?=(?:实施期|年度)资金总额)")

AMOUNT = re.compile(r"(?P<number>-?[\d,]*\.?\d+)\s*(?P<unit>万元|元)?")

GOAL_LABEL = re.compile(r"^总体目标\s*[:：]?\s*")

PAIRED_GOALS = re.compile(r"实施期目标")

TABLE_HEADER = re.compile(r"一级指标.*三级指标")

TARGET_TABLE_COLUMNS = (
    ("name", re.compile(r"^项目名称")),
    ("total", re.compile(r"^(总计|合计|金额|预算金额|资金总额|年度预算数?)")),
    ("goal", re.compile(r"绩效目标")),
    ("indicators", re.compile(r"绩效指标")),
)

TARGET_TABLE_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)")

TOTAL_ROW = re.compile(r"^(合计|总计)$")

ITEM = re.compile(
    r"(?P<n>\d+)、\d+-(?P<level1>[^;；]+)[;；]\d+-(?P<level2>[^;；]+)[;；](?P<name>.*?)[;；]"
    r"实施周期指标值[:：](?P<period>.*?)[;；]年度指标值[:：](?P<annual>.*?)。(?=\d+、\d+-|$)"
)

DIRECTION = re.compile(r"指标方向|指标性质")

MEASURE_UNIT = re.compile(r"度量单位|计量单位")

END = re.compile(r"^(备注|其他说明)")

TARGET_SHEET_FUNDING_VALUE = {
    key: re.compile(label + r"\s*[:：]?\s*(?P<value>[^\s:：]*)") for key, label in TARGET_SHEET_FUNDING.items()
}
INDICATOR_KIND = re.compile(rf"^(?P<kind>{'|'.join(sorted(LEVEL1_OF, key=len, reverse=True))})(指标)?$")


# --------------------------------------------------------------------------- layouts as data


def cover_field(label: str) -> re.Pattern:
    """A cover line 'label：value' (the value in group 1)."""
    return re.compile(rf"^{label}[:：](.+)$")


@dataclass(frozen=True)
class ReportForm:
    """A report layout declared as data: one report per project, opening at its title line, with a
    cover of 'label：value' lines, a 预算执行 table and an 指标完成 table whose columns are found by
    their labels, and a conclusion stating 总分 and 等级. A new layout of this form is a new
    declaration in ``REPORT_FORMS``, not a new module."""

    layout: str  # stored in projects.sheet_layout: keep it once loaded
    table: str  # names the report in issues
    title: re.Pattern  # a one-cell line opening a report
    # field (name, budget_unit, implementing_unit) → its cover patterns, the first printed one wins
    cover: tuple[tuple[str, tuple[re.Pattern, ...]], ...]
    fund_header: tuple[str, ...]  # every word a 预算执行 header row prints
    fund_columns: tuple[tuple[str, re.Pattern], ...]  # column roles by label (header or sub-header)
    indicator_header: tuple[str, ...]  # every word an 指标完成 header row prints
    indicator_columns: tuple[tuple[str, re.Pattern], ...]
    total_row: str  # the 预算执行 row read (else the first row printing figures)
    total_score: re.Pattern  # the sentence stating 总分 (group 1)
    grade: re.Pattern  # 等级, after the 总分
    annual_goal: re.Pattern  # the heading over the 年度目标 paragraph
    actual_result: re.Pattern  # the heading over the 实际完成情况 paragraph
    heading: re.Pattern  # any heading: a paragraph that is one is no text


SELF_EVALUATION_ANALYSIS_REPORT = ReportForm(
    layout="self_evaluation_analysis_report",
    table="项目支出绩效自评分析报告",
    title=TITLE,
    cover=(
        ("name", (cover_field("项目名称"),)),
        ("budget_unit", (cover_field("项目单位"), cover_field("预算单位"))),
        ("implementing_unit", (cover_field("实施单位"),)),
    ),
    fund_header=("资金来源", "全年预算"),
    fund_columns=FUND_COLUMNS,
    indicator_header=("一级指标", "二级指标"),
    indicator_columns=INDICATOR_COLUMNS,
    total_row="合计",
    total_score=TOTAL_SCORE,
    grade=GRADE,
    annual_goal=ANNUAL_GOAL,
    actual_result=ACTUAL_RESULT,
    heading=HEADING,
)

# every report layout read from its declaration, in this order
REPORT_FORMS = (SELF_EVALUATION_ANALYSIS_REPORT,)
