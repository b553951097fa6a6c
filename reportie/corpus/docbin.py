"""Gold reports → spaCy ``DocBin`` for training: paragraph docs on prepared text, layer A
in ``doc.ents``, layer B in ``doc.spans[SPANS_KEY]``, and in ``token.tag_`` the rule
features computed on the whole report (section context needs the headings, which a
paragraph does not hold). ``reportie.Corpus.v1`` reads these DocBins for ``spacy train``
and puts the features on the predicted docs too.

Gold offsets are raw; they are mapped into the prepared text (what the pipeline sees) and
snapped to tokens. Nothing is dropped silently: ``Alignment`` counts every gold span and
edge that does not fall on a token edge (spaCy would only warn, W030).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Corpus, Example
from spacy.util import registry

from ..components.features import RuleFeatures, set_features, text_features
from ..labels import SPANS_KEY, layer_of
from ..textprep import prepare
from .records import GoldReport


@dataclass
class Alignment:
    spans: int = 0
    aligned: int = 0
    edges: int = 0
    token_edges: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def span_share(self) -> float:
        return self.aligned / self.spans if self.spans else 1.0

    @property
    def edge_share(self) -> float:
        return self.token_edges / self.edges if self.edges else 1.0


def _paragraph_bounds(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Cut at newlines that no gold span crosses."""
    crossing = {i for s, e, _ in spans for i in range(s, e)}
    bounds, start = [], 0
    for index, char in enumerate(text):
        if char == "\n" and index not in crossing:
            if text[start:index].strip():
                bounds.append((start, index))
            start = index + 1
    if text[start:].strip():
        bounds.append((start, len(text)))
    return bounds


def report_docs(nlp: Language, report: GoldReport, alignment: Alignment) -> list[Doc]:
    prepared = prepare(report.text)
    mapped = []
    for span in report.spans:
        alignment.spans += 1
        image = prepared.from_raw(span.start, span.end)
        if image is None:
            alignment.misses.append((report.id, span.label, span.text))
            continue
        mapped.append((image[0], image[1], span.label))
    docs = []
    features = text_features(prepared.text)
    for start, end in _paragraph_bounds(prepared.text, mapped):
        doc = set_features(nlp.make_doc(prepared.text[start:end]), features, start)
        starts = {t.idx for t in doc} | {len(doc.text)}
        ends = {t.idx + len(t) for t in doc}
        ents, group = [], []
        for s, e, label in mapped:
            if not (start <= s and e <= end):
                continue
            ls, le = s - start, e - start
            alignment.edges += 2
            alignment.token_edges += (ls in starts) + (le in ends)
            token_span = doc.char_span(ls, le, label=label)
            if token_span is None:
                alignment.misses.append((report.id, label, doc.text[ls:le]))
                continue
            alignment.aligned += 1
            (ents if layer_of(label) == "A" else group).append(token_span)
        doc.set_ents(ents)
        doc.spans[SPANS_KEY] = group
        doc.user_data["report_id"] = report.id
        docs.append(doc)
    return docs


def to_docbin(nlp: Language, reports: list[GoldReport], output: Path | None = None) -> tuple[DocBin, Alignment]:
    """Convert reports; write the DocBin to ``output`` if given."""
    alignment = Alignment()
    docbin = DocBin(store_user_data=True)
    for report in reports:
        for doc in report_docs(nlp, report, alignment):
            docbin.add(doc)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        docbin.to_disk(output)
    return docbin, alignment


def copy_features(example: Example) -> Example:
    """Give the predicted doc the reference's rule features (``token.tag_``), by character;
    a reference without them (a DocBin made elsewhere) gets the doc's own features."""
    if not example.reference.has_annotation("TAG"):
        RuleFeatures()(example.predicted)
        return example
    by_char = {token.idx: token.tag_ for token in example.reference}
    for token in example.predicted:
        token.tag_ = by_char.get(token.idx, "none")
    return example


@registry.readers("reportie.Corpus.v1")
def create_reader(path: Path | None, gold_preproc: bool = False, max_length: int = 0, limit: int = 0,
                  augmenter: Callable | None = None) -> Callable[[Language], Iterator[Example]]:
    """``spacy.Corpus.v1`` whose predicted docs carry the whole-report rule features that
    :func:`report_docs` stored (``reportie_rule_features`` keeps a doc's existing tags)."""
    if path is None:
        raise ValueError("reportie.Corpus.v1 needs a path: pass --paths.train and --paths.dev to spacy train")
    corpus = Corpus(path, gold_preproc=gold_preproc, max_length=max_length, limit=limit, augmenter=augmenter)

    def read(nlp: Language) -> Iterator[Example]:
        return (copy_features(example) for example in corpus(nlp))

    return read
