"""The structured result of ``reportie.parse``: plain, typed, serialisable data.

Every offset is into the caller's original text (``Report.text``). Views (money, projects,
targets, slogans, glossary) are derived from ``spans`` and the sections, so there is one
source of truth; ``to_dict()`` is the public contract outside evaluations read.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .components.money import parse_amount
from .components.sections import Section
from .labels import LABELS
from .meta import Meta
from .targets import TargetReading, read_target


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Money:
    value: float | None
    currency: str | None
    approx: bool
    text: str
    start: int
    end: int
    value_max: float | None = None


@dataclass(frozen=True)
class Project:
    name: str
    start: int
    end: int
    investment: Money | None
    status: str | None
    section: str | None


@dataclass(frozen=True)
class Target(TargetReading):
    """A TARGET span and its reading (reportie.targets.TargetReading)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class GlossaryEntry:
    number: int
    term: str
    definition: str
    term_start: int
    term_end: int
    definition_start: int
    definition_end: int


@dataclass(frozen=True)
class Slogan:
    text: str
    start: int
    end: int
    definition: str | None
    glossary_number: int | None
    linked_by: str | None  # "footnote" ([n] after the slogan), "term" (same text as a glossary term) or None


@dataclass
class Report:
    text: str
    meta: Meta
    sections: list[dict[str, Any]]
    spans: list[Span]
    script: str = "simplified"
    money: list[Money] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    slogans: list[Slogan] = field(default_factory=list)

    def by_label(self, label: str) -> list[Span]:
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}")
        return [s for s in self.spans if s.label == label]

    def to_dict(self) -> dict[str, Any]:
        """Plain data (no text body): meta, sections, spans and the typed views."""
        data = asdict(self)
        data.pop("text")
        return data

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)


def money_view(span: Span, prepared: str) -> Money:
    """A MONEY amount read from its prepared text (simplified script, pinyin glosses and
    mojibake removed: 12億(yì)元 reads as 12亿元); text and offsets stay the caller's."""
    try:
        amount = parse_amount(prepared)
    except (ValueError, KeyError, AttributeError, TypeError):
        return Money(None, None, False, span.text, span.start, span.end)
    return Money(amount.value, amount.currency, amount.approx, span.text, span.start, span.end, amount.value_max)


def target_view(span: Span, prepared: str, start: int, end: int) -> Target:
    """A TARGET read by :func:`reportie.targets.read_target` from its prepared text
    ``prepared[start:end]``, with the sentence before it as context (到2026年…)."""
    sentence_start = max(prepared.rfind(mark, 0, start) for mark in "。;\n") + 1
    reading = read_target(prepared[start:end], context=prepared[sentence_start:start])
    return Target(**asdict(reading), text=span.text, start=span.start, end=span.end)


_ENTRY_NUMBER = re.compile(r"[\[〔(（]?(\d{1,3})[\]〕)）.、．]?\s*[“\"「]?\s*$")
_FOOTNOTE_AFTER = re.compile(r"^[”\"」』]?\s*[\[〔(（](\d{1,3})[\]〕)）]")


def glossary_view(spans: list[Span], raw: str) -> list[GlossaryEntry]:
    """Pair each GLOSS_TERM with the first GLOSS_DEF after it (ANNOTATION.md); an entry's
    number is the one printed before its term, else its position."""
    entries = []
    ordered = sorted((s for s in spans if s.label in ("GLOSS_TERM", "GLOSS_DEF")), key=lambda s: s.start)
    for index, span in enumerate(ordered):
        if span.label == "GLOSS_TERM":
            definition = next((d for d in ordered[index + 1:] if d.label == "GLOSS_DEF"), None)
            if definition is not None:
                printed = _ENTRY_NUMBER.search(raw[max(0, span.start - 8): span.start])
                number = int(printed.group(1)) if printed else len(entries) + 1
                entries.append(GlossaryEntry(number, span.text, definition.text, span.start, span.end,
                                             definition.start, definition.end))
    return entries


def _key(text: str) -> str:
    return re.sub(r"[\s“”\"「」‘’]", "", text)


def slogan_view(spans: list[Span], glossary: list[GlossaryEntry], raw: str) -> list[Slogan]:
    """Each SLOGAN with the glossary entry that defines it: the footnote marker right after
    it (“四个不摘”[1]) first, else the entry whose term is the same formula."""
    by_number = {entry.number: entry for entry in glossary}
    by_term = {_key(entry.term): entry for entry in glossary}
    slogans = []
    for span in (s for s in spans if s.label == "SLOGAN"):
        marker = _FOOTNOTE_AFTER.match(raw[span.end: span.end + 8])
        entry, how = (by_number.get(int(marker.group(1))), "footnote") if marker else (None, None)
        if entry is None:
            entry, how = by_term.get(_key(span.text)), "term"
        slogans.append(Slogan(span.text, span.start, span.end, entry.definition if entry else None,
                              entry.number if entry else None, how if entry else None))
    return slogans


#: Punctuation that ends the phrase an amount qualifies: an amount before it is not this project's.
_PHRASE_BREAK = re.compile(r"[。;；,，、!！?？:：\n]")


def project_view(span: Span, money: list[Money], raw: str, section: Section | None, status: str | None) -> Project:
    """A project with the amount stated just before it in the same phrase (总投资24亿元的X;
    not 总投资6833亿元。…X) and its status words (``projects.status_after``)."""
    before = [m for m in money if span.start - 16 <= m.end <= span.start
              and not _PHRASE_BREAK.search(raw, m.end, span.start)]
    investment = before[-1] if before else None
    return Project(span.text, span.start, span.end, investment, status,
                   section.kind if section else None)
