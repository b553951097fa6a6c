"""Span edges: the sentence's separators belong to no span.

ANNOTATION.md spans are names, amounts, formulas, goals and glossary entries; no gold span
starts or ends with a separator (、 , ; : 。 ! ?), none keeps a quotation mark or bracket whose
partner lies outside it, and none keeps a pair that encloses it all. A model that tags tokens
sometimes takes the separator after a formula (六稳、) or half of a nested quote (两重’) with
it, or the footnote marker after a phrase (改造提升〔22〕); this trims such edges.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..labels import SPANS_KEY

_SEPARATORS = frozenset("、,;:。!?，；：！？ \n\t")
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "(": ")", "（": "）", "[": "]", "〔": "〕"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
# A footnote marker after a span ([1], 〔22〕, (12), ①) is the report's reference, not the span's.
_FOOTNOTE = re.compile(r"(?:\[\d{1,3}\]|〔\d{1,3}〕|\(\d{1,3}\)|[①-⑳])$")


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without edge separators, without a closing footnote marker, without a
    pair of marks that encloses the whole span, and without an opening (closing) mark at the
    start (end) whose partner is not inside it; a span of punctuation alone comes back empty
    (start == end)."""
    while start < end:
        first, last, inner = text[start], text[end - 1], text[start:end]
        marker = _FOOTNOTE.search(inner)
        if marker and marker.start() > 0:
            end = start + marker.start()
        elif first in _PAIRS and inner.find(_PAIRS[first], 1) == len(inner) - 1:  # “…” enclosing it all
            start, end = start + 1, end - 1
        elif first in _SEPARATORS or (first in _PAIRS and _PAIRS[first] not in inner[1:]):
            start += 1
        elif last in _SEPARATORS or (last in _CLOSERS and _CLOSERS[last] not in inner[:-1]):
            end -= 1
        else:
            break
    return start, end


def _trim_span(doc: Doc, text: str, span: Span) -> Span | None:
    start, end = trimmed(text, span.start_char, span.end_char)
    if (start, end) == (span.start_char, span.end_char):
        return span
    if start == end:
        return None
    return doc.char_span(start, end, label=span.label_) or span  # a cut inside a token: leave it as it was


@Language.factory("reportie_span_edges")
def make_span_edges(nlp: Language, name: str) -> "SpanEdges":
    return SpanEdges()


class SpanEdges:
    """Trims separators, footnote markers and stray or enclosing quotation marks from the
    edges of every span, in both layers (:func:`trimmed`); a span that is nothing but
    punctuation is dropped."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text joins the tokens on every call: once per doc
        ents = [span for span in (_trim_span(doc, text, ent) for ent in doc.ents) if span is not None]
        if [(e.start, e.end) for e in ents] != [(e.start, e.end) for e in doc.ents]:
            doc.set_ents(ents)
        if SPANS_KEY in doc.spans:
            group = doc.spans[SPANS_KEY]
            spans = [span for span in (_trim_span(doc, text, s) for s in group) if span is not None]
            if [(s.start, s.end) for s in spans] != [(s.start, s.end) for s in group]:
                doc.spans[SPANS_KEY] = spans
        return doc
