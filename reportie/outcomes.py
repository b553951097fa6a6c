"""Target vs outcome: a year's targets paired with what the next year's report says was
achieved for the same indicator.

Outcomes are read by rule from the review sections of the later report: a clause that
names a known indicator (reportie.targets.INDICATORS) and a number (地区生产总值140亿元,
同比增长5.6%). Pairs match on place, consecutive years, canonical indicator and kind of
change (a growth target is compared with a growth outcome, a level with a level).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .components.sections import find_sections
from .report import Report, Target
from .targets import canonical_indicator, read_target
from .textprep import prepare


@dataclass(frozen=True)
class Outcome:
    indicator: str
    indicator_canonical: str
    change: str
    value: float
    unit: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TargetOutcome:
    place: str
    year: int
    indicator_canonical: str
    target: Target
    outcome: Outcome
    met: bool | None


def find_outcomes(report: Report) -> list[Outcome]:
    """Indicator values stated in the review sections of a report."""
    prepared = prepare(report.text)
    found = []
    for section in find_sections(prepared.text):
        if section.kind != "review":
            continue
        previous = None  # 地区生产总值140亿元,同比增长5.6%: the growth clause inherits the indicator
        for clause in re.finditer(r"[^,;。:、\n]+", prepared.text[section.start: section.end]):
            text = clause.group().strip()
            named = canonical_indicator(text)
            if named is None and previous and re.match(r"(?:同比|比上年|年均)?(?:增长|下降|提高)", text):
                reading = read_target(previous + text)
            elif named is not None and re.search(r"[0-9]", text):
                reading = read_target(text)
                previous = reading.indicator
            else:
                previous = None if named is None else previous
                continue
            if reading.indicator_canonical is None or reading.value is None:
                continue
            start = section.start + clause.start() + clause.group().index(text)
            raw_start, raw_end = prepared.to_raw(start, start + len(text))
            found.append(Outcome(reading.indicator, reading.indicator_canonical, reading.change, reading.value,
                                 reading.unit, report.text[raw_start:raw_end], raw_start, raw_end))
    return found


def _met(target: Target, outcome: Outcome) -> bool | None:
    """≤ targets are caps; every other target is met when the outcome reaches it (≈: within 0.5)."""
    if target.value is None or target.unit != outcome.unit:
        return None
    if target.comparator == "≤":
        return outcome.value <= target.value
    slack = 0.5 if target.comparator == "≈" else 0.0
    return outcome.value >= target.value - slack


def pair_targets(reports: list[Report]) -> list[TargetOutcome]:
    """Pair every annual target of year Y with the outcome reported in year Y+1, same place."""
    by_key = {((r.meta.county or r.meta.city), r.meta.year): r for r in reports if r.meta.year}
    pairs = []
    for (place, year), report in sorted(by_key.items(), key=lambda item: (str(item[0][0]), item[0][1])):
        later = by_key.get((place, year + 1))
        if later is None:
            continue
        outcomes = find_outcomes(later)
        for target in report.targets:
            if target.period != "annual" or target.indicator_canonical is None:
                continue
            match = next((o for o in outcomes if o.indicator_canonical == target.indicator_canonical
                          and o.change == target.change and o.unit == target.unit), None)
            if match is not None:
                pairs.append(TargetOutcome(place, year, target.indicator_canonical, target, match, _met(target, match)))
    return pairs
