"""One command for the whole training story:

    python training/run.py --shared-dir ../shared     # CV + final model + metrics + docs/EVALUATION.md
    python training/run.py --smoke                     # a few steps, nothing packaged
    python training/run.py --skip-final --workdir DIR  # an experiment: CV only, metrics in DIR

0. builds the static vectors from corpus-raw (training/vectors.py) unless --vectors exists,
1. converts the gold corpus into DocBins per leave-counties-out fold (reportie.corpus); the
   train-only reports (corpus/annotations/train-only/) join every fold's training set and the
   final model's, and are never scored,
2. trains ``configs/reportie.cfg`` with plain ``python -m spacy train`` on each fold and
   scores the held-out places (model and rules-only baseline, same folds, same scorer),
3. trains the final model on every report and packages it into ``reportie/models/``,
4. writes ``training/metrics.json`` and runs ``training/write_evaluation.py``, which turns
   it into ``docs/EVALUATION.md`` (it can also be rerun alone).

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
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from reportie.corpus.dataset import fold_splits, load_train_only, place_folds  # noqa: E402
from reportie.corpus.docbin import to_docbin  # noqa: E402
from reportie.corpus.records import DEFAULT_SHARED_DIR, TRAIN_ONLY_DIR, load_reports  # noqa: E402
from reportie.evaluation import evaluate_reports  # noqa: E402
from reportie.evaluation_report import error_breakdown, error_sample  # noqa: E402
from reportie.pipeline import FALLBACK_COMPONENTS, SHIPPED_MODEL, build_rules_pipeline, load  # noqa: E402
from reportie.scoring import SpanScores  # noqa: E402
from vectors import raw_reports, train_vectors  # noqa: E402  (training/vectors.py)


# Which rule components run after the trained ones (as fallbacks); chosen on dev places (see
# choose_variant).
# A component is a factory name, or (name, config) for a configured one.
ALL_RULES = ["reportie_glossary", "reportie_money_rules", "reportie_slogan_rules", "reportie_target_rules"]
MONEY_BY_RULE = ("reportie_money_rules", {"replace_model": True})
FILTERS = ["reportie_span_edges", "reportie_review_filter", "reportie_project_filter", "reportie_slogan_filter"]
LISTS = "reportie_project_lists"  # items of project lists in which the model found one
ALL_LISTS = ("reportie_project_lists", {"anchored": False})  # items of every project list
GLOSSARY_FILL = ("reportie_glossary_edges", {"fill": True})  # fitted model entries, then the rule's other entries
RULES_MONEY_BY_RULE = [MONEY_BY_RULE, *[n for n in ALL_RULES if n != "reportie_money_rules"]]
VARIANTS = {
    "model": [],
    "model+review filter": ["reportie_review_filter"],
    "model+filters+project lists": [*FILTERS, LISTS],
    "model+filters+all project lists": [*FILTERS, ALL_LISTS],
    "model+filters+all project lists+glossary edges": [*FILTERS, ALL_LISTS, "reportie_glossary_edges"],
    "model+filters+all project lists+glossary edges and fill": [*FILTERS, ALL_LISTS, GLOSSARY_FILL],
    "model+filters+project lists+glossary rules": [*FILTERS, LISTS, "reportie_glossary"],
    # the rule reads the glossaries it can parse; the model's entries in the others get their edges
    "model+filters+project lists+glossary edges, then rules": [*FILTERS, LISTS, "reportie_glossary_edges", "reportie_glossary"],
    # the rules only where they read a whole label: glossaries and amounts
    "model+filters+project lists+glossary rules, money by rule": [*FILTERS, LISTS, "reportie_glossary", MONEY_BY_RULE],
    "model+filters+all rules, money by rule": [*FILTERS, *RULES_MONEY_BY_RULE],
    "model+filters+project lists+all rules, money by rule": [*FILTERS, LISTS, *RULES_MONEY_BY_RULE],
    "model+filters+all project lists+all rules, money by rule": [*FILTERS, ALL_LISTS, *RULES_MONEY_BY_RULE],
}


def with_rules(nlp: Language, components: list) -> Language:
    """The trained pipeline with exactly these rule fallbacks after its trained components."""
    for name in FALLBACK_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    for component in components:
        name, config = component if isinstance(component, tuple) else (component, {})
        nlp.add_pipe(name, config=config)
    return nlp


def choose_variant(dev: dict[str, list[tuple[str, SpanScores]]], excluded: set[str]) -> str:
    """The variant with the best macro F1 on the dev reports of every fold, leaving out the
    reports of ``excluded`` places (a fold's test places). Two dev places per fold are too few
    to tell variants apart; the dev reports of all folds (each scored by a model that never
    trained on it) give about five times as many, and none of them is the fold's test data."""
    def score(name: str) -> float:
        total = SpanScores()
        for place, scores in dev[name]:
            if place not in excluded:
                total.add(scores)
        return total.macro_f
    return max(dev, key=score)


def progress_sample(docbin: Path, size: int = 100) -> Path:
    """The first ``size`` docs of ``docbin``, beside it: the dev set of a final training, which
    only shows progress in the log (scoring all its training docs would cost minutes)."""
    docs = DocBin().from_disk(docbin)
    sample = DocBin(store_user_data=True)
    for doc in islice(docs.get_docs(Vocab()), size):
        sample.add(doc)
    target = docbin.with_name(f"{docbin.stem}-sample.spacy")
    sample.to_disk(target)
    return target


def spacy_train(config: Path, train: Path, dev: Path | None, output: Path, seed: int, max_steps: int | None, log: Path,
                vectors: Path | None = None, init_tok2vec: Path | None = None, threads: int = 1) -> float:
    """Run the plain ``spacy train`` CLI (entry points register reportie's parts) with
    ``threads`` BLAS threads (one per fold when folds train side by side). Without ``dev`` it
    trains a final model: on every report, for every step."""
    evaluate = dev is not None
    if not evaluate:
        dev = progress_sample(train)
    command = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(output),
               "--paths.train", str(train), "--paths.dev", str(dev), "--system.seed", str(seed)]
    if vectors is not None:
        command += ["--paths.vectors", str(vectors)]
    if init_tok2vec is not None:
        command += ["--paths.init_tok2vec", str(init_tok2vec)]
    if max_steps is not None:
        command += ["--training.max_steps", str(max_steps), "--training.eval_frequency", str(min(400, max_steps))]
    if not evaluate:
        # The final model trains on everything, so no checkpoint is chosen: it runs every step.
        # spaCy counts patience from the best evaluation, and with none after step 0 it would
        # stop at step `patience` (1,600 of 3,000 until stop 17), so patience is off; the only
        # evaluations, at the first and the last step, show progress on ``dev`` in the log.
        steps = max_steps or spacy.util.load_config(config)["training"]["max_steps"]
        command += ["--training.patience", "0", "--training.eval_frequency", str(steps)]
    started = time.time()
    env = {**os.environ, **{name: str(threads) for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                              "MKL_NUM_THREADS")}}
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
    parser.add_argument("--vectors", type=Path, default=ROOT / "runs" / "vectors" / "spacy",
                        help="static vectors for tok2vec (a spaCy vectors directory); built by training/vectors.py "
                             "from corpus-raw if missing")
    parser.add_argument("--init-tok2vec", type=Path, default=None,
                        help="pretrained tok2vec weights (training/pretrain.py's model-last.bin) to start from")
    parser.add_argument("--train-only", type=Path, default=TRAIN_ONLY_DIR,
                        help="annotated reports that only train (every fold and the final model); a directory "
                             "without JSONL adds none")
    parser.add_argument("--workdir", type=Path, default=ROOT / "runs")
    parser.add_argument("--smoke", action="store_true", help="2 folds, 20 steps, nothing packaged: checks the machinery")
    parser.add_argument("--skip-final", action="store_true")
    parser.add_argument("--jobs", type=int, default=2, help="folds trained at once (one core each)")
    parser.add_argument("--reuse-models", action="store_true",
                        help="keep models already trained in --workdir (same config and data) and only evaluate")
    args = parser.parse_args()
    if args.smoke:
        args.folds, args.max_steps, args.skip_final = 2, 20, True

    reports = load_reports(shared_dir=args.shared_dir)
    train_only = load_train_only(args.shared_dir, args.train_only)
    if not args.vectors.exists():
        if args.smoke:  # the config's before_init takes the shipped pipeline's vectors
            args.vectors = None
        else:
            args.vectors = train_vectors(raw_reports(args.shared_dir), args.vectors.parent, args.jobs)
    nlp = build_rules_pipeline()
    rules = load("rules")
    args.workdir.mkdir(parents=True, exist_ok=True)
    folds = place_folds(reports, args.folds, args.seed)
    metrics: dict = {"config": str(args.config.relative_to(ROOT)), "seed": args.seed, "folds": folds,
                     "vectors": str(args.vectors) if args.vectors else "the shipped pipeline's",
                     "init_tok2vec": str(args.init_tok2vec) if args.init_tok2vec else None,
                     "max_steps": args.max_steps, "reports": len(reports),
                     "train_only": [report.id for report in train_only], "per_fold": []}
    splits = [fold_splits(reports, args.folds, fold, args.seed, train_only=train_only) for fold in range(args.folds)]
    for fold, split in enumerate(splits):
        for name in ("train", "dev"):
            target = args.workdir / f"fold{fold}" / f"{name}.spacy"
            if not (args.reuse_models and target.exists()):
                to_docbin(nlp, split[name], target)

    final_dir = args.workdir / "final"
    if not args.skip_final:
        _, alignment = to_docbin(nlp, reports + train_only, final_dir / "all.spacy")
        metrics["final_alignment"] = {"span_share": alignment.span_share, "edge_share": alignment.edge_share}

    def train(fold: int) -> float:
        work = final_dir if fold < 0 else args.workdir / f"fold{fold}"
        timing = work / "train_seconds.txt"
        if args.reuse_models and timing.exists():
            return float(timing.read_text())
        # the final model trains on every report, with no held-out evaluation during training
        data = (work / "all.spacy", None) if fold < 0 else (work / "train.spacy", work / "dev.spacy")
        seconds = spacy_train(args.config, *data, work / "model", args.seed, args.max_steps, work / "train.log",
                              vectors=args.vectors, init_tok2vec=args.init_tok2vec)
        timing.write_text(str(seconds))
        return seconds

    tasks = ([] if args.skip_final else [-1]) + list(range(args.folds))  # the longest job first
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        seconds = dict(zip(tasks, pool.map(train, tasks)))
    # what the models hold, whatever --vectors says (reused models were trained earlier)
    metrics["model_vectors"] = spacy.util.load_meta(args.workdir / "fold0" / "model" / "model-best" / "meta.json").get("vectors")
    # dev[variant]: (place, scores) of each fold's dev reports, scored by that fold's model
    dev: dict[str, list[tuple[str, SpanScores]]] = {name: [] for name in VARIANTS}
    places = {report.id: report.place for report in reports}
    for fold, split in enumerate(splits):
        model_dir = args.workdir / f"fold{fold}" / "model" / "model-best"
        entry = {"fold": fold, "test_places": folds[fold], "dev_places": sorted({r.place for r in split["dev"]}),
                 "train_seconds": seconds[fold], "test": {}}
        for name in VARIANTS:
            variant = with_rules(spacy.load(model_dir), VARIANTS[name])
            for rid, scores in evaluate_reports(split["dev"], variant).per_report.items():
                dev[name].append((places[rid], scores))
            result = evaluate_reports(split["test"], variant)
            entry["test"][name] = {**result.to_dict(),
                                   "errors": {rid: error_sample(rows) for rid, rows in result.errors.items()},
                                   "error_kinds": error_breakdown([r for rows in result.errors.values() for r in rows])}
        entry["test"]["rules"] = evaluate_reports(split["test"], rules).to_dict()
        metrics["per_fold"].append(entry)
        print(f"fold {fold}: trained in {seconds[fold]:.0f}s; test micro F1 "
              + ", ".join(f"{n} {entry['test'][n]['total']['micro']['f']:.3f}" for n in entry["test"]), flush=True)
    for entry in metrics["per_fold"]:
        entry["selected_variant"] = choose_variant(dev, set(entry["test_places"]))
        print(f"fold {entry['fold']}: selected on dev reports of other places: {entry['selected_variant']}")
    chosen = choose_variant(dev, set())
    pooled_dev = {name: SpanScores() for name in VARIANTS}
    for name, rows in dev.items():
        for _, scores in rows:
            pooled_dev[name].add(scores)
    metrics["dev_macro_f"] = {name: scores.macro_f for name, scores in pooled_dev.items()}
    metrics["dev"] = {name: scores.to_dict() for name, scores in pooled_dev.items()}
    metrics["chosen_variant"] = chosen
    print(f"chosen on all dev reports, for the shipped pipeline: {chosen}")
    if not args.skip_final:
        metrics["final_train_seconds"] = seconds[-1]
    out = args.workdir / "metrics.json"
    out.write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"metrics -> {out}")
    if not args.skip_final:  # an experiment (--skip-final, --smoke) leaves the shipped model and docs alone
        shutil.copy(out, ROOT / "training" / "metrics.json")
        shutil.rmtree(SHIPPED_MODEL, ignore_errors=True)
        SHIPPED_MODEL.parent.mkdir(parents=True, exist_ok=True)
        shipped = with_rules(spacy.load(final_dir / "model" / "model-last"), VARIANTS[chosen])
        # the training run's data paths mean nothing on a user's machine: retraining passes its own
        shipped.config["paths"] = {key: None for key in shipped.config["paths"]}
        # its last evaluation scored training docs (the progress sample): no performance to claim
        shipped.meta["performance"] = {}
        shipped.to_disk(SHIPPED_MODEL)
        print(f"packaged {chosen} -> {SHIPPED_MODEL}")
        subprocess.run([sys.executable, str(ROOT / "training" / "write_evaluation.py")], check=True)


if __name__ == "__main__":
    main()
