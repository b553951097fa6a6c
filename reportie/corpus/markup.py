"""Inline markup for correcting annotations by hand, and back to a standoff record.

Every train-only report was annotated this way: the shipped pipeline's spans (or a record's)
written into the raw text, corrected in an editor, and turned back into a standoff record
only if the text outside the markup is byte-identical to the raw report. Two layers, as in
ANNOTATION.md; spans of one layer never nest, a span of one layer may hold spans of the other:

    layer A  [[M|…]] MONEY   [[P|…]] PROJECT   [[S|…]] SLOGAN
    layer B  {{T|…}} TARGET  {{GT|…}} GLOSS_TERM  {{GD|…}} GLOSS_DEF
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..labels import layer_of
from .records import sha256_text
from .validate import span_edge_problems

CODES = {"M": "MONEY", "P": "PROJECT", "S": "SLOGAN", "T": "TARGET", "GT": "GLOSS_TERM", "GD": "GLOSS_DEF"}
_CODE_OF = {label: code for code, label in CODES.items()}
_TOKEN = re.compile(r"\[\[(M|P|S)\||\{\{(T|GT|GD)\||\]\]|\}\}")

Span = tuple[int, int, str]


def _bracket(label: str) -> tuple[str, str]:
    return ("[[", "]]") if layer_of(label) == "A" else ("{{", "}}")


def to_markup(text: str, spans: Iterable[Span]) -> str:
    """``text`` with each span written inline. At one position closings come before
    openings, and a longer span opens before a shorter one, so nested spans stay nested."""
    inserts = []
    for start, end, label in spans:
        opening, closing = _bracket(label)
        inserts.append((start, 1, -end, opening + _CODE_OF[label] + "|"))
        inserts.append((end, 0, -start, closing))
    out, last = [], 0
    for position, _, _, mark in sorted(inserts):
        out += [text[last:position], mark]
        last = position
    out.append(text[last:])
    return "".join(out)


def from_markup(marked: str) -> tuple[str, list[Span], list[str]]:
    """The plain text, the spans (offsets into it) and the markup errors (unclosed or crossing
    spans of one layer), each with its line number."""
    out: list[str] = []
    spans: list[Span] = []
    errors: list[str] = []
    opened: dict[str, tuple[int, str, int] | None] = {"A": None, "B": None}
    position = last = 0
    for match in _TOKEN.finditer(marked):
        out.append(marked[last:match.start()])
        position += match.start() - last
        last = match.end()
        line = marked.count("\n", 0, match.start()) + 1
        code = match.group(1) or match.group(2)
        layer = "A" if match.group(1) or match.group() == "]]" else "B"
        if code:
            if opened[layer] is not None:
                errors.append(f"line {line}: a layer-{layer} span opens inside another")
                continue
            opened[layer] = (position, CODES[code], line)
        elif opened[layer] is None:
            errors.append(f"line {line}: {match.group()} closes nothing")
        else:
            start, label, _ = opened[layer]
            spans.append((start, position, label))
            opened[layer] = None
    out.append(marked[last:])
    errors += [f"line {span[2]}: {span[1]} never closed" for span in opened.values() if span]
    return "".join(out), sorted(spans), errors


def check_markup(marked: str, raw: str) -> tuple[list[Span], list[str]]:
    """Spans of ``marked`` and everything that keeps it from being a record of ``raw``: markup
    errors, a text that differs from the raw report (the first difference shown), and spans
    that break ANNOTATION.md's edge rules (``validate.span_edge_problems``)."""
    text, spans, errors = from_markup(marked)
    if text != raw:
        at = next((i for i, (a, b) in enumerate(zip(text, raw)) if a != b), min(len(text), len(raw)))
        errors.append(f"the text differs from the raw report at character {at} (line {raw.count(chr(10), 0, at) + 1}): "
                      f"marked {text[max(0, at - 20):at + 20]!r}, raw {raw[max(0, at - 20):at + 20]!r}")
        return spans, errors
    for start, end, label in spans:
        span = raw[start:end]
        problems = span_edge_problems(span) if span else ["empty"]
        errors += [f"{label} {span!r} at {start}: {problem}" for problem in problems]
    return spans, errors


def to_record(report_id: str, meta: dict, source_path: str, raw: str, spans: Iterable[Span]) -> dict:
    """The standoff record (ANNOTATION.md) of ``spans`` on the raw report at ``source_path``."""
    return {"id": report_id, "meta": meta, "source": {"path": source_path, "sha256": sha256_text(raw)},
            "spans": [{"start": start, "end": end, "label": label, "text": raw[start:end]}
                      for start, end, label in sorted(spans)]}
