"""Reports as plain rows (medspacy's DocConsumer idea) and the writers behind
``reportie parse DIR --out results.duckdb|.parquet|.jsonl``.

One row per report in ``reports`` and one row per item in ``money``, ``projects``,
``targets``, ``slogans`` and ``glossary``, each keyed by ``report`` (the file's path) and
carrying character offsets into that file. Writers append, and ``done()`` tells which
files an output already holds, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from .meta import Meta
from .report import GlossaryEntry, Money, Project, Report, Slogan, Target

TABLES = ("reports", "money", "projects", "targets", "slogans", "glossary")
_SQL_TYPES = {bool: "BOOLEAN", int: "BIGINT", float: "DOUBLE"}


def _sql_type(annotation: Any) -> str:
    """DuckDB type of a dataclass field: ``float | None`` is DOUBLE, ``int`` BIGINT,
    ``tuple[float, ...]`` DOUBLE[], ..."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        kinds = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = kinds[0] if len(kinds) == 1 else str
    if typing.get_origin(annotation) is tuple:  # tuple[float, ...] is DOUBLE[]
        return _sql_type(typing.get_args(annotation)[0]) + "[]"
    return _SQL_TYPES.get(annotation, "VARCHAR")


def _columns(*classes: type) -> dict[str, str]:
    return {f.name: _sql_type(hints[f.name]) for cls in classes
            for hints in [typing.get_type_hints(cls)] for f in fields(cls)}


# Column types come from the dataclasses, not from the first row written: a first value
# of None (or 8 where 8.5 follows) must not make a DOUBLE column VARCHAR (or BIGINT).
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "reports": {"report": "VARCHAR", **_columns(Meta), "script": "VARCHAR", "chars": "BIGINT", "spans": "BIGINT"},
    "money": {"report": "VARCHAR", **_columns(Money)},
    "projects": {"report": "VARCHAR", **_columns(Project), "investment_value": "DOUBLE", "investment_currency": "VARCHAR"},
    "targets": {"report": "VARCHAR", "year": "BIGINT", "county": "VARCHAR", "city": "VARCHAR", **_columns(Target)},
    "slogans": {"report": "VARCHAR", "year": "BIGINT", **_columns(Slogan)},
    "glossary": {"report": "VARCHAR", "year": "BIGINT", **_columns(GlossaryEntry)},
}


def report_rows(report: Report, key: str) -> dict[str, list[dict[str, Any]]]:
    meta = asdict(report.meta)
    rows: dict[str, list[dict[str, Any]]] = {
        "reports": [{"report": key, **meta, "script": report.script, "chars": len(report.text),
                     "spans": len(report.spans)}],
        "money": [{"report": key, **asdict(m)} for m in report.money],
        "projects": [],
        "targets": [{"report": key, "year": meta["year"], "county": meta["county"], "city": meta["city"], **asdict(t)}
                    for t in report.targets],
        "slogans": [{"report": key, "year": meta["year"], **asdict(s)} for s in report.slogans],
        "glossary": [{"report": key, "year": meta["year"], **asdict(g)} for g in report.glossary],
    }
    for project in report.projects:
        row = {"report": key, **asdict(project)}
        investment = row.pop("investment")
        row["investment_value"] = investment["value"] if investment else None
        row["investment_currency"] = investment["currency"] if investment else None
        rows["projects"].append(row)
    return rows


class JsonlWriter:
    """One JSON object per report (``{"report": key, "tables": {...}}``) per line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def done(self) -> set[str]:
        if not self.path.exists():
            return set()
        with open(self.path, encoding="utf-8") as handle:
            return {json.loads(line)["report"] for line in handle if line.strip()}

    def write(self, key: str, rows: dict[str, list[dict]]) -> None:
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"report": key, "tables": rows}, ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


class DuckDBWriter:
    """Tables in a DuckDB file; rows are inserted per report, so a crash loses one report."""

    def __init__(self, path: Path) -> None:
        import duckdb

        self.connection = duckdb.connect(str(path))
        self.known: dict[str, list[str]] = {}
        for (table,) in self.connection.execute("select table_name from information_schema.tables").fetchall():
            self.known[table] = [c[0] for c in self.connection.execute(f"describe {table}").fetchall()]

    def done(self) -> set[str]:
        if "reports" not in self.known:
            return set()
        return {row[0] for row in self.connection.execute("select report from reports").fetchall()}

    def _ensure(self, table: str, sample: dict[str, Any]) -> None:
        """Create the table, or add the columns it lacks: a file written by an older version
        resumes with this version's columns (NULL in its earlier rows), none dropped."""
        known = COLUMN_TYPES.get(table, {})
        names = list(known) + [name for name in sample if name not in known]

        def declared(name: str) -> str:
            return f'"{name}" {known.get(name) or _SQL_TYPES.get(type(sample[name]), "VARCHAR")}'

        if table not in self.known:
            self.connection.execute(f"create table {table} ({', '.join(map(declared, names))})")
            self.known[table] = names
            return
        for name in names:
            if name not in self.known[table]:
                self.connection.execute(f"alter table {table} add column {declared(name)}")
                self.known[table].append(name)

    def write(self, key: str, rows: dict[str, list[dict]]) -> None:
        self.connection.execute("begin")
        for table in TABLES:
            for row in rows[table]:
                self._ensure(table, row)
                columns = self.known[table]
                values = [row.get(c) if not isinstance(row.get(c), (dict, list)) else json.dumps(row.get(c), ensure_ascii=False)
                          for c in columns]
                placeholders = ", ".join("?" for _ in columns)
                self.connection.execute(f"insert into {table} values ({placeholders})", values)
        self.connection.execute("commit")

    def close(self) -> None:
        self.connection.close()


class ParquetWriter(DuckDBWriter):
    """Parquet files, one per table, in a directory: collected in an in-memory DuckDB and
    written at the end (resuming reads the existing files back first)."""

    def __init__(self, path: Path) -> None:
        super().__init__(Path(":memory:"))
        self.directory = path
        path.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            file = path / f"{table}.parquet"
            if file.exists():
                self.connection.execute(f"create table {table} as select * from read_parquet('{file}')")
                self.known[table] = [c[0] for c in self.connection.execute(f"describe {table}").fetchall()]

    def close(self) -> None:
        for table in self.known:
            self.connection.execute(f"copy {table} to '{self.directory / (table + '.parquet')}' (format parquet)")
        self.connection.close()


def open_writer(path: Path) -> JsonlWriter | DuckDBWriter:
    """Pick the writer by the output's suffix: .jsonl, .duckdb/.db, or .parquet (a directory)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return JsonlWriter(path)
    if suffix in (".duckdb", ".db"):
        return DuckDBWriter(path)
    if suffix == ".parquet":
        return ParquetWriter(path)
    raise ValueError(f"unknown output type {path.suffix!r}: use .duckdb, .parquet or .jsonl")
