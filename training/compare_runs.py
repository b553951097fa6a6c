"""Compare training runs (design experiments) side by side: docs/EXPERIMENTS.md.

    python training/compare_runs.py NAME=RUN_DIR/metrics.json ... [--keep training/experiments] [--speed]

Each run is a ``training/run.py`` metrics file. The choice between runs is made on the dev
column (the dev reports of every fold, scored by models that never trained on them); the
held-out columns are reported, not chosen on. ``--keep`` stores a compact copy of each
metrics file (no error examples) so the table can be rebuilt from the repository.
``--speed`` times ``reportie.parse`` on the seeds (one core, best of two passes) with each
run's fold-0 model and keeps the figure in the compact copy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reportie.labels import LABELS  # noqa: E402
from write_evaluation import SELECTED, pooled  # noqa: E402


def compact(metrics: dict) -> dict:
    """The metrics without error examples and per-report rows (what the table needs)."""
    slim = {key: value for key, value in metrics.items() if key != "per_fold"}
    slim["per_fold"] = [{**{k: v for k, v in fold.items() if k != "test"},
                         "test": {name: {"total": result["total"]} for name, result in fold["test"].items()}}
                        for fold in metrics["per_fold"]]
    return slim


def describe_tok2vec(model_dir: Path) -> str:
    from thinc.api import Config

    model = Config().from_disk(model_dir / "config.cfg", interpolate=False)["components"]["tok2vec"]["model"]
    vectors = "floret vectors" if model["embed"]["include_static_vectors"] else "no vectors"
    window = model["encode"]["window_size"]
    return (f"width {model['encode']['width']}, depth {model['encode']['depth']}, "
            + (f"window {window}, " if window != 1 else "") + vectors)


def parse_speed(model_dir: Path) -> float:
    """chars/s of reportie.parse over the seeds with this model (no rule fallbacks added)."""
    import spacy

    import reportie
    from reportie.corpus.records import DEFAULT_SHARED_DIR, read_raw
    from speed import rate  # benchmarks/speed.py

    texts = [read_raw(path) for path in sorted((DEFAULT_SHARED_DIR / "seeds").glob("*.txt"))]
    nlp = spacy.load(model_dir)
    reportie.parse(texts[0], nlp=nlp)
    return max(rate(texts, lambda text: reportie.parse(text, nlp=nlp)) for _ in range(2))


def table(runs: dict[str, dict]) -> list[str]:
    rows = ["| run | tok2vec | dev macro F1 (model / selected for shipping) | train s per fold | parse chars/s | "
            + " | ".join(LABELS) + " | micro | glossary pairs |",
            "|---|---|---|---|---|" + "---|" * (len(LABELS) + 2)]
    for name, metrics in runs.items():
        folds = metrics["per_fold"]
        dev = metrics["dev_macro_f"]
        scores = pooled(folds, SELECTED)
        seconds = sum(f["train_seconds"] for f in folds) / len(folds)
        speed = f"{metrics['parse_chars_per_s']:,.0f}" if "parse_chars_per_s" in metrics else ""
        tok2vec = metrics.get("tok2vec", "") + (", spacy pretrain weights" if metrics.get("init_tok2vec") else "")
        rows.append(f"| {name} | {tok2vec} | {dev['model']:.3f} / {dev[metrics['chosen_variant']]:.3f} | "
                    f"{seconds:.0f} | {speed} | "
                    + " | ".join(f"{scores.per_label[label].f:.3f}" for label in LABELS)
                    + f" | {scores.micro.f:.3f} | {scores.pairs.f:.3f} |")
    return rows


def dev_table(runs: dict[str, dict]) -> list[str]:
    """Dev F1 per label of the bare model (no rule fallbacks), pooled over the folds' dev reports."""
    rows = ["| run | " + " | ".join(LABELS) + " | glossary pairs |", "|---|" + "---|" * (len(LABELS) + 1)]
    for name, metrics in runs.items():
        if "dev" in metrics:
            dev = metrics["dev"]["model"]
            rows.append(f"| {name} | " + " | ".join(f"{dev['per_label'][label]['f']:.3f}" for label in LABELS)
                        + f" | {dev['glossary_pairs']['f']:.3f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", help="NAME=path/to/metrics.json")
    parser.add_argument("--keep", type=Path, default=None, help="store compact metrics here")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "EXPERIMENTS.md")
    parser.add_argument("--speed", action="store_true", help="time parse with each run's fold-0 model")
    args = parser.parse_args()
    runs = {}
    for item in args.runs:
        name, path = item.split("=", 1)
        runs[name] = json.loads(Path(path).read_text(encoding="utf-8"))
        model = Path(path).parent / "fold0" / "model" / "model-best"
        if args.speed:
            runs[name]["parse_chars_per_s"] = parse_speed(model)
        if model.exists():
            runs[name]["tok2vec"] = describe_tok2vec(model)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            slim = compact(runs[name])
            (args.keep / f"{name}.json").write_text(json.dumps(slim, ensure_ascii=False, indent=1), encoding="utf-8")
    out = ["# Design experiments", "",
           f"Generated by `python training/compare_runs.py {' '.join(args.runs)}`.", "",
           "Each row is a full `training/run.py` cross-validation (5 leave-counties-out folds, seed 0;",
           "a *seed1* run has other folds and dev places, so compare it only with other *seed1* rows).",
           "Runs are compared on the dev column: every fold's dev reports, each scored by a model that",
           "never trained on it. The held-out columns (pooled strict F1 of the variant selected in",
           "each fold) are reported as they came out, not used to choose.", "", *table(runs), "",
           "Dev F1 per label of the bare model (no rule fallbacks), every fold's dev reports pooled:", "",
           *dev_table(runs)]
    notes = Path(args.runs[0].split("=", 1)[1]).parent / "NOTES.md"
    if notes.exists():  # what was decided from the table, and how (written by hand)
        out += ["", notes.read_text(encoding="utf-8").rstrip()]
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
