"""TARGET by rule: "indicator + change verb + number + unit + qualifier" clauses inside the
plan sections only (ANNOTATION.md: past results are never targets)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .sections import find_sections
from .spans import CharSpan, RuleSpans, drop_spans

_LEAD = re.compile(r"^(?:(?:全年|今年|明年|到20\d\d年(?:底)?|20\d\d年|力争|确保|争取|计划|努力|完成|实现|实施|预计|目标是|主要预期目标是|以上|其中)[,:]?)+")
_VERB = r"(?:同比)?(?:增长|提高|提升|达到|达|突破|超过|控制在|保持在|稳定在|下降|降低|新增|新建|新签约|改造|完成|实现|缩小到)"
_VALUE = r"[0-9]+(?:\.[0-9]+)?(?:%|个百分点|亿元|万元|元|万人|万吨|万亩|亩|个|家|公里|户|所|套|万平方米|平方米|人|项|座|千瓦|万千瓦)?"
_CLAUSE_TARGET = re.compile(rf"^(?P<body>[^,;。:]{{2,30}}?{_VERB}[^,;。]{{0,6}}?{_VALUE}(?:以上|左右|以内|以下)?)")


def find_targets(text: str) -> list[CharSpan]:
    found: list[CharSpan] = []
    for section in find_sections(text):
        if section.kind != "plan":
            continue
        for clause in re.finditer(r"[^,;。:!\n]+", text[section.start : section.end]):
            raw = clause.group()
            lead = _LEAD.match(raw.strip())
            offset = section.start + clause.start() + (len(raw) - len(raw.lstrip())) + (lead.end() if lead else 0)
            body = text[offset : section.start + clause.end()]
            match = _CLAUSE_TARGET.match(body)
            if match and re.search(r"[0-9]", match.group("body")):
                found.append((offset, offset + len(match.group("body")), "TARGET"))
    return found


@Language.factory("reportie_target_rules")
def make_target_rules(nlp: Language, name: str) -> RuleSpans:
    """Adds TARGET spans found by :func:`find_targets` to ``doc.spans["sc"]``."""
    return RuleSpans(find_targets)


@Language.factory("reportie_review_filter")
def make_review_filter(nlp: Language, name: str) -> "ReviewFilter":
    return ReviewFilter()


class ReviewFilter:
    """Drops TARGET spans that lie in a review section or a glossary: a model that reads
    paragraph by paragraph cannot tell last year's result (增长5.6%) from this year's goal,
    nor a glossary entry that restates a goal (〔22〕6个老旧小区改造提升：…) from the goal where
    it is set; the section headings can (ANNOTATION.md: past results are not targets; no gold
    target lies in a glossary)."""

    def __call__(self, doc: Doc) -> Doc:
        no_goals = [(s.start, s.end) for s in find_sections(doc.text) if s.kind in ("review", "glossary")]
        return drop_spans(doc, lambda span: span.label_ == "TARGET"
                          and any(a <= span.start_char < b for a, b in no_goals))
