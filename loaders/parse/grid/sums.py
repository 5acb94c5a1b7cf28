"""Empty cells of a row whose printed sums prove them zero, and no others.

A row that prints 合计 8.29 beside two parts 6.27 and 2.02 leaves a third part empty: the printed
parts already make the whole, so the empty part is 0. Where no printed whole and parts say so
(a sparse row without its total, or parts that do not add up), an empty cell gives no fact: a
wrong 0.00 is worse than a missing figure. A table kind declares its sums (each whole with the
parts it is printed as the sum of); the zeros come back in the order the empty cells were printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal


def proven_zeros(
    values: dict[str, Decimal], empty: Iterable[str], sums: Sequence[tuple[str, Sequence[str]]]
) -> list[str]:
    """Items of ``empty`` (cells printed empty, in printed order) that the row's printed figures
    ``values`` prove are 0, in that order (never a set's: its order changes with the hash seed)."""
    empty = list(dict.fromkeys(empty))
    known, zeros = dict(values), set()
    changed = True
    while changed:
        changed = False
        for whole, parts in sums:
            unknown = {p for p in parts if p not in known}
            if whole in known and unknown and unknown <= set(empty) - zeros:
                if sum((known[p] for p in parts if p in known), Decimal(0)) == known[whole]:
                    zeros |= unknown
                    known.update(dict.fromkeys(unknown, Decimal(0)))
                    changed = True
            elif whole in set(empty) - zeros and not unknown and all(known[p] == 0 for p in parts):
                zeros.add(whole)
                known[whole] = Decimal(0)
                changed = True
    return [item for item in empty if item in zeros]
