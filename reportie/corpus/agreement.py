"""Inter-annotator agreement: strict span F1 per label between two independent annotations
of the same reports (the ceiling the models are measured against)."""

from __future__ import annotations

from ..labels import LABELS
from ..scoring import SpanScores, score_spans
from .records import GoldReport


def agreement(first: list[GoldReport], second: list[GoldReport]) -> tuple[SpanScores, dict[str, SpanScores]]:
    """Score ``second`` against ``first`` on the reports both annotated (F1 is symmetric)."""
    by_id = {r.id: r for r in first}
    total, per_report = SpanScores(), {}
    for report in second:
        if report.id in by_id:
            scores = score_spans([(s.start, s.end, s.label) for s in by_id[report.id].spans],
                                 [(s.start, s.end, s.label) for s in report.spans])
            per_report[report.id] = scores
            total.add(scores)
    return total, per_report


def format_agreement(total: SpanScores, per_report: dict[str, SpanScores]) -> str:
    lines = ["| label | F1 | spans A | spans B |", "|---|---|---|---|"]
    for label in LABELS:
        prf = total.per_label[label]
        lines.append(f"| {label} | {prf.f:.3f} | {prf.tp + prf.fn} | {prf.tp + prf.fp} |")
    lines.append(f"| micro | {total.micro.f:.3f} | | |")
    lines.append(f"| glossary pairs | {total.pairs.f:.3f} | {total.pairs.tp + total.pairs.fn} | {total.pairs.tp + total.pairs.fp} |")
    lines += ["", "| report | " + " | ".join(LABELS) + " | micro |", "|---|" + "---|" * (len(LABELS) + 1)]
    for rid, scores in sorted(per_report.items()):
        lines.append(f"| {rid} | " + " | ".join(f"{scores.per_label[l].f:.2f}" for l in LABELS) + f" | {scores.micro.f:.3f} |")
    return "\n".join(lines)
