"""Glossary entries (GLOSS_TERM / GLOSS_DEF) and the footnote markers that point at them.

A glossary is a section under a 名词解释 / 有关词语注释 / 附注 … heading (``sections.py``),
at the end of a report or after each part. Its entries come in a few shapes, all seen in
the scraped reports:

- ``1.“六稳”:稳就业…`` / ``(1)`` / ``[1]`` / ``[^1]:`` / ``〔1〕`` / ``↑`` / ``①`` (NFKC makes it
  a bare ``1``) / ``⑩``
  numbers, or no number at all (``田园综合体:集现代农业…``);
- several entries on one line (``…预期。2.六保:…``);
- a numbered term alone on its line with the definition in the next paragraph.

ANNOTATION.md fixes the edges: the term without its number, enclosing quotes and colon;
the definition from after the colon to the end of the entry, without a final 。 (a leading
即 / 指 / 是指 stays). Rules favour precision: a line that is neither an entry nor the
definition of a term-only line is left alone, and page chrome (separators, 来源/编辑/打印
lines) ends the glossary so it never becomes an entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..labels import SPANS_KEY
from .sections import find_sections
from .spans import CharSpan, add_spans, covered, drop_spans, overlaps, to_token_span

# A number marker. Explicit ones ("1." "1、" "(1)" "[1]" "1)") may start any entry; a bare
# digit (what ① becomes after NFKC) only when it is the number expected next.
_LEAD = r"(?:\[编辑\]\s*)?(?:[-*•>]\s*)*(?:\*\*)?(?:↑\s*)?"
_NUMBER = re.compile(_LEAD + r"(?:[\[〔]\s*\^?(?P<a>\d{1,3})\s*[\]〕]:?|\((?P<b>\d{1,3})\)|(?P<c>\d{1,3})\s*[.、)](?P<digit>(?=\d))?"
                     r"|(?P<bare>\d{1,2})(?=\s*[“\"「\u4e00-\u9fff])|(?P<circled>[⑩-⑳㉑-㉟㊱-㊿])|(?P<up>↑))\s*(?:\*\*)?\s*")
# Where a further entry may start inside a line: after a sentence end or a space.
_MID = re.compile(r"(?<=[。;\s])(?=(?:↑|[\[〔]\s*\^?\d{1,3}\s*[\]〕]|\(\d{1,3}\)|\d{1,3}\s*[.、)]|\d{1,2}[“\"「\u4e00-\u9fff]|[⑩-⑳㉑-㉟㊱-㊿]))")
_CHROME = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,}|<!--(?!.*(?:名词|注释|解释)).*|(?:来源|来源于|责任编辑|编辑|"
                     r"信息来源|文章来源|发布时间|发布日期|打印|关闭|分享|扫一扫|附件下载|相关链接|相关文章)\s*[::|]|"
                     r"\[?(?:打印|关闭|返回|【打印】|【关闭】)|附件\s*[\d一二三四五六七八九十]*\s*[::]?\s*$|"
                     r"(?:免责声明|版权声明|版权所有|本站|本文仅代表|注\s*[::]\s*中文维基文库|Public domain))")
_FOOTNOTE = re.compile(r"\[(\d{1,3})\]")
# A page reference closing an entry ("…反弹。(见第2页)"): outside GLOSS_DEF (DECISIONS.md).
_PAGE_REF = re.compile(r"[((]\s*见?第\s*\d+\s*页\s*[))]\s*$")
_QUOTES = {"“": "”", '"': '"', "「": "」", "《": "》", "‘": "’", "【": "】"}
_TRIM = " \t*"
_MAX_TERM = 30
_MAX_QUOTED_TERM = 60
_MAX_SHORT_TERM = 20


def _strip(text: str, start: int, end: int, final: str = "") -> tuple[int, int]:
    """Trim whitespace and markdown bold, then ``final`` characters at the end."""
    while end > start and text[end - 1] in _TRIM + final:
        end -= 1
    while start < end and text[start] in _TRIM:
        start += 1
    return start, end


def definition_end(text: str, start: int, end: int) -> int:
    """Where the definition ``text[start:end]`` ends under ANNOTATION.md: without trailing
    whitespace, a final 。 or a closing page reference."""
    _, end = _strip(text, start, end, "。")
    page = _PAGE_REF.search(text, start, end)
    if page:
        _, end = _strip(text, start, page.start(), "。")
    return end


def _unquote(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop quotation marks that enclose the whole term (inner ones stay: “1+7+N”县域商贸体系)."""
    if end - start > 2 and text[start] in _QUOTES and text[end - 1] == _QUOTES[text[start]]:
        inner = text[start + 1 : end - 1]
        if text[start] not in inner and text[end - 1] not in inner:
            return _strip(text, start + 1, end - 1)
    return start, end


