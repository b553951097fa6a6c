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
# name no project of their own; a count also never starts a name, nor does a numbered class
# (三大新能源项目: “三大改造”项目 names a programme by a slogan, not a project).
_COUNT = re.compile(r"(?:[0-9]+|[一二三四五六七八九十两百千几]+)[余多]?个|^[一二三四五六七八九十两]+大")
_CLASS_WORDS = re.compile(
    r"省市|省级|市级|县级|区级|国家级|重点|重大|前期|产业链?|基础设施|民生|新建|续建|在建|新开工|签约|"
    r"棚改|巩固脱贫成果|招商引资|亿元以上|千万元以上|一批|各类|项目|工程|建设|"
    r"[年日](?:产能?|处理能?力?|供水|加工|吞吐量?)[\u3400-\u9fff]{0,4}?[0-9.]+[万亿千百]?"
    r"(?:[A-Za-z]+|立方米|[吨台套辆件只片组])")  # a capacity alone (年产30万吨, 日处理污水6万吨) identifies nothing
_IDENTIFYING = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
# ANNOTATION.md, "Not PROJECT": bare places. A region (云浮西江经济带, 深圳都市圈) is a place
# that projects are built in, however large the investment next to it.
_REGION = re.compile(r"(?:经济带|经济圈|城市群|都市圈|经济区)(?:核心区)?$")


def is_generic_project(name: str) -> bool:
    """True for a count phrase, a region, or a name made only of class words (nothing
    identifying)."""
    return (bool(_COUNT.search(name)) or bool(_REGION.search(name))
            or len(_IDENTIFYING.findall(_CLASS_WORDS.sub("", name))) < 2)


@Language.factory("reportie_project_filter")
def make_project_filter(nlp: Language, name: str) -> "ProjectFilter":
    return ProjectFilter()


class ProjectFilter:
    """Trims what ANNOTATION.md keeps out of a name (:func:`name_edges`), then drops PROJECT
    entities that are generic classes or counts (:func:`is_generic_project`): the model
    learns names from a few thousand examples and sometimes takes the clause around a name
    (启动建设X项目, X项目首台机组并网发电) or the class phrase around a list (1800余个重点项目)
    for one. Then cuts a shared head off the last item of a coordination
    (:func:`shared_head_end`)."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text joins the tokens on every call: once per doc
        ents, previous, changed = [], None, False
        for ent in doc.ents:
            if ent.label_ == "PROJECT":
                start, end = name_edges(text, ent.start_char, ent.end_char)
                if is_generic_project(text[start:end]):
                    changed = True
                    continue
                end = shared_head_end(text, previous, (start, end))
                cut = doc.char_span(start, end, label="PROJECT") if (start, end) != (ent.start_char, ent.end_char) else None
                if cut is not None:
                    ent, changed = cut, True
                previous = (ent.start_char, ent.end_char)
            ents.append(ent)
        if changed:
            doc.set_ents(ents)
        return doc


# ANNOTATION.md: a name excludes the investment phrase before it (总投资24亿元的) and the status
# words after it (建成投用, 加快推进). So it also holds no verb of the clause around it: the
# model's 十一科技成功签约光伏…项目 is two things, and the name is what follows the verb.
_CLAUSE_VERB = re.compile(
    r"成功签约|签约|开工建设|建成投用|建成投产|竣工投产|启动|推进|实施|加快|全力|积极|确保|力争")
_LEADING = re.compile(r"(?:及|与|完成|建设|谋划|新建|续建|引进|打造|争取|支持|依托)+")
# The stage a project reaches (建成投用, 并网发电, 试运营): trimmed off a name, reported as its status.
_STATUS_WORDS = (
    r"(?:首台机组)?并网发电|全线贯通|建成|投产|竣工|开工|开建|完工|投用|落地|签约|通车|达产"
    r"|(?:上线|投入|正式|部分|集中|实质|封关|通关|点火|交付|高效|转入)?(?:商业)?(?:试运行|试运营|试生产|运行|运营|调试|使用)"
    r"|(?:揭碑|集中|部分)?(?:开业|开园|开放)")
_STATUS = re.compile(rf"(?:{_STATUS_WORDS})+")
_STATUS_TAIL = re.compile(rf"(?:(?:各项|前期)?工作|{_STATUS_WORDS})+$")


def status_after(text: str, end: int) -> str | None:
    """The status words stated just after a project name ending at ``end`` (…项目竣工投产), from
    the prepared text, so that a traditional-script report (建成投產) reads the same."""
    found = _STATUS.search(text, end, end + 8)
    return found.group() if found else None
# Of a modifier joined by 的 only a capacity or size stays (日处理300吨的…处理厂, 14.12公里的…改造
# 工程, ANNOTATION.md: capacity identifies a project); a description (华北地区…最大的) or an
# investment (总投资24亿元的) goes.
_MEASURE_OF = re.compile(r"[0-9][0-9.]*\s*[万千百]?(?:吨|公里|千米|米|平方米|亩|兆瓦|千瓦|立方米|床|张|台|套)的$")


def name_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of a PROJECT without the clause words around the name: everything up
    to the last clause verb inside it, leading conjunctions and verbs, a 的-modifier that is no
    measure, and trailing status words. Never shorter than two characters: otherwise the span
    comes back as it was."""
    new_start, new_end = start, end
    tail = _STATUS_TAIL.search(text, start, end)
    if tail and tail.start() > start:
        new_end = tail.start()
    verbs = list(_CLAUSE_VERB.finditer(text, start, new_end))
    if verbs:
        new_start = verbs[-1].end()
    of = text.rfind("的", new_start, new_end)
    if of >= 0 and not _MEASURE_OF.search(text, new_start, of + 1):
        new_start = of + 1
    lead = _LEADING.match(text, new_start, new_end)
    if lead:
        new_start = lead.end()
    return (new_start, new_end) if new_end - new_start >= 2 else (start, end)


