"""A cross-report lexicon of slogans: how each formula spreads across places and years,
with the definitions the glossaries give it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .report import Report


def normalise(slogan: str) -> str:
    """One key per formula whatever the script or quotes: 萬人助萬企 and 万人助万企 meet."""
    from .textprep import prepare

    return re.sub(r"[\s“”\"「」‘’]", "", prepare(slogan).text)


def build_lexicon(reports: Iterable[tuple[str, Report]]) -> list[dict]:
    entries: dict[str, dict] = {}
    for key, report in reports:
        place = report.meta.county or report.meta.city
        for slogan in report.slogans:
            entry = entries.setdefault(normalise(slogan.text), {"slogan": normalise(slogan.text), "mentions": 0,
                                                                 "definitions": [], "reports": [], "places": [], "years": []})
            entry["mentions"] += 1
            if slogan.definition and slogan.definition not in entry["definitions"]:
                entry["definitions"].append(slogan.definition)
            for field, value in (("reports", key), ("places", place), ("years", report.meta.year)):
                if value is not None and value not in entry[field]:
                    entry[field].append(value)
    return sorted(entries.values(), key=lambda e: (-len(e["reports"]), -e["mentions"], e["slogan"]))


def format_lexicon(entries: list[dict], limit: int = 200) -> str:
    lines = ["| slogan | reports | mentions | years | places | definition |", "|---|---|---|---|---|---|"]
    for entry in entries[:limit]:
        years = ",".join(map(str, sorted(entry["years"])))
        definition = (entry["definitions"][0][:60] + "…") if entry["definitions"] else ""
        lines.append(f"| {entry['slogan']} | {len(entry['reports'])} | {entry['mentions']} | {years} | "
                     f"{'、'.join(map(str, entry['places'][:5]))} | {definition} |")
    return "\n".join(lines)
