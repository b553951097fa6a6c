"""``reportie.parse``: raw report in, :class:`~reportie.report.Report` out, offsets exact."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc

from .components.features import set_features, text_features
from .components.projects import status_after
from .components.sections import Section, find_sections, section_at
from .inputs import Source, read_input
from .labels import LABELS, SPANS_KEY, layer_of
from .meta import find_meta
from .ops import blas_threads_for
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


def build_report(prepared: PreparedText, found: list[tuple[int, int, str]]) -> Report:
    """The Report for spans found in the prepared text (offsets mapped back to the raw)."""
    sections = find_sections(prepared.text)
    spans, prepared_texts = [], {}
    for start, end, label in found:
        span = _raw_span(prepared, start, end, label)
        if span is not None:
            spans.append(span)
            prepared_texts[span] = (start, end)
    raw_sections = []
    for section in sections:
        raw_start, raw_end = prepared.to_raw(section.start, section.end)
        raw_sections.append({**asdict(section), "start": raw_start, "end": raw_end})
    money = [money_view(s, prepared.text[slice(*prepared_texts[s])]) for s in spans if s.label == "MONEY"]
    glossary = glossary_view(spans, prepared.raw)

    def section_of(span: Span) -> Section | None:
        return section_at(sections, prepared_texts[span][0])

    return Report(
        text=prepared.raw,
        meta=find_meta(prepared.text),
        sections=raw_sections,
        spans=spans,
        script=prepared.script,
        money=money,
        projects=[project_view(s, money, prepared.raw, section_of(s), status_after(prepared.text, prepared_texts[s][1]))
                  for s in spans if s.label == "PROJECT"],
        targets=[target_view(s, prepared.text, *prepared_texts[s]) for s in spans if s.label == "TARGET"],
        glossary=glossary,
        slogans=slogan_view(spans, glossary, prepared.raw),
    )


#: Texts longer than this are processed in overlapping windows (characters of prepared text).
WINDOW = 60_000
#: Overlap between windows: longer than any span, so a span cut by one window is whole in the next.
OVERLAP = 3_000


def windows(text: str, size: int | None = None, overlap: int | None = None) -> list[tuple[int, int, int]]:
    """(start, keep_until, end) windows: spans starting in [start, keep_until) are kept from
    the window [start, end). Cuts fall on line breaks where there is one."""
    size, overlap = size or WINDOW, overlap or OVERLAP
    if len(text) <= size:
        return [(0, len(text), len(text))]
    result, start = [], 0
    while start < len(text):
        keep = min(len(text), start + size - overlap)
        if keep < len(text):
            newline = text.rfind("\n", start + size // 2, keep)
            keep = newline + 1 if newline > 0 else keep
        result.append((start, keep, min(len(text), keep + overlap)))
        start = keep
    return result


def parse(source: Source, nlp: Language | None = None) -> Report:
    """Parse one report (text, bytes or a path) into a :class:`Report`.

    Every span in the result satisfies ``report.text[span.start:span.end] == span.text``,
    where ``report.text`` is the caller's string (or the decoded bytes/file). Long texts
    are processed in overlapping windows of :data:`WINDOW` characters.
    """
    return next(parse_many([source], nlp=nlp))


def parse_many(sources: Iterable[Source], nlp: Language | None = None, n_process: int = 1,
               batch_size: int = 1) -> Iterator[Report]:
    """Parse reports in order through ``nlp.pipe`` (``n_process`` > 1 uses processes).

    A report is long (16,000 characters on average in corpus-raw): one report per batch
    already fills the models' matrices, and each report more in a batch adds its activations
    to peak memory without making the batch faster: ``benchmarks/batch.py --n-process 2`` over
    the 1,345 corpus-raw reports peaked at 1,010 MiB with batches of 4 and at 503 MiB with
    batches of 1, at 26,258 and 26,333 chars/s (``benchmarks/BATCH.md`` at commits 2defe2b
    and 528332b). With ``n_process`` > 1 every process multiplies on one BLAS thread
    (:func:`reportie.ops.blas_threads_for`), in the caller's process too while this runs."""
    nlp = nlp or load()
    prepared: dict[int, PreparedText] = {}
    pending: dict[int, int] = {}
    found: dict[int, set[tuple[int, int, str]]] = {}

    with_features = "reportie_rule_features" in nlp.pipe_names

    def items() -> Iterator[tuple[str | Doc, tuple[int, int, int]]]:
        for index, source in enumerate(sources):
            text = prepared.setdefault(index, prepare(read_input(source))).text
            parts = windows(text)
            pending[index], found[index] = len(parts), set()
            if len(parts) == 1 or not with_features:
                yield from ((text[start:end], (index, start, keep)) for start, keep, end in parts)
                continue
            # A window of a long report gets the features of the whole report (its section
            # context lies in headings outside the window); the feature component keeps them.
            features = text_features(text)
            for start, keep, end in parts:
                yield set_features(nlp.make_doc(text[start:end]), features, start), (index, start, keep)

    # Per report and layer, the end of the last span kept from earlier windows. A window
    # starts where the previous one stopped keeping spans, so a span cut by its start was
    # found whole by the previous window; what this window finds inside it is a fragment
    # (``24亿元`` of ``22.24亿元``) and is dropped, keeping each layer free of overlaps.
    reach: dict[int, dict[str, int]] = {}

    def layer(label: str) -> str:
        return layer_of(label) if label in LABELS else label

    next_index = 0
    with blas_threads_for(n_process):
        for doc, (index, start, keep) in nlp.pipe(items(), as_tuples=True, n_process=n_process,
                                                  batch_size=batch_size):
            reached = reach.setdefault(index, {})
            kept = [(start + s, start + e, label) for s, e, label in doc_spans(doc)
                    if start + s < keep and start + s >= reached.get(layer(label), 0)]
            for s, e, label in kept:
                reached[layer(label)] = max(reached.get(layer(label), 0), e)
            found[index].update(kept)
            pending[index] -= 1
            while next_index in pending and pending[next_index] == 0:
                yield build_report(prepared.pop(next_index), sorted(found.pop(next_index)))
                del pending[next_index], reach[next_index]
                next_index += 1
