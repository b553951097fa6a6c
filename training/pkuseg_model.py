"""Train the pkuseg segmentation model that reportie ships (reportie/resources/pkuseg).

spacy-pkuseg has no model offline, so we make one: unlabeled prefecture reports from
``shared/corpus-raw`` are prepared exactly as at run time (reportie.textprep), segmented
by jieba with a domain dictionary (currency units, indicator words) and refined by the
tokenizer's own ``refine`` rule, then pkuseg learns that segmentation. Reports whose place
and year are in the gold corpus are left out, so evaluation texts never shape the model.

    python training/pkuseg_model.py --shared-dir ../shared --chars 400000
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import tempfile
import time
from pathlib import Path

from reportie.corpus.records import DEFAULT_SHARED_DIR, GOLD_DIR, iter_jsonl, gold_files
from reportie.textprep import prepare
from reportie.tokenizer import PKUSEG_FILES, SHIPPED_PKUSEG, refine

# Units and terms jieba should keep whole so numbers and units split cleanly.
DOMAIN_WORDS = [
    "亿元", "万元", "千元", "元", "美元", "万美元", "亿美元", "港元", "欧元", "万吨", "千瓦时",
    "个百分点", "地区生产总值", "规上工业增加值", "一般公共预算收入", "社会消费品零售总额",
    "固定资产投资", "城镇调查失业率", "常住人口城镇化率", "居民人均可支配收入", "名词解释",
]


def gold_place_years(gold_dir: Path) -> set[tuple[str, int]]:
    """(place, year) of every gold report: their texts stay out of tokenizer training."""
    keys = set()
    for file in gold_files([gold_dir]):
        for _, record in iter_jsonl(file):
            meta = record.get("meta", {})
            keys.add((meta.get("county") or meta.get("city") or "", meta.get("year")))
    return keys


def sample_lines(shared_dir: Path, chars: int, seed: int, exclude: set[tuple[str, int]]) -> list[str]:
    files = sorted((shared_dir / "corpus-raw" / "prefecture-cities").glob("*/*.md"))
    random.Random(seed).shuffle(files)
    lines: list[str] = []
    total = 0
    for file in files:
        year = int(file.stem) if file.stem.isdigit() else None
        if (file.parent.name, year) in exclude:
            continue
        text = prepare(file.read_text(encoding="utf-8")).text
        for line in text.split("\n"):
            line = line.strip()
            if len(line) >= 20 and not line.startswith(("title:", "---")):
                lines.append(line)
                total += len(line)
        if total >= chars:
            break
    return lines


def segment(lines: list[str]) -> list[str]:
    import jieba

    jieba.setLogLevel(60)
    for word in DOMAIN_WORDS:
        jieba.add_word(word)
    out = []
    for line in lines:
        words = [w for w in refine(jieba.cut(line, HMM=True)) if w.strip()]
        out.append(" ".join(words))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared-dir", type=Path, default=DEFAULT_SHARED_DIR)
    parser.add_argument("--chars", type=int, default=400_000)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=SHIPPED_PKUSEG)
    args = parser.parse_args()

    import spacy_pkuseg

    lines = sample_lines(args.shared_dir, args.chars, args.seed, gold_place_years(GOLD_DIR))
    segmented = segment(lines)
    cut = max(1, len(segmented) // 20)
    with tempfile.TemporaryDirectory() as tmp:
        train, test, model = Path(tmp, "train.txt"), Path(tmp, "test.txt"), Path(tmp, "model")
        train.write_text("\n".join(segmented[cut:]) + "\n", encoding="utf-8")
        test.write_text("\n".join(segmented[:cut]) + "\n", encoding="utf-8")
        started = time.time()
        spacy_pkuseg.train(str(train), str(test), str(model), train_iter=args.iterations)
        args.out.mkdir(parents=True, exist_ok=True)
        for name in PKUSEG_FILES:
            shutil.copy(model / name, args.out / name)
    chars = sum(len(re.sub(r"\s", "", s)) for s in segmented)
    print(f"trained on {chars} chars ({len(segmented)} lines) in {time.time() - started:.0f}s -> {args.out}")


if __name__ == "__main__":
    main()
