"""Codes of 款/项 rows printed without their code, named only under a coded 类 (children by indentation).

Some tables print the 功能分类 code on the 类 row only and name its 款 and 项 children below it,
set off by indentation alone. Their codes are not guessed from the name (行政运行 stands
under every 款): a name is resolved only as a child of the nearest row above whose code is
known, through the codes the same document prints beside that name elsewhere (a 支出总表
printing ``2010101 | 行政运行``). A name the document never prints under that parent stays
unresolved, so the row is kept out with a warning, never filed under a guessed code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from loaders.model import Line
from loaders.parse.vocabulary import CODE_AND_NAME, FUNCTIONAL_CODE, compact, spaced_code

Children = Mapping[str, Mapping[str, str]]  # parent code → child name → child code


def known_children(lines: Iterable[Line]) -> dict[str, dict[str, str]]:
    """Every 款/项 code the document prints with its name, by parent: {"201": {"人大事务": "20101"}}.
    A name printed under one parent with two different codes is left out (ambiguous)."""
    children: dict[str, dict[str, str]] = {}
    clashes: set[tuple[str, str]] = set()
    for line in lines:
        for code, name in _coded_names(line.cells):
            parent = code[:-2]
            known = children.setdefault(parent, {})
            if known.get(name, code) != code:
                clashes.add((parent, name))
            known[name] = code
    for parent, name in clashes:
        del children[parent][name]
    return children


def _coded_names(cells: Sequence[str]) -> list[tuple[str, str]]:
    """(code, name) of 款/项 codes printed in a cell with the name in the next one, or glued to it."""
    found = []
    flat = [compact(c) for c in cells]
    for i, text in enumerate(flat):
        code = text if FUNCTIONAL_CODE.match(text) else spaced_code(cells[i])
        if code and len(code) > 3 and i + 1 < len(flat) and flat[i + 1] and not flat[i + 1][0].isdigit():
            found.append((code, flat[i + 1]))
            continue
        glued = CODE_AND_NAME.match(text)
        if glued and len(glued.group(1)) in (5, 7):
            found.append((glued.group(1), glued.group(2)))
    return found


class ChildCodes:
    """Walks a table's rows in order: coded rows open a parent, uncoded named rows are resolved under it."""

    def __init__(self, children: Children) -> None:
        self._children = children
        self._ancestors: list[str] = []  # codes of the rows above, 类 first

    def seen(self, code: str | None) -> None:
        """A row printing its code (None for a 合计 row, which closes every parent)."""
        if code is None or not FUNCTIONAL_CODE.match(code):
            self._ancestors = []
            return
        self._ancestors = [a for a in self._ancestors if code.startswith(a) and a != code] + [code]

    def resolve(self, name: str) -> str | None:
        """The code of a row printing only its name: a child of the nearest ancestor that the
        document names so; None when no ancestor has a child of that name."""
        for depth in range(len(self._ancestors) - 1, -1, -1):
            code = self._children.get(self._ancestors[depth], {}).get(compact(name))
            if code is not None:
                self._ancestors = [*self._ancestors[: depth + 1], code]
                return code
        return None
