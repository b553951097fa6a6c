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


REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm")


STDIN = Path("-")


def report_files(paths: List[Path]) -> list[Path]:
    """Files as given (``-`` is standard input); directories expanded (recursively) to their
    report files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path != STDIN and path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()))
        else:
            files.append(path)
    return files


@app.command()
def parse(
    paths: List[Path] = typer.Argument(..., help="Report files or directories (UTF-8, GB18030, Big5 or UTF-16; "
                                                 f"in a directory, files ending in {', '.join(REPORT_SUFFIXES)}); - reads standard input."),
    format: Format = typer.Option(Format.json, "--format", "-f",
                                  help="json: one indented document for one file, a JSON array for several; jsonl: one line per file."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write tables to a .duckdb, .parquet (directory) or .jsonl; resumes."),
    n_process: int = typer.Option(1, "--n-process", help="Processes for nlp.pipe."),
    model: Optional[str] = typer.Option(None, "--model", help="A saved pipeline directory, or 'rules' for the rule baseline."),
) -> None:
    """Parse reports: print the structured result, or write tables with --out."""
    from .api import parse_many
    from .inputs import read_input
    from .pipeline import load

    files = report_files(paths)
    if not files:
        typer.echo(f"reportie: no report files in {', '.join(map(str, paths))} (suffixes {', '.join(REPORT_SUFFIXES)})", err=True)
        raise typer.Exit(2)
    writer = None
    if out is not None:
        from .export import open_writer

        try:
            writer = open_writer(out)
        except ValueError as error:
            typer.echo(f"reportie: {error}", err=True)
            raise typer.Exit(2)
        done = writer.done()
        skipped = [f for f in files if str(f) in done]
        files = [f for f in files if str(f) not in done]
        if skipped:
            typer.echo(f"resuming: {len(skipped)} files already in {out}", err=True)
    failures: list[Path] = []
    readable: list[Path] = []

    def texts():
        for file in files:
            try:
                text = read_input(sys.stdin.buffer.read() if file == STDIN else file)
            except (OSError, ValueError) as error:
                typer.echo(f"reportie: cannot parse {file}: {error}", err=True)
                failures.append(file)
                continue
            readable.append(file)
            yield text

    nlp = load(model)

    def results():
        """(file, report) in order. If the batch raises, the files it had not yet returned
        are parsed one by one, so one bad report is logged and skipped, never fatal."""
        returned = 0
        try:
            for report in parse_many(texts(), nlp=nlp, n_process=n_process):
                yield readable[returned], report
                returned += 1
        except Exception as error:  # noqa: BLE001 - any failure of one report
            typer.echo(f"reportie: batch parse stopped ({error!r}); parsing the rest one by one", err=True)
            for file in [f for f in files if f not in failures and f not in readable[:returned]]:
                try:
                    yield file, parse_many([read_input(file)], nlp=nlp).__next__()
                except Exception as error:  # noqa: BLE001
                    typer.echo(f"reportie: cannot parse {file}: {error!r}", err=True)
                    failures.append(file)

    # json output stays one valid document: a report, or an array when several may come
    array = writer is None and format == Format.json and (len(paths) > 1 or files != paths)
    if array:
        typer.echo("[")
    with typer.progressbar(results(), length=len(files), label="parsing", file=sys.stderr,
                           hidden=out is None) as reports:
        for count, (file, report) in enumerate(reports):
            if writer is not None:
                from .export import report_rows

                writer.write(str(file), report_rows(report, str(file)))
            else:
                data = {"file": str(file), **report.to_dict()}
                document = json.dumps(data, ensure_ascii=False, indent=None if format == Format.jsonl else 2)
                typer.echo(("," if array and count else "") + document)
    if array:
        typer.echo("]")
    if writer is not None:
        writer.close()
        typer.echo(f"wrote {len(files) - len(failures)} reports to {out}", err=True)
    raise typer.Exit(1 if failures else 0)


@app.command()
def show(
    file: Path = typer.Argument(..., help="A report file."),
    html: Path = typer.Option(..., "--html", help="The HTML file to write."),
    model: Optional[str] = typer.Option(None, "--model", help="A saved pipeline directory, or 'rules'."),
) -> None:
    """displaCy rendering of a parsed report, with its tables beside it."""
    from dataclasses import asdict

    from .api import parse as parse_report
    from .display import render_html
    from .pipeline import load

    try:
        report = parse_report(file, nlp=load(model))
    except (OSError, ValueError) as error:
        typer.echo(f"reportie: cannot parse {file}: {error}", err=True)
        raise typer.Exit(1)
    tables = {name: [asdict(item) for item in getattr(report, name)]
              for name in ("money", "projects", "targets", "slogans", "glossary")}
    html.write_text(render_html(report.text, [(s.start, s.end, s.label) for s in report.spans], file.name, tables),
                    encoding="utf-8")
    typer.echo(f"wrote {html}")


@app.command()
def lexicon(
    paths: List[Path] = typer.Argument(..., help="Report files or directories."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the lexicon as JSON here."),
    model: Optional[str] = typer.Option(None, "--model", help="A saved pipeline directory, or 'rules'."),
) -> None:
    """Every slogan across reports, with its definitions, reports and years."""
    from .api import parse_many
    from .lexicon import build_lexicon, format_lexicon
    from .pipeline import load

    files = report_files(paths)
    entries = build_lexicon(zip(map(str, files), parse_many(files, nlp=load(model))))
    if output:
        output.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    typer.echo(format_lexicon(entries))


@app.command()
def outcomes(
    paths: List[Path] = typer.Argument(..., help="Reports of consecutive years (files or directories)."),
    model: Optional[str] = typer.Option(None, "--model", help="A saved pipeline directory, or 'rules'."),
) -> None:
    """Pair each year's annual targets with the outcome the next year's report states."""
    from .api import parse_many
    from .outcomes import pair_targets
    from .pipeline import load

    pairs = pair_targets(list(parse_many(report_files(paths), nlp=load(model))))
    typer.echo("| place | year | indicator | target | outcome next year | met |\n|---|---|---|---|---|---|")
    for pair in pairs:
        typer.echo(f"| {pair.place} | {pair.year} | {pair.indicator_canonical} | {pair.target.text} | "
                   f"{pair.outcome.text} | {pair.met} |")


@app.command()
def evaluate(
    gold: List[Path] = typer.Argument(..., help="Gold JSONL files or directories in the ANNOTATION.md format."),
    shared_dir: Optional[Path] = typer.Option(None, "--shared-dir", help="The shared/ directory standoff paths refer to."),
    model: Optional[str] = typer.Option(None, "--model", help="A saved pipeline directory, or 'rules'."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the scores as JSON here."),
    markdown: Optional[Path] = typer.Option(None, "--markdown", help="Write a readable report (per label, per county, errors)."),
    html: Optional[Path] = typer.Option(None, "--html", help="Write the same report as an HTML page."),
) -> None:
    """Strict character-span P/R/F1 per label (and seqeval) of the pipeline against gold annotations."""
    from .corpus.records import DEFAULT_SHARED_DIR, CorpusError, load_reports
    from .evaluation import evaluate_reports
    from .evaluation_report import error_sample, html_report, label_table, markdown_report
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
    scores = result.to_dict()
    typer.echo("\n".join(label_table(scores["total"], result.seqeval)))
    if output:
        output.write_text(json.dumps(scores, ensure_ascii=False, indent=2), encoding="utf-8")
    if markdown or html:
        intro = [f"`reportie evaluate` of `{model or 'the shipped pipeline'}` on {len(reports)} gold reports; strict "
                 "scores: a span counts only with exact character offsets and label."]
        text = markdown_report("reportie evaluation", intro, scores["total"], result.seqeval, scores["per_report"],
                               {r.id: r.place for r in reports},
                               {rid: error_sample(rows) for rid, rows in result.errors.items()})
        if markdown:
            markdown.write_text(text, encoding="utf-8")
        if html:
            html.write_text(html_report(text, "reportie evaluation"), encoding="utf-8")


def main() -> None:
    app(prog_name="reportie")


if __name__ == "__main__":
    sys.exit(main())
