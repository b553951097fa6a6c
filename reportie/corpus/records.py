"""Reading gold JSONL records and resolving standoff texts from the shared directory.

A record is one report (ANNOTATION.md): seeds carry their ``text`` inline, every other
report carries ``source: {path, sha256}`` and is resolved against ``shared_dir``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_SHARED_DIR = Path(__file__).resolve().parents[2].parent / "shared"
GOLD_DIR = Path(__file__).resolve().parents[2] / "corpus" / "annotations" / "gold"
# Reports annotated to the same rules that only ever train: prefecture reports of corpus-raw
# from places outside the gold set, so the folds, their test reports and every figure scored
# on them stay those of the gold corpus.
TRAIN_ONLY_DIR = GOLD_DIR.parent / "train-only"


class CorpusError(ValueError):
    """A gold record is malformed or its standoff text cannot be resolved."""


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    label: str
    text: str


@dataclass
class GoldReport:
    id: str
    meta: dict[str, Any]
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    origin: str = ""

    @property
    def place(self) -> str:
        """The unit held out together in leave-counties-out splits: the county, else the city."""
        return self.meta.get("county") or self.meta.get("city") or self.id


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_raw(path: Path) -> str:
    """Read a raw report exactly: UTF-8, no newline translation."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def resolve_text(record: dict[str, Any], shared_dir: Path) -> str:
    """Return the report text of a record, inline or from ``shared_dir`` (hash-checked)."""
    if "text" in record:
        return record["text"]
    source = record.get("source")
    if not isinstance(source, dict) or "path" not in source or "sha256" not in source:
        raise CorpusError(f"{record.get('id')}: neither 'text' nor 'source': {{path, sha256}}")
    path = Path(shared_dir) / source["path"]
    if not path.is_file():
        raise CorpusError(
            f"{record.get('id')}: standoff text {source['path']} not found under {shared_dir}; "
            "pass --shared-dir pointing at the shared/ directory"
        )
    text = read_raw(path)
    if sha256_text(text) != source["sha256"]:
        raise CorpusError(f"{record.get('id')}: sha256 of {path} differs from the annotation")
    return text


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield lineno, json.loads(line)
                except json.JSONDecodeError as err:
                    raise CorpusError(f"{path}:{lineno}: not JSON ({err})") from err


def gold_files(paths: list[Path]) -> list[Path]:
    """Expand directories into their ``*.jsonl`` files, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    return files


def load_reports(paths: list[Path] | None = None, shared_dir: Path = DEFAULT_SHARED_DIR) -> list[GoldReport]:
    """Load gold reports from JSONL files or directories (default: the project's gold set)."""
    reports = []
    for file in gold_files(paths or [GOLD_DIR]):
        for lineno, record in iter_jsonl(file):
            text = resolve_text(record, shared_dir)
            spans = [
                GoldSpan(s["start"], s["end"], s["label"], s.get("text", text[s["start"] : s["end"]]))
                for s in record.get("spans", [])
            ]
            reports.append(GoldReport(record["id"], record.get("meta", {}), text, spans, f"{file}:{lineno}"))
    return reports
