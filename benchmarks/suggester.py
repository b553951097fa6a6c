"""How well the layer-B suggester covers the gold spans, and how many candidates it costs,
against spaCy's n-gram suggester of comparable reach.

    python benchmarks/suggester.py [--out benchmarks/SUGGESTER.md]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportie.corpus.docbin import Alignment, report_docs  # noqa: E402
from reportie.corpus.records import load_reports  # noqa: E402
from reportie.pipeline import build_rules_pipeline  # noqa: E402
from reportie.suggester import candidate_spans, coverage  # noqa: E402


def ngrams(doc, sizes):
    return [(i, i + n) for n in sizes for i in range(len(doc) - n + 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "SUGGESTER.md")
    args = parser.parse_args()
    nlp = build_rules_pipeline()
    docs = [doc for report in load_reports() for doc in report_docs(nlp, report, Alignment())]
    tokens = sum(len(d) for d in docs)
    rows = []
    for name, suggest in (("reportie.clause_suggester.v1 (defaults)", candidate_spans),
                          ("spacy.ngram_suggester.v1 sizes 1-10", lambda d: ngrams(d, range(1, 11))),
                          ("spacy.ngram_suggester.v1 sizes 1-20", lambda d: ngrams(d, range(1, 21)))):
        started = time.perf_counter()
        found, total, covered = coverage(docs, suggest)
        seconds = time.perf_counter() - started
        recall = " | ".join(f"{covered[l] / total[l]:.3f}" for l in ("TARGET", "GLOSS_TERM", "GLOSS_DEF"))
        rows.append(f"| {name} | {found / tokens:.1f} | {recall} | {seconds:.1f} |")
    text = "\n".join([
        "# Layer-B suggester", "", "Command: `python benchmarks/suggester.py`", "",
        f"Gold corpus as training docs: {len(docs)} paragraphs, {tokens} tokens (reportie tokenizer).", "",
        "| suggester | candidates per token | TARGET covered | GLOSS_TERM covered | GLOSS_DEF covered | seconds |",
        "|---|---|---|---|---|---|", *rows]) + "\n"
    print(text)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
