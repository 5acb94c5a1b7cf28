"""A name as the document prints it: extraction applies NFKC, this finds the printed characters back.

Full-width brackets of 某市某局（本级） become half-width under NFKC, which the parser
needs for its patterns; the document keeps the printed form, the NFKC form is its key.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from loaders.model import Line


def printed_form(name: str | None, lines: Sequence[Line]) -> str | None:
    """``name`` (NFKC) as first printed in ``lines``; ``name`` itself where no line prints it otherwise."""
    if not name:
        return name
    for line in lines:
        if line.printed:
            found = _find(name, line.printed)
            if found is not None:
                return found
    return name


def _find(name: str, printed: str) -> str | None:
    # NFKC character by character, remembering where each normalised character came from
    normalised, origin = [], []
    for index, char in enumerate(printed):
        for out in unicodedata.normalize("NFKC", char):
            normalised.append(out)
            origin.append(index)
    at = "".join(normalised).find(name)
    if at < 0:
        return None
    end = origin[at + len(name) - 1] + 1
    return printed[origin[at] : end]
