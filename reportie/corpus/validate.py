"""Checks that a gold JSONL file follows ANNOTATION.md to the letter.

Every rule here is one stated in ANNOTATION.md; a record that breaks one is an error,
a glossary that does not pair up is a warning (sources cut entries short).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..labels import LABELS, layer_of
from .records import CorpusError, gold_files, iter_jsonl, resolve_text

META_KEYS = ("province", "city", "county", "year", "script")
QUOTE_PAIRS = {"“": "”", "「": "」", "《": "》", "‘": "’", "『": "』"}
ENCLOSERS = {**QUOTE_PAIRS, '"': '"', "(": ")", "（": "）", "[": "]", "【": "】"}


@dataclass
class Finding:
    where: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        return f"{'ERROR' if self.error else 'warning'} {self.where}: {self.message}"


@dataclass
class ValidationResult:
    records: int = 0
    spans: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.error]


def span_edge_problems(text: str) -> list[str]:
    """What keeps ``text`` from being a span under ANNOTATION.md's edge rules (also used on
    hand-corrected markup, ``markup.check_markup``)."""
    problems = []
    if text != text.strip():
        problems.append("starts or ends with whitespace")
    if text and text[0] in ENCLOSERS and text[-1] == ENCLOSERS[text[0]]:
        inner = text[1:-1]
        if text[0] not in inner and text[-1] not in inner:
            problems.append(f"includes the enclosing {text[0]}{text[-1]}")
    for opening, closing in QUOTE_PAIRS.items():
        if text.count(opening) != text.count(closing):
            problems.append(f"unbalanced {opening}{closing}")
    if text.count('"') % 2:
        problems.append('unbalanced "')
    if text.endswith("]") and "[" in text and text[text.rindex("[") + 1 : -1].isdigit():
        problems.append("ends with a footnote marker")
    return problems


def check_record(record: dict[str, Any], text: str, where: str) -> list[Finding]:
    """All findings for one record whose text has been resolved."""
    found: list[Finding] = []

    def err(message: str, error: bool = True) -> None:
        found.append(Finding(where, message, error))

    meta = record.get("meta")
    if not isinstance(record.get("id"), str) or not record["id"]:
        err("missing id")
    if not isinstance(meta, dict):
        err("missing meta")
        meta = {}
    for key in META_KEYS:
        if key not in meta:
            err(f"meta lacks {key!r}")
    if "year" in meta and not isinstance(meta["year"], int):
        err("meta.year must be an integer")
    if meta.get("script") not in (None, "simplified", "traditional"):
        err("meta.script must be 'simplified' or 'traditional'")
    standoff = "text" not in record
    spans = record.get("spans")
    if not isinstance(spans, list):
        err("spans must be a list")
        return found
    seen: set[tuple[int, int, str]] = set()
    by_layer: dict[str, list[tuple[int, int, str]]] = {"A": [], "B": []}
    previous = (-1, -1)
    for index, span in enumerate(spans):
        tag = f"span {index}"
        if not isinstance(span, dict) or not {"start", "end", "label"} <= span.keys():
            err(f"{tag}: needs start, end, label")
            continue
        start, end, label = span["start"], span["end"], span["label"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            err(f"{tag}: offsets {start}..{end} outside the text (length {len(text)})")
            continue
        if label not in LABELS:
            err(f"{tag}: unknown label {label!r}")
            continue
        surface = text[start:end]
        tag = f"span {index} {label} {start}-{end} {surface!r}"
        if "text" in span and span["text"] != surface:
            err(f"{tag}: text {span['text']!r} differs from the slice")
        elif "text" not in span and standoff:
            err(f"{tag}: standoff spans must carry their text")
        if (start, end) < previous:
            err(f"{tag}: spans are not sorted by (start, end)")
        previous = (start, end)
        if (start, end, label) in seen:
            err(f"{tag}: duplicate")
        seen.add((start, end, label))
        for problem in span_edge_problems(surface):
            err(f"{tag}: {problem}")
        by_layer[layer_of(label)].append((start, end, label))
    for layer, items in by_layer.items():
        items.sort()
        for (s1, e1, l1), (s2, e2, l2) in zip(items, items[1:]):
            if s2 < e1:
                err(f"layer {layer}: {l1} {s1}-{e1} {text[s1:e1]!r} overlaps {l2} {s2}-{e2} {text[s2:e2]!r}")
    glossary = sorted((s, e, l) for s, e, l in by_layer["B"] if l.startswith("GLOSS"))
    for (s1, e1, l1), nxt in zip(glossary, glossary[1:] + [(len(text), len(text), "END")]):
        if l1 == "GLOSS_TERM" and nxt[2] != "GLOSS_DEF":
            err(f"GLOSS_TERM {s1}-{e1} {text[s1:e1]!r} has no GLOSS_DEF before the next term", error=False)
    return found


def validate_paths(paths: list[Path], shared_dir: Path) -> ValidationResult:
    result = ValidationResult()
    ids: dict[str, str] = {}
    for file in gold_files(paths):
        for lineno, record in iter_jsonl(file):
            where = f"{file.name}:{lineno}"
            result.records += 1
            try:
                text = resolve_text(record, shared_dir)
            except CorpusError as error:
                result.findings.append(Finding(where, str(error)))
                continue
            rid = record.get("id")
            if rid in ids:
                result.findings.append(Finding(where, f"id {rid!r} already used in {ids[rid]}"))
            ids[rid] = where
            result.spans += len(record.get("spans") or [])
            result.findings.extend(check_record(record, text, where))
    return result
