"""Repair of fake-bold doubled glyphs in extracted text ("合计合计" → "合计").

PDF exporters draw bold text twice; text extraction then prints each bold run twice
("1,433.901,433.90", "2023年预算收支总表2023年预算收支总表"). A token is repaired
only when it is exactly two copies of a run that cannot be a genuine repetition:
at least two characters, and for numbers only a formatted amount (with a decimal
point), so years (2020), codes and words like 谢谢 or 人人 stay as they are.
"""

from __future__ import annotations

import re

AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+\.\d+$")
DIGITS_ONLY = re.compile(r"^[\d,.\-]+$")


def _halve(token: str) -> str:
    size = len(token)
    if size < 4 or size % 2:
        return token
    half = token[: size // 2]
    if token[size // 2 :] != half:
        return token
    if not re.search(r"\w", half):
        return token  # separators and punctuation ("||||", "----") are layout, not bold text
    if DIGITS_ONLY.match(half):
        return half if AMOUNT.match(half) and ("." in half or "," in half) else token
    return half


# a whole token that is some run printed twice: only such tokens are handed to _halve
DOUBLED_TOKEN = re.compile(r"(?<!\S)(\S{2,})\1(?!\S)")


def repair_doubled(text: str) -> str:
    """``text`` with every doubled token reduced to one copy; other text unchanged."""
    if len(text) < 4:
        return text
    return DOUBLED_TOKEN.sub(lambda m: _halve(m.group(0)), text)
