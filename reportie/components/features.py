"""Rule output as model features: what the rules know, written into ``token.tag_`` (no
tagger runs in reportie, so TAG is free) and embedded by ``MultiHashEmbed`` next to NORM,
PREFIX, SUFFIX and SHAPE.

Each token's tag joins: the kind of the section it sits in (review / plan /
government-building / glossary / other: a growth figure is a target only in a plan), its
place in a money expression found by rule (B/I), whether it is inside quotation marks, its
place on a line with a colon (before or after it), and whether its clause names a project
head word (项目/工程: list items far from their shared head). These reach further than the
tok2vec window.

Features are computed on the whole text the pipeline sees (a report, or a window of a long
one), because section context needs the headings. Training docs are paragraphs, so the
DocBin converter computes the same features on the whole report and stores them in the
reference docs, and ``reportie.Corpus.v1`` copies them onto the predicted docs: a doc that
arrives with tags keeps them, and training and parsing see the same features.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .money import find_money
from .sections import find_sections

_QUOTED = re.compile(r"[“「『\"]([^“”「」『』\"\n]{1,30})[”」』\"]")
_CLAUSE = re.compile(r"[^,;。:!?\n]+")
_PROJECT_HEAD = re.compile(r"项目|工程")


def _mark(features: list[list[str]], start: int, end: int, value: str) -> None:
    for i in range(start, end):
        features[i].append(value)


def text_features(text: str) -> list[str]:
    """The feature string of each character of ``text``."""
    features: list[list[str]] = [[] for _ in text]
    for section in find_sections(text):
        _mark(features, section.start, section.end, section.kind[:4])
    for start, end, _ in find_money(text):
        _mark(features, start, start + 1, "MB")
        _mark(features, start + 1, end, "MI")
    for match in _QUOTED.finditer(text):
        _mark(features, match.start(1), match.end(1), "Q")
    line_start = 0
    for line in text.split("\n"):
        colon = line.find(":")
        if 0 < colon < 45:
            _mark(features, line_start, line_start + colon, "C<")
            _mark(features, line_start + colon + 1, line_start + len(line), "C>")
        line_start += len(line) + 1
    for clause in _CLAUSE.finditer(text):
        if _PROJECT_HEAD.search(clause.group()):
            _mark(features, clause.start(), clause.end(), "P")
    return ["|".join(parts) or "none" for parts in features]


def set_features(doc: Doc, features: list[str], offset: int = 0) -> Doc:
    """Write ``features`` (of a text that holds ``doc.text`` at ``offset``) into ``token.tag_``:
    a paragraph or window of a report gets the features of the whole report."""
    for token in doc:
        token.tag_ = features[offset + token.idx]
    return doc


@Language.factory("reportie_rule_features")
def make_rule_features(nlp: Language, name: str) -> "RuleFeatures":
    return RuleFeatures()


class RuleFeatures:
    """Sets ``token.tag_`` to the rule features of each token's first character
    (:func:`text_features`), unless the doc already carries them (a training paragraph with
    the features of its whole report)."""

    def __call__(self, doc: Doc) -> Doc:
        if doc.has_annotation("TAG"):
            return doc
        return set_features(doc, text_features(doc.text))