# DECISIONS.md: in a coordination "A、B项目" / "A和B项目" the head after the last item is
# shared and belongs to no item (the ANNOTATION.md list rule without 等). Only 项目: a name
# ending in 工程 (铁炉港红树林生态修复治理工程) is mostly the project's own name in the gold.
_SHARED_HEAD = re.compile(r"项目$")
_OWN_HEAD = re.compile(r"(?:项目|工程)$")
_COORDINATORS = ("、", "和", "及", "与")


def shared_head_end(text: str, previous: tuple[int, int] | None, span: tuple[int, int]) -> int:
    """Where the PROJECT ``span`` ends once a shared head is cut off: it is the second item of a
    coordination (``previous``, the PROJECT before it, is joined to it by 、/和/及/与), it ends in
    项目, and the first item carries no head of its own. Otherwise its own end."""
    start, end = span
    if (previous is None or text[previous[1]:start] not in _COORDINATORS
            or not _SHARED_HEAD.search(text[start:end]) or _OWN_HEAD.search(text[previous[0]:previous[1]])):
        return end
    cut = end - 2
    return cut if cut - start >= 2 and not is_generic_project(text[start:cut]) else end


# A list of projects: items joined by 、 in one clause, closed by 等…项目/工程 (ANNOTATION.md:
# in "A、B、C等项目" each item is a PROJECT and the shared head belongs to none).
_CLAUSE = re.compile(r"[^,;。:!?\n]+")
_LIST_END = re.compile(r"等[^,;。、]{0,8}?(?:项目|工程)")
_ITEM_LEAD = re.compile(r"\s*(?:总?投资[^、的]{1,16}的)?")  # 投资1.8亿元的凤凰山引水工程: not part of the name
# What may open the clause before the first item (加快推进, 开工建设, 积极推进 …): adverbs and
# verbs of doing projects, so the first item starts where they end.
_LIST_LEAD = re.compile(
    r"(?:要|将|把|并|全面|加快|全力|积极|重点|着力|大力|持续|继续|扎实|稳步|确保|力争|争取|相继|先后|顺利|提速|"
    r"推进|实施|建设|建成|开工|启动|谋划|抓好|推动|完成|签约|引进|落地|投产|竣工|续建|新建|做好|上马|包括)+")


def list_items(text: str, projects: list[tuple[int, int]], anchored: bool = True) -> list[CharSpan]:
    """The items of project lists, except those already in ``projects`` (character spans).
    Anchored, only lists in which ``projects`` name an item count, and the first item only if
    it is one of them: where the first item starts (after the lead verb: 推进A、B等项目) is not
    shown by the list. Unanchored, every list counts, and the first item starts after the
    lead verbs of :data:`_LIST_LEAD` (left out if the clause opens otherwise)."""
    found: list[CharSpan] = []
    for clause in _CLAUSE.finditer(text):
        start, end = clause.span()
        closing = _LIST_END.search(text, start, end)
        if not closing or "、" not in text[start:closing.start()]:
            continue
        if anchored and not any(start <= a and b <= closing.start() for a, b in projects):
            continue
        position = start
        for i, item in enumerate(text[start:closing.start()].split("、")):
            lead = _ITEM_LEAD.match(item).end()
            if i == 0:
                verbs = _LIST_LEAD.match(item)
                lead = verbs.end() if verbs and not anchored else len(item)
            span = (position + lead, position + len(item.rstrip()))
            position += len(item) + 1
            name = text[span[0]:span[1]]
            if span not in projects and 2 <= len(name) <= 30 and not is_generic_project(name) and "和" not in name:
                found.append((*span, "PROJECT"))
    return found


@Language.factory("reportie_project_lists", default_config={"anchored": True})
def make_project_lists(nlp: Language, name: str, anchored: bool) -> "ProjectLists":
    return ProjectLists(anchored)


class ProjectLists:
    """Adds the items of project lists (:func:`list_items`) as PROJECT where no entity is:
    a list's items are alike, and the model often names some of them but not all. Anchored
    (the default), only lists in which the model found an item."""

    def __init__(self, anchored: bool = True) -> None:
        self.anchored = anchored

    def __call__(self, doc: Doc) -> Doc:
        projects = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PROJECT"]
        if self.anchored and not projects:
            return doc
        return add_spans(doc, list_items(doc.text, projects, self.anchored))
