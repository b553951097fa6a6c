"""Sections by heading pattern (the medspacy Sectionizer idea): review / plan /
government-building / glossary / other, so that past results are never read as targets."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

KINDS = ("review", "plan", "government-building", "glossary", "other")
# A glossary heading: a short line around a glossary word, in markdown bold, 【】, ※…※, an
# HTML comment, after 附/附件/附件一 or a number ("2.注释"), with an optional "和说明" or
# "(按…排列)" tail.
GLOSSARY_HEADING = re.compile(
    r"^[\s#*>\[\]【<!\-※★☆◆■●]*(?:编辑\]?)?(?:\d{1,2}\s*[.、]\s*)?(?:附件?[一二三四五六七八九十\d]*\s*[:：]?\s*)?(?:\d{4}年)?[《》\w]{0,14}?"
    r"(名词解释|名词注释|名词解析|名词术语解释|词语注释|词语解释|用语注释|用语解释|术语解释|术语说明|用语说明|解释|释义|注\s?释|附注|情况说明)"
    r"(?:[和及]?(?:有关)?(?:情况)?的?说明)?(?:\([^()]{0,20}\))?[\s:*】\]\->※★☆◆■●]*$")
_TOP_HEADING = re.compile(r"^[\s#*]*(?:[一二三四五六七八九十]{1,3}[、.]|第[一二三四五六七八九十]{1,3}部分)\s*\S.{0,50}$")
# Unnumbered part headings on a line of their own ("2023年工作回顾", "**2024年工作安排**",
# "二〇二五年主要目标任务", "今后五年的目标任务", "2023年重点工作"): a year or period, then a
# part word; or "回顾2022年工作", "做好2023年工作".
_YEAR_HEADING = re.compile(
    r"^[\s#*【\[]*(?:(?:回顾|做好|关于)20\d\d年工作|(?:20\d\d|二[〇○零][一二三四五六七八九〇○零十]{2}|过去|今后|未来)"
    r"[^,。;:!?]{0,14}(?:回顾|安排|任务|目标|谋划|部署|思路|建议|重点工作|主要工作|政府工作))[\s*】\]]*$")
_YEAR = re.compile(r"20\d\d")
# An appendix line ("附件1", "附件:", "附表二"): what follows is neither the report's parts nor
# its glossary, even when numbered from 一 again right after a glossary (十件民生实事, 十大项目).
_APPENDIX_HEADING = re.compile(r"^[\s#*【\[]*附[件表]\s*[\d一二三四五六七八九十]{0,2}\s*:?[\s*】\]]*$")
_KIND_WORDS = (
    ("government-building", re.compile(r"自身建设|政府建设|人民满意|服务型政府|政府自身|法治政府|廉洁政府|政府治理|治理能力|作风建设")),
    ("review", re.compile(r"回顾|成就|过去|成绩|总结|成效|五年来|一年来")),
    ("plan", re.compile(r"安排|目标|任务|思路|重点|今后|展望|要求|部署|奋斗|工作建议|主要工作|谋划")),
)


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    heading: str
    kind: str


# Results still to come are no review: "努力在…上取得更大成效", "以优异成绩迎接…".
_RESULTS_TO_COME = re.compile(r"更(?:大|好|多|高|新|加显著)的?(?:成效|成绩|成就)|以优异成绩")


def heading_kind(heading: str) -> str:
    if GLOSSARY_HEADING.match(heading):
        return "glossary"
    words = _RESULTS_TO_COME.sub("", heading)
    for kind, pattern in _KIND_WORDS:
        if pattern.search(words):
            return kind
    return "other"


# A glossary may be divided like the report it explains ("《政府工作报告》释义" then
# "一、2013年工作回顾", "二、2014年工作安排"): numbering that starts again at 一 after the
# glossary heading numbers the glossary's own parts.
_FIRST_PART = re.compile(r"^[\s#*]*一[、.]")
_SECOND_PART = re.compile(r"^[\s#*]*二[、.]")
_PERIOD = re.compile(r"20\d\d|过去|五年|一年|本届|十[一二三四五]五|以来")  # of a review of a period, not of a field
# A part that sets out on what comes next ("二、乘势而上,开启新阶段…新征程", "二、奋力开创…新局面").
_SETTING_OUT = re.compile(r"开启|开创|新征程|新篇章|新局面|新阶段|谱写|奋力|开好局|起好步|迈进|展望")
_EXPLAINS_TERMS = re.compile(r"释义|解释|注\s?释")  # not an appendix of progress notes (…情况说明)


def _kinds(headings: list[str]) -> list[str]:
    """Each heading's kind. A heading without kind words continues the part before it
    (numbered sub-headings under "2023年工作安排"), except that one naming a later year
    than the review before it ("二、2020年工作") is that year's plan, as is the part 二 after a
