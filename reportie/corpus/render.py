"""displaCy HTML of an annotated report, for reading the gold back: layer A as entities,
layer B as spans, both on the raw text the offsets refer to."""

from __future__ import annotations

from spacy import displacy

from ..labels import LAYER_A
from .records import GoldReport

COLORS = {"MONEY": "#f6d186", "PROJECT": "#a8d8ea", "SLOGAN": "#fcbad3", "TARGET": "#b5ead7",
          "GLOSS_TERM": "#c7ceea", "GLOSS_DEF": "#e2f0cb"}


def render_report(report: GoldReport) -> str:
    text = report.text
    ents = [{"start": s.start, "end": s.end, "label": s.label} for s in report.spans if s.label in LAYER_A]
    title = f"{report.id} — layer A (MONEY, PROJECT, SLOGAN)"
    layer_a = displacy.render({"text": text, "ents": ents, "title": title}, style="ent", manual=True, page=False,
                              options={"colors": COLORS})
    # displaCy's span style needs tokens; characters are the finest, exact view.
    tokens = list(text)
    spans = [{"start_token": s.start, "end_token": s.end, "label": s.label} for s in report.spans if s.label not in LAYER_A]
    layer_b = displacy.render({"text": text, "tokens": tokens, "spans": spans, "title": f"{report.id} — layer B"},
                              style="span", manual=True, page=False, options={"colors": COLORS})
    return f"<!doctype html><meta charset='utf-8'><title>{report.id}</title>{layer_a}<hr>{layer_b}"
