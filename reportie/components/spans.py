"""Writing character spans found by rules into a Doc: layer A to ``doc.ents``, layer B to
``doc.spans[SPANS_KEY]`` (the medspacy ``result_type`` idea: one mechanism, two targets)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..labels import SPANS_KEY, layer_of

CharSpan = tuple[int, int, str]


def to_token_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """The token span for a character span: exact if possible, else the tokens inside it."""
    return doc.char_span(start, end, label=label) or doc.char_span(start, end, label=label, alignment_mode="contract")


def covered(spans: Iterable[Span]) -> set[int]:
    """The token indices ``spans`` cover: what a new span of their layer must not overlap."""
    return {i for span in spans for i in range(span.start, span.end)}


def overlaps(span: Span, taken: set[int]) -> bool:
    return not taken.isdisjoint(range(span.start, span.end))


def add_spans(doc: Doc, found: Iterable[CharSpan]) -> Doc:
    """Add rule spans without displacing what is already there (a model's output wins)."""
    layer_a, layer_b = [], []
    for start, end, label in found:
        span = to_token_span(doc, start, end, label)
        if span is not None and len(span):
            (layer_a if layer_of(label) == "A" else layer_b).append(span)
    if layer_a:
        existing = list(doc.ents)
        taken = covered(existing)
        doc.set_ents(existing + [s for s in filter_spans(layer_a) if not overlaps(s, taken)])
    if layer_b:
        group = list(doc.spans.get(SPANS_KEY, []))
        taken = covered(group)
        doc.spans[SPANS_KEY] = group + [s for s in filter_spans(layer_b) if not overlaps(s, taken)]
    return doc


def drop_spans(doc: Doc, drop: Callable[[Span], bool]) -> Doc:
    """Remove the spans ``drop`` picks from both layers (``doc.ents`` and ``doc.spans[SPANS_KEY]``):
    the one way filters and replacing rules take model output out."""
    kept = [ent for ent in doc.ents if not drop(ent)]
    if len(kept) < len(doc.ents):  # leave untouched entity annotation as it is
        doc.set_ents(kept)
    if SPANS_KEY in doc.spans:
        doc.spans[SPANS_KEY] = [span for span in doc.spans[SPANS_KEY] if not drop(span)]
    return doc


class RuleSpans:
    """A rule component: adds the character spans a finder returns for ``doc.text``
    (layer A to ``doc.ents``, layer B to ``doc.spans``) without displacing model output;
    with ``replaces``, the model's spans of that label are dropped first, for a label the
    rule reads better than the model."""

    def __init__(self, finder: Callable[[str], list[CharSpan]], replaces: str | None = None) -> None:
        self.finder = finder
        self.replaces = replaces

    def __call__(self, doc: Doc) -> Doc:
        if self.replaces is not None:
            drop_spans(doc, lambda span: span.label_ == self.replaces)
        return add_spans(doc, self.finder(doc.text))
