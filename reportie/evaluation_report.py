"""Evaluation results as a report a person reads: per label, per county, and error
examples in context, in Markdown and HTML. ``reportie evaluate`` and
``training/write_evaluation.py`` both write through these functions, from the plain-dict
form of the scores (``SpanScores.to_dict()``, ``scoring.error_examples`` rows)."""

from __future__ import annotations

from collections.abc import Iterable

from .labels import LABELS

#: How many errors of each kind (FN, FP) a report keeps per label for the reader.
ERRORS_PER_KIND = 4


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "⏎")


def error_sample(rows: list[dict], per_kind: int = ERRORS_PER_KIND) -> list[dict]:
    """Up to ``per_kind`` false negatives and false positives per label, in text order: a mix
    a reader learns from (``error_examples`` lists every FN before any FP)."""
    kept: dict[tuple[str, str], int] = {}
    sample = []
    for row in sorted(rows, key=lambda r: r["start"]):
        key = (row["label"], row["kind"])
        if kept.get(key, 0) < per_kind:
            kept[key] = kept.get(key, 0) + 1
            sample.append(row)
    return sample


ERROR_KINDS = ("wrong edges", "missed", "spurious")


def error_breakdown(rows: list[dict]) -> dict[str, dict[str, int]]:
    """Per label, why the errors happen: a gold span the system found with other edges
    ("wrong edges", counted once per gold span), a gold span with no overlapping prediction
    of its label ("missed"), a prediction overlapping no gold span of its label ("spurious")."""
    counts = {label: dict.fromkeys(ERROR_KINDS, 0) for label in LABELS}
    by_label: dict[str, dict[str, list[dict]]] = {}
    for row in rows:
        by_label.setdefault(row["label"], {"FN": [], "FP": []})[row["kind"]].append(row)
    for label, kinds in by_label.items():
        for kind, others, alone in (("FN", "FP", "missed"), ("FP", "FN", "spurious")):
            for row in kinds[kind]:
                overlaps = any(o["start"] < row["end"] and row["start"] < o["end"] for o in kinds[others])
                if not overlaps:
                    counts[label][alone] += 1
                elif kind == "FN":
                    counts[label]["wrong edges"] += 1
    return counts


def breakdown_table(counts: dict[str, dict[str, int]]) -> list[str]:
    lines = ["| label | " + " | ".join(ERROR_KINDS) + " |", "|---|" + "---|" * len(ERROR_KINDS)]
    lines += [f"| {label} | " + " | ".join(str(counts[label][kind]) for kind in ERROR_KINDS) + " |" for label in LABELS]
    return lines


def label_table(total: dict, seqeval: dict | None = None) -> list[str]:
    """P/R/F1 per label (strict character spans), micro, macro, glossary pairs, and seqeval."""
    lines = ["| label | P | R | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    for label in LABELS:
        row = total["per_label"][label]
        lines.append(f"| {label} | {row['p']:.3f} | {row['r']:.3f} | {row['f']:.3f} | {row['tp'] + row['fn']} | "
                     f"{row['tp'] + row['fp']} |")
    micro, pairs = total["micro"], total["glossary_pairs"]
    lines.append(f"| micro | {micro['p']:.3f} | {micro['r']:.3f} | {micro['f']:.3f} | | |")
    lines.append(f"| macro F1 | | | {total['macro_f']:.3f} | | |")
    lines.append(f"| glossary pairs | {pairs['p']:.3f} | {pairs['r']:.3f} | {pairs['f']:.3f} | "
                 f"{pairs['tp'] + pairs['fn']} | {pairs['tp'] + pairs['fp']} |")
    if seqeval:
        lines += ["", "seqeval (strict IOB2 on the pipeline's tokens):", "",
                  "| label | P | R | F1 | support |", "|---|---|---|---|---|"]
        lines += [f"| {label} | {row['p']:.3f} | {row['r']:.3f} | {row['f']:.3f} | {row['support']} |"
                  for label, row in seqeval.items()]
    return lines


def county_table(per_report: dict[str, dict], places: dict[str, str]) -> list[str]:
    """Strict span F1 per label for each report, with its place (county or city)."""
    lines = ["| report | place | " + " | ".join(LABELS) + " | micro |", "|---|---|" + "---|" * (len(LABELS) + 1)]
    for report_id, scores in per_report.items():
        cells = []
        for label in LABELS:
            row = scores["per_label"][label]
            cells.append(f"{row['f']:.2f}" if row["tp"] + row["fp"] + row["fn"] else "–")
        lines.append(f"| {report_id} | {places.get(report_id, '')} | " + " | ".join(cells)
                     + f" | {scores['micro']['f']:.3f} |")
    return lines


def error_tables(errors: dict[str, list[dict]], per_label: int = 8) -> list[str]:
    """For each label, up to ``per_label`` false negatives and false positives in context,
    taken in turn from each report so that one report does not fill the table."""
    lines = ["FN = a gold span the system missed, FP = a system span not in the gold (a span with",
             "the wrong edges is both)."]
    for label in LABELS:
        lines += ["", f"### {label}", "", "| report | kind | left context | span | right context |", "|---|---|---|---|---|"]
        for kind in ("FN", "FP"):
            queues = [[row for row in rows if row["label"] == label and row["kind"] == kind]
                      for rows in errors.values()]
            picked = _round_robin(list(errors), queues, per_label)
            lines += [f"| {rid} | {kind} | {_cell(row['left'])} | **{_cell(row['text'])}** | {_cell(row['right'])} |"
                      for rid, row in picked]
    return lines


def _round_robin(ids: list[str], queues: list[list[dict]], limit: int) -> list[tuple[str, dict]]:
    picked: list[tuple[str, dict]] = []
    depth = 0
    while len(picked) < limit and any(len(q) > depth for q in queues):
        picked += [(rid, q[depth]) for rid, q in zip(ids, queues) if len(q) > depth][: limit - len(picked)]
        depth += 1
    return picked


def markdown_report(title: str, intro: Iterable[str], total: dict, seqeval: dict | None,
                    per_report: dict[str, dict], places: dict[str, str], errors: dict[str, list[dict]]) -> str:
    lines = [f"# {title}", "", *intro, "", "## Per label", "", *label_table(total, seqeval), "",
             "## Per county", "", *county_table(per_report, places), "",
             "## Error examples", "", *error_tables(errors)]
    return "\n".join(lines) + "\n"


def html_report(markdown: str, title: str) -> str:
    """The Markdown report as a standalone HTML page (tables rendered, no scripts)."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(markdown)
    style = ("body{font-family:sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem}"
             "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem}"
             "th{background:#f3f3f3}")
    return (f"<!doctype html><html lang='zh'><meta charset='utf-8'><title>{title}</title>"
            f"<style>{style}</style><body>{body}</body></html>\n")
