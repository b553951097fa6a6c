"""Throughput and memory of reportie's tokenizer and full parse, on one core.

    python benchmarks/speed.py [--shared-dir ../shared] [--corpus-files 40] [--out benchmarks/RESULTS.md]

Prints Markdown and writes it to --out with the command line, so recorded figures always
come with the command that produced them. Not run in tests (no timing is asserted there).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

import reportie  # noqa: E402
from reportie.corpus.records import DEFAULT_SHARED_DIR, read_raw  # noqa: E402
from reportie.textprep import prepare  # noqa: E402
from reportie.tokenizer import ReportieTokenizer, load_pkuseg  # noqa: E402


def rate(texts: list[str], function, repeat: int = 1) -> float:
    chars = sum(map(len, texts)) * repeat
    started = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            function(text)
    return chars / (time.perf_counter() - started)


def stage_seconds(nlp, texts: list[str]) -> list[tuple[str, float]]:
    """Seconds per stage of ``reportie.parse`` over ``texts``: where the time goes."""
    from reportie.api import build_report, doc_spans

    stages = {"text preparation": 0.0, "tokenizer (pkuseg + refine)": 0.0}
    stages.update({name: 0.0 for name in nlp.pipe_names})
    stages["Report (mapping, views)"] = 0.0
    for raw in texts:
        clock = time.perf_counter()
        prepared = prepare(raw)
        stages["text preparation"] += time.perf_counter() - clock
        clock = time.perf_counter()
        doc = nlp.make_doc(prepared.text)
        stages["tokenizer (pkuseg + refine)"] += time.perf_counter() - clock
        for name, component in nlp.pipeline:
            clock = time.perf_counter()
            doc = component(doc)
            stages[name] += time.perf_counter() - clock
        clock = time.perf_counter()
        build_report(prepared, doc_spans(doc))
        stages["Report (mapping, views)"] += time.perf_counter() - clock
    return list(stages.items())


def gemm_milliseconds(rows: int = 9341, repeat: int = 20) -> dict[str, float]:
    """Milliseconds of one float32 product of the tok2vec's shape (a report's words × window
    of width 64 by the maxout weights), with thinc's blis and with NumPy's BLAS
    (``reportie/ops.py``), on the threads OMP_NUM_THREADS allows (one here)."""
    import numpy
    from thinc.api import NumpyOps

    x = numpy.random.default_rng(0).random((rows, 320), dtype="float32")
    w = numpy.random.default_rng(1).random((192, 320), dtype="float32")
    times = {}
    for name, ops in (("blis", NumpyOps()), ("NumPy BLAS", NumpyOps(use_blis=False))):
        ops.gemm(x, w, trans2=True)
        started = time.perf_counter()
        for _ in range(repeat):
            ops.gemm(x, w, trans2=True)
        times[name] = (time.perf_counter() - started) / repeat * 1000
    return times


def epoch_seconds(shared_dir: Path) -> tuple[float, int]:
    """Seconds for one training epoch (``nlp.update`` over every paragraph) of
    ``configs/reportie.cfg`` on the five seed reports, and the number of paragraphs."""
    from spacy.training import Example
    from spacy.util import load_model_from_config, minibatch

    from reportie.corpus.docbin import Alignment, copy_features, report_docs
    from reportie.corpus.records import load_reports

    config = spacy.util.load_config(ROOT / "configs" / "reportie.cfg")
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    seeds = [r for r in load_reports(shared_dir=shared_dir) if r.meta.get("source", "").startswith("seeds/")]
    docs = [doc for report in seeds for doc in report_docs(nlp, report, Alignment())]
    examples = [copy_features(Example(nlp.make_doc(doc.text), doc)) for doc in docs]
    optimizer = nlp.initialize(lambda: examples)
    started = time.perf_counter()
    for batch in minibatch(examples, size=32):
        nlp.update(batch, sgd=optimizer, drop=0.1)
    return time.perf_counter() - started, len(examples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared-dir", type=Path, default=DEFAULT_SHARED_DIR)
    parser.add_argument("--corpus-files", type=int, default=40, help="prefecture reports from corpus-raw to parse")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()

    raw_seeds = [read_raw(p) for p in sorted((args.shared_dir / "seeds").glob("*.txt"))]
    seeds = [prepare(raw).text for raw in raw_seeds]
    corpus_files = sorted((args.shared_dir / "corpus-raw" / "prefecture-cities").glob("*/*.md"))[:: max(1, 1345 // args.corpus_files)][: args.corpus_files]
    corpus = [read_raw(p) for p in corpus_files]
    vocab = spacy.blank("zh").vocab
    pkuseg = load_pkuseg()
    rows = [
        ("spacy-pkuseg cut (shipped model)", rate(seeds, pkuseg.cut)),
        ("reportie tokenizer, pkuseg + refine", rate(seeds, ReportieTokenizer(vocab))),
        ("reportie tokenizer, segmenter=char", rate(seeds, ReportieTokenizer(vocab, segmenter="char"), repeat=3)),
        ("spaCy zh tokenizer, segmenter=char", rate(seeds, spacy.blank("zh").tokenizer, repeat=3)),
    ]
    try:
        import jieba

        jieba.setLogLevel(60)
        rows.append(("jieba cut", rate(seeds, lambda t: list(jieba.cut(t)))))
    except ImportError:
        pass
    rows.append(("text preparation (textprep.prepare)", rate(seeds, prepare, repeat=3)))
    nlp = reportie.load()
    rows.append((f"reportie.parse, seeds, pipeline {nlp.pipe_names}", rate(seeds, lambda t: reportie.parse(t, nlp=nlp))))
    started = time.perf_counter()
    for raw in corpus:
        reportie.parse(raw, nlp=nlp)
    corpus_chars = sum(map(len, corpus))
    rows.append((f"reportie.parse, {len(corpus)} corpus-raw prefecture reports ({corpus_chars} chars)",
                 corpus_chars / (time.perf_counter() - started)))
    started = time.perf_counter()
    for _ in reportie.parse_many(corpus, nlp=nlp, n_process=2):
        pass
    rows.append(("reportie.parse_many, same reports, n_process=2", corpus_chars / (time.perf_counter() - started)))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stages = stage_seconds(nlp, raw_seeds)
    epoch, paragraphs = epoch_seconds(args.shared_dir)
    gemm = gemm_milliseconds()

    lines = ["# Benchmarks", "", f"Command: `python benchmarks/speed.py --corpus-files {args.corpus_files}`",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, one process.", "",
             "| what | chars/s |", "|---|---|"]
    lines += [f"| {name} | {value:,.0f} |" for name, value in rows]
    seed_chars, total = sum(map(len, raw_seeds)), sum(seconds for _, seconds in stages)
    lines += ["", f"Where the time goes in `reportie.parse` (seeds, {seed_chars} chars, one document at a time):", "",
              "| stage | seconds | share | chars/s if it ran alone |", "|---|---|---|---|"]
    lines += [f"| {name} | {seconds:.2f} | {seconds / total:.0%} | {seed_chars / seconds:,.0f} |"
              for name, seconds in stages if seconds > 0]
    lines += ["", "One float32 matrix product of the tok2vec's shape (9,341 × 320 by 320 × 192), one thread: "
              + ", ".join(f"{name} {ms:.1f} ms" for name, ms in gemm.items())
              + " (the pipeline multiplies with NumPy's BLAS: `reportie/ops.py`).", "",
              f"Peak RSS of the benchmark process (parsing): {peak_mib:.0f} MiB.", "",
              f"Training: one epoch of `configs/reportie.cfg` over the five seeds ({paragraphs} paragraph docs, "
              f"batches of 32) takes {epoch:.1f} s on one core; full retraining times are in `training/metrics.json`."]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
