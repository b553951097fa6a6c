"""Evaluating a pipeline on gold reports: strict character spans per label, per report."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .api import parse
from .corpus.records import GoldReport
from .labels import LAYER_A, LAYER_B
from .scoring import SpanScores, Triple, error_examples, score_spans
from .textprep import prepare


@dataclass
class EvaluationResult:
    total: SpanScores = field(default_factory=SpanScores)
    per_report: dict[str, SpanScores] = field(default_factory=dict)
    errors: dict[str, list[dict]] = field(default_factory=dict)
    seqeval: dict[str, dict[str, float]] = field(default_factory=dict)
    gold_tags: list[list[str]] = field(default_factory=list, repr=False)
    pred_tags: list[list[str]] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        return {"total": self.total.to_dict(), "seqeval": self.seqeval,
                "per_report": {k: v.to_dict() for k, v in self.per_report.items()}}


def iob2(doc: Doc, spans: list[Triple], labels: tuple[str, ...]) -> list[str]:
    """IOB2 tags of one layer on the pipeline's tokens (character spans expanded to tokens)."""
    tags = ["O"] * len(doc)
    for start, end, label in sorted(spans):
        if label not in labels:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(tags[i] != "O" for i in range(span.start, span.end)):
            continue
        tags[span.start] = f"B-{label}"
        for i in range(span.start + 1, span.end):
            tags[i] = f"I-{label}"
    return tags


def _prepared_spans(prepared, spans: list[Triple]) -> list[Triple]:
    mapped = []
    for start, end, label in spans:
        image = prepared.from_raw(start, end)
        if image is not None:
            mapped.append((image[0], image[1], label))
    return mapped


def seqeval_report(gold_tags: list[list[str]], pred_tags: list[list[str]]) -> dict[str, dict[str, float]]:
    """Strict IOB2 entity P/R/F1 per label with seqeval (the CoNLL-style figure)."""
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    if not gold_tags:
        return {}
    report = classification_report(gold_tags, pred_tags, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    return {label: {"p": float(row["precision"]), "r": float(row["recall"]), "f": float(row["f1-score"]),
                    "support": int(row["support"])} for label, row in report.items()}


def evaluate_reports(reports: list[GoldReport], nlp: Language) -> EvaluationResult:
    """Score ``nlp`` on gold reports: exact character spans, glossary pairs and seqeval."""
    result = EvaluationResult()
    for report in reports:
        predicted = parse(report.text, nlp=nlp)
        gold = [(s.start, s.end, s.label) for s in report.spans]
        pred = [(s.start, s.end, s.label) for s in predicted.spans]
        scores = score_spans(gold, pred)
        result.per_report[report.id] = scores
        result.errors[report.id] = error_examples(report.text, gold, pred)
        result.total.add(scores)
        prepared = prepare(report.text)
        doc = nlp.make_doc(prepared.text)
        for layer in (LAYER_A, LAYER_B):
            result.gold_tags.append(iob2(doc, _prepared_spans(prepared, gold), layer))
            result.pred_tags.append(iob2(doc, _prepared_spans(prepared, pred), layer))
    result.seqeval = seqeval_report(result.gold_tags, result.pred_tags)
    return result
