"""Empty cells of a 三公 row: no figure, unless the row's own printed sums prove the item is zero.

A row that prints 合计 8.29 beside 公务用车 6.27 and 公务接待 2.02 leaves 因公出国 empty: the
printed parts already make the whole, so the empty item is 0. Where no printed whole and parts
say so (a sparse row without its 合计, or parts that do not add up), an empty cell gives no fact:
a wrong 0.00 is worse than a missing figure.
"""

from __future__ import annotations

from decimal import Decimal

# each whole with the parts it is printed as the sum of (either breakdown of the total)
SUMS = (
    ("total", ("overseas_travel", "vehicles_total", "official_reception")),
    ("total", ("overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception")),
    ("vehicles_total", ("vehicle_purchase", "vehicle_operation")),
)


def proven_zeros(values: dict[str, Decimal], empty: set[str]) -> set[str]:
    """Items of ``empty`` (cells printed empty) that the row's printed figures ``values`` prove are 0."""
    known, zeros = dict(values), set()
    changed = True
    while changed:
        changed = False
        for whole, parts in SUMS:
            unknown = {p for p in parts if p not in known}
            if whole in known and unknown and unknown <= empty - zeros:
                if sum((known[p] for p in parts if p in known), Decimal(0)) == known[whole]:
                    zeros |= unknown
                    known.update(dict.fromkeys(unknown, Decimal(0)))
                    changed = True
            elif whole in empty - zeros and not unknown and all(known[p] == 0 for p in parts):
                zeros.add(whole)
                known[whole] = Decimal(0)
                changed = True
    return zeros
