"""PROJECT by rule: names ending in a project head word next to investment or status words."""

from __future__ import annotations

import re

from spacy.language import Language

from .spans import CharSpan, RuleSpans

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
