"""Shapes of classification codes: 功能分类 (类 3 digits, 款 +2, 项 +2) and 经济分类 (301, 30101).

Codes are printed in one cell (``2010301``), over 类/款/项 sub-columns (``201 | 05 | 07``)
or spaced in one cell (``201 05 07``); economic codes as ``301 | 01``. Fragments are
joined here into the full code, so a 款 or 项 fragment is never read as an amount.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

FUNCTIONAL_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
# 类 301, 款 30101, and the 7-digit items some provinces add under a 款 (3010201 津贴补贴)
ECONOMIC_CODE = re.compile(r"^3\d{2}(\d{2}){0,2}$")
CLASS_PART = re.compile(r"^\d{3}$")
SUB_PART = re.compile(r"^\d{2}$")
SPACED_CODE = re.compile(r"^(\d{3})(?:\s+(\d{2}))(?:\s+(\d{2}))?$")
# a code glued to its name, as some tables print it: "2010301 行政运行", "2040601-行政运行", "[201]一般公共服务支出"
CODE_AND_NAME = re.compile(r"^[\[【(（]?(\d{3}(?:\d{2}){0,2})[\]】)）]?\s*[-—－]?\s*([^\d\s\]】)）].*)$")


def join_parts(parts: Sequence[str]) -> str | None:
    """The code of 类/款/项 fragments printed in separate cells (``201``, ``05``, ``07`` → 2010507).

    A blank fragment ends the code (a 类 row prints only its 类). None when the
    fragments do not have the 3 + 2 + 2 shape.
    """
    filled = [p.strip() for p in parts]
    while filled and not filled[-1]:
        filled.pop()
    if not filled or not CLASS_PART.match(filled[0]) or "" in filled:
        return None
    if not all(SUB_PART.match(p) for p in filled[1:]):
        return None
    return "".join(filled)


def spaced_code(text: str) -> str | None:
    """``201 05 07`` → ``2010507``; None when the text is not a spaced code."""
    match = SPACED_CODE.match(text.strip())
    return "".join(g for g in match.groups() if g) if match else None
