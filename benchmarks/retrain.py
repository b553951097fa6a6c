"""How long retraining the shipped pipeline takes: gold and train-only reports → DocBin →
``spacy train`` with ``configs/reportie.cfg`` (the final-model step of training/run.py),
on one core (or with ``--threads 2`` BLAS threads), with the vectors the config takes from
the shipped pipeline.

    python benchmarks/retrain.py [--shared-dir ../shared] [--threads 1] [--out benchmarks/RETRAIN.md]

The cross-validation around it (5 folds, two at a time) is timed in training/metrics.json.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from reportie.corpus.dataset import load_train_only  # noqa: E402
from reportie.corpus.docbin import to_docbin  # noqa: E402
from reportie.corpus.records import DEFAULT_SHARED_DIR, load_reports  # noqa: E402
from reportie.pipeline import build_rules_pipeline  # noqa: E402
from run import spacy_train  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared-dir", type=Path, default=DEFAULT_SHARED_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RETRAIN.md")
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads of spacy train (2 uses both cores)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.time()
        reports = load_reports(shared_dir=args.shared_dir)
        train_only = load_train_only(args.shared_dir)
        docbin, _ = to_docbin(build_rules_pipeline(), reports + train_only, work / "all.spacy")
        convert = time.time() - started
        train = spacy_train(ROOT / "configs" / "reportie.cfg", work / "all.spacy", None, work / "model",
                            seed=0, max_steps=None, log=work / "train.log", threads=args.threads)
    lines = ["# Retraining time", "",
             f"Command: `python benchmarks/retrain.py{f' --threads {args.threads}' if args.threads != 1 else ''}`",
             f"Machine: {platform.machine()}, Python {platform.python_version()}, "
             f"OMP_NUM_THREADS={args.threads} (BLAS threads of spacy train; the conversion runs on one core).", "",
             "| step | seconds |", "|---|---|",
             f"| convert {len(reports)} gold and {len(train_only)} train-only reports to {len(docbin)} paragraph docs "
             f"| {convert:.0f} |",
             f"| `spacy train configs/reportie.cfg` (max_steps from the config) | {train:.0f} |",
             f"| total | {convert + train:.0f} |"]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
