"""The province and prefecture of a place a report names, from China's division codes.

A county report names its county (卢氏县) and seldom its prefecture or province; the code
table (``resources/divisions.tsv``, six-digit codes: province, prefecture, county, two digits
each) gives both. Names repeat across provinces (朝阳区, 鼓楼区, 铁西区), so a name resolves
only when one division bears it, or when the report names exactly one of the candidates'
prefectures or provinces; otherwise the field stays unknown rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MUNICIPALITIES = ("11", "12", "31", "50")  # 北京, 天津, 上海, 重庆: province and city in one


@dataclass(frozen=True)
class Division:
    code: str
    name: str

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        return "prefecture" if self.code.endswith("00") else "county"


@dataclass(frozen=True)
class Place:
    province: str | None
    city: str | None
    county: str | None


@lru_cache(maxsize=1)
def _divisions() -> dict[str, Division]:
    table = resources.files("reportie").joinpath("resources/divisions.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return {code: Division(code, name) for code, name in rows}


def _short_names(division: Division) -> list[str]:
    """恩施土家族苗族自治州 is 恩施州 in its own reports (and 黔西南布依族苗族自治州 黔西南州)."""
    if division.level != "prefecture" or not division.name.endswith("自治州"):
        return []
    return [division.name[:k] + "州" for k in (2, 3)]


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Division]]:
    names: dict[str, list[Division]] = {}
    for division in _divisions().values():
        names.setdefault(division.name, []).append(division)
    for division in _divisions().values():
        for short in _short_names(division):
            if short not in names:  # a real name always wins over a short form
                names.setdefault(f"short:{short}", []).append(division)
    return names


_COUNTY_SUFFIXES = ("县", "市", "区", "旗")


def _named(name: str) -> list[Division]:
    """Divisions of that name, else of that short name, else (a county renamed after the
    table, 邵东县 → 邵东市) county-level divisions of the same stem."""
    by_name = _by_name()
    found = by_name.get(name) or by_name.get(f"short:{name}", [])
    if found or not name.endswith(_COUNTY_SUFFIXES) or len(name) < 3:
        return found
    stem = name[:-1]
    return [d for suffix in _COUNTY_SUFFIXES for d in by_name.get(stem + suffix, []) if d.level == "county"]


def _parent(division: Division, level: str) -> Division | None:
    code = division.code[:2] + "0000" if level == "province" else division.code[:4] + "00"
    return _divisions().get(code)


def _mentions(division: Division, text: str) -> bool:
    """The report names the division's prefecture or (for a municipality) its province."""
    prefecture = _parent(division, "prefecture")
    names = [prefecture.name, *_short_names(prefecture)] if prefecture else []
    if division.code[:2] in MUNICIPALITIES:
        names.append(_parent(division, "province").name)
    return any(name in text for name in names)


def locate(city: str | None, county: str | None, text: str) -> Place:
    """Province, prefecture and county for the names the report gives: a prefecture by its
    full name (博尔塔拉州 → 博尔塔拉蒙古自治州), a county as the report names it. A bare
    county-level city (安国市) is the county of its prefecture (保定市). Names that no
    division bears, or that stay ambiguous, come back as given, with the province unknown."""
    local = county or city
    if local is None:
        return Place(None, None, None)
    candidates = _named(local)
    if county is None:  # only a city name: a prefecture first, else a county-level city
        candidates = [d for d in candidates if d.level == "prefecture"] or candidates
    elif city is not None:
        candidates = [d for d in candidates if _mentions(d, city)] or candidates
    if len(candidates) > 1:
        candidates = [d for d in candidates if _mentions(d, text)]
    if len(candidates) != 1:
        return Place(None, city, county)
    division = candidates[0]
    province = _parent(division, "province")
    province_name = province.name if province else None
    if division.level == "prefecture":
        return Place(province_name, division.name, None)
    if division.level == "province":  # a municipality's own report
        return Place(division.name, division.name, None)
    prefecture = _parent(division, "prefecture")
    if division.code[:2] in MUNICIPALITIES:
        prefecture = province
    return Place(province_name, prefecture.name if prefecture else city, local)  # the report's own name
