"""Document metadata: department, fiscal year, kind, scope, unit, codes, region."""
from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from loaders.model import DocumentMeta, Line
from loaders.parse.vocabulary import unit_line

DEPARTMENT = re.compile(r"(?:部门名称|单位名称|部门|单位|预算单位)\s*[:：]\s*([^\s|:：]{2,40})")
# tables-only budgets: 预算01表, (预算表 1), 收支预算总表, 支出预算表
BUDGET_NUMBERING = re.compile(r"预算\s*\d{1,2}\s*表|预算表\s*\d{1,2}|(?:收支|收入|支出)预算总?表")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
DEPT_CODE = re.compile(r"(?<!\d)(\d{6})\s*[-—]\s*[\u4e00-\u9fff]")
PROVINCES = {
    "山西": ["汾阳", "晋城", "阳城", "太原", "大同", "吕梁", "长治", "临汾", "运城", "忻州", "晋中", "朔州", "阳泉"],
    "湖北": ["荆门", "武汉", "宜昌", "襄阳", "荆州", "黄冈", "孝感", "十堰", "咸宁", "恩施", "随州", "鄂州", "黄石"],
}
PROVINCE_NAMES = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
                  "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川",
                  "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"]
REGION = re.compile(r"^(.{1,8}?(?:省|自治区|市|州|盟|地区|县|区|旗))")


def _department(lines: Sequence[Line]) -> str | None:
    names = Counter()
    for line in lines[:3000]:
        for match in DEPARTMENT.finditer(line.text.replace(" ", "")):
            name = re.sub(r"^\d{3,8}\s*[-—]\s*", "", match.group(1).strip("|"))
            name = re.sub(r"(?:19|20)\d{2}年度?.*$", "", name)
            name = re.sub(r"(?:金额)?单位$", "", name)  # "部门名称：X 单位：万元" on one line
            if re.search(r"[\u4e00-\u9fff]{3}", name) and "万元" not in name:
                names[name] += 1
    if names:
        return names.most_common(1)[0][0]
    for line in lines[:10]:
        text = line.text.replace(" ", "")
        m = re.match(r"^([\u4e00-\u9fff()（）]{4,30}?(?:局|委员会|中心|办公室|院|所|厅|部|委|会|站|队))", text)
        if m:
            return m.group(1)
    return None


def _kind(lines: Sequence[Line]) -> str | None:
    head = "".join(line.text for line in lines[:80])
    final = head.count("决算")
    budget = (head.count("预算公开") + head.count("部门预算") + head.count("单位预算") + head.count("预算收支总表")
              + len(BUDGET_NUMBERING.findall(head)))
    if final == 0 and budget == 0:
        body = "".join(line.text for line in lines[:600])
        final, budget = body.count("决算"), body.count("预算公开表") + body.count("预算收支")
    if final == 0 and budget == 0:
        return None
    return "final_account" if final >= budget else "budget"


def _year(lines: Sequence[Line]) -> int | None:
    years = Counter()
    for limit in (200, len(lines)):
        for line in lines[:limit]:
            for match in YEAR.finditer(line.text):
                if "年度" in line.text or "决算" in line.text or "预算" in line.text:
                    years[int(match.group(1))] += 1
        if years:
            break
    return years.most_common(1)[0][0] if years else None


def _region(department: str | None) -> tuple[str | None, str | None, str | None]:
    if not department:
        return None, None, None
    match = REGION.match(department)
    region = match.group(1) if match else None
    province = next((p for p in PROVINCE_NAMES if department.startswith(p)), None)
    if province is None and region:
        province = next((p for p, cities in PROVINCES.items() if any(region.startswith(c) for c in cities)), None)
    level = None
    if region:
        # a 市 may be prefecture- or county-level; the name alone cannot tell
        level = ("province" if region.endswith(("省", "自治区")) else
                 "county" if region.endswith(("县", "区", "旗")) else "city")
    return region, province, level


def read_metadata(lines: Sequence[Line]) -> DocumentMeta:
    department = _department(lines)
    head = "".join(line.text for line in lines[:400])
    scope = "unit" if ("单位决算" in head or "单位预算" in head or "(本级)" in (department or "")
                       or "本级" in head[:400]) else "department"
    units = Counter(unit for unit in (unit_line(line.text) for line in lines) if unit)
    code = next((m.group(1) for line in lines for m in DEPT_CODE.finditer(line.text)), None)
    region, province, level = _region(department)
    return DocumentMeta(department=department, fiscal_year=_year(lines), document_kind=_kind(lines),
                        disclosure_scope=scope, source_unit=units.most_common(1)[0][0] if units else None,
                        department_code=code, region_name=region, province=province, admin_level=level)
