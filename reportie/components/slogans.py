"""SLOGAN candidates by rule: quoted coined formulas, and later unquoted uses of them.

The excluded classes of ANNOTATION.md (plan periods, honours, incident codes, statistical
categories, results like 零突破) are filtered by the patterns below; what remains is a
candidate list that the trained ner must beat.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .spans import CharSpan, RuleSpans, drop_spans

_QUOTED = re.compile(r"[“\"「]([^“”\"「」\n]{2,20})[”\"」]")
_FORMULA = re.compile(r"[一二两三四五六七八九十百千万0-9+]|为王|经验|模式|工作法|助万企|放管服|最多跑")
# ANNOTATION.md "Not SLOGAN", the unambiguous part: plan periods (“十四五”, “八五”普法),
# incident codes (“7·21”) and nicknames of measure packages (稳经济47条, 保才十八条) by their
# shape; honours, statistical categories, brands and periods by the word after the quote
# (“…”称号, “四上”企业, “…”品牌, “十二五”时期).
_NOT_SLOGAN = re.compile(r"^(?:[一二三四五六七八九十]+|十[一二三四五六七八九])五$|^\d+[·.]\d+$|[0-9一二三四五六七八九十百]+条$")
_NOT_SLOGAN_BEFORE = re.compile(r"^[”\"」]?(?:称号|荣誉|企业|品牌|牌|奖|期间|时期|普法)")
# The rule also leaves out what only looks like a formula: results (零突破), bare numbers,
# plans and programmes, demonstration titles.
_EXCLUDE = re.compile(r"^零|^[0-9.]+$|^十[一二三四五六七八九]五|规划$|计划$|称号|示范|品牌")
_AFTER_EXCLUDE = re.compile(r"^(?:规划|计划)")


def is_excluded_slogan(inner: str, after: str) -> bool:
    """True for a quoted phrase of a class ANNOTATION.md excludes from SLOGAN, unmistakably:
    ``inner`` is the phrase, ``after`` the text that follows it."""
    return bool(_NOT_SLOGAN.search(inner) or _NOT_SLOGAN_BEFORE.match(after))


# ANNOTATION.md "Not SLOGAN": scare quotes, words quoted to name a problem, not a formula:
# 整治不动产“登记难”问题, 严打“村霸”“乡霸”, 不搞“面子工程”. Seen through a run of quoted items
# (“甩锅”“一放了之”问题), and only for phrases without the marks of a formula (_FORMULA):
# “四风”问题 and “三农”问题 name formulas.
_QUOTED_RUN_BEFORE = re.compile(r"(?:[“\"「][^“”\"「」\n]{1,20}[”\"」]\s*)*[“\"「]$")
_QUOTED_RUN_AFTER = re.compile(r"[”\"」](?:\s*[“\"「][^“”\"「」\n]{1,20}[”\"」])*")
_PROBLEM_AFTER = re.compile(r"等?(?:问题|现象)")  # used with match(): anchored there
_PROBLEM_BEFORE = re.compile(r"(?:严打|打击|不搞|杜绝|防止|纠治)$")


def is_scare_quote(text: str, start: int, end: int) -> bool:
    """True for a quoted phrase at ``text[start:end]`` that names a problem: no mark of a
    formula, and 问题/现象 after its run of quoted items or a verb of fighting (严打, 不搞,
    杜绝 …) before it."""
    if _FORMULA.search(text[start:end]):
        return False
    before = _QUOTED_RUN_BEFORE.search(text, max(0, start - 200), start)
    after = _QUOTED_RUN_AFTER.match(text, end, end + 200)
    if before is None or after is None:
        return False
    return bool(_PROBLEM_AFTER.match(text, after.end()) or _PROBLEM_BEFORE.search(text, max(0, before.start() - 4), before.start()))


def find_slogans(text: str) -> list[CharSpan]:
    found: list[CharSpan] = []
    lexicon: set[str] = set()
    for match in _QUOTED.finditer(text):
        inner = match.group(1).strip()
        after = text[match.end() : match.end() + 3]
        if (not _FORMULA.search(inner) or is_excluded_slogan(inner, after) or _EXCLUDE.search(inner)
                or _AFTER_EXCLUDE.match(after)):
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


@Language.factory("reportie_slogan_filter")
def make_slogan_filter(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A filter of model output: ``drop_excluded_slogans``."""
    return drop_excluded_slogans


def drop_excluded_slogans(doc: Doc) -> Doc:
    """Drops SLOGAN entities of the classes :func:`is_excluded_slogan` names, and scare quotes
    (:func:`is_scare_quote`). The model learns 提法 from the reports it saw; a plan period it
    never saw (“十一五”, “十五五”), a quoted brand or a quoted problem looks like one to it."""
    text = doc.text
    return drop_spans(doc, lambda span: span.label_ == "SLOGAN"
                      and (is_excluded_slogan(span.text, text[span.end_char:span.end_char + 4])
                           or is_scare_quote(text, span.start_char, span.end_char)))
