"""The batch run as users run it: ``reportie parse DIR --out X.duckdb`` over the 1,345
prefecture-city reports, then the README's example SQL against the result.

    python benchmarks/batch.py [--shared-dir ../shared] [--out /tmp/reportie-batch.duckdb] [--n-process 1]

Runs the real CLI in a child process (one process unless --n-process says otherwise, one
BLAS/OpenMP thread) and measures its wall time, characters, reports/s, chars/s and peak RSS
(``RUSAGE_CHILDREN``); counts the rows per table and the files the CLI reported as failed;
runs the same command again on the same output to check that it resumes (skips every file
already written); then runs the ```sql block of README.md's "Command line" section, so the
README and this check cannot drift. Prints Markdown and writes it to --report with the
command line, like ``benchmarks/speed.py``. An --out that exists is resumed, not replaced.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from reportie.cli import report_files  # noqa: E402
from reportie.corpus.records import DEFAULT_SHARED_DIR  # noqa: E402
from reportie.export import TABLES  # noqa: E402
from reportie.inputs import read_input  # noqa: E402

FAILED = re.compile(r"^reportie: cannot parse (.+?): (.*)$")


def readme_queries(readme: Path) -> list[tuple[str, str]]:
    """(comment, statement) for each statement of the first ```sql block in README.md."""
    block = re.search(r"```sql\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    if block is None:
        raise SystemExit(f"no ```sql block in {readme}")
    queries, comment, statement = [], "", []
    for line in block.group(1).splitlines():
        if line.startswith("--") and not statement:
            comment = line.lstrip("- ").strip()
            continue
        statement.append(line)
        if line.rstrip().endswith(";"):
            queries.append((comment, "\n".join(statement).strip()))
            comment, statement = "", []
    return queries


def cli_command() -> list[str]:
    """The installed ``reportie`` script beside this Python, else ``python -m reportie.cli``."""
    script = Path(sys.executable).parent / "reportie"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportie.cli"]


