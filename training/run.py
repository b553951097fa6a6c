"""One command for the whole training story:

    python training/run.py --shared-dir ../shared     # CV + final model + training/metrics.json
    python training/write_evaluation.py               # docs/EVALUATION.md from the metrics
    python training/run.py --smoke                     # a few steps, nothing packaged

1. converts the gold corpus into DocBins per leave-counties-out fold (reportie.corpus),
2. trains ``configs/reportie.cfg`` with plain ``python -m spacy train`` on each fold and
   scores the held-out places (model and rules-only baseline, same folds, same scorer),
3. trains the final model on every report and packages it into ``reportie/models/``,
4. writes ``training/metrics.json``; ``training/write_evaluation.py`` turns it into
   ``docs/EVALUATION.md``.

The seed, config and fold assignment are recorded in the metrics so a rerun reproduces them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportie.corpus.dataset import fold_splits, place_folds  # noqa: E402
from reportie.corpus.docbin import to_docbin  # noqa: E402
from reportie.corpus.records import DEFAULT_SHARED_DIR, load_reports  # noqa: E402
from reportie.evaluation import evaluate_reports  # noqa: E402
from reportie.pipeline import SHIPPED_MODEL, build_rules_pipeline, load  # noqa: E402


def spacy_train(config: Path, train: Path, dev: Path, output: Path, seed: int, max_steps: int | None, log: Path) -> float:
    """Run the plain ``spacy train`` CLI (entry points register reportie's parts)."""
    command = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(output),
               "--paths.train", str(train), "--paths.dev", str(dev), "--system.seed", str(seed)]
    if max_steps is not None:
        command += ["--training.max_steps", str(max_steps), "--training.eval_frequency", str(min(400, max_steps))]
    started = time.time()
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    with open(log, "w") as handle:
        subprocess.run(command, check=True, stdout=handle, stderr=subprocess.STDOUT, env=env)
    return time.time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared-dir", type=Path, default=DEFAULT_SHARED_DIR)
    parser.add_argument("--config", type=Path, default=ROOT / "configs" / "reportie.cfg")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-steps", type=int, default=None, help="override the config's training.max_steps")
    parser.add_argument("--workdir", type=Path, default=ROOT / "runs")
    parser.add_argument("--smoke", action="store_true", help="2 folds, 20 steps, nothing packaged: checks the machinery")
    parser.add_argument("--skip-final", action="store_true")
    parser.add_argument("--jobs", type=int, default=2, help="folds trained at once (one core each)")
    args = parser.parse_args()
    if args.smoke:
        args.folds, args.max_steps, args.skip_final = 2, 20, True

    reports = load_reports(shared_dir=args.shared_dir)
    nlp = build_rules_pipeline()
    rules = load("rules")
    args.workdir.mkdir(parents=True, exist_ok=True)
    folds = place_folds(reports, args.folds, args.seed)
    metrics: dict = {"config": str(args.config.relative_to(ROOT)), "seed": args.seed, "folds": folds,
                     "max_steps": args.max_steps, "reports": len(reports), "per_fold": []}
    splits = [fold_splits(reports, args.folds, fold, args.seed) for fold in range(args.folds)]
    for fold, split in enumerate(splits):
        for name in ("train", "dev"):
            to_docbin(nlp, split[name], args.workdir / f"fold{fold}" / f"{name}.spacy")

    def train_fold(fold: int) -> float:
        fold_dir = args.workdir / f"fold{fold}"
        return spacy_train(args.config, fold_dir / "train.spacy", fold_dir / "dev.spacy", fold_dir / "model",
                           args.seed, args.max_steps, fold_dir / "train.log")

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        seconds = list(pool.map(train_fold, range(args.folds)))
    for fold, split in enumerate(splits):
        model = load(args.workdir / f"fold{fold}" / "model" / "model-best")
        model_scores = evaluate_reports(split["test"], model)
        rule_scores = evaluate_reports(split["test"], rules)
        metrics["per_fold"].append({
            "fold": fold, "test_places": folds[fold], "train_seconds": seconds[fold],
            "model": model_scores.to_dict(), "rules": rule_scores.to_dict(),
            "errors": {rid: rows[:40] for rid, rows in model_scores.errors.items()},
        })
        print(f"fold {fold}: trained in {seconds[fold]:.0f}s, micro F1 model {model_scores.total.micro.f:.3f} "
              f"rules {rule_scores.total.micro.f:.3f}", flush=True)
    if not args.skip_final:
        final_dir = args.workdir / "final"
        _, alignment = to_docbin(nlp, reports, final_dir / "all.spacy")
        metrics["final_alignment"] = {"span_share": alignment.span_share, "edge_share": alignment.edge_share}
        metrics["final_train_seconds"] = spacy_train(args.config, final_dir / "all.spacy", final_dir / "all.spacy",
                                                     final_dir / "model", args.seed, args.max_steps, final_dir / "train.log")
        shutil.rmtree(SHIPPED_MODEL, ignore_errors=True)
        shutil.copytree(final_dir / "model" / "model-last", SHIPPED_MODEL)
    out = args.workdir / "metrics.json" if args.smoke else ROOT / "training" / "metrics.json"
    out.write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"metrics -> {out}")


if __name__ == "__main__":
    main()
