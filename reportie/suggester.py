"""Span candidates for layer B (TARGET, GLOSS_TERM, GLOSS_DEF) that follow the shape of
the text instead of every n-gram.

Targets sit inside a clause (地区生产总值增长8.5%以上) and always hold a number; 分别
sentences and glossary definitions run across clauses up to the end of a sentence or line;
glossary terms end at a colon. So the suggester proposes (1) every sub-span, up to
``max_clause_tokens`` tokens, of a clause that holds a number or ends at a colon, (2) spans
from each clause start to each later clause end inside one sentence when they hold a number,
and (3) from just after a
colon to each later 。 of its line and to the line end (glossary definitions).
Measured in ``benchmarks/suggester.py``: far fewer candidates than n-grams of the same
reach, and the share of gold spans they cover.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from spacy.attrs import IS_SPACE, LIKE_NUM
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ragged

from .labels import SPANS_KEY

CLAUSE_ENDS = frozenset(",;。:!?,;:!?")
SENTENCE_ENDS = frozenset("。;!?;!?")


def _pieces(texts: list[str], spaces: list[bool]) -> tuple[list[tuple[int, int]], list[int]]:
    """Clauses as token ranges (delimiters and whitespace excluded), and for each clause
    the index of the sentence it belongs to."""
    clauses, sentence_of = [], []
    sentence, start = 0, None
    for i, text in enumerate(texts):
        newline = "\n" in text
        if text in CLAUSE_ENDS or newline or spaces[i]:
            if start is not None:
                clauses.append((start, i))
                sentence_of.append(sentence)
                start = None
            if text in SENTENCE_ENDS or newline:
                sentence += 1
        elif start is None:
            start = i
    if start is not None:
        clauses.append((start, len(texts)))
        sentence_of.append(sentence)
    return clauses, sentence_of


def _definitions(texts: list[str], spaces: list[bool], start: int, end: int, max_tokens: int,
                 found: set[tuple[int, int]]) -> None:
    """From after each colon of a line to each later 。 and to the line end (final 。 and
    spaces left out): glossary definitions, one or several entries per line."""
    colons = [i for i in range(start, end) if texts[i] in (":", "：")]
    stops = [i for i in range(start, end) if texts[i] == "。"]
    last = end
    while last > start and (spaces[last - 1] or texts[last - 1] == "。"):
        last -= 1
    for colon in colons[:12]:
        for stop in [s for s in stops if s > colon + 1] + [last]:
            if colon + 1 < stop and stop - colon - 1 <= max_tokens:
                found.add((colon + 1, stop))


def candidate_spans(doc: Doc, max_clause_tokens: int = 20, max_sentence_clauses: int = 8,
                    max_span_tokens: int = 300) -> list[tuple[int, int]]:
    """Candidate (start, end) token ranges of ``doc``; plain lists, not Tokens, for speed."""
    texts = [token.text for token in doc]
    flags = doc.to_array([LIKE_NUM, IS_SPACE]).tolist() if len(doc) else []
    spaces = [bool(space) for _, space in flags]
    has_digit = [bool(like_num) or any(c.isdigit() for c in text) for (like_num, _), text in zip(flags, texts)]
    found: set[tuple[int, int]] = set()
    clauses, sentence_of = _pieces(texts, spaces)
    numeric = [any(has_digit[a:b]) for a, b in clauses]
    before_colon = [b < len(texts) and texts[b] in (":", "：") for _, b in clauses]
    for (start, end), has_number, is_term in zip(clauses, numeric, before_colon):
        if not (has_number or is_term):  # a target has a number; a glossary term ends at a colon
            continue
        for a in range(start, end):
            found.update((a, b) for b in range(a + 1, min(end, a + max_clause_tokens) + 1))
    for i, (start, _) in enumerate(clauses):
        for j in range(i + 1, min(len(clauses), i + max_sentence_clauses)):
            if sentence_of[j] != sentence_of[i]:
                break
            if clauses[j][1] - start <= max_span_tokens and any(numeric[i:j + 1]):
                found.add((start, clauses[j][1]))
    line_start = 0
    for i, text in enumerate(texts + ["\n"]):
        if "\n" in text:
            _definitions(texts, spaces, line_start, i, max_span_tokens, found)
            line_start = i + 1
    return sorted(found)


def coverage(docs: Iterable[Doc], suggest: Callable[[Doc], Iterable[tuple[int, int]]] = candidate_spans
             ) -> tuple[int, Counter, Counter]:
    """How many candidates ``suggest`` proposes over gold docs, and per label how many gold
    layer-B spans there are and how many of them are among the candidates."""
    candidates, total, covered = 0, Counter(), Counter()
    for doc in docs:
        found = set(suggest(doc))
        candidates += len(found)
        for span in doc.spans[SPANS_KEY]:
            total[span.label_] += 1
            covered[span.label_] += (span.start, span.end) in found
    return candidates, total, covered


def clause_suggester(docs: Iterable[Doc], *, ops: Ops | None = None, max_clause_tokens: int = 20,
                     max_sentence_clauses: int = 8) -> Ragged:
    ops = ops or get_current_ops()
    spans, lengths = [], []
    for doc in docs:
        found = candidate_spans(doc, max_clause_tokens, max_sentence_clauses)
        spans.extend(found)
        lengths.append(len(found))
    data = ops.asarray2i(spans) if spans else ops.xp.zeros((0, 2), dtype="i")
    return Ragged(data, ops.asarray1i(lengths))


@registry.misc("reportie.clause_suggester.v1")
def build_clause_suggester(max_clause_tokens: int = 20, max_sentence_clauses: int = 8):
    """Config entry point: ``@misc = "reportie.clause_suggester.v1"``."""

    def suggest(docs: Iterable[Doc], *, ops: Ops | None = None) -> Ragged:
        return clause_suggester(docs, ops=ops, max_clause_tokens=max_clause_tokens,
                                max_sentence_clauses=max_sentence_clauses)

    return suggest
