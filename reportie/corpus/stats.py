"""Counts per label per report and span-length distributions, as Markdown tables."""

from __future__ import annotations

import statistics
from collections import Counter

from ..labels import LABELS
from .records import GoldReport


def format_stats(reports: list[GoldReport]) -> str:
    header = "| report | chars | " + " | ".join(LABELS) + " |"
    lines = ["## Spans per report", "", header, "|" + "---|" * (len(LABELS) + 2)]
    totals: Counter[str] = Counter()
    lengths: dict[str, list[int]] = {label: [] for label in LABELS}
    for report in sorted(reports, key=lambda r: r.id):
        counts = Counter(span.label for span in report.spans)
        totals.update(counts)
        for span in report.spans:
            lengths[span.label].append(span.end - span.start)
        lines.append(f"| {report.id} | {len(report.text)} | " + " | ".join(str(counts[l]) for l in LABELS) + " |")
    chars = sum(len(r.text) for r in reports)
    lines.append(f"| **total ({len(reports)})** | {chars} | " + " | ".join(str(totals[l]) for l in LABELS) + " |")
    lines += ["", "## Span length in characters", "", "| label | n | min | median | p90 | max |", "|---|---|---|---|---|---|"]
    for label in LABELS:
        values = sorted(lengths[label])
        if values:
            p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
            lines.append(f"| {label} | {len(values)} | {values[0]} | {statistics.median(values):g} | {p90} | {values[-1]} |")
        else:
            lines.append(f"| {label} | 0 | - | - | - | - |")
    return "\n".join(lines)
