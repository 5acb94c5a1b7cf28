"""Label text as tables print it → one comparable form (spaces, colons, full-width marks).

Tables space labels out (``收 入 总 计``), end them with a colon (``总计：``) and mix
full- and half-width brackets; every parser compares labels through ``compact`` or
``label_key`` so these printings meet.
"""

from __future__ import annotations

import re

COLONS = re.compile(r"[:：]+$")


def compact(text: str) -> str:
    """The text without any whitespace (str.split is much faster than a regex here)."""
    return "".join(text.split())


def label_key(text: str) -> str:
    """A label as compared: no whitespace, no trailing colon, half-width brackets."""
    return COLONS.sub("", compact(text).replace("（", "(").replace("）", ")"))
