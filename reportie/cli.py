"""The ``reportie`` command line (typer, like spaCy's own CLI)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured documents from Chinese local government work reports.")


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"


@app.command()
def parse(
    files: List[Path] = typer.Argument(..., help="Report files (UTF-8, GB18030, Big5 or UTF-16)."),
    format: Format = typer.Option(Format.json, "--format", "-f", help="json: one indented document; jsonl: one line per file."),
    model: Optional[str] = typer.Option(None, "--model", help="A saved pipeline directory, or 'rules' for the rule baseline."),
) -> None:
    """Parse reports and print the structured result."""
    from .api import parse as parse_report
    from .pipeline import load

    nlp = load(model)
    failures = 0
    for file in files:
        try:
            report = parse_report(file, nlp=nlp)
        except (OSError, ValueError) as error:
            typer.echo(f"reportie: cannot parse {file}: {error}", err=True)
            failures += 1
            continue
        data = {"file": str(file), **report.to_dict()}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=None if format == Format.jsonl else 2))
    raise typer.Exit(1 if failures else 0)


@app.command()
def evaluate(
    gold: List[Path] = typer.Argument(..., help="Gold JSONL files or directories in the ANNOTATION.md format."),
    shared_dir: Optional[Path] = typer.Option(None, "--shared-dir", help="The shared/ directory standoff paths refer to."),
    model: Optional[str] = typer.Option(None, "--model", help="A saved pipeline directory, or 'rules'."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the scores as JSON here."),
) -> None:
    """Strict character-span P/R/F1 per label of the pipeline against gold annotations."""
    from .corpus.records import DEFAULT_SHARED_DIR, CorpusError, load_reports
    from .evaluation import evaluate_reports, format_scores
    from .pipeline import load

    try:
        reports = load_reports(gold, shared_dir or DEFAULT_SHARED_DIR)
    except (CorpusError, OSError) as error:
        typer.echo(f"reportie: {error}", err=True)
        raise typer.Exit(2)
    if not reports:
        typer.echo("reportie: no gold reports found", err=True)
        raise typer.Exit(2)
    result = evaluate_reports(reports, load(model))
    typer.echo(format_scores(result))
    if output:
        output.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")


def main() -> None:
    app(prog_name="reportie")


if __name__ == "__main__":
    sys.exit(main())
