"""``python -m reportie.corpus``: validate, stats and render the gold corpus; write and read back
the inline markup its train-only reports were corrected in."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .records import DEFAULT_SHARED_DIR, GOLD_DIR

app = typer.Typer(add_completion=False, help="Tools for reportie's gold corpus (ANNOTATION.md format).")
PathsArg = typer.Argument(None, help="Gold JSONL files or directories (default: corpus/annotations/gold).")
SharedOpt = typer.Option(DEFAULT_SHARED_DIR, "--shared-dir", help="The shared/ directory standoff paths refer to.")


@app.command()
def validate(paths: Optional[List[Path]] = PathsArg, shared_dir: Path = SharedOpt) -> None:
    """Check schema, offsets, span texts, layer rules, span edges and source hashes."""
    from .validate import validate_paths

    result = validate_paths(paths or [GOLD_DIR], shared_dir)
    for finding in result.findings:
        typer.echo(str(finding))
    status = "FAILED" if result.errors else "OK"
    typer.echo(f"{status}: {result.records} records, {result.spans} spans, {len(result.errors)} errors, "
               f"{len(result.findings) - len(result.errors)} warnings")
    raise typer.Exit(1 if result.errors or not result.records else 0)


@app.command()
def stats(paths: Optional[List[Path]] = PathsArg, shared_dir: Path = SharedOpt) -> None:
    """Span counts per label per report, and span length distributions."""
    from .stats import format_stats
    from .records import load_reports

    given = " ".join(str(path) for path in paths or [])
    typer.echo(f"# {'Corpus statistics: ' + given if given else 'Gold corpus statistics'}\n\n"
               f"Command: `python -m reportie.corpus stats{' ' + given if given else ''}`\n")
    typer.echo(format_stats(load_reports(paths or [GOLD_DIR], shared_dir)))


@app.command("agreement")
def agreement_cmd(
    first: Path = typer.Argument(GOLD_DIR, help="The first annotation (default: the gold set)."),
    second: Path = typer.Argument(GOLD_DIR.parent / "agreement", help="The independent second annotation."),
    also: List[Path] = typer.Option([], "--also", help="More directories of first annotations (reports kept out of training)."),
    shared_dir: Path = SharedOpt,
) -> None:
    """Per-label span F1 between two independent annotations of the same reports."""
    from .agreement import agreement, format_agreement
    from .records import load_reports

    total, per_report = agreement(load_reports([first, *also], shared_dir), load_reports([second], shared_dir))
    if not per_report:
        typer.echo("no report is annotated in both", err=True)
        raise typer.Exit(2)
    typer.echo("# Inter-annotator agreement\n\nCommand: `python -m reportie.corpus agreement` (strict span F1 between "
               "the gold annotation and an independent second annotation of the same reports).\n")
    typer.echo(format_agreement(total, per_report))


def _annotated(report_id: str, paths: Optional[List[Path]], shared_dir: Path) -> Optional[tuple[str, list]]:
    """The text and (start, end, label) spans of the record ``report_id`` in ``paths``
    (default: the gold corpus), or None."""
    from .records import load_reports

    for report in load_reports(paths or [GOLD_DIR], shared_dir):
        if report.id == report_id:
            return report.text, [(s.start, s.end, s.label) for s in report.spans]
    return None


@app.command()
def render(report_id: str = typer.Argument(..., help="The id of a gold report."),
           out: Path = typer.Option(..., "--out", "-o", help="HTML file to write."),
           paths: Optional[List[Path]] = PathsArg, shared_dir: Path = SharedOpt) -> None:
    """displaCy HTML of one annotated report (layer A as entities, layer B as spans)."""
    from ..display import render_html

    found = _annotated(report_id, paths, shared_dir)
    if found is None:
        typer.echo(f"no gold report with id {report_id!r}", err=True)
        raise typer.Exit(2)
    out.write_text(render_html(*found, report_id), encoding="utf-8")
    typer.echo(f"wrote {out}")


@app.command()
def alignment(paths: Optional[List[Path]] = PathsArg, shared_dir: Path = SharedOpt,
              segmenter: str = typer.Option("pkuseg", help="pkuseg or char")) -> None:
    """Share of gold spans and span edges that fall on reportie tokenizer edges."""
    from ..pipeline import build_rules_pipeline
    from .docbin import to_docbin
    from .records import load_reports

    _, result = to_docbin(build_rules_pipeline(segmenter), load_reports(paths or [GOLD_DIR], shared_dir))
    typer.echo(f"segmenter {segmenter}: {result.aligned}/{result.spans} gold spans on token edges "
               f"({result.span_share:.4f}); span edges {result.token_edges}/{result.edges} ({result.edge_share:.4f})")
    for report_id, label, text in result.misses:
        typer.echo(f"  not aligned: {report_id} {label} {text!r}")


@app.command()
def markup(source: str = typer.Argument(..., help="A report id of the records in PATHS, or a raw report's path "
                                                  "relative to the shared dir (pre-annotated by the shipped pipeline)."),
           out: Path = typer.Option(..., "--out", "-o", help="The .ann file to write."),
           paths: Optional[List[Path]] = PathsArg, shared_dir: Path = SharedOpt) -> None:
    """Write a report with its spans as inline markup ([[P|…]], {{T|…}}) for correcting by hand."""
    from .markup import to_markup
    from .records import read_raw

    found = _annotated(source, paths, shared_dir)
    if found is not None:
        text, spans = found
    elif (shared_dir / source).is_file():
        import reportie

        text = read_raw(shared_dir / source)
        spans = [(s.start, s.end, s.label) for s in reportie.parse(text).spans]
    else:
        typer.echo(f"{source!r} is neither a report id of the records nor a file under {shared_dir}", err=True)
        raise typer.Exit(2)
    out.write_text(to_markup(text, spans), encoding="utf-8")
    typer.echo(f"wrote {out}: {len(spans)} spans")


@app.command()
def unmark(marked: Path = typer.Argument(..., help="The corrected .ann file."),
           source: str = typer.Option(..., "--source", help="The raw report's path relative to the shared dir."),
           report_id: str = typer.Option(..., "--id", help="The record's id."),
           meta: str = typer.Option(..., "--meta", help='The record\'s meta as JSON ({"province": …}).'),
           shared_dir: Path = SharedOpt) -> None:
    """Print the standoff record of a corrected .ann file, if its text outside the markup is
    the raw report's, byte for byte, and its spans are well formed."""
    import json

    from .markup import check_markup, to_record
    from .records import read_raw

    raw = read_raw(shared_dir / source)
    spans, errors = check_markup(marked.read_text(encoding="utf-8"), raw)
    for error in errors:
        typer.echo(f"ERROR {error}", err=True)
    if errors:
        raise typer.Exit(1)
    typer.echo(json.dumps(to_record(report_id, json.loads(meta), source, raw, spans), ensure_ascii=False))


if __name__ == "__main__":
    app()
