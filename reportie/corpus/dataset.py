"""The gold corpus as a ``datasets.DatasetDict`` with leave-counties-out splits.

A *place* (the county, or the city for a prefecture-level report) is the unit held out:
every report of a place lands in the same split, so a model is always tested on places it
never saw. Folds are fixed by a seed so a rerun reproduces the figures.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from .records import DEFAULT_SHARED_DIR, TRAIN_ONLY_DIR, GoldReport, load_reports


def place_folds(reports: list[GoldReport], k: int, seed: int = 0) -> list[list[str]]:
    """Partition the places into ``k`` folds (each place is in exactly one)."""
    places = sorted({r.place for r in reports})
    if not 2 <= k <= len(places):
        raise ValueError(f"k must be between 2 and the number of places ({len(places)}), not {k}")
    random.Random(seed).shuffle(places)
    return [sorted(places[i::k]) for i in range(k)]


def covered_places(reports: list[GoldReport]) -> set[str]:
    """The places these reports speak for: their own (county, or city) and the prefecture of
    each county, whose report would speak of the county's projects. Text of these places
    from elsewhere must not train a model that is scored on the reports."""
    return {r.place for r in reports} | {r.meta["city"] for r in reports if r.meta.get("city")}


def fold_splits(reports: list[GoldReport], k: int, fold: int, seed: int = 0, dev_places: int = 2,
                train_only: Sequence[GoldReport] = ()) -> dict[str, list[GoldReport]]:
    """train / dev / test reports for one fold: test = the fold's places, dev = a few other
    places (for early stopping, never the test places), train = the rest plus ``train_only``,
    which must share no place with ``reports``, nor be the prefecture of one of their counties
    (its report would speak of the county's projects), or a test place could leak into training."""
    shared = {r.place for r in train_only} & covered_places(reports)
    if shared:
        raise ValueError(f"train-only reports of places in the evaluated corpus: {sorted(shared)}")
    folds = place_folds(reports, k, seed)
    test = set(folds[fold])
    others = sorted({r.place for r in reports} - test)
    random.Random(seed + fold + 1).shuffle(others)
    dev = set(others[:dev_places])
    return {
        "train": [r for r in reports if r.place not in test | dev] + list(train_only),
        "dev": [r for r in reports if r.place in dev],
        "test": [r for r in reports if r.place in test],
    }


def to_rows(reports: list[GoldReport]) -> dict[str, list]:
    return {
        "id": [r.id for r in reports],
        "place": [r.place for r in reports],
        "year": [r.meta.get("year") for r in reports],
        "text": [r.text for r in reports],
        "spans": [[{"start": s.start, "end": s.end, "label": s.label, "text": s.text} for s in r.spans] for r in reports],
    }


def load_train_only(shared_dir: Path = DEFAULT_SHARED_DIR, directory: Path = TRAIN_ONLY_DIR) -> list[GoldReport]:
    """The train-only reports (none if the directory holds no JSONL)."""
    return load_reports([directory], shared_dir) if any(directory.glob("*.jsonl")) else []


def load_corpus(k: int = 5, fold: int = 0, paths: list[Path] | None = None,
                shared_dir: Path = DEFAULT_SHARED_DIR, seed: int = 0, train_only: bool = True):
    """The corpus as ``DatasetDict(train, dev, test)`` for one leave-counties-out fold; the
    train split holds the train-only reports too unless ``train_only`` is False."""
    from datasets import Dataset, DatasetDict

    extra = load_train_only(shared_dir) if train_only else []
    splits = fold_splits(load_reports(paths, shared_dir), k, fold, seed, train_only=extra)
    return DatasetDict({name: Dataset.from_dict(to_rows(items)) for name, items in splits.items()})