review part 一 that names a period or that itself sets out ("开启…新征程"), and a first part naming
    an earlier year than a later part is the review, whatever its words. From a heading of
    explained terms (释义, 名词解释, 注释) followed by a part numbered 一 on, every heading is
    part of the glossary, up to an appendix line, which is "other" as are the parts below it."""
    kinds: list[str] = []
    reviewed = None
    glossary_parts = False
    years = [int(found.group()) if (found := _YEAR.search(heading)) else None for heading in headings]
    for i, (heading, year) in enumerate(zip(headings, years)):
        appendix = bool(_APPENDIX_HEADING.match(heading))
        kind = "other" if appendix else heading_kind(heading)
        glossary_parts = glossary_parts or (i > 0 and kinds[-1] == "glossary" and bool(_FIRST_PART.match(heading))
                                            and bool(_EXPLAINS_TERMS.search(headings[i - 1])))
        if not glossary_parts and kind in ("plan", "other") and year and reviewed is None \
                and any(later is not None and later > year for later in years[i + 1:]):
            kind = "review"  # the year a later part plans for comes after it: "一、攻坚奋斗的2022年", "二、…2023年"
        if appendix:
            glossary_parts = False
        elif glossary_parts:
            kind = "glossary"
        elif kind == "review" and year:
            reviewed = year
        elif kind == "other" and year and reviewed is not None and year > reviewed:
            kind = "plan"
        elif kind == "other" and kinds and kinds[-1] == "review" and "review" not in kinds[:-1] \
                and _FIRST_PART.match(headings[i - 1]) and _SECOND_PART.match(heading) \
                and (_PERIOD.search(headings[i - 1]) or _SETTING_OUT.search(heading)):
            kind = "plan"  # "一、2022年工作回顾" then "二、奋力开启…新征程": the part after the review
        elif kind == "other" and kinds and kinds[-1] in ("review", "plan", "government-building"):
            kind = kinds[-1]
        kinds.append(kind)
    return kinds


@lru_cache(maxsize=16)
def find_sections(text: str) -> tuple[Section, ...]:
    """Top-level sections of prepared text; text before the first heading is "other".
    Memoised: the features, the Sectionizer, the rule components and ``build_report`` all
    ask for the sections of the same text during one parse."""
    heads = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (_TOP_HEADING.match(line) or _YEAR_HEADING.match(line) or GLOSSARY_HEADING.match(line)
                         or _APPENDIX_HEADING.match(line)):
            start = offset + line.index(stripped)
            heads.append((start, stripped))
        offset += len(line) + 1
    sections = []
    if not heads or heads[0][0] > 0:
        sections.append(Section(0, heads[0][0] if heads else len(text), "", "other"))
    kinds = _kinds([heading for _, heading in heads])
    for (start, heading), kind, nxt in zip(heads, kinds, heads[1:] + [(len(text), "")]):
        sections.append(Section(start, nxt[0], heading, kind))
    return tuple(s for s in sections if s.end > s.start)


def section_at(sections: tuple[Section, ...] | list[Section], position: int) -> Section | None:
    return next((s for s in sections if s.start <= position < s.end), None)


if not Doc.has_extension("sections"):
    Doc.set_extension("sections", default=None)


@Language.factory("reportie_sections")
def make_sections(nlp: Language, name: str) -> "Sectionizer":
    return Sectionizer()


class Sectionizer:
    """Sets ``doc._.sections``: a list of plain dicts {start, end, heading, kind} (character
    offsets into doc.text; plain data, never Spans, so DocBin and multiprocessing work)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.sections = [asdict(s) for s in find_sections(doc.text)]
        return doc