def _marker(line: str, at: int, expected: int | None) -> tuple[int, int | None] | None:
    """The end of the number marker at ``line[at:]`` and its number, if an entry starts there
    (``expected`` None: the first number of a glossary, which may continue an earlier one)."""
    match = _NUMBER.match(line, at)
    if not match:
        return None
    if match.group("up"):
        return match.end(), None
    if match.group("circled"):
        return match.end(), int(unicodedata.numeric(match.group("circled")))
    number = int(next(g for g in match.group("a", "b", "c", "bare") if g))
    # "11.41条…" is entry 11 only where 11 is due; a bare digit (①) only where it is due
    if match.group("bare") and number != (expected or 1):
        return None
    if match.group("digit") is not None and expected not in (None, number):
        return None
    return match.end(), number


def _term_ok(term: str, numbered: bool) -> bool:
    """A plausible term: short, one clause (commas only in a numbered or quoted term)."""
    if not term or "。" in term or "\n" in term:
        return False
    if term[0] in _QUOTES and term[-1] in _QUOTES.values():
        return len(term) <= _MAX_QUOTED_TERM
    return len(term) <= _MAX_TERM and (numbered or not re.search(r"[,;]", term))


def _split(line: str, body: int, end: int, numbered: bool) -> tuple[int, int, int, int] | None:
    """Term and definition of the entry ``line[body:end]``: split at the first colon, or, in
    a numbered entry, at a 。 closing a short term (``1.三量齐升。经济总量…``)."""
    colon = line.find(":", body, end)
    stop = line.find("。", body, end)
    if numbered and 0 <= stop < (colon if colon >= 0 else end) and stop - body <= _MAX_SHORT_TERM:
        colon = stop
    if colon < 0:
        return None
    ts, te = _strip(line, body, colon)
    if not _term_ok(line[ts:te], numbered):
        return None
    ts, te = _unquote(line, ts, te)
    ds, de = _strip(line, colon + 1, end)
    de = definition_end(line, ds, de)
    return (ts, te, ds, de) if te > ts and de > ds else None


def _entries(text: str, start: int, end: int) -> list[tuple[CharSpan, CharSpan]]:
    """Entries of one glossary body ``text[start:end]`` (of :func:`glossary_sections`, which
    ends a body at its first line of page chrome), as (term, definition) character spans.

    Below a numbered term-only line, the next paragraph is its definition and further
    unnumbered lines are its sub-paragraphs (六稳:… under 2.六稳六保), not entries; elsewhere
    an unnumbered ``term:definition`` line is an entry (sources drop some numbers). After the
    first entry, a short heading-like line (附件1, 2023年十件民生实事) ends the glossary."""
    found: list[tuple[CharSpan, CharSpan]] = []
    expected: int | None = None
    pending: tuple[int, int] | None = None  # a numbered term alone on its line
    in_block = False  # below a term-only line, until the next number
    offset = start
    for line in text[start:end].split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        stripped = line.strip(_TRIM)
        if not stripped:
            continue
        starts = []  # (entry start, body start) within the line
        first = _marker(line, 0, expected)
        if first:
            starts.append((0, first[0]))
            expected, in_block = (first[1] or expected or 1) + (first[1] is not None), False
        elif not in_block and re.match(r"\s*\S[^:]{0,%d}:" % _MAX_QUOTED_TERM, line):
            starts.append((0, 0))
        for mid in _MID.finditer(line, starts[0][1] if starts else 0):
            marker = _marker(line, mid.start(), expected or 1)
            if marker and (marker[1] is None or marker[1] == (expected or 1)):
                starts.append((mid.start(), marker[0]))
                expected = (expected or 1) + (marker[1] is not None)
        if not starts:
            if pending:  # the definition paragraph of a term-only line
                ds, de = _strip(line, 0, len(line))
                de = definition_end(line, ds, de)
                found.append(((pending[0], pending[1], "GLOSS_TERM"), (line_start + ds, line_start + de, "GLOSS_DEF")))
            elif found and len(stripped) <= 25 and not re.search(r"[:。;,()]", stripped):
                break
            pending = None
            continue
        pending = None
        bounds = starts + [(len(line), len(line))]
        for (_, body), (nxt, _) in zip(bounds, bounds[1:]):
            entry = _split(line, body, nxt, body > 0)
            if entry:
                ts, te, ds, de = entry
                found.append(((line_start + ts, line_start + te, "GLOSS_TERM"),
                              (line_start + ds, line_start + de, "GLOSS_DEF")))
            elif first and len(starts) == 1 and ":" not in line and _term_ok(line[body:].strip(_TRIM + "。"), True):
                pending = _unquote(line, *_strip(line, body, nxt, "。"))
                pending, in_block = (line_start + pending[0], line_start + pending[1]), True
    return found


