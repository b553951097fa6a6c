"""Evaluating a pipeline on gold reports: strict character spans per label, per report."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language

from .api import parse
from .corpus.records import GoldReport
from .labels import LABELS
from .scoring import SpanScores, error_examples, score_spans


@dataclass
class EvaluationResult:
    total: SpanScores = field(default_factory=SpanScores)
    per_report: dict[str, SpanScores] = field(default_factory=dict)
    errors: dict[str, list[dict]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"total": self.total.to_dict(), "per_report": {k: v.to_dict() for k, v in self.per_report.items()}}


def evaluate_reports(reports: list[GoldReport], nlp: Language) -> EvaluationResult:
    result = EvaluationResult()
    for report in reports:
        predicted = parse(report.text, nlp=nlp)
        gold = [(s.start, s.end, s.label) for s in report.spans]
        pred = [(s.start, s.end, s.label) for s in predicted.spans]
        scores = score_spans(gold, pred)
        result.per_report[report.id] = scores
        result.errors[report.id] = error_examples(report.text, gold, pred)
        result.total.add(scores)
    return result


def format_scores(result: EvaluationResult) -> str:
    lines = ["| label | P | R | F1 | gold | pred |", "|---|---|---|---|---|---|"]
    for label in LABELS:
        prf = result.total.per_label[label]
        lines.append(f"| {label} | {prf.p:.3f} | {prf.r:.3f} | {prf.f:.3f} | {prf.tp + prf.fn} | {prf.tp + prf.fp} |")
    micro = result.total.micro
    lines.append(f"| micro | {micro.p:.3f} | {micro.r:.3f} | {micro.f:.3f} | | |")
    lines.append(f"| macro F1 | | | {result.total.macro_f:.3f} | | |")
    pairs = result.total.pairs
    lines.append(f"| glossary pairs | {pairs.p:.3f} | {pairs.r:.3f} | {pairs.f:.3f} | {pairs.tp + pairs.fn} | {pairs.tp + pairs.fp} |")
    return "\n".join(lines)
