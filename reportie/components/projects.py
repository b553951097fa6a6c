"""PROJECT by rule: names ending in a project head word next to investment or status words."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .spans import CharSpan, RuleSpans, add_spans

_NAME = r"[^\s,,、。;;:“”\"()等的和及与]{2,30}?(?:\([^()]{1,8}\))?[^\s,,、。;;:“”\"()等的和及与]{0,12}?"
_HEAD = r"(?:项目(?:[一二三四]期)?|工程|[一二三四]期)"
_PROJECT = re.compile(
    rf"(?:总投资|投资)[^,,。;的]{{1,16}}的(?P<a>{_NAME}{_HEAD})"
    rf"|(?<=[,,、。;;:\s])(?P<b>{_NAME}{_HEAD})(?=(?:建成|竣工|开工|投产|签约|落地|完工|投用|顺利|正式|全面|主体))"
)
_GENERIC = re.compile(r"^(?:[0-9]+个|[一二三四五六七八九十两]+个|重大|重点|省市|省级|市级|县级|前期|基础设施|民生|产业链?|新建|续建|在建|招商|棚改|大|新|各类|一批)")


def find_projects(text: str) -> list[CharSpan]:
    found = []
    for match in _PROJECT.finditer(text):
        group = "a" if match.group("a") else "b"
        name = match.group(group)
        if len(name) >= 5 and not _GENERIC.match(name):
            found.append((match.start(group), match.end(group), "PROJECT"))
    return found


@Language.factory("reportie_project_rules")
def make_project_rules(nlp: Language, name: str) -> RuleSpans:
    """Adds PROJECT entities found by :func:`find_projects` where no entity is yet."""
    return RuleSpans(find_projects)


# ANNOTATION.md, "Not PROJECT": generic classes and counts (省市重点项目, 产业链项目, 14个 …)
# name no project of their own; a count also never starts a name.
_COUNT = re.compile(r"(?:[0-9]+|[一二三四五六七八九十两百千几]+)[余多]?个")
_CLASS_WORDS = re.compile(
    r"省市|省级|市级|县级|区级|国家级|重点|重大|前期|产业链?|基础设施|民生|新建|续建|在建|新开工|签约|"
    r"棚改|巩固脱贫成果|招商引资|亿元以上|千万元以上|一批|各类|项目|工程|建设")
_IDENTIFYING = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def is_generic_project(name: str) -> bool:
    """True for a count phrase, or for a name made only of class words (nothing identifying)."""
    return bool(_COUNT.search(name)) or len(_IDENTIFYING.findall(_CLASS_WORDS.sub("", name))) < 2


@Language.factory("reportie_project_filter")
def make_project_filter(nlp: Language, name: str) -> "ProjectFilter":
    return ProjectFilter()


class ProjectFilter:
    """Drops PROJECT entities that are generic classes or counts (:func:`is_generic_project`):
    the model learns names from a few thousand examples and sometimes takes the class phrase
    around a list (1800余个重点项目) for a name."""

    def __call__(self, doc: Doc) -> Doc:
        doc.set_ents([e for e in doc.ents if e.label_ != "PROJECT" or not is_generic_project(e.text)])
        return doc


# A list of projects: items joined by 、 in one clause, closed by 等…项目/工程 (ANNOTATION.md:
# in "A、B、C等项目" each item is a PROJECT and the shared head belongs to none).
_CLAUSE = re.compile(r"[^,;。:!?\n]+")
_LIST_END = re.compile(r"等[^,;。、]{0,8}?(?:项目|工程)")
_ITEM_LEAD = re.compile(r"(?:总?投资[^、的]{1,16}的)?")  # 投资1.8亿元的凤凰山引水工程: not part of the name


def list_siblings(text: str, projects: list[tuple[int, int]]) -> list[CharSpan]:
    """The other items of each project list in which ``projects`` (character spans) name an
    item. The first item is left alone: its start is where the lead verb ends, which a list
    does not show (推进A、B等项目)."""
    found: list[CharSpan] = []
    for clause in _CLAUSE.finditer(text):
        start, end = clause.span()
        closing = _LIST_END.search(text, start, end)
        if not closing or not any(start <= a and b <= closing.start() for a, b in projects):
            continue
        position = start
        for i, item in enumerate(text[start:closing.start()].split("、")):
            lead = _ITEM_LEAD.match(item).end()
            span = (position + lead, position + len(item))
            position += len(item) + 1
            name = item[lead:]
            if i and span not in projects and 2 <= len(name) <= 30 and not is_generic_project(name):
                found.append((*span, "PROJECT"))
    return found


@Language.factory("reportie_project_lists")
def make_project_lists(nlp: Language, name: str) -> "ProjectLists":
    return ProjectLists()


class ProjectLists:
    """Adds the list siblings (:func:`list_siblings`) of the PROJECT entities found by the
    model: a list's items are alike, and the model often names some of them but not all."""

    def __call__(self, doc: Doc) -> Doc:
        projects = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PROJECT"]
        return add_spans(doc, list_siblings(doc.text, projects)) if projects else doc
