"""Labels of the table kinds: their titles, column labels and row labels."""

from __future__ import annotations

import re

META_LINE = re.compile(
    r"(部门名称|单位名称\s*[:：]|部门\s*[:：]|单位\s*[:：]|金额单位|^\d{4}\s*年度?$|^单位\s*(万元|元)$)"
)

CODE_HEADER = re.compile(r"科目编码|功能分类科目|科目代码")

OF_WHICH = ("其中", "其中:", "其中：")

HEADER_LABELS = {"单位名称", "项目", "科目编码", "科目名称"}
# headings of a table's name column that also open a preamble line (单位名称：某局): alone in their cell
# with more labels beside them, they head a column
NAME_COLUMN_HEADINGS = {"单位名称", "部门名称"}

EXECUTION_LABELS = ("执行率", "实际执行")

BRACKETED_CODE = re.compile(r"^[\[［【(（]\d+[\]］】)）]")  # a unit name printed after its code: [242001]某市某中心

SECTIONS = (
    ("政府采购", "procurement"),
    ("机关运行经费", "operating_cost"),
    ("国有资产", "assets"),
    ("资产占用", "assets"),
)

ITEMS = {
    "procurement": (
        ("合计", "total"),
        ("货物", "goods"),
        ("工程", "works"),
        ("服务", "services"),
        ("中小企业", "sme_contract"),
        ("小微企业", "small_micro_contract"),
    ),
    "operating_cost": (
        ("行政单位", "administrative"),
        ("参照公务员法管理", "civil_servant_managed"),
        ("事业单位", "institution"),
        ("合计", "total"),
    ),
    "assets": (
        ("车辆数合计", "vehicles_total"),
        ("车辆合计", "vehicles_total"),
        ("单价100万元", "equipment_over_1m"),
        ("单价50万元", "equipment_over_500k"),
    ),
}

VEHICLE = re.compile(r"^(?:\d+\.)?(.+用车)$")

NUMBERING = re.compile(r"^(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d+\.)")

SUMMARY_NUMBERING = re.compile(r"^[一二三四五六七八九十百]+、|^\(\w+\)|^\d+[.、]")

SKIP = {"项目", "收入", "支出", "栏次", "档次", "行次", "金额", "合计"}

ROW_NUMBER_LABELS = ("行次", "栏次", "档次")

TOTAL_WORDS = ("合计", "总计", "小计")

# the tail of a label that ran over its column's rule into an amount cell printing no figure:
# "(3)对个人和家庭的补" | "助", "4、机关资本性支出(二" | ")"
SPILLED_TAIL = re.compile(r"^[\u4e00-\u9fff)）]{1,3}$")

CODE_LABELS = ("单位编码", "单位代码")

AMOUNT_LABELS = ("金额", "合计", "总计")
