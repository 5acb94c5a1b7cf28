"""Money units (单位) as tables print them, and their factor to yuan (元).

A table states its unit on its title line (``…表（单位：万元）``), on a line of its own
(``单位：万元``, ``金额单位:元``, ``单位 万元``) or in a header cell (``金额(万元)``,
``预算数（元）``). ``unit_in`` finds any of these printings in one text.
"""

from __future__ import annotations

import re
from decimal import Decimal

UNIT_FACTOR = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_UNIT = r"(亿元|千元|万元|元)"
# 单位：万元 / 金额单位:元 / 单位 万元 (without a colon only where no word follows: not 单位元旦)
UNIT_LINE = re.compile(rf"(?:金额)?单位\s*(?:[:：]\s*{_UNIT}|{_UNIT}(?![\u4e00-\u9fff]))")
# a unit in brackets: (万元) in a header cell or at the end of a title
UNIT_BRACKETS = re.compile(rf"[(（]\s*(?:单位\s*[:：]?\s*)?{_UNIT}\s*[)）]")


def unit_in(text: str) -> str | None:
    """The money unit stated in ``text`` (a unit line, a title or a header cell), else None."""
    flat = "".join(text.split())
    match = UNIT_LINE.search(flat) or UNIT_BRACKETS.search(flat)
    return next(g for g in match.groups() if g) if match else None


def unit_line(text: str) -> str | None:
    """The unit of a 单位/金额单位 statement in ``text`` (not a bracketed header cell), else None."""
    match = UNIT_LINE.search("".join(text.split()))
    return (match.group(1) or match.group(2)) if match else None
