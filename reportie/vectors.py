"""Where ``spacy train`` gets reportie's static vectors when ``--paths.vectors`` is not given.

The floret vectors are trained here on the unlabeled prefecture reports
(``training/vectors.py``) and travel inside the shipped pipeline's vocab, so the shipped
config retrains with plain ``python -m spacy train`` and no extra download or file: the
``[initialize.before_init]`` callback below copies them from the shipped pipeline.
An explicit ``--paths.vectors DIR`` still wins (spaCy loads it after this callback).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from spacy.language import Language
from spacy.strings import StringStore
from spacy.util import registry
from spacy.vectors import Vectors

from .pipeline import SHIPPED_MODEL

SHIPPED_VOCAB = SHIPPED_MODEL / "vocab"


def shipped_vectors(strings: StringStore, vocab_dir: Path = SHIPPED_VOCAB) -> Vectors:
    """The floret vectors of the shipped pipeline (a clear error if there are none)."""
    if not (vocab_dir / "vectors.cfg").is_file():
        raise FileNotFoundError(f"no vectors in {vocab_dir}: build them with `python training/vectors.py` and "
                                "pass the result as --paths.vectors")
    vectors = Vectors(strings=strings).from_disk(vocab_dir)
    if vectors.shape[0] == 0:
        raise ValueError(f"the pipeline at {vocab_dir.parent} has no vectors: pass --paths.vectors "
                         "(python training/vectors.py builds them)")
    return vectors


@registry.callbacks("reportie.shipped_vectors.v1")
def create_shipped_vectors_loader() -> Callable[[Language], Language]:
    def load_shipped_vectors(nlp: Language) -> Language:
        if nlp.vocab.vectors.shape[0] == 0:
            nlp.vocab.vectors = shipped_vectors(nlp.vocab.strings)
        return nlp

    return load_shipped_vectors
