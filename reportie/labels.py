"""The label set of ANNOTATION.md, in one place."""

from __future__ import annotations

LAYER_A: tuple[str, ...] = ("MONEY", "PROJECT", "SLOGAN")
LAYER_B: tuple[str, ...] = ("TARGET", "GLOSS_TERM", "GLOSS_DEF")
LABELS: tuple[str, ...] = LAYER_A + LAYER_B

#: Name of the span group that holds layer B in a spaCy Doc (layer A lives in doc.ents).
SPANS_KEY = "sc"


def layer_of(label: str) -> str:
    """Return "A" or "B" for a label of ANNOTATION.md; raise ValueError otherwise."""
    if label in LAYER_A:
        return "A"
    if label in LAYER_B:
        return "B"
    raise ValueError(f"unknown label {label!r}; expected one of {', '.join(LABELS)}")
