"""How tables are numbered: 公开01表, 公开表1, 部门公开表1, 预算01表, (预算表 1), 表一, 表9-1.

Numbers differ between documents (公开07表 is 政府性基金 in one and 三公 in another),
so a number only marks where a table starts; what the table is comes from its title
or header.
"""

from __future__ import annotations

import re

_ARABIC = r"\d{1,2}(?:-\d{1,2})?"
_CHINESE = r"[一二三四五六七八九十]{1,3}"
NUMBER_LABEL = re.compile(
    rf"^[(（]?(?:公开\s*{_ARABIC}\s*表|(?:部门|预算|单位)?公开表\s*{_ARABIC}|(?:部门)?预算\s*{_ARABIC}\s*表"
    rf"|预算表\s*{_ARABIC}|表\s*{_ARABIC}|表\s*{_CHINESE})[)）]?$"
)
# a number printed before the title on the title line: "表1 收支总表", "公开03表 …", "表一、…"
LEADING_NUMBER = re.compile(
    rf"^[(（]?(?:公开\s*{_ARABIC}\s*表|(?:部门|预算|单位)?公开表\s*{_ARABIC}|(?:部门)?预算\s*{_ARABIC}\s*表"
    rf"|预算表\s*{_ARABIC}|表\s*{_ARABIC}|表\s*{_CHINESE})[)）]?[、.:：\s]*"
)


def is_number_label(text: str) -> bool:
    """Whether ``text`` (compacted) is only a table number such as 公开07表 or 表9-1."""
    return bool(NUMBER_LABEL.match(text))