def glossary_sections(text: str) -> list[tuple[int, int]]:
    """(start, end) of each glossary body: from the line after its heading to the section end,
    or to the first line of page chrome (a site's disclaimer after the last entry)."""
    bodies = []
    for section in find_sections(text):
        if section.kind == "glossary":
            newline = text.find("\n", section.start, section.end)
            start = newline + 1 if newline >= 0 else section.end
            chrome = next((m.start() for m in re.finditer(r"^.*$", text[start:section.end], re.M)
                           if _CHROME.match(m.group())), None)
            bodies.append((start, start + chrome if chrome is not None else section.end))
    return bodies


def glossary_pairs(text: str) -> list[tuple[CharSpan, CharSpan]]:
    """(GLOSS_TERM, GLOSS_DEF) entries in the glossary sections of prepared text."""
    return [pair for start, end in glossary_sections(text) for pair in _entries(text, start, end)]


def find_glossary(text: str) -> list[CharSpan]:
    """GLOSS_TERM and GLOSS_DEF spans in the glossary sections of prepared text."""
    return [span for pair in glossary_pairs(text) for span in pair]


def find_footnotes(text: str) -> list[tuple[int, int, int]]:
    """Footnote markers ``[n]`` in running text: (start, end, n)."""
    return [(m.start(), m.end(), int(m.group(1))) for m in _FOOTNOTE.finditer(text)]


if not Doc.has_extension("footnotes"):
    Doc.set_extension("footnotes", default=None)


def _drop_outside(doc: Doc, sections: list[tuple[int, int]]) -> None:
    """ANNOTATION.md: only the glossary section has GLOSS labels. When the text has glossary
    sections, GLOSS spans outside them are dropped; with none found, they all stay."""
    if sections:
        drop_spans(doc, lambda span: span.label_.startswith("GLOSS")
                   and not any(start <= span.start_char < end for start, end in sections))


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


# A numbered entry starting inside a line, after a sentence end: "…庐山。12.“两声三乱”:…"
_NEXT_ENTRY = re.compile(r"(?<=[。;])\s*(?:[\[〔]\s*\^?\d{1,3}\s*[\]〕]|\(\d{1,3}\)|\d{1,3}\s*[.、])"
                         r"\s*[^:。;\n]{1,%d}:" % _MAX_QUOTED_TERM)


def _entry_end(text: str, start: int, next_term: int | None) -> int:
    """The end of the glossary entry whose definition starts at ``start``: the line end, or,
    when another entry starts later on the same line (a term, or a numbered "N.term:"), the
    last 。 or ; before it (-1 when there is none: the edge is left to the model)."""
    end = _line_end(text, start)
    numbered = _NEXT_ENTRY.search(text, start, end)
    following = min(filter(None, (next_term, numbered and numbered.start())), default=end)
    if following < end:
        end = max(text.rfind("。", start, following + 1), text.rfind(";", start, following + 1))
        if end <= start:
            return -1
    return definition_end(text, start, end)


_AFTER_TERM = re.compile(r"[”\"」’》】]?\s*:\s*")


