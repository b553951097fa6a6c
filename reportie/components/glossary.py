"""Glossary entries (GLOSS_TERM / GLOSS_DEF) and the footnote markers that point at them.

A glossary is the section under a 名词解释 / 有关词语注释 heading; each entry is
``[number] term: definition``, one or several per line. ANNOTATION.md fixes the edges: the
term without its number, enclosing quotes and colon; the definition up to the end of the
entry without a final 。.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .sections import find_sections
from .spans import CharSpan, add_spans

_MARKER = r"(?:\[编辑\]\s*)?(?:[-*•]\s*)?(?:↑\s*)?(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}\s*[.、．)]|[①-⑳])?\s*"
_NUMBERED_START = re.compile(r"(?:(?<=^)|(?<=[。\s]))(?:\[编辑\]\s*)?(?:[-*•]\s*)?(?:↑\s*)?(?:\[\d{1,3}\]|\d{1,3}\s*[.、．])")
_FOOTNOTE = re.compile(r"\[(\d{1,3})\]")
_QUOTES = {"“": "”", '"': '"', "「": "」", "《": "》", "‘": "’"}


def _strip_enclosing(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t。":
        end -= 1
    while start < end and text[start] in " \t":
        start += 1
    if end - start > 2 and text[start] in _QUOTES and text[end - 1] == _QUOTES[text[start]]:
        inner = text[start + 1 : end - 1]
        if text[start] not in inner and text[end - 1] not in inner:
            start, end = start + 1, end - 1
    return start, end


def _entries_in_line(line: str) -> list[tuple[int, int]]:
    """Split a glossary line into entries: at each number marker that starts an entry."""
    starts = [m.start() for m in _NUMBERED_START.finditer(line)]
    if not starts or starts[0] > 0 and line[: starts[0]].strip():
        starts = [0] + starts
    bounds = starts + [len(line)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if line[a:b].strip()]


def find_glossary(text: str) -> list[CharSpan]:
    """GLOSS_TERM / GLOSS_DEF pairs in the glossary sections of prepared text."""
    found: list[CharSpan] = []
    for section in find_sections(text):
        if section.kind != "glossary":
            continue
        body_start = text.index("\n", section.start) + 1 if "\n" in text[section.start : section.end] else section.end
        offset = body_start
        for line in text[body_start : section.end].split("\n"):
            for a, b in _entries_in_line(line):
                entry = line[a:b]
                marker = re.match(_MARKER, entry)
                head = marker.end() if marker else 0
                colon = entry.find(":", head)
                if colon <= head or colon - head > 40:
                    continue
                ts, te = _strip_enclosing(line, a + head, a + colon)
                ds, de = _strip_enclosing(line, a + colon + 1, b)
                if te > ts and de > ds:
                    found.append((offset + ts, offset + te, "GLOSS_TERM"))
                    found.append((offset + ds, offset + de, "GLOSS_DEF"))
            offset += len(line) + 1
    return found


def find_footnotes(text: str) -> list[tuple[int, int, int]]:
    """Footnote markers ``[n]`` in running text: (start, end, n)."""
    return [(m.start(), m.end(), int(m.group(1))) for m in _FOOTNOTE.finditer(text)]


if not Doc.has_extension("footnotes"):
    Doc.set_extension("footnotes", default=None)


@Language.factory("reportie_glossary")
def make_glossary(nlp: Language, name: str) -> "GlossaryFinder":
    return GlossaryFinder()


class GlossaryFinder:
    """Adds GLOSS_TERM / GLOSS_DEF to ``doc.spans["sc"]`` and sets ``doc._.footnotes``
    (a list of [start, end, n] character offsets of ``[n]`` markers)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.footnotes = [list(f) for f in find_footnotes(doc.text)]
        return add_spans(doc, find_glossary(doc.text))
