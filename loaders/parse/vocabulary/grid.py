"""Labels the grid machinery reads: header words, code columns, checks."""

from __future__ import annotations

import re

# what a 支出 total is made of: 基本支出 + 项目支出 (+ Jiangsu's 单位预留机动经费)
SPENDING_PARTS = {"basic": "基本支出", "project": "项目支出", "unit_reserve": "单位预留机动经费"}

# what an economic row's 合计 is made of; a table over all spending adds its project column
ECONOMIC_PARTS = {"personnel": "人员经费", "public": "公用经费", "project": "项目支出"}

# what a row's basic part is made of: 基本支出 = 人员经费 + 公用经费
BASIC_PARTS = {"personnel": "人员经费", "public": "公用经费"}

PART_LABELS = ("类", "款", "项")

CODE_LABELS = ("编码", "代码", "科目编号")

# the column naming a row beside its code: 科目名称, 项目名称, 功能科目, 支出功能分类, or 项目 / 单位 alone
NAME_LABEL = re.compile(r"名称|科目$|分类$|^(项目|单位|部门)$")

GENERIC_LEAVES = ("金额", "小计")

# the tail of a label that ran over its column's rule, printed before the amount of the next cell:
# "1、人员经费和公用经费支" | "出 2,022.39"
SPILL = re.compile(r"^([\u4e00-\u9fff)）]{1,3})\s+(-?[\d,]*\.?\d+)$")