def run_cli(command: list[str], env: dict[str, str]) -> dict:
    """Run the CLI, echoing its stderr as it comes; wall time, exit code and stderr lines."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, encoding="utf-8", errors="replace")
    lines: list[str] = []

    def pump() -> None:
        for line in child.stderr:
            sys.stderr.write(line)
            sys.stderr.flush()
            lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    code = child.wait()
    reader.join()
    seconds = time.perf_counter() - started
    failed = [m.groups() for m in map(FAILED.match, lines) if m]
    resumed = next((int(m.group(1)) for m in (re.match(r"resuming: (\d+) files", l) for l in lines) if m), 0)
    wrote = next((int(m.group(1)) for m in (re.match(r"wrote (\d+) reports", l) for l in lines) if m), None)
    return {"seconds": seconds, "code": code, "lines": lines, "failed": failed, "resumed": resumed, "wrote": wrote}


def done_reports(out: Path) -> set[str]:
    if not out.exists():
        return set()
    with duckdb.connect(str(out), read_only=True) as connection:
        tables = {t for (t,) in connection.execute("select table_name from information_schema.tables").fetchall()}
        return {r for (r,) in connection.execute("select report from reports").fetchall()} if "reports" in tables else set()


def cell(value) -> str:
    if isinstance(value, float):
        return f"{value:,.6g}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared-dir", type=Path, default=DEFAULT_SHARED_DIR)
    parser.add_argument("--out", type=Path, default=Path("/tmp/reportie-batch.duckdb"), help="the .duckdb the CLI writes")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "BATCH.md", help="where the Markdown goes")
    parser.add_argument("--rows", type=int, default=5, help="rows of each README query to show")
    args = parser.parse_args()

    corpus = args.shared_dir / "corpus-raw" / "prefecture-cities"
    files = report_files([corpus])
    chars: dict[str, int] = {}
    for file in files:
        try:
            chars[str(file)] = len(read_input(file))
        except (OSError, ValueError):
            chars[str(file)] = 0
    before = done_reports(args.out)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = cli_command() + ["parse", str(corpus), "--out", str(args.out), "--n-process", str(args.n_process)]

    print(f"$ {' '.join(command)}", file=sys.stderr)
    run = run_cli(command, env)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    parsed_files = [f for f in map(str, files) if f not in before]
    parsed_chars = sum(chars[f] for f in parsed_files)
    counts: dict[str, int] = {}
    if args.out.exists():
        with duckdb.connect(str(args.out), read_only=True) as connection:
            present = {t for (t,) in connection.execute("select table_name from information_schema.tables").fetchall()}
            counts = {t: connection.execute(f"select count(*) from {t}").fetchone()[0] if t in present else 0
                      for t in TABLES}

    print(f"$ {' '.join(command)}  # again: should skip every file", file=sys.stderr)
    again = run_cli(command, env)

    query_results = []
    with duckdb.connect(str(args.out), read_only=True) as connection:
        for comment, sql in readme_queries(ROOT / "README.md"):
            try:
                cursor = connection.execute(sql)
                rows = cursor.fetchall()
                query_results.append((comment, sql, [d[0] for d in cursor.description], rows, None))
            except duckdb.Error as error:
                query_results.append((comment, sql, [], [], f"{type(error).__name__}: {error}"))

    shown = "python benchmarks/batch.py" + "".join(
        f" {flag} {value}" for flag, value in (("--shared-dir", args.shared_dir), ("--out", args.out),
                                              ("--n-process", args.n_process)))
    crashed = run["code"] not in (0, 1)
    lines = ["# Batch run", "", f"Command: `{shown}`",
             f"It runs: `reportie parse {corpus} --out {args.out} --n-process {args.n_process}`",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"OMP_NUM_THREADS=1, {args.n_process} process(es).", "",
             "| what | figure |", "|---|---|",
             f"| report files in the directory | {len(files):,} |",
             f"| already in the output before this run (resumed) | {run['resumed']:,} |",
             f"| parsed in this run | {len(parsed_files):,} reports, {parsed_chars:,} characters |",
             f"| wall time (model load included) | {run['seconds']:,.0f} s ({run['seconds'] / 60:.1f} min) |",
             f"| reports/s | {len(parsed_files) / run['seconds']:.2f} |",
             f"| chars/s | {parsed_chars / run['seconds']:,.0f} |",
             f"| peak RSS of the CLI process | {peak_mib:,.0f} MiB |",
             f"| exit code | {run['code']}{' (crashed)' if crashed else ''} |",
             f"| files reported as failed (logged, skipped) | {len(run['failed'])} |",
             f"| reports written (CLI's count) | {run['wrote'] if run['wrote'] is not None else 'n/a'} |"]
    for file, error in run["failed"]:
        lines.append(f"| failed: `{file}` | {cell(error)} |")
    if crashed:
        lines += ["", "The CLI stopped; the end of its stderr:", "", "```", *run["lines"][-30:], "```"]
    lines += ["", "Rows per table in the output:", "", "| table | rows |", "|---|---|"]
    lines += [f"| {table} | {count:,} |" for table, count in counts.items()]
    lines += ["", "## Resuming", "",
              f"The same command again on the same output: {again['resumed']:,} files skipped as already done, "
              f"{again['wrote'] if again['wrote'] is not None else 'n/a'} reports written, exit code {again['code']}, "
              f"{again['seconds']:.1f} s wall time (start-up and the check of which files are done)."]
    lines += ["", "## README example queries", "",
              "The ```sql block of README.md's \"Command line\" section, run against the output above."]
    for comment, sql, columns, rows, error in query_results:
        lines += ["", f"### {comment or 'query'}", "", "```sql", sql, "```", ""]
        if error:
            lines.append(f"**Failed**: {error}")
            continue
        lines += [f"{len(rows):,} rows; the first {min(args.rows, len(rows))}:", "",
                  "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows[: args.rows]]
    text = "\n".join(lines) + "\n"
    print(text)
    args.report.write_text(text, encoding="utf-8")
    if crashed or any(r[4] for r in query_results) or again["resumed"] != counts.get("reports"):
        sys.exit(1)


if __name__ == "__main__":
    main()
