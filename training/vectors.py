"""Static word vectors trained here, on the unlabeled prefecture reports in ``corpus-raw/``.

No pretrained Chinese vectors can be downloaded, and two thousand PROJECT spans are too few
to learn what an open-vocabulary name looks like. floret vectors (fastText with hashed
subwords, which spaCy reads natively) give every word, seen or not, a vector built from
its characters, so an unseen place-named facility still looks like the names around it.

    python training/vectors.py --shared-dir ../shared --out runs/vectors

1. prepares each report as ``reportie.parse`` does and cuts it into words with reportie's
   own tokenizer (two processes), one line per paragraph;
2. trains floret CBOW vectors on those words (one thread, so reruns give the same table);
3. writes a spaCy vectors directory (``spacy init vectors --mode floret``), which
   ``training/run.py`` passes to ``spacy train`` as ``--paths.vectors``.

Reports of the places in the gold corpus are left out, so the held-out counties of the
cross-validation are not in the vectors' text either.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportie.corpus.dataset import covered_places  # noqa: E402
from reportie.corpus.records import DEFAULT_SHARED_DIR, load_reports, read_raw  # noqa: E402

DIM = 64
BUCKET = 50_000
MINN, MAXN = 1, 3
EPOCHS = 5

_nlp = None


def paragraph_words(text: str) -> str:
    """One line of space-separated words per paragraph of prepared ``text``: the format of
    ``words.txt``, which floret and ``reportie.WordsCorpus.v1`` (pretraining) read."""
    global _nlp
    if _nlp is None:
        from reportie.pipeline import build_rules_pipeline

        _nlp = build_rules_pipeline()
    lines = []
    for paragraph in text.split("\n"):
        if paragraph.strip():
            words = [t.text for t in _nlp.tokenizer(paragraph) if not t.is_space]
            lines.append(" ".join(words))
    return "\n".join(lines)


def _words(path: Path) -> str:
    """``paragraph_words`` of a report, prepared as ``reportie.parse`` prepares it."""
    from reportie.textprep import prepare

    return paragraph_words(prepare(read_raw(path)).text)


def raw_reports(shared_dir: Path) -> list[Path]:
    """corpus-raw reports, without those of places that are in the gold corpus."""
    gold_places = covered_places(load_reports(shared_dir=shared_dir))
    files = sorted(p for p in (shared_dir / "corpus-raw").rglob("*") if p.is_file())
    return [p for p in files if not gold_places.intersection(p.relative_to(shared_dir / "corpus-raw").parts)]


def train_vectors(files: list[Path], out: Path, processes: int = 2, reuse_words: bool = False,
                  min_count: int = 3) -> Path:
    """Tokenise ``files``, train floret vectors on them and write a spaCy vectors directory."""
    import floret

    out.mkdir(parents=True, exist_ok=True)
    words = out / "words.txt"
    started = time.time()
    if not (reuse_words and words.exists()):
        with Pool(processes) as pool, open(words, "w", encoding="utf-8") as handle:
            for lines in pool.imap(_words, files, chunksize=4):
                handle.write(lines + "\n")
        print(f"{len(files)} reports tokenised in {time.time() - started:.0f}s -> {words}", flush=True)
    started = time.time()
    model = floret.train_unsupervised(str(words), model="cbow", mode="floret", hashCount=2, bucket=BUCKET,
                                      minn=MINN, maxn=MAXN, dim=DIM, epoch=EPOCHS, minCount=min_count,
                                      thread=1, verbose=0)
    model.save_floret_vectors(str(out / "vectors.floret"))
    print(f"floret trained in {time.time() - started:.0f}s", flush=True)
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "zh", str(out / "vectors.floret"),
                    str(out / "spacy"), "--mode", "floret"], check=True, capture_output=True)
    print(f"spaCy vectors -> {out / 'spacy'}")
    return out / "spacy"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared-dir", type=Path, default=DEFAULT_SHARED_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "vectors")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--reuse-words", action="store_true", help="keep an existing words.txt")
    args = parser.parse_args()
    train_vectors(raw_reports(args.shared_dir), args.out, args.processes, args.reuse_words)


if __name__ == "__main__":
    main()
