"""The static vectors are trained here on corpus-raw (never on the places of the gold
corpus), and the shipped config finds them without a download or an extra file."""

import sys
from pathlib import Path

import numpy
from spacy.vectors import Vectors

from reportie.corpus.records import DEFAULT_SHARED_DIR, load_reports

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

from vectors import BUCKET, DIM, raw_reports, train_vectors  # noqa: E402


def test_vector_text_leaves_out_every_gold_place():
    files = raw_reports(DEFAULT_SHARED_DIR)
    folders = {path.parent.name for path in files}
    gold = load_reports()
    assert len(files) > 1000
    assert {r.meta["city"] for r in gold if r.meta.get("city")}.isdisjoint(folders)
    assert {r.place for r in gold}.isdisjoint(folders)


def test_floret_vectors_cover_unseen_words(tmp_path):
    out = train_vectors(raw_reports(DEFAULT_SHARED_DIR)[:3], tmp_path, processes=1, min_count=1)
    vectors = Vectors().from_disk(out / "vocab")
    assert vectors.mode == "floret" and vectors.shape == (BUCKET, DIM)
    seen, unseen = vectors.get_batch(["项目", "卢氏县杜关镇中药材示范园"])
    assert numpy.abs(seen).sum() > 0 and numpy.abs(unseen).sum() > 0, "floret builds a vector from subwords"
