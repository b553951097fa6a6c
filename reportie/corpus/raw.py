"""Unlabeled text for ``spacy pretrain``: the corpus-raw words that ``training/vectors.py``
writes (one paragraph per line, words separated by spaces), read as docs that carry the rule
features of their paragraph in ``token.tag_``, so the pretrained ``tok2vec`` embeds the same
attributes as the trained one. Section kinds need a whole report's headings and are mostly
absent here; that is the one input pretraining sees less of.

Words are read, not re-segmented: pkuseg runs at about 70k chars/s, and every pretraining
epoch would pay for it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from ..components.features import set_features, text_features


def paragraph_docs(nlp: Language, path: Path, max_length: int = 200, limit: int = 0) -> Iterator[Doc]:
    """Docs of at most ``max_length`` words from the paragraphs of ``path``: a longer
    paragraph is cut into pieces instead of dropped, so long glossary and list paragraphs
    still count; ``limit`` stops after that many docs (0: read everything)."""
    count = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            words = line.split()
            features = text_features("".join(words))  # of the whole paragraph, before it is cut
            offset = 0
            for start in range(0, len(words), max_length):
                piece = words[start:start + max_length]
                doc = Doc(nlp.vocab, words=piece, spaces=[False] * len(piece))
                yield set_features(doc, features, offset)
                offset += len(doc.text)
                count += 1
                if limit and count >= limit:
                    return


@registry.readers("reportie.WordsCorpus.v1")
def create_words_reader(path: Path | None, max_length: int = 200,
                        limit: int = 0) -> Callable[[Language], Iterator[Example]]:
    """The ``[corpora.pretrain]`` reader of ``configs/reportie.cfg``. ``spacy train``
    builds every corpus of the config, so a missing path is an error only when read."""

    def read(nlp: Language) -> Iterator[Example]:
        if path is None:
            raise ValueError("reportie.WordsCorpus.v1 needs a path: pass --paths.raw_text to spacy pretrain "
                             "(a words.txt written by training/vectors.py)")
        return (Example(doc, doc) for doc in paragraph_docs(nlp, Path(path), max_length, limit))

    return read
