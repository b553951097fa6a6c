"""SLOGAN candidates by rule: quoted coined formulas, and later unquoted uses of them.

The excluded classes of ANNOTATION.md (plan periods, honours, incident codes, statistical
categories, results like 零突破) are filtered by the patterns below; what remains is a
candidate list that the trained ner must beat.
"""

from __future__ import annotations

import re

from spacy.language import Language

from .spans import CharSpan, RuleSpans

_QUOTED = re.compile(r"[“\"「]([^“”\"「」\n]{2,20})[”\"」]")
_FORMULA = re.compile(r"[一二两三四五六七八九十百千万0-9+]|为王|经验|模式|工作法|助万企|放管服|最多跑")
_EXCLUDE = re.compile(
    r"^[一二三四五六七八九十]+五$|^\d+[·.]\d+$|^零|^[0-9.]+$|规划$|计划$|称号|示范|品牌|^十[一二三四五六七八九]五"
)
_AFTER_EXCLUDE = re.compile(r"^(?:称号|荣誉|企业|品牌|牌|奖|规划|计划|期间|时期|普法)")


def find_slogans(text: str) -> list[CharSpan]:
    found: list[CharSpan] = []
    lexicon: set[str] = set()
    for match in _QUOTED.finditer(text):
        inner = match.group(1).strip()
        after = text[match.end() : match.end() + 3]
        if not _FORMULA.search(inner) or _EXCLUDE.search(inner) or _AFTER_EXCLUDE.match(after):
            continue
        found.append((match.start(1), match.end(1), "SLOGAN"))
        lexicon.add(inner)
    if lexicon:
        quoted = {s for s, _, _ in found}
        pattern = re.compile("|".join(map(re.escape, sorted(lexicon, key=len, reverse=True))))
        found += [(m.start(), m.end(), "SLOGAN") for m in pattern.finditer(text) if m.start() not in quoted]
    return sorted(found)


@Language.factory("reportie_slogan_rules")
def make_slogan_rules(nlp: Language, name: str) -> RuleSpans:
    """Adds SLOGAN entities for quoted formulas and their unquoted repeats."""
    return RuleSpans(find_slogans)
