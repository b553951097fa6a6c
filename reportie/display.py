"""displaCy HTML of a report: layer A as entities, layer B as spans, on the raw text the
offsets refer to, with optional tables beside it (``reportie show``, corpus review)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from spacy import displacy

from .labels import LAYER_A

COLORS = {"MONEY": "#f6d186", "PROJECT": "#a8d8ea", "SLOGAN": "#fcbad3", "TARGET": "#b5ead7",
          "GLOSS_TERM": "#c7ceea", "GLOSS_DEF": "#e2f0cb"}


def render_html(text: str, spans: Iterable[tuple[int, int, str]], title: str,
                tables: dict[str, list[dict]] | None = None) -> str:
    spans = list(spans)
    ents = [{"start": s, "end": e, "label": label} for s, e, label in spans if label in LAYER_A]
    layer_a = displacy.render({"text": text, "ents": ents, "title": f"{title} — MONEY, PROJECT, SLOGAN"},
                              style="ent", manual=True, page=False, options={"colors": COLORS})
    # displaCy's span style needs tokens; characters are the finest exact view.
    layer_b = displacy.render(
        {"text": text, "tokens": list(text), "title": f"{title} — TARGET, GLOSS_TERM, GLOSS_DEF",
         "spans": [{"start_token": s, "end_token": e, "label": label} for s, e, label in spans if label not in LAYER_A]},
        style="span", manual=True, page=False, options={"colors": COLORS})
    side = "".join(_table(name, rows) for name, rows in (tables or {}).items() if rows)
    return (f"<!doctype html><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<div style='display:flex;gap:2em'><div style='flex:3'>{layer_a}<hr>{layer_b}</div>"
            f"<div style='flex:2;font-size:80%'>{side}</div></div>")


def _table(name: str, rows: list[dict]) -> str:
    columns = [c for c in rows[0] if c not in ("start", "end", "term_start", "term_end", "definition_start", "definition_end")]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(row.get(c, '')))}</td>" for c in columns) + "</tr>" for row in rows)
    return f"<h3>{html.escape(name)}</h3><table border=1 cellspacing=0>{'<tr>' + head + '</tr>'}{body}</table>"
