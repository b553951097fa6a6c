"""Matrix products through NumPy's BLAS instead of blis, for the whole pipeline.

thinc's ``NumpyOps`` multiplies with blis. On this machine (x86_64 with AVX-512) NumPy's
OpenBLAS ``sgemm`` is about 2.8 times as fast on one thread for the tok2vec's shapes
(``benchmarks/RESULTS.md``), and the products are most of what the tok2vec, ner and spancat
spend. ``NumpyOps(use_blis=False)`` is thinc's own switch for that: its ``gemm`` becomes
``numpy.dot``, every other operation stays NumpyOps'. The ``[nlp.after_pipeline_creation]``
callback below puts every component's model on it, so ``spacy train`` and ``spacy.load``
both use it. blis ran on one thread; OpenBLAS uses every core unless ``OMP_NUM_THREADS``
(or ``OPENBLAS_NUM_THREADS``) says otherwise, so several processes each taking every core
oversubscribe the machine: :func:`blas_threads_for` gives each process one thread.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Callable

from spacy.language import Language
from spacy.util import registry
from thinc.api import Model, NumpyOps, Ops
from threadpoolctl import threadpool_limits


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


def blas_threads_for(n_process: int) -> AbstractContextManager:
    """One BLAS thread while ``n_process`` > 1 processes parse, else no change.

    Entered in the parent before ``nlp.pipe`` forks its workers, the limit is inherited by
    them (a fork copies OpenBLAS's thread count); on two cores two workers with two OpenBLAS
    threads each parsed 16 corpus-raw reports at 25,740 chars/s, with one thread each at
    32,784. Processes started by ``spawn`` do not inherit it: set ``OMP_NUM_THREADS=1`` there."""
    return threadpool_limits(limits=1, user_api="blas") if n_process > 1 else nullcontext()
