"""Matrix products through NumPy's BLAS instead of blis, for the whole pipeline.

thinc's ``NumpyOps`` multiplies with blis. On this machine (x86_64 with AVX-512) NumPy's
OpenBLAS ``sgemm`` is about 2.8 times as fast on one thread for the tok2vec's shapes
(``benchmarks/RESULTS.md``), and the products are most of what the tok2vec, ner and spancat
spend. ``NumpyOps(use_blis=False)`` is thinc's own switch for that: its ``gemm`` becomes
``numpy.dot``, every other operation stays NumpyOps'. The ``[nlp.after_pipeline_creation]``
callback below puts every component's model on it, so ``spacy train`` and ``spacy.load``
both use it. blis ran on one thread; OpenBLAS uses every core unless ``OMP_NUM_THREADS``
(or ``OPENBLAS_NUM_THREADS``) says otherwise: set it to 1 when running several processes.
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.util import registry
from thinc.api import Model, NumpyOps, Ops


def use_ops(nlp: Language, ops: Ops) -> Language:
    """Every layer of every component model on ``ops``."""
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    return nlp


def use_numpy_gemm(nlp: Language) -> Language:
    return use_ops(nlp, NumpyOps(use_blis=False))


@registry.callbacks("reportie.numpy_gemm.v1")
def create_numpy_gemm() -> Callable[[Language], Language]:
    return use_numpy_gemm
