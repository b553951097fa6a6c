"""``reportie.parse``: raw report in, :class:`~reportie.report.Report` out, offsets exact."""

from __future__ import annotations

from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc

from .components.sections import Section, find_sections, section_at
from .inputs import Source, read_input
from .labels import SPANS_KEY
from .meta import find_meta
from .pipeline import load
from .report import Report, Span, glossary_view, money_view, project_view, slogan_view, target_view
from .textprep import PreparedText, prepare


def _raw_span(prepared: PreparedText, start: int, end: int, label: str) -> Span | None:
    """Map a prepared span to the raw text, trimmed of whitespace the mapping let in."""
    raw_start, raw_end = prepared.to_raw(start, end)
    surface = prepared.raw[raw_start:raw_end]
    stripped = surface.strip()
    if not stripped:
        return None
    raw_start += len(surface) - len(surface.lstrip())
    return Span(raw_start, raw_start + len(stripped), label, stripped)


def doc_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Layer A from ``doc.ents`` and layer B from ``doc.spans[SPANS_KEY]`` as character spans."""
    found = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    found += [(s.start_char, s.end_char, s.label_) for s in doc.spans.get(SPANS_KEY, [])]
    return sorted(set(found))


def build_report(prepared: PreparedText, doc: Doc) -> Report:
    sections = find_sections(prepared.text)
    spans, prepared_texts = [], {}
    for start, end, label in doc_spans(doc):
        span = _raw_span(prepared, start, end, label)
        if span is not None:
            spans.append(span)
            prepared_texts[span] = (start, prepared.text[start:end])
    raw_sections = []
    for section in sections:
        raw_start, raw_end = prepared.to_raw(section.start, section.end)
        raw_sections.append({**asdict(section), "start": raw_start, "end": raw_end})
    money = [money_view(s) for s in spans if s.label == "MONEY"]
    glossary = glossary_view(spans)

    def section_of(span: Span) -> Section | None:
        return section_at(sections, prepared_texts[span][0])

    return Report(
        text=prepared.raw,
        meta=find_meta(prepared.text),
        sections=raw_sections,
        spans=spans,
        script=prepared.script,
        money=money,
        projects=[project_view(s, money, prepared.raw, section_of(s)) for s in spans if s.label == "PROJECT"],
        targets=[target_view(s, prepared_texts[s][1]) for s in spans if s.label == "TARGET"],
        glossary=glossary,
        slogans=slogan_view(spans, glossary),
    )


def parse(source: Source, nlp: Language | None = None) -> Report:
    """Parse one report (text, bytes or a path) into a :class:`Report`.

    Every span in the result satisfies ``report.text[span.start:span.end] == span.text``,
    where ``report.text`` is the caller's string (or the decoded bytes/file).
    """
    prepared = prepare(read_input(source))
    nlp = nlp or load()
    if len(prepared.text) > nlp.max_length:
        raise ValueError(
            f"report of {len(prepared.text)} characters exceeds nlp.max_length={nlp.max_length}; "
            "split it or raise nlp.max_length"
        )
    return build_report(prepared, nlp(prepared.text))
