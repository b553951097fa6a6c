"""Rule output as model features: what the rules know, written into ``token.tag_`` (no
tagger runs in reportie, so TAG is free) and embedded by ``MultiHashEmbed`` next to NORM,
PREFIX, SUFFIX and SHAPE.

Each token's tag joins: the section kind of its line when that line is a heading (review /
plan / government-building / glossary), its place in a money expression found by rule
(B/I), whether it is inside quotation marks, and its place on a line with a colon (before
or after it). Features are computed line by line, because the models are trained on
paragraph docs: a feature that needed the whole report would differ between training and
parsing. The component runs before ``tok2vec`` at inference and as an annotating component
in training, so the trained layers see the same features in both.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .money import find_money
from .sections import find_sections

_OPEN, _CLOSE = "“「『\"", "”」』\""


def line_features(text: str) -> list[str]:
    """Features of each character of one line (or paragraph)."""
    char_section = [""] * len(text)
    for section in find_sections(text):
        for i in range(section.start, section.end):
            char_section[i] = section.kind[:4]
    money = [""] * len(text)
    for start, end, _ in find_money(text):
        money[start] = "MB"
        for i in range(start + 1, end):
            money[i] = "MI"
    quoted = [False] * len(text)
    for match in re.finditer(r"[“「『\"]([^“”「」『』\"\n]{1,30})[”」』\"]", text):
        for i in range(match.start(1), match.end(1)):
            quoted[i] = True
    colon_side = [""] * len(text)
    line_start = 0
    for line in text.split("\n"):
        colon = line.find(":")
        if 0 < colon < 45:
            for i in range(line_start, line_start + colon):
                colon_side[i] = "C<"
            for i in range(line_start + colon + 1, line_start + len(line)):
                colon_side[i] = "C>"
        line_start += len(line) + 1
    return ["|".join(p for p in (char_section[i] or "none", money[i], "Q" if quoted[i] else "", colon_side[i]) if p)
            for i in range(len(text))]


def token_features(doc: Doc) -> list[str]:
    """The features of each token's first character, computed line by line."""
    features: list[str] = []
    for line in doc.text.split("\n"):
        features.extend(line_features(line))
        features.append("none")  # the newline itself
    return [features[token.idx] for token in doc]


@Language.factory("reportie_rule_features")
def make_rule_features(nlp: Language, name: str) -> "RuleFeatures":
    return RuleFeatures()


class RuleFeatures:
    """Sets ``token.tag_`` to the rule features of :func:`token_features`."""

    def __call__(self, doc: Doc) -> Doc:
        for token, tag in zip(doc, token_features(doc)):
            token.tag_ = tag
        return doc
