"""Strict span scoring: exact (start, end, label) matches on character offsets, per label,
micro and macro, plus glossary-pair accuracy. Models, rules and annotators are all scored
by these functions, so their figures compare."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .labels import LABELS

Triple = tuple[int, int, str]


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class SpanScores:
    per_label: dict[str, PRF] = field(default_factory=lambda: {label: PRF() for label in LABELS})
    pairs: PRF = field(default_factory=PRF)

    @property
    def micro(self) -> PRF:
        total = PRF()
        for prf in self.per_label.values():
            total.add(prf)
        return total

    @property
    def macro_f(self) -> float:
        present = [prf for prf in self.per_label.values() if prf.tp + prf.fn]
        return sum(p.f for p in present) / len(present) if present else 0.0

    def add(self, other: "SpanScores") -> None:
        for label, prf in other.per_label.items():
            self.per_label[label].add(prf)
        self.pairs.add(other.pairs)

    def to_dict(self) -> dict:
        rows = {label: {"p": prf.p, "r": prf.r, "f": prf.f, "tp": prf.tp, "fp": prf.fp, "fn": prf.fn}
                for label, prf in self.per_label.items()}
        micro = self.micro
        return {"per_label": rows, "micro": {"p": micro.p, "r": micro.r, "f": micro.f}, "macro_f": self.macro_f,
                "glossary_pairs": {"p": self.pairs.p, "r": self.pairs.r, "f": self.pairs.f,
                                   "tp": self.pairs.tp, "fp": self.pairs.fp, "fn": self.pairs.fn}}


def glossary_pairs(spans: Iterable[Triple]) -> set[tuple[int, int, int, int]]:
    """(term, definition) offset pairs: each GLOSS_TERM with the first GLOSS_DEF after it."""
    ordered = sorted((s for s in spans if s[2] in ("GLOSS_TERM", "GLOSS_DEF")), key=lambda s: (s[0], s[1]))
    pairs = set()
    for index, (start, end, label) in enumerate(ordered):
        if label == "GLOSS_TERM":
            definition = next((d for d in ordered[index + 1:] if d[2] == "GLOSS_DEF"), None)
            if definition:
                pairs.add((start, end, definition[0], definition[1]))
    return pairs


def _prf(gold: set, pred: set) -> PRF:
    return PRF(len(gold & pred), len(pred - gold), len(gold - pred))


def score_spans(gold: Iterable[Triple], pred: Iterable[Triple]) -> SpanScores:
    gold_set, pred_set = set(gold), set(pred)
    scores = SpanScores()
    for label in LABELS:
        scores.per_label[label] = _prf({g for g in gold_set if g[2] == label}, {p for p in pred_set if p[2] == label})
    scores.pairs = _prf(glossary_pairs(gold_set), glossary_pairs(pred_set))
    return scores


def error_examples(text: str, gold: Iterable[Triple], pred: Iterable[Triple], width: int = 15) -> list[dict]:
    """False positives and negatives with their context, for a report a person reads."""
    gold_set, pred_set = set(gold), set(pred)
    rows = []
    for kind, spans in (("FN", gold_set - pred_set), ("FP", pred_set - gold_set)):
        for start, end, label in sorted(spans):
            rows.append({"kind": kind, "label": label, "start": start, "end": end, "text": text[start:end],
                         "left": text[max(0, start - width):start], "right": text[end:end + width]})
    return rows