def fit_definitions(doc: Doc) -> Doc:
    """Give the model's glossary definitions the edges ANNOTATION.md fixes.

    The model finds terms and where definitions start, but often ends a definition of
    several sentences at its first 。, while the entry runs to the end of its line (or to the
    sentence end before the next term on that line). Each GLOSS_DEF gets that end; a term
    followed by a colon with no definition on its line gets one; layer-B spans the new edges
    cover are dropped (a glossary entry holds no TARGET). GLOSS spans outside the glossary
    sections are dropped first, as in ``GlossaryFinder``."""
    text = doc.text
    _drop_outside(doc, glossary_sections(text))
    group = list(doc.spans.get(SPANS_KEY, []))
    terms = sorted(span.start_char for span in group if span.label_ == "GLOSS_TERM")
    definitions = {span.start_char for span in group if span.label_ == "GLOSS_DEF"}
    starts = set(definitions)
    for span in group:
        after = _AFTER_TERM.match(text, span.end_char) if span.label_ == "GLOSS_TERM" else None
        if after:
            line_end = _line_end(text, after.end())
            if not any(after.end() <= d < line_end for d in definitions):
                starts.add(after.end())
    fitted = []
    for start in sorted(starts):
        start, _ = _strip(text, start, _line_end(text, start))
        end = _entry_end(text, start, next((t for t in terms if t > start), None))
        span = to_token_span(doc, start, end, "GLOSS_DEF") if end > start else None
        if span is not None and len(span):
            fitted.append(span)
    fitted = filter_spans(fitted)
    taken = covered(fitted)  # the model's own definitions among them
    doc.spans[SPANS_KEY] = [span for span in group if not overlaps(span, taken)] + fitted
    return doc


def fill_entries(doc: Doc) -> Doc:
    """Add the rule's glossary entries (term and definition) that touch no layer-B span:
    the entries the model did not find at all, read by the rule parser."""
    group = list(doc.spans.get(SPANS_KEY, []))
    taken = covered(group)
    for term, definition in glossary_pairs(doc.text):
        pair = [to_token_span(doc, *term), to_token_span(doc, *definition)]
        if all(span is not None and len(span) and not overlaps(span, taken) for span in pair):
            group += pair
            taken |= covered(pair)
    doc.spans[SPANS_KEY] = group
    return doc


@Language.factory("reportie_glossary_edges", default_config={"fill": False})
def make_glossary_edges(nlp: Language, name: str, fill: bool) -> Callable[[Doc], Doc]:
    """A filter of model output: ``fit_definitions``; with ``fill``, then ``fill_entries``."""
    return (lambda doc: fill_entries(fit_definitions(doc))) if fill else fit_definitions


@Language.factory("reportie_glossary")
def make_glossary(nlp: Language, name: str) -> "GlossaryFinder":
    return GlossaryFinder()


class GlossaryFinder:
    """Adds GLOSS_TERM / GLOSS_DEF to ``doc.spans["sc"]`` and sets ``doc._.footnotes``
    (a list of [start, end, n] character offsets of ``[n]`` markers).

    After a trained spancat, the rule is the better reader of a glossary it can parse: in
    each glossary section where the rule found entries, the model's GLOSS spans there (and
    any layer-B span overlapping a rule entry) are dropped before the rule spans are added,
    so layer B never overlaps. Where the rule finds nothing, the model's spans stay. When
    the text has glossary sections, model GLOSS spans outside them are dropped (running
    text never carries these labels); with no glossary heading found, they all stay."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text joins the tokens on every call: once per doc
        doc._.footnotes = [list(f) for f in find_footnotes(text)]
        found = []
        sections = glossary_sections(text)
        _drop_outside(doc, sections)
        for start, end in sections:
            entries = [span for pair in _entries(text, start, end) for span in pair]
            if not entries:
                continue
            found += entries
            if SPANS_KEY in doc.spans:
                rule = [span for s, e, label in entries if (span := to_token_span(doc, s, e, label)) is not None]
                taken = covered(rule)
                doc.spans[SPANS_KEY] = [
                    span for span in doc.spans[SPANS_KEY]
                    if not (span.label_.startswith("GLOSS") and start <= span.start_char < end)
                    and not overlaps(span, taken)
                ]
        return add_spans(doc, found)
