"""Pretrain the tok2vec on unlabeled corpus-raw text with ``spacy pretrain``.

Thirty annotated reports are few; the 1,345 unlabeled prefecture reports are not. spaCy's
characters objective masks words and trains the tok2vec to predict each masked word's first
and last bytes from its context, which is the context a PROJECT or TARGET edge depends on.

    python training/pretrain.py --vectors-dir runs/vectors --out runs/pretrain

reads the words ``training/vectors.py`` wrote (``<vectors-dir>/words.txt``: corpus-raw
without the gold corpus's places, so no held-out county is in it), takes a seeded random
sample of its paragraphs (one pretraining epoch over all of it takes about half an hour on
one core here), and runs ``spacy pretrain configs/reportie.cfg`` on it. ``training/run.py
--init-tok2vec <out>/weights/model-last.bin`` then trains from those weights.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sample_paragraphs(words: Path, out: Path, n_words: int, seed: int) -> int:
    """Write a random sample of ``words``' paragraphs, about ``n_words`` words in all;
    return how many words it holds."""
    lines = [line for line in words.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(seed).shuffle(lines)
    kept, total = [], 0
    for line in lines:
        if total >= n_words:
            break
        kept.append(line)
        total += line.count(" ") + 1
    out.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vectors-dir", type=Path, default=ROOT / "runs" / "vectors",
                        help="training/vectors.py's --out: words.txt and spacy/")
    parser.add_argument("--config", type=Path, default=ROOT / "configs" / "reportie.cfg")
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "pretrain")
    parser.add_argument("--words", type=int, default=5_000_000, help="words of corpus-raw to pretrain on")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sample = args.out / "sample.txt"
    n_words = sample_paragraphs(args.vectors_dir / "words.txt", sample, args.words, args.seed)
    print(f"{n_words:,} words sampled -> {sample}", flush=True)
    started = time.time()
    subprocess.run([sys.executable, "-m", "spacy", "pretrain", str(args.config), str(args.out / "weights"),
                    "--paths.raw_text", str(sample), "--paths.vectors", str(args.vectors_dir / "spacy"),
                    "--system.seed", str(args.seed)], check=True)
    seconds = time.time() - started
    (args.out / "pretrain_seconds.txt").write_text(f"{seconds:.0f}\n")
    print(f"pretrained in {seconds:.0f}s -> {args.out / 'weights' / 'model-last.bin'}")


if __name__ == "__main__":
    main()
